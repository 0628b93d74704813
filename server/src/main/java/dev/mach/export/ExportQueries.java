package dev.mach.export;

import static dev.mach.db.Tables.ARTICLES;
import static dev.mach.db.Tables.ARTICLE_TAGS;
import static dev.mach.db.Tables.COMMENTS;
import static dev.mach.db.Tables.FAVORITES;
import static dev.mach.db.Tables.FOLLOWS;
import static dev.mach.db.Tables.TAGS;
import static dev.mach.db.Tables.USERS;

import dev.mach.export.AccountExport.Article;
import dev.mach.export.AccountExport.Comment;
import dev.mach.export.AccountExport.Favorite;
import dev.mach.export.AccountExport.Follow;
import dev.mach.export.AccountExport.Profile;
import dev.mach.web.Timestamps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The reads of an account export: everything one user put into Mach, by table. */
@Repository
class ExportQueries {

  private final DSLContext db;

  ExportQueries(DSLContext db) {
    this.db = db;
  }

  Optional<Profile> profile(long userId) {
    return db.select(USERS.USERNAME, USERS.EMAIL, USERS.BIO, USERS.IMAGE, USERS.CREATED_AT)
        .from(USERS)
        .where(USERS.ID.eq(userId))
        .fetchOptional(
            r ->
                new Profile(
                    r.value1(), r.value2(), r.value3(), r.value4(), Timestamps.format(r.value5())));
  }

  /** The user's articles, oldest first, each with its tags in the author's order. */
  List<Article> articles(long userId) {
    Map<Long, List<String>> tags = new HashMap<>();
    db.select(ARTICLE_TAGS.ARTICLE_ID, TAGS.NAME)
        .from(ARTICLE_TAGS)
        .join(TAGS)
        .on(TAGS.ID.eq(ARTICLE_TAGS.TAG_ID))
        .join(ARTICLES)
        .on(ARTICLES.ID.eq(ARTICLE_TAGS.ARTICLE_ID))
        .where(ARTICLES.AUTHOR_ID.eq(userId))
        .orderBy(ARTICLE_TAGS.ARTICLE_ID, ARTICLE_TAGS.POSITION)
        .forEach(r -> tags.computeIfAbsent(r.value1(), id -> new ArrayList<>()).add(r.value2()));
    return db.select(
            ARTICLES.ID,
            ARTICLES.SLUG,
            ARTICLES.TITLE,
            ARTICLES.DESCRIPTION,
            ARTICLES.BODY,
            ARTICLES.FAVORITES_COUNT,
            ARTICLES.CREATED_AT,
            ARTICLES.UPDATED_AT)
        .from(ARTICLES)
        .where(ARTICLES.AUTHOR_ID.eq(userId))
        .orderBy(ARTICLES.CREATED_AT, ARTICLES.ID)
        .fetch(
            r ->
                new Article(
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    tags.getOrDefault(r.value1(), List.of()),
                    r.value6(),
                    Timestamps.format(r.value7()),
                    Timestamps.format(r.value8())));
  }

  /** The comments the user wrote, on anyone's articles, oldest first. */
  List<Comment> comments(long userId) {
    return db.select(COMMENTS.ID, ARTICLES.SLUG, COMMENTS.BODY, COMMENTS.CREATED_AT)
        .from(COMMENTS)
        .join(ARTICLES)
        .on(ARTICLES.ID.eq(COMMENTS.ARTICLE_ID))
        .where(COMMENTS.AUTHOR_ID.eq(userId))
        .orderBy(COMMENTS.CREATED_AT, COMMENTS.ID)
        .fetch(r -> new Comment(r.value1(), r.value2(), r.value3(), Timestamps.format(r.value4())));
  }

  List<Favorite> favorites(long userId) {
    return db.select(ARTICLES.SLUG, ARTICLES.TITLE)
        .from(FAVORITES)
        .join(ARTICLES)
        .on(ARTICLES.ID.eq(FAVORITES.ARTICLE_ID))
        .where(FAVORITES.USER_ID.eq(userId))
        .orderBy(ARTICLES.SLUG)
        .fetch(r -> new Favorite(r.value1(), r.value2()));
  }

  /** Whom the user follows. */
  List<Follow> following(long userId) {
    return db.select(USERS.USERNAME, FOLLOWS.CREATED_AT)
        .from(FOLLOWS)
        .join(USERS)
        .on(USERS.ID.eq(FOLLOWS.FOLLOWEE_ID))
        .where(FOLLOWS.FOLLOWER_ID.eq(userId))
        .orderBy(USERS.USERNAME)
        .fetch(r -> new Follow(r.value1(), Timestamps.format(r.value2())));
  }

  /** Who follows the user. */
  List<Follow> followers(long userId) {
    return db.select(USERS.USERNAME, FOLLOWS.CREATED_AT)
        .from(FOLLOWS)
        .join(USERS)
        .on(USERS.ID.eq(FOLLOWS.FOLLOWER_ID))
        .where(FOLLOWS.FOLLOWEE_ID.eq(userId))
        .orderBy(USERS.USERNAME)
        .fetch(r -> new Follow(r.value1(), Timestamps.format(r.value2())));
  }
}
