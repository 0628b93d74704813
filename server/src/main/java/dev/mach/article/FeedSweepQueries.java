package dev.mach.article;

import static dev.mach.db.Tables.FEED_PENDING_ARTICLES;
import static dev.mach.db.Tables.FEED_PENDING_FOLLOWS;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The SQL of the rows that outlive a lost feed job until the sweep enqueues it again. */
@Repository
class FeedSweepQueries {

  /** A follow whose backfill has not run yet. */
  record PendingFollow(long readerId, long authorId) {}

  private final DSLContext db;

  FeedSweepQueries(DSLContext db) {
    this.db = db;
  }

  /** In the publishing transaction: the article's fan-out is owed until its job runs. */
  void addPendingArticle(long articleId, Instant sweepAt) {
    db.insertInto(
            FEED_PENDING_ARTICLES, FEED_PENDING_ARTICLES.ARTICLE_ID, FEED_PENDING_ARTICLES.SWEEP_AT)
        .values(articleId, sweepAt)
        .execute();
  }

  /** In the fan-out job's transaction: it is no longer owed. */
  void removePendingArticle(long articleId) {
    db.deleteFrom(FEED_PENDING_ARTICLES)
        .where(FEED_PENDING_ARTICLES.ARTICLE_ID.eq(articleId))
        .execute();
  }

  /** Articles still owed their fan-out at {@code now}, the longest overdue first. */
  List<Long> overdueArticles(Instant now, int limit) {
    return db.select(FEED_PENDING_ARTICLES.ARTICLE_ID)
        .from(FEED_PENDING_ARTICLES)
        .where(FEED_PENDING_ARTICLES.SWEEP_AT.le(now))
        .orderBy(FEED_PENDING_ARTICLES.SWEEP_AT, FEED_PENDING_ARTICLES.ARTICLE_ID)
        .limit(limit)
        .fetch(FEED_PENDING_ARTICLES.ARTICLE_ID);
  }

  void postponeArticles(Collection<Long> articleIds, Instant sweepAt) {
    db.update(FEED_PENDING_ARTICLES)
        .set(FEED_PENDING_ARTICLES.SWEEP_AT, sweepAt)
        .where(FEED_PENDING_ARTICLES.ARTICLE_ID.in(articleIds))
        .execute();
  }

  /** Follows still waiting for their backfill at {@code now}, the longest overdue first. */
  List<PendingFollow> overdueFollows(Instant now, int limit) {
    return db.select(FEED_PENDING_FOLLOWS.READER_ID, FEED_PENDING_FOLLOWS.AUTHOR_ID)
        .from(FEED_PENDING_FOLLOWS)
        .where(FEED_PENDING_FOLLOWS.SWEEP_AT.le(now))
        .orderBy(
            FEED_PENDING_FOLLOWS.SWEEP_AT,
            FEED_PENDING_FOLLOWS.READER_ID,
            FEED_PENDING_FOLLOWS.AUTHOR_ID)
        .limit(limit)
        .fetch(r -> new PendingFollow(r.value1(), r.value2()));
  }

  void postponeFollows(Collection<PendingFollow> follows, Instant sweepAt) {
    db.update(FEED_PENDING_FOLLOWS)
        .set(FEED_PENDING_FOLLOWS.SWEEP_AT, sweepAt)
        .where(
            DSL.row(FEED_PENDING_FOLLOWS.READER_ID, FEED_PENDING_FOLLOWS.AUTHOR_ID)
                .in(follows.stream().map(f -> DSL.row(f.readerId(), f.authorId())).toList()))
        .execute();
  }
}
