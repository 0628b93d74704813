package dev.mach.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.MachInstance;
import dev.mach.support.Scrape;
import dev.mach.support.TestRedis;
import dev.mach.support.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard ({@code ops/grafana}) and the Prometheus alert rules ({@code
 * ops/prometheus}) ask only for metrics Mach exports: every PromQL expression in them is parsed,
 * its metric names taken out, and each is looked up in a real scrape of a Mach with Redis, after
 * requests (and a garbage collection) that make every metric appear. A renamed meter fails here,
 * not on an operator's empty panel.
 */
class MonitoringFilesTest {

  private static final Path OPS = findOps();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Made by Prometheus itself, not by Mach. */
  private static final Set<String> PROMETHEUS_OWN = Set.of("up");

  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "inf");

  private static MachInstance mach;
  private static Scrape scrape;

  @BeforeAll
  static void startAndExercise() throws Exception {
    mach =
        MachInstance.start(
            Map.of(
                "mach.redis.url",
                TestRedis.URL,
                "mach.cache.redis.key-prefix",
                TestRedis.freshPrefix("monitoring-cache"),
                "mach.rate-limit.enabled",
                "true",
                "mach.rate-limit.redis.key-prefix",
                TestRedis.freshPrefix("monitoring-rate"),
                "mach.rate-limit.default-limits",
                "100000/1s"));
    var api = mach.api();
    var fixtures = new Fixtures(api);
    TestUser author = fixtures.user();
    String slug =
        fixtures
            .article(author, Fixtures.unique("Watched "), List.of("ops"))
            .path("slug")
            .asString();
    for (int i = 0; i < 3; i++) {
      api.get("/api/articles").expect(200);
      api.get("/api/articles/" + slug).expect(200);
      api.get("/api/tags").expect(200);
      api.get("/api/profiles/" + author.username()).expect(200);
    }
    api.as(author)
        .post("/api/articles/" + slug + "/comments", Json.wrap("comment", "body", "hi"))
        .expect(201);
    api.get("/api/" + Fixtures.unique("nowhere")).expect(404);
    // the GC meters appear with the first collection
    long deadline = System.nanoTime() + 10_000_000_000L;
    do {
      System.gc();
      Thread.sleep(100);
      scrape = Scrape.of(mach.management());
    } while (!scrape.names().contains("jvm_gc_pause_seconds_count")
        && System.nanoTime() < deadline);
  }

  @AfterAll
  static void stop() {
    if (mach != null) {
      mach.close();
    }
  }

  @Test
  void everyMetricTheDashboardQueriesIsExported() throws Exception {
    JsonNode dashboard =
        JSON.readTree(Files.readString(OPS.resolve("grafana/mach-dashboard.json")));
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        expressions.add(target.path("expr").asString());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asString().equals("query")) {
        expressions.add(variable.path("query").path("query").asString());
      }
    }
    assertThat(expressions).hasSizeGreaterThan(30).doesNotContain("");
    assertExported(expressions, Set.of());
  }

  @Test
  void theDashboardHasThePanelsAnOperatorNeeds() throws Exception {
    JsonNode dashboard =
        JSON.readTree(Files.readString(OPS.resolve("grafana/mach-dashboard.json")));
    List<String> titles = new ArrayList<>();
    dashboard.path("panels").forEach(p -> titles.add(p.path("title").asString()));
    assertThat(titles)
        .contains(
            "Throughput by route",
            "p99 latency by route",
            "Error rate",
            "Pool saturation",
            "Response cache hit ratio",
            "Rate limiting",
            "JVM memory");
  }

  @Test
  void everyMetricTheAlertRulesQueryIsExported() throws Exception {
    Map<String, Object> file =
        new Yaml().load(Files.readString(OPS.resolve("prometheus/alerts.yml")));
    List<String> expressions = new ArrayList<>();
    Set<String> recorded = new TreeSet<>();
    Set<String> alerts = new TreeSet<>();
    for (Object group : (List<?>) file.get("groups")) {
      for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
        var r = (Map<?, ?>) rule;
        expressions.add(r.get("expr").toString());
        if (r.get("record") != null) {
          recorded.add(r.get("record").toString());
        }
        if (r.get("alert") != null) {
          alerts.add(r.get("alert").toString());
        }
      }
    }
    assertThat(alerts)
        .contains(
            "MachErrorBudgetBurnFast",
            "MachLatencyBudgetBurnFast",
            "MachConnectionPoolExhausted",
            "MachErrorSpike");
    assertExported(expressions, recorded);
  }

  @Test
  void everyExportedMetricIsNamedInTheReadme() throws Exception {
    String readme = Files.readString(OPS.resolveSibling("README.md"));
    String operations = readme.substring(readme.indexOf("## Operations"));
    Set<String> undocumented = new TreeSet<>();
    for (String name : scrape.names()) {
      String family = name.replaceAll("_(bucket|count|sum|max)$", "");
      if (!operations.contains("`" + family + "`") && !operations.contains("`" + name + "`")) {
        undocumented.add(name);
      }
    }
    assertThat(undocumented).as("metrics missing from the README's Operations section").isEmpty();
  }

  private static void assertExported(List<String> expressions, Set<String> recorded) {
    Set<String> exported = scrape.names();
    for (String expression : expressions) {
      Set<String> names = metricNames(expression);
      assertThat(names).as("metric names in %s", expression).isNotEmpty();
      names.removeAll(recorded);
      names.removeAll(PROMETHEUS_OWN);
      assertThat(exported).as("metrics of %s", expression).containsAll(names);
    }
  }

  /** The metric names a PromQL expression selects (functions, keywords and labels left out). */
  static Set<String> metricNames(String expression) {
    String bare =
        expression
            .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
            .replaceAll("\\{[^}]*}", " ")
            // Grafana's label_values(metric, label): the second argument is a label
            .replaceAll("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)[^)]*\\)", "$1")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
            .replaceAll("\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b", " ");
    Set<String> names = new TreeSet<>();
    Matcher token = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?").matcher(bare);
    while (token.find()) {
      String found = token.group();
      if (!found.endsWith("(") && !KEYWORDS.contains(found.toLowerCase())) {
        names.add(found);
      }
    }
    return names;
  }

  @Test
  void metricNamesAreReadOutOfPromQl() {
    assertThat(
            metricNames(
                "histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{instance=~\"$instance\",uri=~\"$route\"}[$__rate_interval])))"))
        .containsExactly("http_server_requests_seconds_bucket");
    assertThat(
            metricNames(
                "max by (instance, pool) (hikaricp_connections_pending{job=\"mach\"}) > 0 and on (instance, pool) (hikaricp_connections_active >= hikaricp_connections_max)"))
        .containsExactly(
            "hikaricp_connections_active",
            "hikaricp_connections_max",
            "hikaricp_connections_pending");
    assertThat(metricNames("mach:slo_errors:ratio_rate1h > (14.4 * 0.001)"))
        .containsExactly("mach:slo_errors:ratio_rate1h");
    assertThat(metricNames("label_values(process_uptime_seconds{job=~\"mach.*\"}, instance)"))
        .containsExactly("process_uptime_seconds");
  }

  private static Path findOps() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("ops/grafana"))) {
        return dir.resolve("ops");
      }
    }
    throw new IllegalStateException("ops/ not found above " + Path.of("").toAbsolutePath());
  }
}
