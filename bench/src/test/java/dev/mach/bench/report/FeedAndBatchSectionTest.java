package dev.mach.bench.report;

import static dev.mach.bench.report.ReportFiles.HEADER_WITH_ROUND;
import static dev.mach.bench.report.ReportFiles.section;
import static dev.mach.bench.report.ReportFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Feed fan-out" and "Batch requests" sections, from small synthetic runs: medians over rounds,
 * per-round ratios, and the two targets judged round by round.
 */
class FeedAndBatchSectionTest {

  private static final String META =
      """
      {"plan":"medium","sloP99Ms":50,"dataset":{"size":"medium","seed":42},
       "baseline":"all-on",
       "configs":[
         {"name":"all-on","technique":null,"args":"defaults"},
         {"name":"fan-out-off","technique":"feed fan-out","args":"--mach.feed.fan-out.enabled=false"}]}
      """;

  /**
   * The 5,000-author reader: fan-out on answers p99 in 12, 18 and 25 ms over three rounds (the
   * target missed in round 3); off in 36, 36 and 50 ms, so the per-round ratios are 3.0, 2.0 and
   * 2.0. The 10-author reader has one round only, and the rows are given out of order.
   */
  private static final List<String> FEED_ROWS =
      List.of(
          "all-on feed feed-5000 1000 20000 20000 0 1000 2 NaN 12 30 1",
          "fan-out-off feed feed-5000 1000 20000 20000 0 1000 9 NaN 36 80 1",
          "all-on feed feed-5000 1000 20000 20000 0 1000 3 NaN 18 30 2",
          "fan-out-off feed feed-5000 1000 20000 20000 0 1000 9 NaN 36 80 2",
          "all-on feed feed-5000 1000 20000 20000 0 1000 4 NaN 25 30 3",
          "fan-out-off feed feed-5000 1000 20000 19000 1000 950 9 NaN 50 80 3",
          "fan-out-off feed feed-10 1000 20000 20000 0 1000 40 NaN 90 120 1",
          "all-on feed feed-10 1000 20000 20000 0 1000 1 NaN 3 9 1");

  /** Sequential p50 10 ms against a batch's 1.6 ms (6.25×) in round 1, 2 ms (5×) in round 2. */
  private static final List<String> BATCH_ROWS =
      List.of(
          "all-on client 20-sequential 20 400 400 0 90 10 11 14 20 1",
          "all-on client batch-of-20 20 400 400 0 500 1.6 2 3 5 1",
          "all-on client 20-sequential 20 400 400 0 90 10 11 15 20 2",
          "all-on client batch-of-20 20 400 400 0 450 2 2.5 3 5 2");

  @Test
  void feedRowsShowMediansPerReaderAndJudgeTheTargetRoundByRound(@TempDir Path dir)
      throws IOException {
    String report = write(dir, HEADER_WITH_ROUND, FEED_ROWS, META);
    String section = section(report, "## Feed fan-out", "## Batch requests");

    assertThat(section)
        .contains("| reader follows | rate (req/s) | fan-out on: p50 | p99 | fan-out off: p50 |")
        // readers by followee count, the 10-author reader first though its rows came last
        .containsSubsequence("| 10 authors |", "| 5,000 authors |")
        .contains("| 10 authors | 1,000 | 1.00 | 3.00 | 40.0 | 90.0 | 30× | 0.00% / 0.00% | 1 |")
        .contains(
            "| 5,000 authors | 1,000 | 3.00 | 18.0 (12.0–25.0) | 9.00 | 36.0 (36.0–50.0) | 2.0× |"
                + " 0.00% / 0.00% | 3 |")
        .contains("**Target** (p99 ≤ 20.0 ms at 1,000 req/s for the reader of 5,000 authors")
        .contains("not met (met in 2 of 3 rounds; worst p99 25.0 ms)");
  }

  @Test
  void batchRowsGiveTheSpeedUpPerRoundAndItsMedian(@TempDir Path dir) throws IOException {
    String report = write(dir, HEADER_WITH_ROUND, BATCH_ROWS, META);
    String section = section(report, "## Batch requests", "## Targets");

    assertThat(section)
        .contains("| 1 | 400 | 10.0 | 14.0 | 1.60 | 3.00 | 6.3× | 4.7× | 0 |")
        .contains("| 2 | 400 | 10.0 | 15.0 | 2.00 | 3.00 | 5.0× | 5.0× | 0 |")
        .contains("median speed-up 5.6×, met (in 2 of 2 rounds)");
    assertThat(report).contains("## Feed fan-out\n\nNot measured in this run.\n");
  }

  @Test
  void aBatchSlowerThanFiveTimesInAnyRoundMissesTheTarget(@TempDir Path dir) throws IOException {
    List<String> rows =
        List.of(
            "all-on client 20-sequential 20 400 400 0 90 10 11 14 20 1",
            "all-on client batch-of-20 20 400 400 0 300 4 5 6 9 1");

    String section =
        section(write(dir, HEADER_WITH_ROUND, rows, META), "## Batch requests", "## Targets");

    assertThat(section).contains("median speed-up 2.5×, not met (met in 0 of 1 rounds)");
  }
}
