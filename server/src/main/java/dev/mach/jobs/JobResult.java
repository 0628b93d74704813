package dev.mach.jobs;

/** What a job produced for its owner to download. */
public record JobResult(String mediaType, String fileName, String body) {}
