package dev.mach.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.MachInstance;
import dev.mach.support.Scrape;
import dev.mach.support.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * What {@code /actuator/prometheus} shows after a known set of requests: each counted once under
 * its route template, whoever answered it (Spring MVC, the response cache, the rate limiter), and
 * the {@code uri} label bounded by the routes Mach has, however many slugs and usernames are asked
 * for. The context is shared with other tests, so counts are compared before and after.
 */
class RequestMetricsApiTest extends ApiTest {

  private static final String REQUESTS = "http_server_requests_seconds_count";

  @Autowired List<RequestMappingInfoHandlerMapping> mappings;
  @Autowired List<AbstractUrlHandlerMapping> resourceMappings;

  private Scrape scrape() {
    return Scrape.of(management());
  }

  private dev.mach.support.Api management() {
    return new dev.mach.support.Api("http://localhost:" + managementPort);
  }

  @Test
  void requestsAreCountedUnderTheirRouteTemplateWhetherTheCacheOrSpringAnswered() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    String article = "/api/articles/" + slug;
    Scrape before = scrape();

    api.get(article).expect(200); // a miss, answered by Spring MVC
    api.get(article).expect(200); // hits, answered by the response cache
    api.get(article).expect(200);
    api.get("/api/profiles/" + author.username()).expect(200);
    api.get("/api/articles/" + Fixtures.unique("missing")).expect(404);
    api.get("/api/" + Fixtures.unique("nowhere") + "/x").expect(404);
    api.as(author).post(article + "/comments", Json.wrap("comment", "body", "first!")).expect(201);
    api.as(author).put(article, "{").expect(400);

    // the last request is recorded as it finishes, just after its response has gone out
    Scrape after =
        Scrape.awaiting(
            management(), s -> delta(before, s, "PUT", "/api/articles/{slug}", "400") == 1);
    assertThat(delta(before, after, "GET", "/api/articles/{slug}", "200")).isEqualTo(3);
    assertThat(
            after.value("mach_cache_requests_total", "route", "article", "result", "hit")
                - before.value("mach_cache_requests_total", "route", "article", "result", "hit"))
        .as("two of the three were cache hits")
        .isEqualTo(2);
    assertThat(delta(before, after, "GET", "/api/profiles/{username}", "200")).isEqualTo(1);
    assertThat(delta(before, after, "GET", "/api/articles/{slug}", "404")).isEqualTo(1);
    assertThat(delta(before, after, "GET", "NOT_FOUND", "404")).isEqualTo(1);
    assertThat(delta(before, after, "POST", "/api/articles/{slug}/comments", "201")).isEqualTo(1);
    assertThat(delta(before, after, "PUT", "/api/articles/{slug}", "400")).isEqualTo(1);
    assertThat(
            after.value(REQUESTS, "uri", "/api/articles/{slug}", "status", "404")
                - before.value(REQUESTS, "uri", "/api/articles/{slug}", "status", "404"))
        .isEqualTo(1);
    assertThat(
            after.value(REQUESTS, "uri", "/api/articles/{slug}", "outcome", "CLIENT_ERROR")
                - before.value(REQUESTS, "uri", "/api/articles/{slug}", "outcome", "CLIENT_ERROR"))
        .as("status classes: the 404 and the 400")
        .isEqualTo(2);

    // statements per request: counted for the miss and the 404, not for the hits
    String perRequest = "mach_request_sql_statements_count";
    assertThat(
            after.value(perRequest, "uri", "/api/articles/{slug}")
                - before.value(perRequest, "uri", "/api/articles/{slug}"))
        .isEqualTo(3); // the miss, the 404 and the PUT (which reads its viewer's token only)
    assertThat(
            after.value("mach_sql_statements_seconds_count", "type", "read", "outcome", "success"))
        .isGreaterThan(
            before.value(
                "mach_sql_statements_seconds_count", "type", "read", "outcome", "success"));
  }

  @Test
  void routeLabelsStayTheRoutesMachHasWhateverPathsAreAskedFor() {
    List<String> raw = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String slug = Fixtures.unique("slug");
      String name = Fixtures.unique("name");
      String junk = Fixtures.unique("junk");
      raw.addAll(List.of(slug, name, junk));
      api.get("/api/articles/" + slug).expect(404);
      api.get("/api/articles/" + slug + "/comments").expect(404);
      api.get("/api/profiles/" + name).expect(404);
      api.get("/" + junk).expect(404);
      api.post("/api/" + junk + "/deeper", "{}").expect(404);
    }
    Scrape before = scrape();
    api.get("/swagger-ui/index.html");
    api.get("/api/tags").expect(200);
    Scrape after =
        Scrape.awaiting(
            management(),
            s ->
                s.value(REQUESTS, "uri", "/api/tags") > before.value(REQUESTS, "uri", "/api/tags"));
    Set<String> uris = after.labelValues(REQUESTS, "uri");
    Set<String> allowed = new TreeSet<>(List.of("NOT_FOUND", "UNKNOWN"));
    mappings.forEach(
        mapping ->
            mapping
                .getHandlerMethods()
                .keySet()
                .forEach(i -> allowed.addAll(i.getPatternValues())));
    // static resources (Swagger UI) are mapped by URL patterns
    resourceMappings.forEach(
        mapping ->
            mapping
                .getPathPatternHandlerMap()
                .keySet()
                .forEach(p -> allowed.add(p.getPatternString())));

    assertThat(uris).isSubsetOf(allowed);
    assertThat(uris).noneMatch(uri -> raw.stream().anyMatch(uri::contains));
    assertThat(after.labelValues("mach_request_sql_statements_count", "uri")).isSubsetOf(allowed);
  }

  @Test
  void durationsHaveBucketsAroundAnSloOfTensOfMilliseconds() {
    api.get("/api/tags").expect(200);
    Scrape scrape =
        Scrape.awaiting(
            management(),
            s -> s.value("http_server_requests_seconds_bucket", "uri", "/api/tags") > 0);
    Set<String> bounds =
        scrape.samples().stream()
            .filter(s -> s.name().equals("http_server_requests_seconds_bucket"))
            .filter(s -> "/api/tags".equals(s.labels().get("uri")))
            .filter(s -> "200".equals(s.labels().get("status")))
            .map(s -> s.labels().get("le"))
            .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    assertThat(bounds)
        .contains("0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "+Inf")
        .hasSizeLessThan(20);
  }

  @Test
  void poolJvmVirtualThreadAndMachMetersAreExported() {
    Set<String> names = scrape().names();
    assertThat(names)
        .contains(
            "hikaricp_connections_active",
            "hikaricp_connections_idle",
            "hikaricp_connections_pending",
            "hikaricp_connections_max",
            "hikaricp_connections_timeout_total",
            "hikaricp_connections_acquire_seconds_bucket",
            "jvm_memory_used_bytes",
            "jvm_threads_live_threads",
            "jvm_threads_virtual_pinned_seconds_count",
            "jvm_threads_virtual_submit_failed_total",
            "process_cpu_usage",
            "mach_cache_requests_total",
            "mach_cache_invalidations_total",
            "mach_ratelimit_decisions_total",
            "mach_overload_shed_total",
            "mach_sql_statements_seconds_bucket",
            "mach_access_log_dropped_total");
  }

  @Test
  void rateLimitedRequestsAreCountedUnderTheirRoute() {
    try (var mach =
        MachInstance.start(
            Map.of(
                "mach.rate-limit.enabled", "true",
                "mach.rate-limit.default-limits", "2/1h"))) {
      Scrape before = Scrape.of(mach.management());
      for (int i = 0; i < 4; i++) {
        mach.api().get("/api/articles/" + Fixtures.unique("limited"));
      }
      var refused = mach.api().get("/api/tags");
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("X-Request-Id")).isNotBlank();
      Scrape after =
          Scrape.awaiting(mach.management(), s -> delta(before, s, "GET", "/api/tags", "429") == 1);
      assertThat(delta(before, after, "GET", "/api/articles/{slug}", "404")).isEqualTo(2);
      assertThat(delta(before, after, "GET", "/api/articles/{slug}", "429")).isEqualTo(2);
      assertThat(delta(before, after, "GET", "/api/tags", "429")).isEqualTo(1);
    }
  }

  private static double delta(
      Scrape before, Scrape after, String method, String uri, String status) {
    String[] labels = {"method", method, "uri", uri, "status", status};
    return after.value(REQUESTS, labels) - before.value(REQUESTS, labels);
  }
}
