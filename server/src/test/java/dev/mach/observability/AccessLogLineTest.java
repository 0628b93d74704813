package dev.mach.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AccessLogLineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  // the wall clock read together with System.nanoTime() = 0
  private static final long NOW_MILLIS = 1_796_400_000_123L;

  private static String format(AccessLogEntry... entries) {
    var line = new AccessLogLine();
    for (AccessLogEntry entry : entries) {
      line.append(entry, NOW_MILLIS, 0);
    }
    return new String(line.bytes(), 0, line.length(), StandardCharsets.US_ASCII);
  }

  @Test
  void aLineIsOneJsonObjectWithEveryField() {
    String text =
        format(
            new AccessLogEntry(
                -2_000_000,
                1_234_567,
                "req-1",
                "GET",
                "/api/articles/{slug}",
                "/api/articles/how-to",
                200,
                4321,
                42,
                null,
                5));
    assertThat(text).endsWith("}\n").doesNotContain("\n{");
    JsonNode json = JSON.readTree(text);
    assertThat(json.path("ts").asString())
        .as("started 2 ms before the clocks were read")
        .isEqualTo("2026-12-04T16:00:00.121Z");
    assertThat(json.path("log").asString()).isEqualTo("access");
    assertThat(json.path("request_id").asString()).isEqualTo("req-1");
    assertThat(json.path("method").asString()).isEqualTo("GET");
    assertThat(json.path("route").asString()).isEqualTo("/api/articles/{slug}");
    assertThat(json.path("path").asString()).isEqualTo("/api/articles/how-to");
    assertThat(json.path("status").asInt()).isEqualTo(200);
    assertThat(json.path("duration_ms").asDouble()).isEqualTo(1.234);
    assertThat(json.path("bytes").asLong()).isEqualTo(4321);
    assertThat(json.path("client").asString()).isEqualTo("user:42");
    assertThat(json.path("sql").asInt()).isEqualTo(5);
  }

  @Test
  void quotesBackslashesControlAndNonAsciiCharactersAreEscaped() {
    String path = "/api/x\"y\\z\u0001\ttab/caf\u00e9/\u2603/\ud83d\ude00";
    String text =
        format(new AccessLogEntry(0, 999, "r", "GET", "UNKNOWN", path, 404, -1, -1, "::1/64", -1));
    assertThat(text.chars().allMatch(c -> c < 0x7f)).isTrue();
    JsonNode json = JSON.readTree(text);
    assertThat(json.path("path").asString()).isEqualTo(path);
    assertThat(json.path("client").asString()).isEqualTo("ip:::1/64");
    assertThat(json.path("duration_ms").asDouble()).isEqualTo(0.0);
    assertThat(json.has("bytes")).isFalse();
    assertThat(json.has("sql")).isFalse();
  }

  @Test
  void manyLinesShareOneBufferAndStayApart() {
    var entries = new AccessLogEntry[2000];
    for (int i = 0; i < entries.length; i++) {
      entries[i] =
          new AccessLogEntry(
              i,
              i * 1000L,
              "id" + i,
              "POST",
              "/api/users",
              "/api/users",
              201,
              i,
              -1,
              "10.0.0.1",
              3);
    }
    String[] lines = format(entries).split("\n");
    assertThat(lines).hasSize(2000);
    for (int i = 0; i < lines.length; i++) {
      assertThat(JSON.readTree(lines[i]).path("request_id").asString()).isEqualTo("id" + i);
    }
  }
}
