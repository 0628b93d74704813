package dev.mach.jobs;

import static dev.mach.db.Tables.JOBS;
import static dev.mach.db.Tables.JOB_RESULTS;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** All SQL of the jobs package: Mach's own record of each job, apart from JobRunr's queue. */
@Repository
class JobQueries {

  private final DSLContext db;

  JobQueries(DSLContext db) {
    this.db = db;
  }

  void insert(UUID id, long ownerId, String kind, Instant now) {
    db.insertInto(JOBS)
        .set(JOBS.ID, id)
        .set(JOBS.OWNER_ID, ownerId)
        .set(JOBS.KIND, kind)
        .set(JOBS.STATE, JobState.QUEUED.wire())
        .set(JOBS.CREATED_AT, now)
        .set(JOBS.UPDATED_AT, now)
        .execute();
  }

  /** The job, only if this user owns it: others' ids look exactly like unknown ones. */
  Optional<JobRecord> find(UUID id, long ownerId) {
    return db.select(
            JOBS.ID,
            JOBS.KIND,
            JOBS.STATE,
            JOBS.PROGRESS,
            JOBS.ATTEMPTS,
            JOBS.ERROR,
            JOBS.CREATED_AT,
            JOBS.UPDATED_AT,
            JOBS.FINISHED_AT)
        .from(JOBS)
        .where(JOBS.ID.eq(id).and(JOBS.OWNER_ID.eq(ownerId)))
        .fetchOptional(
            r ->
                new JobRecord(
                    r.value1(),
                    r.value2(),
                    JobState.of(r.value3()),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7(),
                    r.value8(),
                    r.value9()));
  }

  /** Counts an attempt; the new count, or 0 when the row is gone (deleted with its owner). */
  int startAttempt(UUID id, Instant now) {
    int updated =
        db.update(JOBS)
            .set(JOBS.STATE, JobState.RUNNING.wire())
            .set(JOBS.ATTEMPTS, JOBS.ATTEMPTS.plus(1))
            .set(JOBS.PROGRESS, 0)
            .set(JOBS.UPDATED_AT, now)
            .where(JOBS.ID.eq(id))
            .execute();
    return updated == 0
        ? 0
        : db.select(JOBS.ATTEMPTS).from(JOBS).where(JOBS.ID.eq(id)).fetchOne(JOBS.ATTEMPTS);
  }

  void progress(UUID id, int percent, Instant now) {
    db.update(JOBS)
        .set(JOBS.PROGRESS, percent)
        .set(JOBS.UPDATED_AT, now)
        .where(JOBS.ID.eq(id))
        .execute();
  }

  void finish(UUID id, JobState state, String error, Instant now) {
    var update =
        db.update(JOBS)
            .set(JOBS.STATE, state.wire())
            .set(JOBS.ERROR, error)
            .set(JOBS.UPDATED_AT, now);
    if (state == JobState.SUCCEEDED) {
      update = update.set(JOBS.PROGRESS, 100);
    }
    update.set(JOBS.FINISHED_AT, state.finished() ? now : null).where(JOBS.ID.eq(id)).execute();
  }

  /** Replaces any result an earlier attempt left, so a retry never adds a second one. */
  void putResult(UUID id, JobResult result) {
    db.deleteFrom(JOB_RESULTS).where(JOB_RESULTS.JOB_ID.eq(id)).execute();
    db.insertInto(JOB_RESULTS)
        .set(JOB_RESULTS.JOB_ID, id)
        .set(JOB_RESULTS.MEDIA_TYPE, result.mediaType())
        .set(JOB_RESULTS.FILE_NAME, result.fileName())
        .set(JOB_RESULTS.BODY, result.body())
        .execute();
  }

  Optional<JobResult> result(UUID id, long ownerId) {
    return db.select(JOB_RESULTS.MEDIA_TYPE, JOB_RESULTS.FILE_NAME, JOB_RESULTS.BODY)
        .from(JOB_RESULTS)
        .join(JOBS)
        .on(JOBS.ID.eq(JOB_RESULTS.JOB_ID))
        .where(JOB_RESULTS.JOB_ID.eq(id).and(JOBS.OWNER_ID.eq(ownerId)))
        .fetchOptional(r -> new JobResult(r.value1(), r.value2(), r.value3()));
  }

  /** Deletes jobs finished before the cut-off, and their results with them; how many went. */
  int deleteFinishedBefore(Instant cutoff) {
    return db.deleteFrom(JOBS).where(JOBS.FINISHED_AT.lt(cutoff)).execute();
  }

  /** Jobs never finished and untouched since the cut-off (lost before JobRunr had them). */
  int deleteAbandonedBefore(Instant cutoff) {
    return db.deleteFrom(JOBS)
        .where(JOBS.FINISHED_AT.isNull().and(JOBS.UPDATED_AT.lt(cutoff)))
        .execute();
  }
}
