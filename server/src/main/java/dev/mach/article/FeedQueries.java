package dev.mach.article;

import static dev.mach.db.Tables.ARTICLES;
import static dev.mach.db.Tables.FEED_ENTRIES;
import static dev.mach.db.Tables.FEED_PENDING_FOLLOWS;
import static dev.mach.db.Tables.FEED_PULL_AUTHORS;
import static dev.mach.db.Tables.FEED_STATE;
import static dev.mach.db.Tables.FOLLOWS;
import static dev.mach.db.Tables.USERS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.SelectWhereStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

/** All SQL of the feed's timelines (see {@link FeedTimeline} for what they must hold). */
@Repository
class FeedQueries {

  private static final Field<Long> SOURCE = DSL.field(DSL.name("source"), Long.class);
  private static final Long TIMELINE = 0L;

  private final DSLContext db;

  FeedQueries(DSLContext db) {
    this.db = db;
  }

  /** What one feed page needs before reading: the exact total, and the followees to pull. */
  record Followees(long articleCount, List<Long> pulled) {}

  /** A row of the page statement: the article and where it came from (0: the timeline). */
  record Sourced(long source, ArticleRow row) {}

  // ---- reads ----

  /**
   * The reader's followees grouped into one row for all pushed authors and one per pulled author,
   * each with its article counter: a handful of rows, however many authors the reader follows.
   */
  Followees followees(long readerId, int threshold) {
    Field<Long> pulled = DSL.when(pulledAuthor(threshold), FOLLOWS.FOLLOWEE_ID).as("pulled_author");
    Table<?> each =
        DSL.select(pulled, USERS.ARTICLE_COUNT)
            .from(FOLLOWS)
            .join(USERS)
            .on(USERS.ID.eq(FOLLOWS.FOLLOWEE_ID))
            .where(FOLLOWS.FOLLOWER_ID.eq(readerId))
            .asTable("each_followee");
    Field<Long> author = each.field(pulled);
    long total = 0;
    List<Long> pulledIds = new ArrayList<>();
    for (var r :
        db.select(author, DSL.sum(each.field(USERS.ARTICLE_COUNT)).cast(Long.class))
            .from(each)
            .groupBy(author)) {
      total += r.value2() == null ? 0 : r.value2();
      if (r.value1() != null) {
        pulledIds.add(r.value1());
      }
    }
    return new Followees(total, pulledIds);
  }

  /**
   * In one statement: the reader's timeline without the pulled authors, and each pulled author's
   * newest articles, at most {@code n} rows per source, each source in feed order.
   */
  List<Sourced> sources(long readerId, Collection<Long> pulled, int n) {
    Condition timeline = FEED_ENTRIES.READER_ID.eq(readerId).and(FOLLOWS.FOLLOWER_ID.isNotNull());
    if (!pulled.isEmpty()) {
      timeline = timeline.and(FEED_ENTRIES.AUTHOR_ID.notIn(pulled));
    }
    // the follows join drops entries a reader who unfollowed still has until their removal job ran
    Table<Record> newest =
        DSL.select(columns(DSL.inline(TIMELINE)))
            .from(FEED_ENTRIES)
            .join(FOLLOWS)
            .on(FOLLOWS.FOLLOWER_ID.eq(FEED_ENTRIES.READER_ID))
            .and(FOLLOWS.FOLLOWEE_ID.eq(FEED_ENTRIES.AUTHOR_ID))
            .join(ARTICLES)
            .on(ARTICLES.ID.eq(FEED_ENTRIES.ARTICLE_ID))
            .where(timeline)
            .orderBy(FEED_ENTRIES.CREATED_AT.desc(), FEED_ENTRIES.ARTICLE_ID.desc())
            .limit(n)
            .asTable("timeline");
    SelectWhereStep<Record> pushed = DSL.selectFrom(newest);
    Select<Record> all = pulled.isEmpty() ? pushed : pushed.unionAll(newestOf(pulled, n));
    List<Sourced> rows = new ArrayList<>();
    db.fetch(all).forEach(r -> rows.add(new Sourced(r.get(8, Long.class), toRow(r))));
    return rows;
  }

  /**
   * Each author's newest {@code n} articles, one index range per author. PostgreSQL does it as a
   * LATERAL join; H2 has no LATERAL, so there it is a UNION ALL of one limited select per author.
   */
  private Select<Record> newestOf(Collection<Long> authors, int n) {
    if (db.dialect().family() == SQLDialect.POSTGRES) {
      var newest =
          DSL.lateral(
                  DSL.select(ARTICLE_COLUMNS)
                      .from(ARTICLES)
                      .where(ARTICLES.AUTHOR_ID.eq(USERS.ID))
                      .orderBy(ARTICLES.CREATED_AT.desc(), ARTICLES.ID.desc())
                      .limit(n))
              .as("newest");
      List<SelectField<?>> fields = new ArrayList<>();
      ARTICLE_COLUMNS.forEach(f -> fields.add(newest.field(f)));
      fields.add(USERS.ID.as(SOURCE));
      return DSL.select(fields).from(USERS).crossJoin(newest).where(USERS.ID.in(authors));
    }
    Select<Record> union = null;
    for (long author : authors) {
      Select<Record> one =
          DSL.selectFrom(
              DSL.select(columns(DSL.inline(author)))
                  .from(ARTICLES)
                  .where(ARTICLES.AUTHOR_ID.eq(author))
                  .orderBy(ARTICLES.CREATED_AT.desc(), ARTICLES.ID.desc())
                  .limit(n)
                  .asTable("a" + author));
      union = union == null ? one : union.unionAll(one);
    }
    return union;
  }

  // ---- fan-out writes: each inserts only entries that are absent ----

  /** The author's follower count, with their user row locked until the transaction ends. */
  Optional<Integer> lockAuthor(long authorId) {
    return db.select(USERS.FOLLOWER_COUNT)
        .from(USERS)
        .where(USERS.ID.eq(authorId))
        .forUpdate()
        .fetchOptional(USERS.FOLLOWER_COUNT);
  }

  Optional<Long> authorOf(long articleId) {
    return db.select(ARTICLES.AUTHOR_ID)
        .from(ARTICLES)
        .where(ARTICLES.ID.eq(articleId))
        .fetchOptional(ARTICLES.AUTHOR_ID);
  }

  /** The article on the timeline of each current follower of its author. */
  int fanOut(long articleId) {
    return insertEntries(ARTICLES.ID.eq(articleId));
  }

  /** The author's articles on the reader's timeline, if the reader (still) follows them. */
  int backfill(long readerId, long authorId) {
    return insertEntries(ARTICLES.AUTHOR_ID.eq(authorId).and(FOLLOWS.FOLLOWER_ID.eq(readerId)));
  }

  /** The author's articles on every follower's timeline. */
  int promote(long authorId) {
    return insertEntries(ARTICLES.AUTHOR_ID.eq(authorId));
  }

  /**
   * Timelines of readers with ids in [from, to) for every followed author neither above the
   * threshold nor pulled: what a rebuild writes, one batch of readers per statement.
   */
  int rebuild(long from, long to, int threshold) {
    return insertEntries(
        FOLLOWS
            .FOLLOWER_ID
            .ge(from)
            .and(FOLLOWS.FOLLOWER_ID.lt(to))
            .andNot(pulledAuthor(threshold)), // which takes in pending follows
        REBUILD_TIMEOUT_SECONDS);
  }

  /**
   * A rebuild statement belongs to no request, and a batch of heavy followers (1,500 authors of 20
   * articles each) can take longer than a request's statement timeout on a busy machine: timed out,
   * the whole job retried from the first batch.
   */
  private static final int REBUILD_TIMEOUT_SECONDS = 300;

  /** Entries of an author the reader no longer follows. */
  int removeEntries(long readerId, long authorId) {
    return db.deleteFrom(FEED_ENTRIES)
        .where(FEED_ENTRIES.READER_ID.eq(readerId))
        .and(FEED_ENTRIES.AUTHOR_ID.eq(authorId))
        .andNotExists(
            DSL.selectOne()
                .from(FOLLOWS)
                .where(FOLLOWS.FOLLOWER_ID.eq(readerId))
                .and(FOLLOWS.FOLLOWEE_ID.eq(authorId)))
        .execute();
  }

  private int insertEntries(Condition which) {
    return insertEntries(which, 0);
  }

  /** {@code timeoutSeconds} 0: the configured statement timeout. */
  private int insertEntries(Condition which, int timeoutSeconds) {
    var e = FEED_ENTRIES.as("existing");
    return db.insertInto(
            FEED_ENTRIES,
            FEED_ENTRIES.READER_ID,
            FEED_ENTRIES.CREATED_AT,
            FEED_ENTRIES.ARTICLE_ID,
            FEED_ENTRIES.AUTHOR_ID)
        .select(
            DSL.select(FOLLOWS.FOLLOWER_ID, ARTICLES.CREATED_AT, ARTICLES.ID, ARTICLES.AUTHOR_ID)
                .from(FOLLOWS)
                .join(USERS)
                .on(USERS.ID.eq(FOLLOWS.FOLLOWEE_ID))
                .join(ARTICLES)
                .on(ARTICLES.AUTHOR_ID.eq(FOLLOWS.FOLLOWEE_ID))
                .where(which)
                .andNotExists(
                    DSL.selectOne()
                        .from(e)
                        .where(e.READER_ID.eq(FOLLOWS.FOLLOWER_ID))
                        .and(e.CREATED_AT.eq(ARTICLES.CREATED_AT))
                        .and(e.ARTICLE_ID.eq(ARTICLES.ID))))
        .queryTimeout(timeoutSeconds)
        .execute();
  }

  // ---- pulled authors and pending follows ----

  boolean isPulled(long authorId) {
    return db.fetchExists(FEED_PULL_AUTHORS, FEED_PULL_AUTHORS.AUTHOR_ID.eq(authorId));
  }

  /** True when the author was not pulled before. */
  boolean addPulled(long authorId) {
    try {
      return db.insertInto(FEED_PULL_AUTHORS, FEED_PULL_AUTHORS.AUTHOR_ID)
              .select(
                  DSL.select(DSL.val(authorId))
                      .whereNotExists(
                          DSL.selectOne()
                              .from(FEED_PULL_AUTHORS)
                              .where(FEED_PULL_AUTHORS.AUTHOR_ID.eq(authorId))))
              .execute()
          > 0;
    } catch (DuplicateKeyException raced) {
      return false; // a concurrent identical insert got there first
    }
  }

  /** Who follows the author now: whose timelines a fan-out of theirs writes. */
  List<Long> followerIds(long authorId) {
    return db.select(FOLLOWS.FOLLOWER_ID)
        .from(FOLLOWS)
        .where(FOLLOWS.FOLLOWEE_ID.eq(authorId))
        .fetch(FOLLOWS.FOLLOWER_ID);
  }

  void removePulled(long authorId) {
    db.deleteFrom(FEED_PULL_AUTHORS).where(FEED_PULL_AUTHORS.AUTHOR_ID.eq(authorId)).execute();
  }

  /** Every author above the threshold, pulled: after a bulk load or a lowered threshold. */
  int pullAllAbove(int threshold) {
    return db.insertInto(FEED_PULL_AUTHORS, FEED_PULL_AUTHORS.AUTHOR_ID)
        .select(
            DSL.select(USERS.ID)
                .from(USERS)
                .where(USERS.FOLLOWER_COUNT.gt(threshold))
                .andNotExists(
                    DSL.selectOne()
                        .from(FEED_PULL_AUTHORS)
                        .where(FEED_PULL_AUTHORS.AUTHOR_ID.eq(USERS.ID))))
        .execute();
  }

  /** Pulled authors back at or below the threshold: their timelines can be rebuilt. */
  List<Long> pulledAtOrBelow(int threshold) {
    return db.select(FEED_PULL_AUTHORS.AUTHOR_ID)
        .from(FEED_PULL_AUTHORS)
        .join(USERS)
        .on(USERS.ID.eq(FEED_PULL_AUTHORS.AUTHOR_ID))
        .where(USERS.FOLLOWER_COUNT.le(threshold))
        .fetch(FEED_PULL_AUTHORS.AUTHOR_ID);
  }

  void addPending(long readerId, long authorId, Instant sweepAt) {
    insertAbsent(
        () ->
            db.insertInto(
                    FEED_PENDING_FOLLOWS,
                    FEED_PENDING_FOLLOWS.READER_ID,
                    FEED_PENDING_FOLLOWS.AUTHOR_ID,
                    FEED_PENDING_FOLLOWS.SWEEP_AT)
                .select(
                    DSL.select(DSL.val(readerId), DSL.val(authorId), DSL.val(sweepAt))
                        .whereNotExists(
                            DSL.selectOne()
                                .from(FEED_PENDING_FOLLOWS)
                                .where(FEED_PENDING_FOLLOWS.READER_ID.eq(readerId))
                                .and(FEED_PENDING_FOLLOWS.AUTHOR_ID.eq(authorId))))
                .execute());
  }

  void removePending(long readerId, long authorId) {
    db.deleteFrom(FEED_PENDING_FOLLOWS)
        .where(FEED_PENDING_FOLLOWS.READER_ID.eq(readerId))
        .and(FEED_PENDING_FOLLOWS.AUTHOR_ID.eq(authorId))
        .execute();
  }

  long maxUserId() {
    Long max = db.select(DSL.max(USERS.ID)).from(USERS).fetchOne(0, Long.class);
    return max == null ? 0 : max;
  }

  // ---- state ----

  record State(boolean complete, long generation) {}

  State state() {
    return db.select(FEED_STATE.COMPLETE, FEED_STATE.GENERATION)
        .from(FEED_STATE)
        .where(FEED_STATE.ID.eq(1))
        .fetchOne(r -> new State(r.value1(), r.value2()));
  }

  /** Timelines stop being complete; a no-op when they are not. */
  void markIncomplete() {
    db.update(FEED_STATE)
        .set(FEED_STATE.COMPLETE, false)
        .set(FEED_STATE.GENERATION, FEED_STATE.GENERATION.plus(1))
        .where(FEED_STATE.ID.eq(1))
        .and(FEED_STATE.COMPLETE.isTrue())
        .execute();
  }

  /** True when the rebuild of this generation completed the timelines. */
  boolean markComplete(long generation) {
    return db.update(FEED_STATE)
            .set(FEED_STATE.COMPLETE, true)
            .where(FEED_STATE.ID.eq(1))
            .and(FEED_STATE.GENERATION.eq(generation))
            .execute()
        > 0;
  }

  // ---- helpers ----

  /** Authors the feed merges at read time, for a row of FOLLOWS joined to its followee's USERS. */
  private static Condition pulledAuthor(int threshold) {
    return USERS
        .FOLLOWER_COUNT
        .gt(threshold)
        .or(
            DSL.exists(
                DSL.selectOne()
                    .from(FEED_PULL_AUTHORS)
                    .where(FEED_PULL_AUTHORS.AUTHOR_ID.eq(FOLLOWS.FOLLOWEE_ID))))
        .or(pending());
  }

  private static Condition pending() {
    return DSL.exists(
        DSL.selectOne()
            .from(FEED_PENDING_FOLLOWS)
            .where(FEED_PENDING_FOLLOWS.READER_ID.eq(FOLLOWS.FOLLOWER_ID))
            .and(FEED_PENDING_FOLLOWS.AUTHOR_ID.eq(FOLLOWS.FOLLOWEE_ID)));
  }

  private static void insertAbsent(Runnable insert) {
    try {
      insert.run();
    } catch (DuplicateKeyException raced) {
      // a concurrent identical insert got there first: the row is there, which is all we want
    }
  }

  private static final List<Field<?>> ARTICLE_COLUMNS =
      List.of(
          ARTICLES.ID,
          ARTICLES.SLUG,
          ARTICLES.TITLE,
          ARTICLES.DESCRIPTION,
          ARTICLES.AUTHOR_ID,
          ARTICLES.FAVORITES_COUNT,
          ARTICLES.CREATED_AT,
          ARTICLES.UPDATED_AT);

  private static List<SelectField<?>> columns(Field<Long> source) {
    List<SelectField<?>> all = new ArrayList<>(ARTICLE_COLUMNS);
    all.add(source.as(SOURCE));
    return all;
  }

  /** By position: the union's columns are named after its first branch. */
  private static ArticleRow toRow(Record r) {
    return new ArticleRow(
        r.get(0, Long.class),
        r.get(1, String.class),
        r.get(2, String.class),
        r.get(3, String.class),
        null,
        r.get(4, Long.class),
        r.get(5, Integer.class),
        r.get(6, java.time.Instant.class),
        r.get(7, java.time.Instant.class));
  }
}
