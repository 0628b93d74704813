package dev.mach.comment;

import static dev.mach.db.Tables.COMMENTS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** All SQL of the comment feature. */
@Repository
class CommentQueries {

  private final DSLContext db;

  CommentQueries(DSLContext db) {
    this.db = db;
  }

  record CommentRow(
      long id, long articleId, long authorId, String body, Instant createdAt, Instant updatedAt) {}

  long insert(long articleId, long authorId, String body, Instant now) {
    return db.insertInto(COMMENTS)
        .set(COMMENTS.ARTICLE_ID, articleId)
        .set(COMMENTS.AUTHOR_ID, authorId)
        .set(COMMENTS.BODY, body)
        .set(COMMENTS.CREATED_AT, now)
        .set(COMMENTS.UPDATED_AT, now)
        .returningResult(COMMENTS.ID)
        .fetchOne(COMMENTS.ID);
  }

  /** Newest first, ties broken by id. */
  List<CommentRow> ofArticle(long articleId) {
    return db.selectFrom(COMMENTS)
        .where(COMMENTS.ARTICLE_ID.eq(articleId))
        .orderBy(COMMENTS.CREATED_AT.desc(), COMMENTS.ID.desc())
        .fetch(CommentQueries::toRow);
  }

  Optional<CommentRow> find(long articleId, long commentId) {
    return db.selectFrom(COMMENTS)
        .where(COMMENTS.ID.eq(commentId))
        .and(COMMENTS.ARTICLE_ID.eq(articleId))
        .fetchOptional(CommentQueries::toRow);
  }

  void delete(long commentId) {
    db.deleteFrom(COMMENTS).where(COMMENTS.ID.eq(commentId)).execute();
  }

  private static CommentRow toRow(Record r) {
    return new CommentRow(
        r.get(COMMENTS.ID),
        r.get(COMMENTS.ARTICLE_ID),
        r.get(COMMENTS.AUTHOR_ID),
        r.get(COMMENTS.BODY),
        r.get(COMMENTS.CREATED_AT),
        r.get(COMMENTS.UPDATED_AT));
  }
}
