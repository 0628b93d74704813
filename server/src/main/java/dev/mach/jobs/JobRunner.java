package dev.mach.jobs;

import dev.mach.config.MachProperties;
import java.time.Clock;
import java.util.UUID;
import org.jobrunr.jobs.context.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every tracked job handler runs its work through: counts the attempt, reports progress,
 * stores the result and the final state in one transaction, and rethrows failures so JobRunr
 * retries them with its backoff.
 */
@Component
public class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  private static final int MAX_ERROR = 500;

  private final JobQueries queries;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final int retries;

  JobRunner(JobQueries queries, TransactionTemplate tx, Clock clock, MachProperties properties) {
    this.queries = queries;
    this.tx = tx;
    this.clock = clock;
    this.retries = properties.jobs().retries();
  }

  /** The work of one attempt; it may run again after a failure, so it must be repeatable. */
  @FunctionalInterface
  public interface Work {
    /** The result for the owner to download, or null when there is none. */
    JobResult perform(Progress progress) throws Exception;
  }

  /** Lets the work say how far it got, in percent; the owner sees it in the job's status. */
  @FunctionalInterface
  public interface Progress {
    void report(int percent);
  }

  public void run(JobContext context, Work work) throws Exception {
    UUID id = context.getJobId();
    if (queries.startAttempt(id, clock.instant()) == 0) {
      log.info("job {} has no owner any more (account deleted); nothing to do", id);
      return;
    }
    JobResult result;
    try {
      result =
          work.perform(
              percent -> queries.progress(id, Math.clamp(percent, 0, 99), clock.instant()));
    } catch (Exception e) {
      // JobRunr counts this failure after we return: failures so far include the earlier ones only
      boolean last = context.amountOfFailures() >= retries;
      queries.finish(id, last ? JobState.FAILED : JobState.RETRYING, describe(e), clock.instant());
      throw e;
    }
    tx.executeWithoutResult(
        status -> {
          if (result != null) {
            queries.putResult(id, result);
          }
          queries.finish(id, JobState.SUCCEEDED, null, clock.instant());
        });
  }

  private static String describe(Exception e) {
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
  }
}
