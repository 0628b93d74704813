package dev.mach.article;

import dev.mach.cache.CacheKeys;
import dev.mach.cache.Invalidator;
import dev.mach.config.MachProperties;
import dev.mach.config.SqlStatementCounter;
import org.jobrunr.jobs.annotations.Job;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The feed's background jobs, run by JobRunr on any instance, in any order, possibly more than
 * once, and possibly for writes that were rolled back. So each one looks at the database as it is
 * when it runs, not at what it was enqueued with, and only ever adds entries that are absent or
 * removes ones that are no longer wanted. Decisions about an author are taken with the author's
 * user row locked, which follows, unfollows and publications of that author also take.
 *
 * <p>Public, as JobRunr calls these methods by reflection; nothing else should.
 */
@Component
public class FanOutJobs {

  private static final int ATTEMPTS = 3;

  private final FeedQueries queries;
  private final FeedSweepQueries pending;
  private final TransactionTemplate tx;
  private final Invalidator invalidator;
  private final PulledAuthors pulled;
  private final int threshold;
  private final int rebuildBatch;

  FanOutJobs(
      FeedQueries queries,
      FeedSweepQueries pending,
      TransactionTemplate tx,
      Invalidator invalidator,
      PulledAuthors pulled,
      MachProperties properties) {
    this.queries = queries;
    this.pending = pending;
    this.tx = tx;
    this.invalidator = invalidator;
    this.pulled = pulled;
    this.threshold = properties.feed().fanOut().pullThreshold();
    this.rebuildBatch = Math.max(1, properties.feed().fanOut().rebuildBatch());
  }

  /**
   * A new article onto its author's followers' timelines, unless the author is pulled; either way
   * its fan-out is no longer owed.
   */
  @Job(name = "Feed: fan out article %0")
  public void fanOut(long articleId) {
    inTransaction(
        () -> {
          pending.removePendingArticle(articleId);
          queries
              .authorOf(articleId) // absent: rolled back or deleted since, nothing to do
              .ifPresent(
                  author ->
                      queries
                          .lockAuthor(author)
                          .ifPresent(
                              followers -> {
                                if (followers > threshold) {
                                  pulled.pull(author);
                                } else {
                                  queries.fanOut(articleId);
                                  // cached feeds of these readers now miss the article
                                  invalidator.changed(
                                      queries.followerIds(author).stream()
                                          .map(CacheKeys::timeline)
                                          .toList());
                                }
                              }));
        });
  }

  /** A new followee's articles onto the reader's timeline; then the feed stops pulling them. */
  @Job(name = "Feed: backfill author %1 for reader %0")
  public void backfill(long readerId, long authorId) {
    inTransaction(
        () -> {
          queries
              .lockAuthor(authorId)
              .ifPresent(
                  followers -> {
                    if (followers > threshold) {
                      pulled.pull(authorId);
                    } else if (!queries.isPulled(authorId)) {
                      queries.backfill(readerId, authorId); // only while the follow exists
                    }
                  });
          queries.removePending(readerId, authorId);
          invalidator.changed(CacheKeys.timeline(readerId));
        });
  }

  /** An unfollowed author's entries off the reader's timeline, unless they follow again. */
  @Job(name = "Feed: remove author %1 from reader %0")
  public void remove(long readerId, long authorId) {
    inTransaction(
        () -> {
          queries.removeEntries(readerId, authorId);
          invalidator.changed(CacheKeys.timeline(readerId));
        });
  }

  /** A pulled author back at or below the threshold: every follower's entries, then pushed. */
  @Job(name = "Feed: push author %0 again")
  public void promote(long authorId) {
    inTransaction(() -> promoteLocked(authorId));
  }

  /**
   * Every timeline from follows and articles, a batch of readers per statement, then the state row
   * says complete, unless timelines were marked incomplete again meanwhile.
   */
  @Job(name = "Feed: rebuild timelines (generation %0)")
  public void rebuild(long generation) {
    inTransaction(() -> pulled.pullAllAbove(threshold));
    long last = queries.maxUserId();
    for (long from = 0; from <= last; from += rebuildBatch) {
      long start = from;
      inTransaction(() -> queries.rebuild(start, start + rebuildBatch, threshold));
    }
    for (long author : queries.pulledAtOrBelow(threshold)) {
      inTransaction(() -> promoteLocked(author));
    }
    inTransaction(
        () -> {
          if (queries.markComplete(generation)) {
            invalidator.changed(CacheKeys.FEED_SHAPE);
          }
        });
  }

  private void promoteLocked(long authorId) {
    queries
        .lockAuthor(authorId)
        .filter(followers -> followers <= threshold)
        .ifPresent(
            followers -> {
              if (queries.isPulled(authorId)) {
                queries.promote(authorId);
                queries.removePulled(authorId);
                invalidator.changed(CacheKeys.FEED_SHAPE);
              }
            });
  }

  /**
   * Runs one step in a transaction, uncounted (it belongs to no request). Two runs inserting the
   * same entry at once make one fail on the unique index; run again, it finds the entry there.
   */
  private void inTransaction(Runnable step) {
    SqlStatementCounter.uncounted(
        () -> {
          for (int attempt = 1; ; attempt++) {
            try {
              tx.executeWithoutResult(status -> step.run());
              return;
            } catch (DuplicateKeyException raced) {
              if (attempt == ATTEMPTS) {
                throw raced; // JobRunr retries the whole job later
              }
            }
          }
        });
  }
}
