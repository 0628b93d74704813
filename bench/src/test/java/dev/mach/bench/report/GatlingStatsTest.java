package dev.mach.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a real report: {@code src/test/resources/gatling/results/...} is a trimmed copy of the
 * index.html that Gatling 3.15.1 wrote for ConduitSimulation's read mix at 50 users/s for 20 s
 * against Mach on loopback, over a 20-user, 40-article dataset from which ten of the oldest
 * articles had been deleted (so some reads of cold articles answered 404). Every expected value
 * below is as printed in that file and on the run's console.
 */
class GatlingStatsTest {

  private static final String RUN = "conduitsimulation-20261124062144892";
  private static final String NOT_FOUND = "status.find.2xx, j.l.IllegalStateException: found 404";

  private static Path results;
  private static GatlingStats stats;

  @BeforeAll
  static void readFixture() throws IOException, URISyntaxException {
    results =
        Path.of(
            Objects.requireNonNull(GatlingStatsTest.class.getResource("/gatling/results")).toURI());
    stats = GatlingStats.read(results.resolve(RUN));
  }

  @Test
  void readsTheWholeRun() {
    RequestStats global = stats.global();

    assertThat(global.name()).isEqualTo("All Requests");
    assertThat(global.count()).isEqualTo(1029);
    assertThat(global.ok()).isEqualTo(1015);
    assertThat(global.ko()).isEqualTo(14);
    assertThat(global.errorRate()).isCloseTo(14.0 / 1029, within(1e-12));
    assertThat(global.meanRequestsPerSecond()).isEqualTo(51.45);
    assertThat(global.minMs()).isEqualTo(1);
    assertThat(global.p50()).isEqualTo(3);
    assertThat(global.p75()).isEqualTo(4);
    assertThat(global.p95()).isEqualTo(6);
    assertThat(global.p99()).isEqualTo(77);
    assertThat(global.maxMs()).isEqualTo(99);
    assertThat(global.meanMs()).isEqualTo(5);
    assertThat(global.stdDevMs()).isEqualTo(10);
  }

  @Test
  void readsEachNamedRequest() {
    RequestStats article = stats.request("article");
    assertThat(article.count()).isEqualTo(146);
    assertThat(article.ok()).isEqualTo(139);
    assertThat(article.ko()).isEqualTo(7);
    assertThat(article.errorRate()).isCloseTo(7.0 / 146, within(1e-12));
    assertThat(article.meanRequestsPerSecond()).isEqualTo(7.3);
    assertThat(article.p50()).isEqualTo(3);
    assertThat(article.p75()).isEqualTo(3);
    assertThat(article.p95()).isEqualTo(4);
    assertThat(article.p99()).isEqualTo(56);
    assertThat(article.maxMs()).isEqualTo(99);

    RequestStats list = stats.request("list");
    assertThat(list.count()).isEqualTo(252);
    assertThat(list.ko()).isZero();
    assertThat(list.errorRate()).isZero();
    assertThat(list.meanRequestsPerSecond()).isEqualTo(12.6);
    assertThat(list.p50()).isEqualTo(4);
    assertThat(list.p95()).isEqualTo(6);
    assertThat(list.p99()).isEqualTo(53);
    assertThat(list.maxMs()).isEqualTo(98);

    RequestStats register = stats.request("register");
    assertThat(register.count()).isEqualTo(5);
    assertThat(register.minMs()).isEqualTo(81);
    assertThat(register.p99()).isEqualTo(87);
  }

  @Test
  void listsEveryRequestNameInTheReportsOrder() {
    assertThat(stats.requests().keySet())
        .containsExactly(
            "comments",
            "author",
            "article",
            "list",
            "feed",
            "favorited",
            "tag",
            "tags",
            "profile",
            "comment",
            "create",
            "favorite",
            "unfavorite",
            "register",
            "login",
            "follow",
            "unfollow");
    assertThat(stats.requests().values().stream().mapToLong(RequestStats::count).sum())
        .isEqualTo(stats.global().count());
    assertThat(stats.requests().values().stream().mapToLong(RequestStats::ko).sum())
        .isEqualTo(stats.global().ko());
  }

  @Test
  void keepsThePercentilesTheRunTracked() {
    assertThat(stats.global().percentilesMs()).containsOnlyKeys(50.0, 75.0, 95.0, 99.0);
    assertThat(stats.global().percentile(99)).hasValue(77);
    assertThat(stats.global().percentile(99.9)).isEmpty();
  }

  @Test
  void readsTheErrorsTable() {
    assertThat(stats.errors()).containsExactly(entry(NOT_FOUND, 14L));
  }

  @Test
  void readsTheNewestRunOfAResultsFolder() throws IOException {
    GatlingStats fromResults = GatlingStats.read(results);

    assertThat(fromResults.runDirectory().getFileName()).hasToString(RUN);
    assertThat(fromResults).isEqualTo(stats);
  }

  @Test
  void picksTheLatestTimestampAmongRuns(@TempDir Path dir) throws IOException {
    String report = Files.readString(results.resolve(RUN).resolve(GatlingStats.REPORT));
    for (String run :
        new String[] {
          "conduitsimulation-20261124062144892",
          "conduitsimulation-20261201000000000",
          "conduitsimulation-20251231235959999"
        }) {
      Files.createDirectories(dir.resolve(run));
      Files.writeString(dir.resolve(run).resolve(GatlingStats.REPORT), report);
    }
    Files.createDirectories(dir.resolve("conduitsimulation-20991231000000000")); // no report yet

    assertThat(GatlingStats.latestRun(dir).getFileName())
        .hasToString("conduitsimulation-20261201000000000");
  }

  @Test
  void refusesWhatIsNotAReport(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> GatlingStats.read(dir)).isInstanceOf(NoSuchElementException.class);

    Files.writeString(dir.resolve(GatlingStats.REPORT), "<html><body>nothing here</body></html>");
    assertThatThrownBy(() -> GatlingStats.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Gatling report");
  }

  @Test
  void namesTheRequestsARunHas() {
    assertThat(stats.findRequest("feed")).isPresent();
    assertThat(stats.findRequest("delete")).isEmpty();
    assertThatThrownBy(() -> stats.request("delete"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("unfollow");
  }
}
