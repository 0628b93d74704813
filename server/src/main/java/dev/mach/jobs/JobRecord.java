package dev.mach.jobs;

import java.time.Instant;
import java.util.UUID;

/** One row of Mach's job table. */
record JobRecord(
    UUID id,
    String kind,
    JobState state,
    int progress,
    int attempts,
    String error,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt) {}
