package dev.mach.observability;

/**
 * What one access log line says, captured on the request's thread; the writer formats it later.
 *
 * @param startNanos when the request arrived, by {@link System#nanoTime()} (the writer turns it
 *     into wall-clock time, which saves a clock read per request)
 * @param nanos how long Mach took to answer it
 * @param user the signed-in user's id, or -1 when the request had no valid token
 * @param client the client's address (after trusted proxies), used when there is no user
 * @param bytes response body bytes Mach wrote (before Jetty's compression), or -1 if unknown
 * @param statements SQL statements the request ran, or -1 when not counted (answered from cache)
 */
record AccessLogEntry(
    long startNanos,
    long nanos,
    String requestId,
    String method,
    String route,
    String path,
    int status,
    long bytes,
    long user,
    String client,
    int statements) {}
