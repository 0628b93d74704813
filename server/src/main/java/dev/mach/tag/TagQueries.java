package dev.mach.tag;

import static dev.mach.db.Tables.TAGS;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** All SQL of the tag feature. */
@Repository
class TagQueries {

  private final DSLContext db;

  TagQueries(DSLContext db) {
    this.db = db;
  }

  /** Tags at least one article carries, most used first. */
  List<String> inUse() {
    return db.select(TAGS.NAME)
        .from(TAGS)
        .where(TAGS.ARTICLE_COUNT.gt(0))
        .orderBy(TAGS.ARTICLE_COUNT.desc(), TAGS.NAME)
        .fetch(TAGS.NAME);
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
}
