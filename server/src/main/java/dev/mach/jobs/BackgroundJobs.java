package dev.mach.jobs;

import dev.mach.error.ApiException;
import java.time.Clock;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.IocJobLambda;
import org.jobrunr.scheduling.JobScheduler;
import org.springframework.stereotype.Service;

/**
 * Long work that answers 202 now and finishes in the background: the job goes to JobRunr's queue
 * (in the database, so it survives a restart) and Mach keeps who owns it and how far it got.
 */
@Service
public class BackgroundJobs {

  private final JobQueries queries;
  private final JobScheduler scheduler;
  private final Clock clock;

  BackgroundJobs(JobQueries queries, JobScheduler scheduler, Clock clock) {
    this.queries = queries;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * Records a job of {@code kind} for its owner and enqueues {@code job}, which runs on the bean of
   * type {@code S} in whichever instance's job server takes it. The handler gets the id from its
   * {@code JobContext} and should go through {@link JobRunner}.
   */
  public <S> UUID submit(long ownerId, String kind, IocJobLambda<S> job) {
    UUID id = UUID.randomUUID();
    // the row first: a job that runs before its row exists would have nowhere to report
    queries.insert(id, ownerId, kind, clock.instant());
    scheduler.enqueue(id, job);
    return id;
  }

  /** Where a client polls a job: the {@code Location} of a 202. */
  public static String location(UUID id) {
    return "/api/jobs/" + id;
  }

  JobStatus status(long viewer, UUID id) {
    return queries
        .find(id, viewer)
        .map(JobStatus::of)
        .orElseThrow(() -> ApiException.notFound("job"));
  }

  /** The result of a succeeded job; 404 for others' jobs, unknown ids and unfinished jobs. */
  JobResult result(long viewer, UUID id) {
    return queries.result(id, viewer).orElseThrow(() -> ApiException.notFound("job"));
  }
}
