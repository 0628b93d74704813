package dev.mach.article;

import dev.mach.config.MachProperties;
import dev.mach.config.SqlStatementCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enqueues again the feed jobs a crash may have lost. A publication or a follow enqueues its job
 * only once it has committed, so an instance that dies in between leaves the write without its job:
 * followers would never get the article on their timelines, and a follow would be pulled at read
 * time for good. Both writes leave a pending row that only their job deletes; a row still there
 * {@code mach.feed.fan-out.sweep-after} later gets its job enqueued again, and its deadline moved
 * on by as much, so a job that is merely slow runs twice, to the effect of once.
 *
 * <p>A recurring job (every {@code mach.feed.fan-out.sweep-every}), run by one instance at a time.
 * Public, as JobRunr calls it by reflection; nothing else should.
 */
@Component
public class FeedSweep {

  private static final Logger log = LoggerFactory.getLogger(FeedSweep.class);
  static final String RECURRING_ID = "mach-feed-sweep";

  /** Rows a sweep takes at most; the next one takes the rest. */
  private static final int LIMIT = 1000;

  private final FeedSweepQueries queries;
  private final TransactionTemplate tx;
  // resolved on first use, as in FeedWrites: not before Flyway has migrated the database
  private final ObjectProvider<JobScheduler> jobs;
  private final Clock clock;
  private final boolean enabled;
  private final Duration every;
  private final Duration after;

  FeedSweep(
      FeedSweepQueries queries,
      TransactionTemplate tx,
      ObjectProvider<JobScheduler> jobs,
      Clock clock,
      MachProperties properties) {
    this.queries = queries;
    this.tx = tx;
    this.jobs = jobs;
    this.clock = clock;
    var fanOut = properties.feed().fanOut();
    this.enabled = fanOut.enabled();
    this.every = fanOut.sweepEvery();
    this.after = fanOut.sweepAfter();
  }

  /**
   * Every instance with fan-out on registers it (the id is fixed, so this updates it); JobRunr runs
   * each occurrence on one instance.
   */
  @EventListener(ApplicationReadyEvent.class)
  void schedule() {
    if (enabled) {
      jobs.getObject().<FeedSweep>scheduleRecurrently(RECURRING_ID, every, job -> job.sweep());
    }
  }

  @Job(name = "Feed: enqueue jobs a crash may have lost")
  public void sweep() {
    if (!enabled) {
      return; // an instance with fan-out off leaves no pending rows; timelines get rebuilt anyway
    }
    Instant now = clock.instant();
    List<Long> articles = new ArrayList<>();
    List<FeedSweepQueries.PendingFollow> follows = new ArrayList<>();
    SqlStatementCounter.uncounted(
        () ->
            tx.executeWithoutResult(
                status -> {
                  articles.addAll(queries.overdueArticles(now, LIMIT));
                  follows.addAll(queries.overdueFollows(now, LIMIT));
                  // moved on before the enqueues: one that fails is tried again a period later
                  if (!articles.isEmpty()) {
                    queries.postponeArticles(articles, now.plus(after));
                  }
                  if (!follows.isEmpty()) {
                    queries.postponeFollows(follows, now.plus(after));
                  }
                }));
    if (articles.isEmpty() && follows.isEmpty()) {
      return;
    }
    log.warn(
        "Feed jobs overdue (lost to a crash, failed, or slow), enqueued again: {} fan-outs, {} backfills",
        articles.size(),
        follows.size());
    JobScheduler scheduler = jobs.getObject();
    for (long articleId : articles) {
      scheduler.<FanOutJobs>enqueue(j -> j.fanOut(articleId));
    }
    for (var follow : follows) {
      long reader = follow.readerId();
      long author = follow.authorId();
      scheduler.<FanOutJobs>enqueue(j -> j.backfill(reader, author));
    }
  }
}
