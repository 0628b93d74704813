package dev.mach.profile;

import static dev.mach.db.Tables.FOLLOWS;
import static dev.mach.db.Tables.USERS;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

/** All SQL of the profile feature: users as public profiles, and follows. */
@Repository
class ProfileQueries {

  private final DSLContext db;

  ProfileQueries(DSLContext db) {
    this.db = db;
  }

  record ProfileRow(long id, Profile profile) {}

  Optional<ProfileRow> findByUsername(String username, Long viewerId) {
    return db.select(USERS.ID, USERS.USERNAME, USERS.BIO, USERS.IMAGE, following(viewerId))
        .from(USERS)
        .where(USERS.USERNAME.eq(username))
        .fetchOptional(r -> new ProfileRow(r.get(USERS.ID), toProfile(r)));
  }

  /** Profiles of the given users with the viewer's following flag, in one statement. */
  Map<Long, Profile> findByIds(Collection<Long> ids, Long viewerId) {
    Map<Long, Profile> found = new HashMap<>();
    db.select(USERS.ID, USERS.USERNAME, USERS.BIO, USERS.IMAGE, following(viewerId))
        .from(USERS)
        .where(USERS.ID.in(ids))
        .forEach(r -> found.put(r.get(USERS.ID), toProfile(r)));
    return found;
  }

  List<Profile> page(int limit, long offset, Long viewerId) {
    return db.select(USERS.ID, USERS.USERNAME, USERS.BIO, USERS.IMAGE, following(viewerId))
        .from(USERS)
        .orderBy(USERS.ID)
        .limit(limit)
        .offset(offset)
        .fetch(ProfileQueries::toProfile);
  }

  /** True when the follow is new; following twice is a no-op. */
  boolean follow(long followerId, long followeeId, Instant now) {
    try {
      return db.insertInto(FOLLOWS)
              .set(FOLLOWS.FOLLOWER_ID, followerId)
              .set(FOLLOWS.FOLLOWEE_ID, followeeId)
              .set(FOLLOWS.CREATED_AT, now)
              .onConflict(FOLLOWS.FOLLOWER_ID, FOLLOWS.FOLLOWEE_ID)
              .doNothing()
              .execute()
          > 0;
    } catch (DuplicateKeyException raced) {
      // H2 emulates ON CONFLICT with MERGE, which a concurrent identical insert can still beat
      return false;
    }
  }

  /**
   * Moves the author's follower count in the follow's transaction and returns the new count. The
   * update holds the author's row lock until commit: follows of one author, and the feed's jobs
   * deciding whether to push that author, take turns.
   */
  int countFollower(long followeeId, int delta) {
    return db.update(USERS)
        .set(USERS.FOLLOWER_COUNT, USERS.FOLLOWER_COUNT.plus(delta))
        .where(USERS.ID.eq(followeeId))
        .returningResult(USERS.FOLLOWER_COUNT)
        .fetchOne(USERS.FOLLOWER_COUNT);
  }

  Set<Long> followedAmong(long followerId, Collection<Long> followeeIds) {
    return new HashSet<>(
        db.select(FOLLOWS.FOLLOWEE_ID)
            .from(FOLLOWS)
            .where(FOLLOWS.FOLLOWER_ID.eq(followerId))
            .and(FOLLOWS.FOLLOWEE_ID.in(followeeIds))
            .fetch(FOLLOWS.FOLLOWEE_ID));
  }

  boolean unfollow(long followerId, long followeeId) {
    return db.deleteFrom(FOLLOWS)
            .where(FOLLOWS.FOLLOWER_ID.eq(followerId))
            .and(FOLLOWS.FOLLOWEE_ID.eq(followeeId))
            .execute()
        > 0;
  }

  private static Field<Boolean> following(Long viewerId) {
    if (viewerId == null) {
      return DSL.inline(false).as("following");
    }
    return DSL.field(
            DSL.exists(
                DSL.selectOne()
                    .from(FOLLOWS)
                    .where(FOLLOWS.FOLLOWER_ID.eq(viewerId))
                    .and(FOLLOWS.FOLLOWEE_ID.eq(USERS.ID))))
        .as("following");
  }

  private static Profile toProfile(Record r) {
    return new Profile(
        r.get(USERS.USERNAME),
        r.get(USERS.BIO),
        r.get(USERS.IMAGE),
        Boolean.TRUE.equals(r.get("following", Boolean.class)));
  }
}
