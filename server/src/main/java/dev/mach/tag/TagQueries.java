package dev.mach.tag;

import static dev.mach.db.Tables.ARTICLE_TAGS;
import static dev.mach.db.Tables.TAGS;
import static dev.mach.db.Tables.TAG_POPULARITY;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** All SQL of the tag feature. */
@Repository
class TagQueries {

  private final DSLContext db;

  TagQueries(DSLContext db) {
    this.db = db;
  }

  /**
   * Tags at least one article carries: the popularity ranking first, then the unranked ones (new,
   * or not used lately) by all-time use. {@code limit} null means all of them.
   */
  List<String> inUse(Integer limit) {
    var query =
        db.select(TAGS.NAME)
            .from(TAGS)
            .leftJoin(TAG_POPULARITY)
            .on(TAG_POPULARITY.TAG_ID.eq(TAGS.ID))
            .where(TAGS.ARTICLE_COUNT.gt(0))
            .orderBy(TAG_POPULARITY.RANK.asc().nullsLast(), TAGS.ARTICLE_COUNT.desc(), TAGS.NAME);
    return limit == null ? query.fetch(TAGS.NAME) : query.limit(limit).fetch(TAGS.NAME);
  }

  /** Uses per tag by articles created since {@code since}, most used first (ties by name). */
  List<RankedTag> recentUses(Instant since) {
    var uses = DSL.count().as("uses");
    return db.select(ARTICLE_TAGS.TAG_ID, uses)
        .from(ARTICLE_TAGS)
        .join(TAGS)
        .on(TAGS.ID.eq(ARTICLE_TAGS.TAG_ID))
        .where(ARTICLE_TAGS.CREATED_AT.ge(since))
        .groupBy(ARTICLE_TAGS.TAG_ID, TAGS.NAME)
        .orderBy(uses.desc(), TAGS.NAME)
        .fetch(r -> new RankedTag(r.value1(), r.value2()));
  }

  /** The ranking as stored, best first. */
  List<RankedTag> ranking() {
    return db.select(TAG_POPULARITY.TAG_ID, TAG_POPULARITY.USES)
        .from(TAG_POPULARITY)
        .orderBy(TAG_POPULARITY.RANK)
        .fetch(r -> new RankedTag(r.value1(), r.value2()));
  }

  /** Replaces the whole ranking; run in a transaction so readers see the old or the new one. */
  void replaceRanking(List<RankedTag> ranking) {
    db.deleteFrom(TAG_POPULARITY).execute();
    if (ranking.isEmpty()) {
      return;
    }
    var insert =
        db.insertInto(
            TAG_POPULARITY, TAG_POPULARITY.TAG_ID, TAG_POPULARITY.RANK, TAG_POPULARITY.USES);
    for (int i = 0; i < ranking.size(); i++) {
      insert = insert.values(ranking.get(i).tagId(), i + 1, ranking.get(i).uses());
    }
    insert.execute();
  }

  /**
   * Ids of the named tags, creating the ones that do not exist yet (two statements). New names go
   * in sorted, so concurrent writers lock tag rows in one order and cannot deadlock each other.
   */
  Map<String, Long> ensure(Collection<String> names) {
    var insert = db.insertInto(TAGS, TAGS.NAME);
    for (String name : new java.util.TreeSet<>(names)) {
      insert = insert.values(name);
    }
    insert.onConflict(TAGS.NAME).doNothing().execute();
    Map<String, Long> ids = new HashMap<>();
    db.select(TAGS.NAME, TAGS.ID)
        .from(TAGS)
        .where(TAGS.NAME.in(names))
        .forEach(r -> ids.put(r.value1(), r.value2()));
    return ids;
  }

  void addToArticleCounts(Collection<Long> tagIds, int delta) {
    // one row at a time in id order: the same lock order for every writer
    for (Long id : new java.util.TreeSet<>(tagIds)) {
      db.update(TAGS)
          .set(TAGS.ARTICLE_COUNT, TAGS.ARTICLE_COUNT.plus(delta))
          .where(TAGS.ID.eq(id))
          .execute();
    }
  }

  /** One tag's place in the popularity ranking. */
  record RankedTag(long tagId, int uses) {}
}
