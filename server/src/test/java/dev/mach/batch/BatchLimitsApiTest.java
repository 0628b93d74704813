package dev.mach.batch;

import static dev.mach.batch.Batches.item;
import static dev.mach.batch.Batches.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Api;
import dev.mach.support.ApiResponse;
import dev.mach.support.Fixtures;
import dev.mach.support.MachInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limits, rate limiting, concurrency and request observation of batches, on an instance of their
 * own: small limits, the test's address trusted as a proxy so each test is a client of its own, and
 * the test-only barrier endpoint.
 */
class BatchLimitsApiTest {

  private static final AtomicInteger nextAddress = new AtomicInteger(1);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static Path accessLog;
  private static MachInstance mach;

  @BeforeAll
  static void start() throws IOException {
    accessLog = Files.createTempDirectory("mach-batch").resolve("access.log");
    mach =
        MachInstance.start(
            Map.ofEntries(
                Map.entry("mach.test.barrier", "true"),
                Map.entry("mach.batch.max-requests", "6"),
                Map.entry("mach.batch.max-body-size", "2KB"),
                Map.entry("mach.batch.concurrency", "4"),
                Map.entry("mach.observability.access-log.path", accessLog.toString()),
                Map.entry("mach.observability.access-log.flush-interval", "5ms"),
                Map.entry("mach.rate-limit.enabled", "true"),
                Map.entry("mach.rate-limit.trusted-proxies", "127.0.0.1, ::1"),
                Map.entry("mach.rate-limit.default-limits", "1000/1h"),
                Map.entry("mach.rate-limit.policies.tags.paths", "/api/tags"),
                Map.entry("mach.rate-limit.policies.tags.limits", "3/1h"),
                Map.entry("mach.rate-limit.policies.writes.limits", "2/1h"),
                Map.entry("mach.rate-limit.policies.batch.limits", "4/1h")));
  }

  @AfterAll
  static void stop() {
    if (mach != null) {
      mach.close();
    }
  }

  /** A client of its own, at an address no other test uses. */
  private static Api client() {
    int n = nextAddress.getAndIncrement();
    return mach.api().withHeader("X-Forwarded-For", "203.0." + (n / 250) + "." + (1 + n % 250));
  }

  @Test
  void aBatchOfNCostsNAndItemsPastTheLimitAre429() {
    Api client = client();
    JsonNode answer =
        client
            .post(
                "/api/batch",
                Batches.of(
                    item("GET", "/api/tags"),
                    item("GET", "/api/tags"),
                    item("GET", "/api/tags"),
                    item("GET", "/api/tags"),
                    item("GET", "/api/tags")))
            .expect(200);
    List<Integer> statuses = new ArrayList<>(statuses(answer));
    Collections.sort(statuses);
    assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
    JsonNode refused =
        answer.path("responses").values().stream()
            .filter(r -> r.path("status").asInt() == 429)
            .findFirst()
            .orElseThrow();
    assertThat(refused.path("headers").path("Retry-After").asString()).isNotEmpty();
    assertThat(refused.path("body").path("errors").path("request").get(0).asString())
        .startsWith("is over the rate limit");
    client.get("/api/tags").expect(429);
  }

  @Test
  void aBatchSpendsTheSameTokensAsItsItemsSentAlone() {
    Api client = client();
    client
        .post("/api/batch", Batches.of(item("GET", "/api/tags"), item("GET", "/api/tags")))
        .expect(200);
    ApiResponse third = client.get("/api/tags");
    third.expect(200);
    assertThat(third.header("RateLimit-Remaining")).isEqualTo("0");
    client.get("/api/tags").expect(429);
  }

  @Test
  void anItemCannotClaimAnotherClientAddress() {
    Api client = client();
    for (int i = 0; i < 3; i++) {
      client.get("/api/tags").expect(200);
    }
    JsonNode answer =
        client
            .post(
                "/api/batch",
                Batches.of(
                    item("GET", "/api/tags", Map.of("X-Forwarded-For", "192.0.2.77"), null),
                    item("GET", "/api/tags", Map.of("Forwarded", "for=192.0.2.78"), null)))
            .expect(200);
    assertThat(statuses(answer)).containsExactly(429, 429);
  }

  @Test
  void theEnvelopeCountsAgainstTheBatchPolicyAndNotAgainstWrites() {
    Api client = client();
    for (int i = 0; i < 4; i++) {
      ApiResponse batch = client.post("/api/batch", Batches.of(item("GET", "/api/articles")));
      batch.expect(200);
      assertThat(batch.header("RateLimit-Limit")).isEqualTo("4");
    }
    ApiResponse refused = client.post("/api/batch", Batches.of(item("GET", "/api/articles")));
    refused.expect(429);
    assertThat(refused.header("RateLimit-Policy")).isEqualTo("4;w=3600");
    // the writes bucket (2/1h) is untouched: an anonymous write still gets as far as its 401
    client.post("/api/articles", "{}").expect(401);
  }

  @Test
  void moreItemsThanTheMaximumAreRefusedWith413BeforeAnyRuns() {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      items.add(item("GET", "/api/tags"));
    }
    Api client = client();
    client
        .post("/api/batch", dev.mach.support.Json.write(Map.of("requests", items)))
        .expectError(413, "requests", "are too many (maximum is 6 per batch)");
    ApiResponse tags = client.get("/api/tags");
    tags.expect(200);
    assertThat(tags.header("RateLimit-Remaining")).as("nothing ran").isEqualTo("2");
  }

  @Test
  void aBatchBodyOverTheMaximumIsRefusedWith413() {
    String big = "x".repeat(2100);
    client()
        .post(
            "/api/batch",
            Batches.of(
                item(
                    "POST",
                    "/api/users",
                    Map.of(),
                    dev.mach.support.Json.wrap("user", "bio", big))))
        .expectError(413, "body", "is too large");
  }

  @Test
  void itemsRunConcurrently() {
    String round = Fixtures.unique("round");
    String path = "/api/test/barrier?parties=4&round=" + round;
    JsonNode answer =
        client()
            .post(
                "/api/batch",
                Batches.of(
                    item("GET", path), item("GET", path), item("GET", path), item("GET", path)))
            .expect(200);
    assertThat(statuses(answer))
        .as("four items met at a barrier of four: they ran at the same time")
        .containsExactly(200, 200, 200, 200);
  }

  @Test
  void atomicItemsRunOneAfterTheOther() {
    String round = Fixtures.unique("round");
    String path = "/api/test/barrier?parties=2&seconds=1&round=" + round;
    JsonNode answer =
        client()
            .post("/api/batch", Batches.atomic(item("GET", path), item("GET", path)))
            .expect(200);
    assertThat(statuses(answer))
        .as("the first waited alone at a barrier of two, so the second had not started")
        .containsExactly(504, 424);
  }

  @Test
  void eachItemIsRecordedUnderItsOwnRouteInTheAccessLog() throws Exception {
    Api client = client().withHeader("X-Request-Id", Fixtures.unique("logged"));
    String id =
        client
            .post(
                "/api/batch",
                Batches.of(item("GET", "/api/profiles/nobody-at-all"), item("GET", "/api/tags")))
            .header("X-Request-Id");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (lines(id).size() < 3) {
      assertThat(System.nanoTime()).as("log lines of batch %s", id).isLessThan(deadline);
      Thread.sleep(20);
    }
    assertThat(lines(id))
        .extracting(
            line ->
                line.path("request_id").asString()
                    + " "
                    + line.path("route").asString()
                    + " "
                    + line.path("status").asInt())
        .containsExactlyInAnyOrder(
            id + " /api/batch 200",
            id + "-0 /api/profiles/{username} 404",
            id + "-1 /api/tags 200");
  }

  private static List<JsonNode> lines(String requestId) throws IOException {
    if (!Files.exists(accessLog)) {
      return List.of();
    }
    return Files.readAllLines(accessLog).stream()
        .filter(line -> line.contains("\"" + requestId))
        .map(JSON::readTree)
        .toList();
  }
}
