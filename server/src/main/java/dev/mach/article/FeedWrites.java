package dev.mach.article;

import dev.mach.cache.CacheKeys;
import dev.mach.cache.Invalidator;
import dev.mach.config.MachProperties;
import dev.mach.profile.FollowChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What writes do for the feed, inside their transaction: the rows that must change with them
 * (pending articles and follows, pulled authors), and the jobs to run once they committed. A job
 * enqueued before the commit could run before it and find nothing; one enqueued after a rollback is
 * never enqueued at all. The pending rows outlive a crash between the commit and the enqueue, and
 * {@link FeedSweep} enqueues their jobs again. With fan-out off, each such write marks timelines
 * incomplete instead.
 */
@Component
class FeedWrites {

  private static final Logger log = LoggerFactory.getLogger(FeedWrites.class);

  private final FeedQueries queries;
  private final FeedSweepQueries pending;
  private final Clock clock;
  // resolved on first use: the scheduler's storage must not be set up before Flyway has migrated
  // (or, with --reset, cleaned) the database
  private final ObjectProvider<JobScheduler> jobs;
  private final Invalidator invalidator;
  private final PulledAuthors pulled;
  private final boolean enabled;
  private final int threshold;
  private final Duration sweepAfter;

  FeedWrites(
      FeedQueries queries,
      FeedSweepQueries pending,
      Clock clock,
      ObjectProvider<JobScheduler> jobs,
      Invalidator invalidator,
      PulledAuthors pulled,
      MachProperties properties) {
    this.invalidator = invalidator;
    this.pulled = pulled;
    this.queries = queries;
    this.pending = pending;
    this.clock = clock;
    this.jobs = jobs;
    this.enabled = properties.feed().fanOut().enabled();
    this.threshold = properties.feed().fanOut().pullThreshold();
    this.sweepAfter = properties.feed().fanOut().sweepAfter();
  }

  /** In the publishing transaction. */
  void published(long articleId) {
    if (!enabled) {
      queries.markIncomplete();
      return;
    }
    pending.addPendingArticle(articleId, sweepAt());
    afterCommit(() -> jobs.getObject().<FanOutJobs>enqueue(j -> j.fanOut(articleId)));
  }

  /** In the follow's transaction, with the author's user row locked. */
  @EventListener
  void followChanged(FollowChanged change) {
    if (!enabled) {
      queries.markIncomplete();
      return;
    }
    long reader = change.readerId();
    long author = change.authorId();
    // the reader's cached feed shows this author's articles, and their following flag, no more
    invalidator.changed(CacheKeys.timeline(reader));
    if (change.following()) {
      // the feed pulls this author for this reader until the backfill has run
      queries.addPending(reader, author, sweepAt());
      if (change.followerCount() > threshold) {
        pulled.pull(author);
      }
      afterCommit(() -> jobs.getObject().<FanOutJobs>enqueue(j -> j.backfill(reader, author)));
    } else {
      afterCommit(() -> jobs.getObject().<FanOutJobs>enqueue(j -> j.remove(reader, author)));
      if (change.followerCount() == threshold) {
        // just came back to the threshold: if the author was pulled, they can be pushed again
        afterCommit(() -> jobs.getObject().<FanOutJobs>enqueue(j -> j.promote(author)));
      }
    }
  }

  /** When the sweep takes a write's job for lost if it has not run by then. */
  private Instant sweepAt() {
    return clock.instant().plus(sweepAfter);
  }

  private void afterCommit(Runnable enqueue) {
    Runnable guarded =
        () -> {
          try {
            enqueue.run();
          } catch (RuntimeException e) {
            // the write stands without its job, as after a crash, and the same things make up for
            // it: the sweep enqueues a fan-out or backfill again (their pending rows are there),
            // the next start a promotion; a removal's entries never show, as the read joins follows
            log.error(
                "Could not enqueue a feed job; the feed's sweep or next start enqueues it", e);
          }
        };
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      guarded.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            guarded.run();
          }
        });
  }
}
