package dev.mach.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Fixtures;
import dev.mach.support.Jobs;
import dev.mach.support.MachInstance;
import dev.mach.support.TestDatabase;
import dev.mach.support.TestUser;
import dev.mach.support.Timelines;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.AmountRequest;
import org.junit.jupiter.api.Test;

/**
 * A publication and a follow commit before their feed jobs are enqueued, so an instance that dies
 * in between loses the jobs. Here an instance that runs no jobs writes both, and its queued jobs
 * are then deleted, as if it had died before enqueuing them. A database of its own, so no other
 * test's job server can take its jobs.
 */
class FeedSweepTest {

  private final TestDatabase db = TestDatabase.fresh("feed_sweep");

  @Test
  void jobsLostBetweenCommitAndEnqueueAreEnqueuedAgainByTheSweep() throws Exception {
    TestUser reader;
    TestUser author;
    TestUser newcomer;
    try (MachInstance first = start(true, "2m")) {
      Timelines.awaitReady(first);
      Timelines.awaitReady(first);
      var fixtures = new Fixtures(first.api());
      reader = fixtures.user();
      author = fixtures.user();
      newcomer = fixtures.user();
      new Fixtures(first.api()).article(author);
      fixtures.follow(reader, author);
      Jobs.awaitIdle(first.bean(StorageProvider.class));
    }

    String slug;
    try (MachInstance crashed = start(false, "0s")) {
      var fixtures = new Fixtures(crashed.api());
      slug = fixtures.article(author).path("slug").asString();
      fixtures.follow(newcomer, author);
      StorageProvider storage = crashed.bean(StorageProvider.class);
      List<String> lost = new ArrayList<>();
      for (Job job :
          storage.getJobList(StateName.ENQUEUED, new AmountRequest("updatedAt:ASC", 100))) {
        String name = job.getJobName();
        if (name.startsWith("Feed: fan out article") || name.startsWith("Feed: backfill author")) {
          lost.add(name);
          storage.deletePermanently(job.getId());
        }
      }
      assertThat(lost)
          .as("the publication's and the follow's jobs, lost")
          .hasSize(2)
          .anyMatch(name -> name.startsWith("Feed: fan out article"))
          .anyMatch(name -> name.startsWith("Feed: backfill author"));
      assertThat(feedSlugs(crashed, reader))
          .as("without its job the article is on no timeline")
          .doesNotContain(slug);
      assertThat(count("select count(*) from feed_pending_articles")).isEqualTo(1);
      assertThat(count("select count(*) from feed_pending_follows")).isEqualTo(1);
    }

    try (MachInstance next = start(true, "2m")) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!feedSlugs(next, reader).contains(slug)) {
        assertThat(System.nanoTime())
            .as("the article on the follower's feed within 60 s")
            .isLessThan(deadline);
        Thread.sleep(200);
      }
      assertThat(feedSlugs(next, newcomer)).as("the newcomer's feed, still pulled").contains(slug);
      while (count("select count(*) from feed_pending_follows") > 0) {
        assertThat(System.nanoTime()).as("the backfill run within 60 s").isLessThan(deadline);
        Thread.sleep(200);
      }
      Jobs.awaitIdle(next.bean(StorageProvider.class));
      assertThat(count("select count(*) from feed_pending_articles"))
          .as("the fan-out job deletes its pending row")
          .isZero();
      assertThat(
              count(
                  "select count(*) from feed_entries e join users u on u.id = e.reader_id"
                      + " where u.username in ('"
                      + reader.username()
                      + "', '"
                      + newcomer.username()
                      + "')"))
          .as("both of the author's articles on both timelines")
          .isEqualTo(4);
      assertThat(feedSlugs(next, newcomer)).contains(slug);
    }
  }

  /**
   * Every instance sweeps every 5 s: a recurring job keeps the next run it has already scheduled
   * when a later instance registers it with another period.
   */
  private MachInstance start(boolean runsJobs, String sweepAfter) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", db.url());
    settings.put("spring.datasource.username", db.user());
    settings.put("spring.datasource.password", db.password());
    settings.put("jobrunr.background-job-server.enabled", String.valueOf(runsJobs));
    settings.put("mach.feed.fan-out.sweep-every", "5s");
    settings.put("mach.feed.fan-out.sweep-after", sweepAfter);
    return MachInstance.start(settings);
  }

  private static List<String> feedSlugs(MachInstance on, TestUser reader) {
    List<String> slugs = new ArrayList<>();
    on.api()
        .as(reader)
        .get("/api/articles/feed")
        .expect(200)
        .path("articles")
        .forEach(a -> slugs.add(a.path("slug").asString()));
    return slugs;
  }

  private long count(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
