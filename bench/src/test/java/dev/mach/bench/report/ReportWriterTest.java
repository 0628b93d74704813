package dev.mach.bench.report;

import static dev.mach.bench.report.ReportFiles.HEADER;
import static dev.mach.bench.report.ReportFiles.section;
import static dev.mach.bench.report.ReportFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Writes reports from small synthetic runs: the inputs are made up to put each rule of the report
 * to the test (which step is the throughput at the SLO, how gains are computed, what a missing
 * section says), not measured.
 */
class ReportWriterTest {

  /** Rows: config, tool, endpoint, offered, requests, ok, ko, rps, p50, p95, p99, max. */
  private static final List<String> ROWS =
      List.of(
          // the global list: 3,000 is the highest step within the SLO; 4,000 misses on both
          // counts, and 5,000 has a p99 within the SLO but 1% errors
          "all-on gatling list 1000 30000 30000 0 1000 2 5 10 40",
          "all-on gatling list 2000 60000 60000 0 1998 3 12 45 90",
          "all-on gatling list 3000 90000 89990 10 2990 4 20 48 120",
          "all-on gatling list 4000 120000 118000 2000 3500 30 150 200 900",
          "all-on gatling list 5000 150000 148500 1500 4950 5 25 40 110",
          "all-on gatling article 20000 600000 600000 0 20000 1 2 5 20",
          "all-on gatling article 60000 1800000 1800000 0 59000 2 10 40 100",
          "all-on gatling favorite 500 15000 15000 0 500 20 50 70 150",
          // the read mix per configuration
          "all-on gatling read 500 15000 15000 0 500 2 4 5 30",
          "all-on gatling read 1000 30000 30000 0 1000 3 8 12 40",
          "all-on gatling read 2000 60000 60000 0 2000 6 25 40 80",
          "all-on gatling read 4000 120000 110000 10000 3000 200 280 300 2000",
          "no-batching gatling read 250 7500 7500 0 250 5 12 20 50",
          "no-batching gatling read 500 15000 15000 0 500 10 30 45 90",
          "no-batching gatling read 1000 30000 29000 1000 800 300 450 500 1500",
          "no-indexes gatling read 1000 30000 30000 0 1000 8 20 30 60",
          "no-indexes gatling read 2000 60000 60000 0 1900 40 80 90 200",
          "platform-threads gatling read 1000 30000 30000 0 1000 10 40 60 100",
          "platform-threads gatling read 2000 60000 60000 0 1800 80 150 200 400",
          "all-off gatling read 100 3000 3000 0 100 5 10 20 40",
          "all-off gatling read 500 15000 14000 1000 300 400 800 900 3000",
          // closed-loop peaks and the nginx ceiling
          "all-on wrk list 64 360000 360000 0 12000 4 NaN 8.5 30",
          "no-batching wrk list 64 90000 90000 0 3000 18 NaN 40 90",
          "no-indexes wrk list 64 180000 180000 0 6000 9 NaN 20 50",
          "all-on wrk article 64 900000 900000 0 30000 1.5 NaN 3 10",
          "ceiling nginx list 64 1440000 1440000 0 48000 0.8 NaN 1.2 5",
          "ceiling nginx article 64 1800000 1800000 0 60000 0.7 NaN 1.0 4");

  private static final String META =
      """
      {"plan":"medium","date":"2026-11-24","sloP99Ms":50,"maxErrorRate":0.001,
       "machine":{"cpus":2,"cpuModel":"Test CPU @ 2.0GHz","memory":"24 GiB","kernel":"6.1.0-test"},
       "jdk":"OpenJDK 25.0.1","pinning":"server on core 0 (taskset -c 0), load generator on core 1",
       "load":"warmed until steady","serverJvm":"-Xmx1g -XX:MaxTenuringThreshold=2",
       "dataset":{"size":"medium","seed":42,"users":10000,"articles":200000,"tags":1000,
                  "favorites":1000000,"follows":300000,"comments":500000,"shape":"zipf"},
       "database":"PostgreSQL 15.14","baseline":"all-on",
       "configs":[
         {"name":"all-on","technique":null,"args":"(defaults)"},
         {"name":"no-batching","technique":"batching","args":"--mach.batching.enabled=false"},
         {"name":"no-indexes","technique":"indexes","args":"(secondary indexes dropped)"},
         {"name":"pool-1","technique":"connection pool","args":"--spring.datasource.hikari.maximum-pool-size=1"},
         {"name":"platform-threads","technique":"virtual threads","args":"--spring.threads.virtual.enabled=false"},
         {"name":"all-off","technique":"all","args":"everything off"}],
       "peers":[],"somethingNew":{"nested":[1,2,3]}}
      """;

  @Test
  void setupStatesTheMachineDatasetPinningAndSlo(@TempDir Path dir) throws IOException {
    String report = writeFullRun(dir);

    assertThat(report)
        .startsWith("# Mach benchmark: plan `medium`, 2026-11-24\n")
        .contains("| machine | 2 CPUs, Test CPU @ 2.0GHz, 24 GiB memory, kernel 6.1.0-test |")
        .contains("| JDK | OpenJDK 25.0.1 |")
        .contains("| database | PostgreSQL 15.14 |")
        .contains(
            "| dataset | `medium`, seed 42: 10,000 users, 200,000 articles, 1,000 tags,"
                + " 1,000,000 favorites, 300,000 follows, 500,000 comments |")
        .contains("| pinning | server on core 0 (taskset -c 0), load generator on core 1 |")
        .contains("| load | warmed until steady |")
        .contains("| server JVM | -Xmx1g -XX:MaxTenuringThreshold=2 |")
        .contains("| SLO | p99 ≤ 50 ms and errors < 0.1% of requests |")
        .contains("| `all-on` (baseline) | nothing | (defaults) |")
        .contains("| `no-batching` | batching | --mach.batching.enabled=false |")
        .contains("highest measured rate at which p99 ≤ 50 ms and errors < 0.1%");
  }

  @Test
  void throughputAtTheSloIsTheHighestStepWithinLatencyAndErrors(@TempDir Path dir)
      throws IOException {
    String report = writeFullRun(dir);

    String list = section(report, "### `list`", "### `article`");
    assertThat(list)
        .contains("| 1,000 | 1,000 | 2.00 | 5.00 | 10.0 | 0.00% | met |")
        .contains("| 3,000 | 2,990 | 4.00 | 20.0 | 48.0 | 0.01% | met: **throughput at the SLO** |")
        .contains("| 4,000 | 3,500 | 30.0 | 150 | 200 | 1.67% | missed (p99 over, errors over) |")
        .contains("| 5,000 | 4,950 | 5.00 | 25.0 | 40.0 | 1.00% | missed (errors over) |")
        .contains("Throughput at the SLO: **2,990 req/s** (offered 3,000 req/s).");
    assertThat(list.split("throughput at the SLO\\*\\*", -1)).hasSize(2);

    assertThat(section(report, "### `favorite`", "### `read`"))
        .contains(
            "Throughput at the SLO: none: every step missed the SLO (lowest offered 500 req/s).");
    assertThat(section(report, "### `read`", "## Peak"))
        .contains("Throughput at the SLO: **2,000 req/s** (offered 2,000 req/s).");
    assertThat(section(report, "## Per endpoint", "## Peak"))
        .doesNotContain("### `feed`")
        .doesNotContain("### `tag`");
  }

  @Test
  void peakTableSetsEachEndpointAgainstTheNginxCeiling(@TempDir Path dir) throws IOException {
    String peak = section(writeFullRun(dir), "## Peak (wrk)", "## Ablation");

    assertThat(peak)
        .contains("wrk with 64 connections")
        .contains(
            "| endpoint | `all-on` | `no-batching` | `no-indexes` | nginx ceiling |"
                + " `all-on` / ceiling |")
        .contains("| `list` | 12,000 (8.50) | 3,000 (40.0) | 6,000 (20.0) | 48,000 (1.20) | 25% |")
        .contains(
            "| `article` | 30,000 (3.00) | not measured | not measured | 60,000 (1.00) | 50% |");
  }

  @Test
  void ablationGivesTheBaselinesGainBesideTheClaim(@TempDir Path dir) throws IOException {
    String ablation = section(writeFullRun(dir), "## Ablation", "## Targets");

    assertThat(ablation)
        .contains(
            "| `all-on` (baseline) | nothing | 2,000 req/s | — | 12,000 | — | — |",
            "| `no-batching` | batching | 500 req/s | +300% | 3,000 | +300% | — (none claimed) |",
            "| `no-indexes` | indexes | 1,000 req/s | +100% | 6,000 | +100% | ~30% faster |",
            "| `pool-1` | connection pool | not measured | — | not measured | — | — |",
            "| `platform-threads` | virtual threads | none: every step missed the SLO (lowest"
                + " offered 1,000 req/s) | > +100% | not measured | — | ~50% faster (async) |",
            "| `all-off` | all | 100 req/s | +1,900% | not measured | — | ~40% overall |")
        .contains("Caching, which the seed articles credit with ~60% lower response time, is not");
  }

  @Test
  void targetsSayMetOrNotMet(@TempDir Path dir) throws IOException {
    String targets = section(writeFullRun(dir), "## Targets", "## Chart");

    assertThat(targets)
        .contains(
            "| global list (`list`) | ≥ 10,000 req/s | 2,990 req/s | ~1,000 req/s | not met |",
            "| feed (`feed`) | ≥ 6,000 req/s | not measured | ~600 req/s | not measured |",
            "| single article (`article`) | ≥ 50,000 req/s | 59,000 req/s | ~5,000 req/s |"
                + " **met** |",
            "| favorite toggle (`favorite`) | ≥ 10,000 req/s | none: every step missed the SLO"
                + " (lowest offered 500 req/s) | ~3,500 req/s | not met |",
            "| all on vs all off | ≥ 10× | 20× (read mix at SLO) | — | **met** |",
            "| uncached global list on PostgreSQL (`all-on`, no cache is built yet) |"
                + " ≥ 3,000 req/s | 2,990 req/s | ~1,000 req/s | not met |")
        .doesNotContain("only indicate");
  }

  @Test
  void allOffThatMissedEveryStepLeavesTheTenfoldTargetOpen(@TempDir Path dir) throws IOException {
    List<String> rows =
        List.of(
            "all-on gatling read 1000 30000 30000 0 1000 3 8 12 40",
            "all-off gatling read 500 15000 14000 1000 300 400 800 900 3000");
    String meta =
        """
        {"plan":"small","sloP99Ms":50,"configs":[{"name":"all-on"},
          {"name":"all-off","technique":"all"}]}
        """;

    String targets = section(write(dir, rows, meta), "## Targets", "## Chart");

    assertThat(targets)
        .contains(
            "| all on vs all off | ≥ 10× | > 2.0× (read mix at SLO) | — |"
                + " undetermined (`all-off` needs lower steps) |")
        .contains("This run used the `small` dataset, so its verdicts only indicate.");
  }

  @Test
  void missingDataSaysNotMeasured(@TempDir Path dir) throws IOException {
    String meta =
        """
        {"plan":"smoke","sloP99Ms":25,"configs":[{"name":"all-on","technique":null}],
         "unknown":"ignored"}
        """;

    String report = write(dir, List.of(), meta);

    assertThat(report)
        .startsWith("# Mach benchmark: plan `smoke`, date not recorded\n")
        .contains("| machine | not recorded |")
        .contains("| pinning | not recorded |")
        .contains("| dataset | size not recorded, counts not recorded |")
        .contains("| SLO | p99 ≤ 25 ms and errors < 0.1% of requests |");
    for (String heading :
        List.of(
            "## Per endpoint (`all-on`, Gatling)",
            "## Peak (wrk)",
            "## Ablation",
            "## Response cache",
            "## Compression",
            "## Rate limiting",
            "## Chart")) {
      assertThat(report).contains(heading + "\n\nNot measured in this run.\n");
    }
    assertThat(section(report, "## Targets", "## Chart"))
        .contains(
            "| global list (`list`) | ≥ 10,000 req/s | not measured | ~1,000 req/s |"
                + " not measured |")
        .contains("| all on vs all off | ≥ 10× | not measured | — | not measured |");
    Document svg = svg(dir);
    assertThat(svg.getElementsByTagName("polyline").getLength()).isZero();
    assertThat(svg.getDocumentElement().getTextContent()).contains("Not measured in this run");
  }

  @Test
  void linksTheKeptGatlingReportsButNotTheScratchRuns(@TempDir Path dir) throws IOException {
    Path kept = dir.resolve("gatling/read/25/conduitsimulation-1/index.html");
    Path scratch = dir.resolve("work/warmup-all-on/conduitsimulation-2/index.html");
    for (Path page : List.of(kept, scratch)) {
      Files.createDirectories(page.getParent());
      Files.writeString(page, "<html></html>");
    }
    writeFullRun(dir);

    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("[gatling/read/25/conduitsimulation-1/index.html]")
        .doesNotContain("work/warmup-all-on");
  }

  @Test
  void csvHoldsEveryMeasurement(@TempDir Path dir) throws IOException {
    writeFullRun(dir);

    List<String> csv = Files.readAllLines(dir.resolve(ReportWriter.CSV));

    assertThat(csv).hasSize(ROWS.size() + 1);
    assertThat(csv.getFirst()).isEqualTo(HEADER.replace('\t', ','));
    assertThat(csv)
        .contains("all-on,gatling,list,3000,90000,89990,10,2990,4,20,48,120")
        .contains("all-on,wrk,list,64,360000,360000,0,12000,4,NaN,8.5,30")
        .contains("ceiling,nginx,article,64,1800000,1800000,0,60000,0.7,NaN,1.0,4");
  }

  @Test
  void chartHasOneLinePerConfigurationAndTheSlo(@TempDir Path dir) throws IOException {
    String report = writeFullRun(dir);
    Document svg = svg(dir);

    Map<String, Integer> points = new LinkedHashMap<>();
    NodeList polylines = svg.getElementsByTagName("polyline");
    for (int i = 0; i < polylines.getLength(); i++) {
      Element polyline = (Element) polylines.item(i);
      points.put(
          polyline.getAttribute("data-config"),
          polyline.getAttribute("points").trim().split("\\s+").length);
    }
    assertThat(points)
        .containsExactly(
            Map.entry("all-on", 4),
            Map.entry("no-batching", 3),
            Map.entry("no-indexes", 2),
            Map.entry("platform-threads", 2),
            Map.entry("all-off", 2));

    NodeList lines = svg.getElementsByTagName("line");
    boolean dashed = false;
    for (int i = 0; i < lines.getLength(); i++) {
      dashed |= !((Element) lines.item(i)).getAttribute("stroke-dasharray").isEmpty();
    }
    assertThat(dashed).as("a dashed SLO line").isTrue();
    String text = svg.getDocumentElement().getTextContent();
    assertThat(text)
        .contains("SLO: p99 ≤ 50 ms")
        .contains("offered load (requests/s)")
        .contains("p99 latency (ms, log scale)")
        .contains("all-off")
        .doesNotContain("pool-1");
    assertThat(report)
        .contains("![p99 latency against offered load")
        .contains("(latency-vs-load.svg)");
  }

  @Test
  void saysWhichInputIsMissing(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(ReportWriter.MEASUREMENTS), HEADER + "\n");

    assertThatThrownBy(() -> ReportWriter.write(dir))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(ReportWriter.META);
  }

  @Test
  void refusesMetadataWithoutItsRequiredFields(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(ReportWriter.MEASUREMENTS), HEADER + "\n");
    Files.writeString(dir.resolve(ReportWriter.META), "{\"plan\":\"medium\",\"configs\":[]}");

    assertThatThrownBy(() -> ReportWriter.write(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sloP99Ms");
  }

  @Test
  void refusesARowWithTheWrongNumberOfFields(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve(ReportWriter.MEASUREMENTS), HEADER + "\nall-on\tgatling\tlist\t100\n");
    Files.writeString(dir.resolve(ReportWriter.META), META);

    assertThatThrownBy(() -> ReportWriter.write(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("measurements.tsv:2: 4 fields where the header has 12");
  }

  /** A cache and compression run: the cache off, the baseline, its Redis tier, gzip off. */
  private static final List<String> CACHE_ROWS =
      List.of(
          // the read mix: no-cache misses the SLO at 50 and has 5% errors at 100
          "no-cache gatling read 25 500 500 0 25 10 30 45 60",
          "no-cache gatling read 50 1000 1000 0 50 20 80 200 400",
          "no-cache gatling read 100 2000 1900 100 95 900 2000 3000 5000",
          "all-on gatling read 25 500 500 0 25 4 10 15 20",
          "all-on gatling read 50 1000 1000 0 50 5 12 20 30",
          "all-on gatling read 100 2000 2000 0 100 6 15 30 40",
          "cache-redis gatling read 25 500 500 0 25 5 11 16 20",
          "cache-redis gatling read 50 1000 1000 0 50 5 13 22 30",
          "cache-redis gatling read 100 2000 2000 0 100 6 16 33 50",
          "no-cache gatling list 100 2000 2000 0 100 40 90 120 200",
          "all-on gatling list 100 2000 2000 0 100 2 4 8 10",
          "all-on gatling list 200 4000 4000 0 200 2 5 9 12",
          // wrk peaks, plain and for a gzip client
          "no-cache wrk list 64 2400 2400 0 300 200 NaN 250 300",
          "all-on wrk list 64 192000 192000 0 24000 2 NaN 5 9",
          "cache-redis wrk list 64 168000 168000 0 21000 3 NaN 6 9",
          "no-compression wrk list 64 184000 184000 0 23000 2.5 NaN 5.5 9",
          "no-cache wrk list+gzip 64 2240 2240 0 280 210 NaN 260 300",
          "all-on wrk list+gzip 64 200000 200000 0 25000 2 NaN 5 9",
          "cache-redis wrk list+gzip 64 160000 160000 0 20000 3 NaN 6 9",
          "no-compression wrk list+gzip 64 192000 192000 0 24000 2.5 NaN 5.5 9");

  private static final String CACHE_META =
      """
      {"plan":"medium","sloP99Ms":50,"dataset":{"size":"medium","seed":42},
       "redis":"7.0.15 at redis://127.0.0.1:6379/0","baseline":"all-on",
       "configs":[
         {"name":"all-on","technique":null,"args":"defaults"},
         {"name":"no-compression","technique":"compression","args":"--server.compression.enabled=false"},
         {"name":"no-cache","technique":"response cache","args":"--mach.cache.enabled=false"},
         {"name":"cache-redis","technique":null,"args":"--mach.redis.url=redis://127.0.0.1:6379/0",
          "adds":"Redis second cache tier","redisKeys":1234}]}
      """;

  /** Rows: config, endpoint, accept_encoding, content_encoding, status, bytes. */
  private static final List<String> SIZES =
      List.of(
          "all-on list identity identity 200 12000",
          "all-on list gzip gzip 200 2400",
          "all-on article identity identity 200 3000",
          "all-on article gzip gzip 200 900",
          "no-compression list identity identity 200 12000",
          "no-compression list gzip gzip 200 2400",
          "no-compression article identity identity 200 3000",
          "no-compression article gzip identity 200 3000",
          "no-cache feed identity identity 401 80",
          "no-cache feed gzip identity 401 80");

  @Test
  void cacheIsComparedAtTheSameOfferedLoadAndAtThePeak(@TempDir Path dir) throws IOException {
    String cache = section(writeCacheRun(dir), "## Response cache", "## Compression");

    assertThat(cache)
        .contains("Dataset `medium`")
        .contains("wrk peak (closed loop, 64 connections; p99 in ms in parentheses)")
        .contains("`cache-redis` held 1,234 keys in Redis under its run's prefix");
    String l1 =
        section(cache, "### `all-on` against `no-cache`", "### `cache-redis` against `no-cache`");
    assertThat(l1)
        .contains(
            "| scenario | offered (req/s) | `no-cache` p50 / p95 / p99 (ms) |"
                + " `all-on` p50 / p95 / p99 (ms) | change p50 / p95 / p99 |",
            // 100/s is out: no-cache had 5% errors there
            "| `list` | 100 | 40.0 / 90.0 / 120 (over SLO) | 2.00 / 4.00 / 8.00 | -95% / -96% / -93% |",
            "| `read` | 50 | 20.0 / 80.0 / 200 (over SLO) | 5.00 / 12.0 / 20.0 | -75% / -85% / -90% |",
            "| `list` | 300 (250) | 24,000 (5.00) | 80× |",
            "| `list+gzip` | 280 (260) | 25,000 (5.00) | 89× |",
            "with `all-on`, at the same offered load (50 req/s) the read mix's median is 75% lower"
                + " and its p99 90% lower, and the global list's wrk peak is 80× that of"
                + " `no-cache`.");
    String redis = cache.substring(cache.indexOf("### `cache-redis` against `all-on`"));
    assertThat(redis)
        .contains("the Redis tier added to the in-process cache")
        .contains("| `read` | 100 | 6.00 / 15.0 / 30.0 | 6.00 / 16.0 / 33.0 | 0% / +7% / +10% |")
        .contains("| `list` | 24,000 (5.00) | 21,000 (6.00) | 0.9× |")
        .doesNotContain("| `list` | 100 |")
        .doesNotContain("seed article");
  }

  @Test
  void aRedisTierThatLeftNoKeysIsFlagged(@TempDir Path dir) throws IOException {
    String meta = CACHE_META.replace("\"redisKeys\":1234", "\"redisKeys\":0");

    String cache = section(write(dir, CACHE_ROWS, meta), "## Response cache", "## Compression");

    assertThat(cache)
        .contains(
            "⚠ `cache-redis` left no keys in Redis under its run's prefix: the server did not use"
                + " Redis, so its rows measure the in-process cache alone.");
  }

  @Test
  void setupNamesWhatAConfigurationAddsAndTheRedis(@TempDir Path dir) throws IOException {
    String setup = section(writeCacheRun(dir), "## Setup", "## Per endpoint");

    assertThat(setup)
        .contains("| Redis | 7.0.15 at redis://127.0.0.1:6379/0 |")
        .contains(
            "| `cache-redis` | nothing; adds Redis second cache tier |"
                + " --mach.redis.url=redis://127.0.0.1:6379/0 |");
  }

  @Test
  void compressionShowsBytesSavedAndWhatGzipDoesToThePeak(@TempDir Path dir) throws IOException {
    String report = writeCacheRun(dir);
    String compression = section(report, "## Compression", "## Targets");

    assertThat(compression)
        .contains(
            "| endpoint | `all-on` | `no-compression` | `no-cache` |",
            "| `list` | 12,000 → 2,400 (-80%) | 12,000 → 2,400 (-80%) | not measured |",
            "| `feed` | not measured | not measured | status 401 |",
            "| `article` | 3,000 → 900 (-70%) | 3,000 → 3,000 (sent uncompressed) | not measured |",
            "`no-compression` still sent gzip for `list`: the response cache keeps a gzip copy",
            "| endpoint | `all-on` | `no-compression` | `no-cache` | `cache-redis` |"
                + " gzip client: `all-on` / `no-compression` |",
            "| `list` | 24,000 → 25,000 (+4%) | 23,000 → 24,000 (+4%) | 300 → 280 (-7%) |"
                + " 21,000 → 20,000 (-5%) | +4% |");

    String peak = section(report, "## Peak (wrk)", "## Ablation");
    assertThat(peak)
        .contains("| `list` | 24,000 (5.00) |")
        .contains("A `+gzip` row is the same request sent with `Accept-Encoding: gzip`");
    assertThat(peak.indexOf("| `list+gzip` |"))
        .isGreaterThan(peak.indexOf("| `list` |"))
        .isEqualTo(peak.indexOf('\n', peak.indexOf("| `list` |")) + 1);
  }

  @Test
  void refusesASizeRowWithTheWrongNumberOfFields(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve(ResponseSize.FILE),
        "config\tendpoint\taccept_encoding\tcontent_encoding\tstatus\tbytes\nall-on\tlist\n");

    assertThatThrownBy(() -> write(dir, CACHE_ROWS, CACHE_META))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("response-sizes.tsv:2: 2 fields where the header has 6");
  }

  private static String writeCacheRun(Path dir) throws IOException {
    StringBuilder tsv =
        new StringBuilder("config\tendpoint\taccept_encoding\tcontent_encoding\tstatus\tbytes\n");
    SIZES.forEach(row -> tsv.append(row.replace(' ', '\t')).append('\n'));
    Files.writeString(dir.resolve(ResponseSize.FILE), tsv);
    return write(dir, CACHE_ROWS, CACHE_META);
  }

  private static String writeFullRun(Path dir) throws IOException {
    return write(dir, ROWS, META);
  }

  private static Document svg(Path dir) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(dir.resolve(ReportWriter.CHART).toFile());
    } catch (Exception e) {
      throw new AssertionError("latency-vs-load.svg is not well-formed XML", e);
    }
  }
}
