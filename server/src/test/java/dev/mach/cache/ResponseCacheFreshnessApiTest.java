package dev.mach.cache;

/** The freshness contract on one instance with its in-process tier only (the embedded default). */
class ResponseCacheFreshnessApiTest extends CacheFreshnessContract {}
