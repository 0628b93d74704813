package dev.mach.jobs;

import java.util.Locale;

/** A job's state as its owner sees it (JobRunr's own states are finer and internal). */
public enum JobState {
  QUEUED,
  RUNNING,
  /** An attempt failed; JobRunr runs it again after its backoff. */
  RETRYING,
  SUCCEEDED,
  /** Every attempt failed. */
  FAILED;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static JobState of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }

  boolean finished() {
    return this == SUCCEEDED || this == FAILED;
  }
}
