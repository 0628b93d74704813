package dev.mach.jobs;

import dev.mach.config.MachProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Bounded retention: finished jobs and their results go once mach.jobs.retention has passed. */
@Component
public class JobsCleanup {

  private static final Logger log = LoggerFactory.getLogger(JobsCleanup.class);

  private final JobQueries queries;
  private final Clock clock;
  private final Duration retention;

  JobsCleanup(JobQueries queries, Clock clock, MachProperties properties) {
    this.queries = queries;
    this.clock = clock;
    this.retention = properties.jobs().retention();
  }

  /** Idempotent: deleting what is already gone deletes nothing. */
  public void run() {
    Instant cutoff = clock.instant().minus(retention);
    int finished = queries.deleteFinishedBefore(cutoff);
    int abandoned = queries.deleteAbandonedBefore(cutoff);
    if (finished + abandoned > 0) {
      log.info("removed {} finished and {} abandoned job records", finished, abandoned);
    }
  }
}
