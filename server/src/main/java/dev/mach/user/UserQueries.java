package dev.mach.user;

import static dev.mach.db.Tables.USERS;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** All SQL of the user feature. */
@Repository
class UserQueries {

  private final DSLContext db;

  UserQueries(DSLContext db) {
    this.db = db;
  }

  long insert(String username, String email, String passwordHash, Instant now) {
    return db.insertInto(USERS)
        .set(USERS.USERNAME, username)
        .set(USERS.EMAIL, email)
        .set(USERS.EMAIL_KEY, emailKey(email))
        .set(USERS.PASSWORD_HASH, passwordHash)
        .set(USERS.CREATED_AT, now)
        .returningResult(USERS.ID)
        .fetchOne(USERS.ID);
  }

  Optional<UserRow> findById(long id) {
    return db.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional(UserQueries::toRow);
  }

  Optional<UserRow> findByEmail(String email) {
    return db.selectFrom(USERS)
        .where(USERS.EMAIL_KEY.eq(emailKey(email)))
        .fetchOptional(UserQueries::toRow);
  }

  boolean usernameTaken(String username, long exceptUserId) {
    return db.fetchExists(
        DSL.selectOne()
            .from(USERS)
            .where(USERS.USERNAME.eq(username))
            .and(USERS.ID.ne(exceptUserId)));
  }

  boolean emailTaken(String email, long exceptUserId) {
    return db.fetchExists(
        DSL.selectOne()
            .from(USERS)
            .where(USERS.EMAIL_KEY.eq(emailKey(email)))
            .and(USERS.ID.ne(exceptUserId)));
  }

  void update(UserRow user) {
    db.update(USERS)
        .set(USERS.USERNAME, user.username())
        .set(USERS.EMAIL, user.email())
        .set(USERS.EMAIL_KEY, emailKey(user.email()))
        .set(USERS.PASSWORD_HASH, user.passwordHash())
        .set(USERS.BIO, user.bio())
        .set(USERS.IMAGE, user.image())
        .where(USERS.ID.eq(user.id()))
        .execute();
  }

  /** Emails compare case-insensitively; the unique key is their lower-cased form. */
  static String emailKey(String email) {
    return email.strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static UserRow toRow(Record r) {
    return new UserRow(
        r.get(USERS.ID),
        r.get(USERS.USERNAME),
        r.get(USERS.EMAIL),
        r.get(USERS.PASSWORD_HASH),
        r.get(USERS.BIO),
        r.get(USERS.IMAGE));
  }
}
