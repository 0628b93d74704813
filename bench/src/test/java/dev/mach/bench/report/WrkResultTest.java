package dev.mach.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Reads real wrk output. Each file under {@code src/test/resources/wrk/} is what Debian's wrk 4.1.0
 * ({@code wrk --latency -t1}) printed on loopback on the 2-core build machine:
 *
 * <ul>
 *   <li>{@code python-tags-c8.txt}: 8 connections, 3 s, a small JSON file served by {@code python3
 *       -m http.server} (milliseconds);
 *   <li>{@code python-tags-c1.txt}: the same with 1 connection, 2 s (microseconds);
 *   <li>{@code python-not-found.txt}: 8 connections, 3 s, a path that answers 404 (every answer
 *       non-2xx);
 *   <li>{@code slow-seconds.txt}: 4 connections, 3 s, {@code --timeout 3s}, a Python server that
 *       sleeps 1.2 s per request (seconds);
 *   <li>{@code flaky-timeouts.txt}: 8 connections, 3 s, {@code --timeout 1s}, a Python server that
 *       answers a third of requests 503 and sleeps 1.5 s on a tenth (non-2xx and timeouts).
 * </ul>
 *
 * Every expected value is as printed in those files.
 */
class WrkResultTest {

  private static final Offset<Double> EXACT = within(1e-9);

  @Test
  void readsMilliseconds() throws IOException {
    WrkResult result = WrkResult.parse(fixture("python-tags-c8.txt"));

    assertThat(result.requests()).isEqualTo(4590);
    assertThat(result.seconds()).isCloseTo(3.10, EXACT);
    assertThat(result.requestsPerSecond()).isEqualTo(1480.77);
    assertThat(result.p50Ms()).isEqualTo(3.05);
    assertThat(result.p75Ms()).isEqualTo(4.51);
    assertThat(result.p90Ms()).isEqualTo(6.87);
    assertThat(result.p99Ms()).isEqualTo(13.38);
    assertThat(result.non2xx()).isZero();
    assertThat(result.socketErrors()).isZero();
  }

  @Test
  void convertsMicrosecondsToMilliseconds() throws IOException {
    WrkResult result = WrkResult.parse(fixture("python-tags-c1.txt"));

    assertThat(result.requests()).isEqualTo(4682);
    assertThat(result.seconds()).isCloseTo(2.00, EXACT);
    assertThat(result.requestsPerSecond()).isEqualTo(2340.63);
    assertThat(result.p50Ms()).isCloseTo(0.370, EXACT);
    assertThat(result.p75Ms()).isCloseTo(0.416, EXACT);
    assertThat(result.p90Ms()).isCloseTo(0.457, EXACT);
    assertThat(result.p99Ms()).isCloseTo(0.600, EXACT);
  }

  @Test
  void convertsSecondsToMilliseconds() throws IOException {
    WrkResult result = WrkResult.parse(fixture("slow-seconds.txt"));

    assertThat(result.requests()).isEqualTo(8);
    assertThat(result.seconds()).isCloseTo(3.01, EXACT);
    assertThat(result.requestsPerSecond()).isEqualTo(2.66);
    assertThat(result.p50Ms()).isCloseTo(1240, EXACT);
    assertThat(result.p75Ms()).isCloseTo(1240, EXACT);
    assertThat(result.p90Ms()).isCloseTo(1240, EXACT);
    assertThat(result.p99Ms()).isCloseTo(1240, EXACT);
    assertThat(result.non2xx()).isZero();
    assertThat(result.socketErrors()).isZero();
  }

  @Test
  void readsNon2xxAnswers() throws IOException {
    WrkResult result = WrkResult.parse(fixture("python-not-found.txt"));

    assertThat(result.requests()).isEqualTo(3723);
    assertThat(result.seconds()).isCloseTo(3.03, EXACT);
    assertThat(result.requestsPerSecond()).isEqualTo(1230.65);
    assertThat(result.p50Ms()).isEqualTo(3.57);
    assertThat(result.p99Ms()).isEqualTo(85.06);
    assertThat(result.non2xx()).isEqualTo(3723);
    assertThat(result.socketErrors()).isZero();
  }

  @Test
  void addsUpSocketErrors() throws IOException {
    WrkResult result = WrkResult.parse(fixture("flaky-timeouts.txt"));

    assertThat(result.requests()).isEqualTo(139);
    assertThat(result.seconds()).isCloseTo(3.00, EXACT);
    assertThat(result.requestsPerSecond()).isEqualTo(46.26);
    assertThat(result.p50Ms()).isEqualTo(43.97);
    assertThat(result.p75Ms()).isEqualTo(44.00);
    assertThat(result.p90Ms()).isEqualTo(44.02);
    assertThat(result.p99Ms()).isEqualTo(44.18);
    assertThat(result.non2xx()).isEqualTo(47);
    assertThat(result.socketErrors()).isEqualTo(8);
  }

  @Test
  void convertsMinutesAndHours() {
    assertThat(WrkResult.toMillis("1.50", "m")).isCloseTo(90_000, EXACT);
    assertThat(WrkResult.toMillis("2.00", "h")).isCloseTo(7_200_000, EXACT);
  }

  @Test
  void refusesOutputWithoutTheLatencyDistribution() throws IOException {
    String withoutLatency =
        fixture("python-tags-c8.txt")
            .replaceAll("(?s)  Latency Distribution.*?(?=  4590 requests)", "");

    assertThat(withoutLatency).doesNotContain("Distribution").contains("4590 requests");
    assertThatThrownBy(() -> WrkResult.parse(withoutLatency))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--latency");
  }

  @Test
  void refusesSomethingElse() {
    assertThatThrownBy(() -> WrkResult.parse("unable to connect to 127.0.0.1:1 Connection refused"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not wrk --latency output");
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            WrkResultTest.class.getResourceAsStream("/wrk/" + name), "missing fixture " + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
