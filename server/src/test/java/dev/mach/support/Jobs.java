package dev.mach.support;

import java.time.Duration;
import java.util.List;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.AmountRequest;

/** Waiting for JobRunr's queue, for behaviour that background jobs complete. */
public final class Jobs {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final List<StateName> UNFINISHED =
      List.of(StateName.AWAITING, StateName.ENQUEUED, StateName.PROCESSING);

  private Jobs() {}

  /** Scheduled jobs that are not a recurring job's next run: retries waiting for their backoff. */
  private static long retriesDue(StorageProvider storage) {
    return storage
        .getJobList(StateName.SCHEDULED, new AmountRequest("updatedAt:ASC", 10_000))
        .stream()
        .filter(job -> job.getRecurringJobId().isEmpty())
        .count();
  }

  /**
   * Returns once no job is waiting, running or waiting for a retry. JobRunr polls every 5 seconds
   * at the least (its floor for SQL storage), so this takes up to that long after a write. The next
   * runs of recurring jobs (tag popularity, cleanup) are always scheduled, and do not count.
   */
  public static void awaitIdle(StorageProvider storage) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (UNFINISHED.stream().mapToLong(storage::countJobs).sum() + retriesDue(storage) > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "background jobs still unfinished after "
                + DEADLINE
                + ": "
                + UNFINISHED.stream().map(s -> s + "=" + storage.countJobs(s)).toList()
                + ", scheduled (not recurring)="
                + retriesDue(storage));
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
