package dev.mach.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Api;
import dev.mach.support.ApiResponse;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.MachInstance;
import dev.mach.support.TestUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON access log line per request, cache hits and refused requests included, with the route
 * template, status, duration, bytes, client and the request id the response carried; and the id
 * itself: the caller's when sane, a fresh one otherwise.
 */
class AccessLogTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Path log;
  private static MachInstance mach;
  private static Api api;

  @BeforeAll
  static void start() throws IOException {
    log = Files.createTempDirectory("mach-access").resolve("access.log");
    mach =
        MachInstance.start(
            Map.of(
                "mach.observability.access-log.path", log.toString(),
                "mach.observability.access-log.flush-interval", "5ms",
                // logins are limited tightly, so the test can see a 429 of its own making
                "mach.rate-limit.enabled", "true",
                "mach.rate-limit.policies.login.limits", "2/1h"));
    api = mach.api();
  }

  @AfterAll
  static void stop() {
    if (mach != null) {
      mach.close();
    }
  }

  @Test
  void everyRequestGetsOneLineWithItsRouteStatusClientAndRequestId() throws Exception {
    var fixtures = new Fixtures(api);
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    String path = "/api/articles/" + slug;
    ApiResponse miss = api.get(path);
    ApiResponse hit = api.get(path);
    ApiResponse signedIn = api.as(author).get(path);
    ApiResponse missing = api.get("/api/" + Fixtures.unique("nowhere"));

    JsonNode missLine = lineOf(miss);
    assertThat(missLine.path("method").asString()).isEqualTo("GET");
    assertThat(missLine.path("route").asString()).isEqualTo("/api/articles/{slug}");
    assertThat(missLine.path("path").asString()).isEqualTo(path);
    assertThat(missLine.path("status").asInt()).isEqualTo(200);
    assertThat(missLine.path("duration_ms").asDouble()).isPositive();
    assertThat(missLine.path("bytes").asLong()).isEqualTo(miss.raw().length());
    assertThat(missLine.path("client").asString()).isEqualTo("ip:127.0.0.1");
    assertThat(missLine.path("sql").asInt()).as("the miss ran its statements").isPositive();
    assertThat(missLine.path("ts").asString()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]{12}Z");

    JsonNode hitLine = lineOf(hit);
    assertThat(hitLine.path("route").asString()).isEqualTo("/api/articles/{slug}");
    assertThat(hitLine.path("status").asInt()).isEqualTo(200);
    assertThat(hitLine.path("bytes").asLong()).isEqualTo(hit.raw().length());
    assertThat(hitLine.has("sql")).as("a hit runs no request past the cache").isFalse();

    assertThat(lineOf(signedIn).path("client").asString()).matches("user:\\d+");

    JsonNode missingLine = lineOf(missing);
    assertThat(missingLine.path("route").asString()).isEqualTo("NOT_FOUND");
    assertThat(missingLine.path("status").asInt()).isEqualTo(404);
  }

  @Test
  void aRefusedRequestIsLoggedAndCarriesItsIdToo() throws Exception {
    String login = Json.wrap("user", "email", "nobody@example.test", "password", "wrong-password");
    api.post("/api/users/login", login).expect(401);
    api.post("/api/users/login", login).expect(401);
    ApiResponse refused = api.post("/api/users/login", login);
    assertThat(refused.status()).isEqualTo(429);
    JsonNode line = lineOf(refused);
    assertThat(line.path("method").asString()).isEqualTo("POST");
    assertThat(line.path("route").asString()).isEqualTo("/api/users/login");
    assertThat(line.path("status").asInt()).isEqualTo(429);
    assertThat(line.path("bytes").asLong()).isEqualTo(refused.raw().length());
  }

  @Test
  void aSaneRequestIdIsKeptAndAnyOtherReplaced() throws Exception {
    ApiResponse kept = api.withHeader("X-Request-Id", "trace-4f2a:7").get("/api/tags");
    assertThat(kept.header("X-Request-Id")).isEqualTo("trace-4f2a:7");
    assertThat(lineOf(kept).path("request_id").asString()).isEqualTo("trace-4f2a:7");

    for (String bad : List.of("x".repeat(65), "a b", "\"quoted\"", "<script>")) {
      ApiResponse replaced = api.withHeader("X-Request-Id", bad).get("/api/tags");
      assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f]{16}");
      lineOf(replaced);
    }
    ApiResponse none = api.get("/api/tags");
    ApiResponse other = api.get("/api/tags");
    assertThat(none.header("X-Request-Id"))
        .matches("[0-9a-f]{16}")
        .isNotEqualTo(other.header("X-Request-Id"));
  }

  /** The log line of the response's request id, waiting for the writer to get to it. */
  private static JsonNode lineOf(ApiResponse response) throws Exception {
    String id = response.header("X-Request-Id");
    assertThat(id).as("X-Request-Id of a %d response", response.status()).isNotBlank();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      Optional<JsonNode> line =
          lines().stream().filter(l -> id.equals(l.path("request_id").asString())).findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      assertThat(System.nanoTime()).as("log line of request %s", id).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static List<JsonNode> lines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    if (Files.exists(log)) {
      for (String line : Files.readAllLines(log)) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }
}
