package dev.mach.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiResponse;
import dev.mach.support.Fixtures;
import dev.mach.support.MachInstance;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What protects the server itself: shedding a flood, bounded headers, slow clients cut off. */
class OverloadProtectionTest {

  @Test
  void aFloodIsAnsweredInBoundedTimeWithSuccessOr503AndTheServerRecovers() throws Exception {
    try (var mach =
        MachInstance.start(
            Map.of(
                "mach.overload.max-in-flight", "4",
                "mach.overload.queue-wait", "20ms",
                "mach.overload.retry-after", "2s",
                "mach.cache.enabled", "false",
                "spring.datasource.hikari.maximum-pool-size", "3",
                "spring.datasource.hikari.connection-timeout", "10000"))) {
      var fixtures = new Fixtures(mach.api());
      var author = fixtures.user();
      for (int i = 0; i < 5; i++) {
        fixtures.article(author);
      }
      int flood = 400;
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<ApiResponse> refused = new ArrayList<>();
      long start = System.nanoTime();
      try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
        // a database that stalls for a second: requests in flight wait for it, the rest pile up
        var stalled = holdAllConnections(mach.bean(DataSource.class), 3);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        for (int i = 0; i < flood; i++) {
          answers.add(clients.submit(() -> mach.api().get("/api/articles?limit=20")));
        }
        Thread.sleep(1000);
        for (Connection connection : stalled) {
          connection.close();
        }
        for (Future<ApiResponse> answer : answers) {
          ApiResponse response = answer.get();
          statuses.merge(response.status(), 1, Integer::sum);
          if (response.status() == 503) {
            refused.add(response);
          }
        }
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(200, 503);
      assertThat(statuses.get(503)).as("shed some of %s", statuses).isPositive();
      assertThat(took).as("every request answered").isLessThan(Duration.ofSeconds(30));
      for (ApiResponse response : refused) {
        response.expectError(503, "server", "is busy, retry later");
        assertThat(response.header("Retry-After")).isEqualTo("2");
      }
      var registry = mach.bean(MeterRegistry.class);
      assertThat(registry.get("mach.overload.shed").counter().count())
          .isEqualTo(statuses.get(503).doubleValue());

      for (int i = 0; i < 20; i++) {
        mach.api().get("/api/articles?limit=20").expect(200);
      }
      assertThat(registry.get("mach.overload.in_flight").gauge().value()).isZero();
    }
  }

  private static List<Connection> holdAllConnections(DataSource pool, int size)
      throws SQLException {
    List<Connection> held = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      held.add(pool.getConnection());
    }
    return held;
  }

  @Test
  void oversizedHeadersAre431AndSilentClientsAreDisconnected() throws Exception {
    try (var mach =
        MachInstance.start(
            Map.of(
                "server.max-http-request-header-size", "8KB",
                "server.jetty.connection-idle-timeout", "1s"))) {
      mach.api()
          .withHeader("X-Padding", "x".repeat(16 * 1024))
          .get("/api/tags")
          .expectError(431, "request", "has headers that are too large");

      try (var socket = new Socket("127.0.0.1", mach.port())) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            "GET /api/tags HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long start = System.nanoTime();
        InputStream in = socket.getInputStream();
        byte[] answer = in.readAllBytes();
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(waited).as("closed by the server").isLessThan(Duration.ofSeconds(5));
        String text = new String(answer, StandardCharsets.US_ASCII);
        assertThat(text).as("never served a half-sent request").doesNotContain("200 OK");
      }
    }
  }
}
