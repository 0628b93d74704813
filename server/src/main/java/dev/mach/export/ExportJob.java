package dev.mach.export;

import dev.mach.jobs.JobResult;
import dev.mach.jobs.JobRunner;
import dev.mach.web.Timestamps;
import java.time.Clock;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The account export as a background job. It only reads and then replaces its one result, so an
 * attempt after a failure (or after a crash mid-way) produces the same single download.
 */
@Component
public class ExportJob {

  static final String KIND = "account-export";

  private final ExportQueries queries;
  private final JobRunner runner;
  private final ObjectMapper json;
  private final Clock clock;

  ExportJob(ExportQueries queries, JobRunner runner, ObjectMapper json, Clock clock) {
    this.queries = queries;
    this.runner = runner;
    this.json = json;
    this.clock = clock;
  }

  @Job(name = "Account export of user %0")
  public void run(long userId, JobContext context) throws Exception {
    runner.run(
        context,
        progress -> {
          var profile = queries.profile(userId).orElse(null);
          if (profile == null) {
            return null;
          }
          var articles = queries.articles(userId);
          progress.report(30);
          var comments = queries.comments(userId);
          progress.report(55);
          var favorites = queries.favorites(userId);
          progress.report(70);
          var following = queries.following(userId);
          var followers = queries.followers(userId);
          progress.report(90);
          var export =
              new AccountExport(
                  Timestamps.format(clock.instant()),
                  profile,
                  articles,
                  comments,
                  favorites,
                  following,
                  followers);
          return new JobResult(
              "application/json",
              "mach-export-" + profile.username() + ".json",
              json.writeValueAsString(export));
        });
  }
}
