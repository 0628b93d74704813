package dev.mach.support;

import java.time.Duration;
import java.util.List;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;

/** Waiting for JobRunr's queue, for behaviour that background jobs complete. */
public final class Jobs {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final List<StateName> UNFINISHED =
      List.of(StateName.AWAITING, StateName.SCHEDULED, StateName.ENQUEUED, StateName.PROCESSING);

  private Jobs() {}

  /**
   * Returns once no job is waiting, running or waiting for a retry. JobRunr polls every 5 seconds
   * at the least (its floor for SQL storage), so this takes up to that long after a write.
   */
  public static void awaitIdle(StorageProvider storage) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (UNFINISHED.stream().mapToLong(storage::countJobs).sum() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "background jobs still unfinished after "
                + DEADLINE
                + ": "
                + UNFINISHED.stream().map(s -> s + "=" + storage.countJobs(s)).toList());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for jobs", e);
      }
    }
  }
}
