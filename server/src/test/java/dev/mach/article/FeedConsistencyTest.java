package dev.mach.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Api;
import dev.mach.support.Fixtures;
import dev.mach.support.Jobs;
import dev.mach.support.Json;
import dev.mach.support.MachInstance;
import dev.mach.support.TestDatabase;
import dev.mach.support.TestUser;
import dev.mach.support.Timelines;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;

/**
 * The fan-out feed shows exactly what the pull query shows, for every reader and several pages:
 * after a rebuild of data written with fan-out off, after random follows, unfollows, edits,
 * deletions and publications, after authors cross the pull threshold both ways, and after jobs run
 * again or for articles that are gone. The reference is a second instance with fan-out off on the
 * same database, whose feed is the pull query.
 */
class FeedConsistencyTest {

  private static final int THRESHOLD = 3;
  private static final int[][] PAGES = {{20, 0}, {5, 0}, {5, 5}, {3, 7}, {100, 0}, {2, 30}};

  private final Random random = new Random(20261203);
  private final TestDatabase db = TestDatabase.fresh("feed");
  private final List<TestUser> users = new ArrayList<>();
  private final Map<TestUser, List<String>> slugs = new HashMap<>();
  private final Map<TestUser, List<TestUser>> following = new HashMap<>();

  @Test
  void fanOutFeedEqualsThePullFeed() throws Exception {
    try (MachInstance off = start(false)) {
      Api writer = off.api();
      Fixtures fixtures = new Fixtures(writer);
      for (int i = 0; i < 14; i++) {
        users.add(fixtures.user());
      }
      // two stars above the threshold, the rest mostly below
      follows(writer, users.get(0), users.subList(2, 8));
      follows(writer, users.get(1), users.subList(6, 10));
      for (TestUser reader : users) {
        for (TestUser author : users) {
          if (reader != author && random.nextInt(5) == 0) {
            follow(writer, reader, author);
          }
        }
        for (int n = random.nextInt(4); n > 0; n--) {
          publish(writer, reader);
        }
      }
      assertThat(state()).as("writes with fan-out off leave timelines incomplete").isFalse();

      try (MachInstance on = start(true)) {
        Timelines.awaitReady(on);
        assertThat(count("select count(*) from feed_entries")).isPositive();
        assertThat(count("select count(*) from feed_pull_authors")).isGreaterThanOrEqualTo(2);
        assertThat(count("select count(*) from users where follower_count between 1 and 3"))
            .as("authors pushed")
            .isPositive();
        assertSameFeeds(on, off, "after the rebuild");

        randomWrites(on.api(), 80);
        crossTheThreshold(on);
        assertSameFeeds(on, off, "after random writes and threshold crossings");

        jobsRunAgainOrForGoneArticles(on);
        assertSameFeeds(on, off, "after jobs ran twice and for gone articles");

        // a write through the instance with fan-out off: timelines incomplete until rebuilt
        publish(writer, users.get(3));
      }
      assertThat(state()).isFalse();
      try (MachInstance on = start(true)) {
        Timelines.awaitReady(on);
        assertSameFeeds(on, off, "after a rebuild following a write with fan-out off");
      }
    }
  }

  private void randomWrites(Api api, int writes) {
    for (int i = 0; i < writes; i++) {
      TestUser user = users.get(random.nextInt(users.size()));
      TestUser other = users.get(random.nextInt(users.size()));
      List<String> own = slugs.get(user);
      switch (random.nextInt(6)) {
        case 0, 1 -> publish(api, user);
        case 2 -> {
          if (user != other) {
            follow(api, user, other);
          }
        }
        case 3 -> {
          if (following.getOrDefault(user, List.of()).contains(other)) {
            unfollow(api, user, other);
          }
        }
        case 4 -> {
          if (own != null && !own.isEmpty()) {
            int at = random.nextInt(own.size());
            String title = Fixtures.unique("Edited ");
            String slug =
                api.as(user)
                    .put("/api/articles/" + own.get(at), Json.wrap("article", "title", title))
                    .expect(200)
                    .path("article")
                    .path("slug")
                    .asString();
            own.set(at, slug);
          }
        }
        default -> {
          if (own != null && !own.isEmpty()) {
            api.as(user)
                .delete("/api/articles/" + own.remove(random.nextInt(own.size())))
                .expect(204);
          }
        }
      }
    }
  }

  /** The first star goes down to the threshold (pushed again), up (pulled), publishes, down. */
  private void crossTheThreshold(MachInstance on) throws SQLException {
    Api api = on.api();
    TestUser star = users.get(0);
    List<TestUser> fans = new ArrayList<>(users.subList(2, 12));
    for (TestUser fan : fans) {
      follow(api, fan, star);
    }
    publish(api, star);
    awaitJobs(on);
    assertThat(pulled(star)).as("above the threshold: pulled").isTrue();
    for (TestUser fan : fans) {
      if (followers(star) > THRESHOLD) {
        unfollow(api, fan, star);
      }
    }
    awaitJobs(on);
    assertThat(pulled(star)).as("back at the threshold: pushed again").isFalse();
    assertSameFeeds(on, null, "");
    follow(api, fans.get(0), star);
    follow(api, fans.get(1), star);
    publish(api, star); // not fanned out: the star is pulled again
    awaitJobs(on);
    assertThat(pulled(star)).isTrue();
    unfollow(api, fans.get(1), star);
    unfollow(api, fans.get(0), star); // back at the threshold
    awaitJobs(on);
    assertThat(pulled(star)).as("promoted with the article published while pulled").isFalse();
  }

  private void jobsRunAgainOrForGoneArticles(MachInstance on) throws SQLException {
    FanOutJobs jobs = on.bean(FanOutJobs.class);
    long entries = count("select count(*) from feed_entries");
    for (long article : longs("select id from articles")) {
      jobs.fanOut(article);
    }
    for (long[] follow : pairs("select follower_id, followee_id from follows")) {
      jobs.backfill(follow[0], follow[1]);
    }
    for (long author : longs("select id from users")) {
      jobs.promote(author);
    }
    jobs.rebuild(generation());
    assertThat(count("select count(*) from feed_entries")).as("idempotent").isEqualTo(entries);

    // a job for an article whose transaction rolled back, and for one deleted since
    long rolledBack;
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.executeUpdate(
            "insert into articles (slug, title, description, body, author_id, created_at,"
                + " updated_at) select 'rolled-back', 't', 'd', 'b', id, current_timestamp,"
                + " current_timestamp from users where username = '"
                + users.get(4).username()
                + "'");
        rolledBack = longs(c, "select id from articles where slug = 'rolled-back'").getFirst();
      }
      c.rollback();
    }
    jobs.fanOut(rolledBack);
    String slug = publish(on.api(), users.get(4));
    long deleted = longs("select id from articles where slug = '" + slug + "'").getFirst();
    on.api().as(users.get(4)).delete("/api/articles/" + slug).expect(204);
    slugs.get(users.get(4)).remove(slug);
    jobs.fanOut(deleted);
    awaitJobs(on);
    assertThat(
            count(
                "select count(*) from feed_entries where article_id in ("
                    + rolledBack
                    + ", "
                    + deleted
                    + ")"))
        .isZero();
  }

  private void assertSameFeeds(MachInstance on, MachInstance reference, String when) {
    awaitJobs(on);
    assertThat(on.bean(FeedState.class).ready()).isTrue();
    FeedTimeline timeline = on.bean(FeedTimeline.class);
    for (TestUser reader : users) {
      for (int[] page : PAGES) {
        String path = "/api/articles/feed?limit=" + page[0] + "&offset=" + page[1];
        var pushed = on.api().as(reader).get(path).expect(200);
        if (reference != null) {
          assertThat(pushed)
              .as("%s: %s for %s", when, path, reader.username())
              .isEqualTo(reference.api().as(reader).get(path).expect(200));
        }
        long id = userId(reader);
        assertThat(timeline.page(id, page[0], page[1]))
            .as("%s: page %s,%s of %s against the pull query", when, page[0], page[1], reader)
            .isEqualTo(timeline.pulled(id, page[0], page[1]));
      }
    }
  }

  // ---- writes, remembered for later choices ----

  private String publish(Api api, TestUser author) {
    String slug = new Fixtures(api).article(author).path("slug").asString();
    slugs.computeIfAbsent(author, a -> new ArrayList<>()).add(slug);
    return slug;
  }

  private void follows(Api api, TestUser author, List<TestUser> readers) {
    readers.forEach(reader -> follow(api, reader, author));
  }

  private void follow(Api api, TestUser reader, TestUser author) {
    api.as(reader).post("/api/profiles/" + author.username() + "/follow").expect(200);
    List<TestUser> followed = following.computeIfAbsent(reader, r -> new ArrayList<>());
    if (!followed.contains(author)) {
      followed.add(author);
    }
  }

  private void unfollow(Api api, TestUser reader, TestUser author) {
    api.as(reader).delete("/api/profiles/" + author.username() + "/follow").expect(200);
    following.getOrDefault(reader, new ArrayList<>()).remove(author);
  }

  // ---- instances and the database ----

  private MachInstance start(boolean fanOut) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", db.url());
    settings.put("spring.datasource.username", db.user());
    settings.put("spring.datasource.password", db.password());
    settings.put("mach.feed.fan-out.enabled", String.valueOf(fanOut));
    settings.put("mach.feed.fan-out.pull-threshold", String.valueOf(THRESHOLD));
    settings.put("mach.feed.fan-out.rebuild-batch", "4");
    // the reference instance runs no jobs: every job of this test runs with fan-out's settings
    settings.put("jobrunr.background-job-server.enabled", String.valueOf(fanOut));
    return MachInstance.start(settings);
  }

  private static void awaitJobs(MachInstance on) {
    Jobs.awaitIdle(on.bean(StorageProvider.class));
  }

  private boolean state() throws SQLException {
    return count("select count(*) from feed_state where complete") == 1;
  }

  private long generation() throws SQLException {
    return longs("select generation from feed_state").getFirst();
  }

  private boolean pulled(TestUser author) throws SQLException {
    return count("select count(*) from feed_pull_authors where author_id = " + userId(author)) == 1;
  }

  private long followers(TestUser author) throws SQLException {
    return longs("select follower_count from users where id = " + userId(author)).getFirst();
  }

  private long userId(TestUser user) {
    try {
      return longs("select id from users where username = '" + user.username() + "'").getFirst();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private long count(String sql) throws SQLException {
    return longs(sql).getFirst();
  }

  private List<Long> longs(String sql) throws SQLException {
    try (Connection c = db.connect()) {
      return longs(c, sql);
    }
  }

  private static List<Long> longs(Connection c, String sql) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values;
  }

  private List<long[]> pairs(String sql) throws SQLException {
    List<long[]> values = new ArrayList<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(new long[] {rs.getLong(1), rs.getLong(2)});
      }
    }
    return values;
  }
}
