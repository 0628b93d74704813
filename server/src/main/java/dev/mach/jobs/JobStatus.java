package dev.mach.jobs;

import dev.mach.web.Timestamps;
import java.util.Locale;

/** {@code GET /api/jobs/{id}}: what the owner may know of a job. */
record JobStatus(Body job) {

  record Body(
      String id,
      String kind,
      String status,
      int progress,
      int attempts,
      String createdAt,
      String updatedAt,
      String finishedAt,
      /* where the result is downloaded, once the job succeeded and if it produced one */
      String result) {}

  static JobStatus of(JobRecord job) {
    return new JobStatus(
        new Body(
            job.id().toString(),
            job.kind(),
            job.state().name().toLowerCase(Locale.ROOT),
            job.progress(),
            job.attempts(),
            Timestamps.format(job.createdAt()),
            Timestamps.format(job.updatedAt()),
            job.finishedAt() == null ? null : Timestamps.format(job.finishedAt()),
            job.state() == JobState.SUCCEEDED
                ? BackgroundJobs.location(job.id()) + "/result"
                : null));
  }
}
