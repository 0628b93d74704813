package dev.mach.article;

import static dev.mach.db.Tables.ARTICLES;
import static dev.mach.db.Tables.ARTICLE_TAGS;
import static dev.mach.db.Tables.FAVORITES;
import static dev.mach.db.Tables.FOLLOWS;
import static dev.mach.db.Tables.TAGS;
import static dev.mach.db.Tables.USERS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

/**
 * All SQL of the article feature. Each list shape reads one index range: newest articles, an
 * author's newest, a tag's newest (article_tags carries the article's time), a user's favorites
 * (favorites carries it too), and the feed.
 */
@Repository
class ArticleQueries {

  private static final List<SelectField<?>> LIST_COLUMNS =
      List.of(
          ARTICLES.ID,
          ARTICLES.SLUG,
          ARTICLES.TITLE,
          ARTICLES.DESCRIPTION,
          ARTICLES.AUTHOR_ID,
          ARTICLES.FAVORITES_COUNT,
          ARTICLES.CREATED_AT,
          ARTICLES.UPDATED_AT);

  private final DSLContext db;

  ArticleQueries(DSLContext db) {
    this.db = db;
  }

  // ---- reads ----

  Optional<ArticleRow> findBySlug(String slug) {
    return db.selectFrom(ARTICLES)
        .where(ARTICLES.SLUG.eq(slug))
        .fetchOptional(ArticleQueries::toRow);
  }

  Optional<Long> idBySlug(String slug) {
    return db.select(ARTICLES.ID)
        .from(ARTICLES)
        .where(ARTICLES.SLUG.eq(slug))
        .fetchOptional(ARTICLES.ID);
  }

  boolean slugTaken(String slug) {
    return db.fetchExists(DSL.selectOne().from(ARTICLES).where(ARTICLES.SLUG.eq(slug)));
  }

  List<ArticleRow> page(ArticleFilter filter, int limit, long offset) {
    if (filter.activeFilters() == 0) {
      return db.select(LIST_COLUMNS)
          .from(ARTICLES)
          .orderBy(ARTICLES.CREATED_AT.desc(), ARTICLES.ID.desc())
          .limit(limit)
          .offset(offset)
          .fetch(ArticleQueries::toRow);
    }
    if (filter.activeFilters() == 1 && filter.tag() != null) {
      return db.select(LIST_COLUMNS)
          .from(ARTICLE_TAGS)
          .join(ARTICLES)
          .on(ARTICLES.ID.eq(ARTICLE_TAGS.ARTICLE_ID))
          .where(ARTICLE_TAGS.TAG_ID.eq(tagId(filter.tag())))
          .orderBy(ARTICLE_TAGS.CREATED_AT.desc(), ARTICLE_TAGS.ARTICLE_ID.desc())
          .limit(limit)
          .offset(offset)
          .fetch(ArticleQueries::toRow);
    }
    if (filter.activeFilters() == 1 && filter.favoritedBy() != null) {
      return db.select(LIST_COLUMNS)
          .from(FAVORITES)
          .join(ARTICLES)
          .on(ARTICLES.ID.eq(FAVORITES.ARTICLE_ID))
          .where(FAVORITES.USER_ID.eq(userId(filter.favoritedBy())))
          .orderBy(FAVORITES.ARTICLE_CREATED_AT.desc(), FAVORITES.ARTICLE_ID.desc())
          .limit(limit)
          .offset(offset)
          .fetch(ArticleQueries::toRow);
    }
    // a single author filter, or any combination of filters
    return filtered(db.select(LIST_COLUMNS), filter)
        .orderBy(ARTICLES.CREATED_AT.desc(), ARTICLES.ID.desc())
        .limit(limit)
        .offset(offset)
        .fetch(ArticleQueries::toRow);
  }

  /**
   * The exact number of articles matching a filter. A single filter reads a counter kept on write
   * (O(1)); only a combination of filters, which no counter covers, is counted with the indexes.
   */
  long count(ArticleFilter filter) {
    if (filter.activeFilters() == 1 && filter.tag() != null) {
      return counter(TAGS, TAGS.ARTICLE_COUNT, TAGS.NAME.eq(filter.tag()));
    }
    if (filter.activeFilters() == 1 && filter.author() != null) {
      return counter(USERS, USERS.ARTICLE_COUNT, USERS.USERNAME.eq(filter.author()));
    }
    if (filter.activeFilters() == 1 && filter.favoritedBy() != null) {
      return counter(USERS, USERS.FAVORITE_COUNT, USERS.USERNAME.eq(filter.favoritedBy()));
    }
    return filtered(db.selectCount(), filter).fetchOne(0, Long.class);
  }

  List<ArticleRow> feedPage(long readerId, int limit, long offset) {
    return db.select(LIST_COLUMNS)
        .from(ARTICLES)
        .where(ARTICLES.AUTHOR_ID.in(followees(readerId)))
        .orderBy(ARTICLES.CREATED_AT.desc(), ARTICLES.ID.desc())
        .limit(limit)
        .offset(offset)
        .fetch(ArticleQueries::toRow);
  }

  /** Sum of the followed authors' article counters: bounded by follows, not by articles. */
  long feedCount(long readerId) {
    Long n =
        db.select(DSL.sum(USERS.ARTICLE_COUNT).cast(Long.class))
            .from(FOLLOWS)
            .join(USERS)
            .on(USERS.ID.eq(FOLLOWS.FOLLOWEE_ID))
            .where(FOLLOWS.FOLLOWER_ID.eq(readerId))
            .fetchOne(0, Long.class);
    return n == null ? 0 : n;
  }

  /** Tag names of each article, in the order its author gave them. */
  Map<Long, List<String>> tagNames(Collection<Long> articleIds) {
    Map<Long, List<String>> tags = new HashMap<>();
    db.select(ARTICLE_TAGS.ARTICLE_ID, TAGS.NAME)
        .from(ARTICLE_TAGS)
        .join(TAGS)
        .on(TAGS.ID.eq(ARTICLE_TAGS.TAG_ID))
        .where(ARTICLE_TAGS.ARTICLE_ID.in(articleIds))
        .orderBy(ARTICLE_TAGS.ARTICLE_ID, ARTICLE_TAGS.POSITION)
        .forEach(r -> tags.computeIfAbsent(r.value1(), id -> new ArrayList<>()).add(r.value2()));
    return tags;
  }

  /** Which of these articles the user has favorited. */
  Set<Long> favoritedAmong(long userId, Collection<Long> articleIds) {
    return new HashSet<>(
        db.select(FAVORITES.ARTICLE_ID)
            .from(FAVORITES)
            .where(FAVORITES.USER_ID.eq(userId))
            .and(FAVORITES.ARTICLE_ID.in(articleIds))
            .fetch(FAVORITES.ARTICLE_ID));
  }

  List<Long> tagIdsOf(long articleId) {
    return db.select(ARTICLE_TAGS.TAG_ID)
        .from(ARTICLE_TAGS)
        .where(ARTICLE_TAGS.ARTICLE_ID.eq(articleId))
        .orderBy(ARTICLE_TAGS.POSITION)
        .fetch(ARTICLE_TAGS.TAG_ID);
  }

  // ---- writes ----

  long insert(String slug, NewArticle article, long authorId, Instant now) {
    return db.insertInto(ARTICLES)
        .set(ARTICLES.SLUG, slug)
        .set(ARTICLES.TITLE, article.title())
        .set(ARTICLES.DESCRIPTION, article.description())
        .set(ARTICLES.BODY, article.body())
        .set(ARTICLES.AUTHOR_ID, authorId)
        .set(ARTICLES.CREATED_AT, now)
        .set(ARTICLES.UPDATED_AT, now)
        .returningResult(ARTICLES.ID)
        .fetchOne(ARTICLES.ID);
  }

  void update(ArticleRow article) {
    db.update(ARTICLES)
        .set(ARTICLES.SLUG, article.slug())
        .set(ARTICLES.TITLE, article.title())
        .set(ARTICLES.DESCRIPTION, article.description())
        .set(ARTICLES.BODY, article.body())
        .set(ARTICLES.UPDATED_AT, article.updatedAt())
        .where(ARTICLES.ID.eq(article.id()))
        .execute();
  }

  void replaceTags(long articleId, List<Long> tagIds, Instant articleCreatedAt) {
    db.deleteFrom(ARTICLE_TAGS).where(ARTICLE_TAGS.ARTICLE_ID.eq(articleId)).execute();
    if (tagIds.isEmpty()) {
      return;
    }
    var insert =
        db.insertInto(
            ARTICLE_TAGS,
            ARTICLE_TAGS.ARTICLE_ID,
            ARTICLE_TAGS.TAG_ID,
            ARTICLE_TAGS.POSITION,
            ARTICLE_TAGS.CREATED_AT);
    for (int i = 0; i < tagIds.size(); i++) {
      insert = insert.values(articleId, tagIds.get(i), i, articleCreatedAt);
    }
    insert.execute();
  }

  void delete(long articleId) {
    db.deleteFrom(ARTICLES).where(ARTICLES.ID.eq(articleId)).execute();
  }

  void addToAuthorArticleCount(long authorId, int delta) {
    db.update(USERS)
        .set(USERS.ARTICLE_COUNT, USERS.ARTICLE_COUNT.plus(delta))
        .where(USERS.ID.eq(authorId))
        .execute();
  }

  /** True when the favorite is new; favoriting twice is a no-op. */
  boolean addFavorite(long userId, ArticleRow article) {
    try {
      return db.insertInto(FAVORITES)
              .set(FAVORITES.USER_ID, userId)
              .set(FAVORITES.ARTICLE_ID, article.id())
              .set(FAVORITES.ARTICLE_CREATED_AT, article.createdAt())
              .onConflict(FAVORITES.USER_ID, FAVORITES.ARTICLE_ID)
              .doNothing()
              .execute()
          > 0;
    } catch (DuplicateKeyException raced) {
      // H2 emulates ON CONFLICT with MERGE, which a concurrent identical insert can still beat
      return false;
    }
  }

  /**
   * Every write that moves an article's counters takes its row lock first: writers of one article
   * queue in one order (no deadlocks), and no two of them race on the same favorite row. The
   * counter update holds this lock until commit anyway, so taking it early costs nothing.
   */
  void lockArticle(long articleId) {
    db.select(ARTICLES.ID).from(ARTICLES).where(ARTICLES.ID.eq(articleId)).forUpdate().fetch();
  }

  boolean removeFavorite(long userId, long articleId) {
    return db.deleteFrom(FAVORITES)
            .where(FAVORITES.USER_ID.eq(userId))
            .and(FAVORITES.ARTICLE_ID.eq(articleId))
            .execute()
        > 0;
  }

  /** Moves both denormalized counters a favorite affects, in the caller's transaction. */
  void countFavorite(long userId, long articleId, int delta) {
    db.update(ARTICLES)
        .set(ARTICLES.FAVORITES_COUNT, ARTICLES.FAVORITES_COUNT.plus(delta))
        .where(ARTICLES.ID.eq(articleId))
        .execute();
    db.update(USERS)
        .set(USERS.FAVORITE_COUNT, USERS.FAVORITE_COUNT.plus(delta))
        .where(USERS.ID.eq(userId))
        .execute();
  }

  /** Before an article goes: everyone who favorited it has one favorite fewer. */
  void uncountFavoritesOf(long articleId) {
    db.update(USERS)
        .set(USERS.FAVORITE_COUNT, USERS.FAVORITE_COUNT.minus(1))
        .where(
            USERS.ID.in(
                DSL.select(FAVORITES.USER_ID)
                    .from(FAVORITES)
                    .where(FAVORITES.ARTICLE_ID.eq(articleId))))
        .execute();
  }

  // ---- helpers ----

  private <R extends Record> SelectConditionStep<R> filtered(
      org.jooq.SelectSelectStep<R> select, ArticleFilter filter) {
    List<Condition> conditions = new ArrayList<>();
    if (filter.author() != null) {
      conditions.add(ARTICLES.AUTHOR_ID.eq(userId(filter.author())));
    }
    if (filter.tag() != null) {
      conditions.add(
          DSL.exists(
              DSL.selectOne()
                  .from(ARTICLE_TAGS)
                  .where(ARTICLE_TAGS.ARTICLE_ID.eq(ARTICLES.ID))
                  .and(ARTICLE_TAGS.TAG_ID.eq(tagId(filter.tag())))));
    }
    if (filter.favoritedBy() != null) {
      conditions.add(
          DSL.exists(
              DSL.selectOne()
                  .from(FAVORITES)
                  .where(FAVORITES.ARTICLE_ID.eq(ARTICLES.ID))
                  .and(FAVORITES.USER_ID.eq(userId(filter.favoritedBy())))));
    }
    return select.from(ARTICLES).where(conditions);
  }

  private long counter(org.jooq.Table<?> table, Field<Integer> counter, Condition row) {
    Integer n = db.select(counter).from(table).where(row).fetchOne(counter);
    return n == null ? 0 : n;
  }

  private static Field<Long> userId(String username) {
    return DSL.field(DSL.select(USERS.ID).from(USERS).where(USERS.USERNAME.eq(username)));
  }

  private static Field<Long> tagId(String name) {
    return DSL.field(DSL.select(TAGS.ID).from(TAGS).where(TAGS.NAME.eq(name)));
  }

  private static org.jooq.Select<org.jooq.Record1<Long>> followees(long readerId) {
    return DSL.select(FOLLOWS.FOLLOWEE_ID).from(FOLLOWS).where(FOLLOWS.FOLLOWER_ID.eq(readerId));
  }

  private static ArticleRow toRow(Record r) {
    return new ArticleRow(
        r.get(ARTICLES.ID),
        r.get(ARTICLES.SLUG),
        r.get(ARTICLES.TITLE),
        r.get(ARTICLES.DESCRIPTION),
        r.indexOf(ARTICLES.BODY) >= 0 ? r.get(ARTICLES.BODY) : null,
        r.get(ARTICLES.AUTHOR_ID),
        r.get(ARTICLES.FAVORITES_COUNT),
        r.get(ARTICLES.CREATED_AT),
        r.get(ARTICLES.UPDATED_AT));
  }
}
