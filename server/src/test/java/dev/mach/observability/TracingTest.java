package dev.mach.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mach.support.Fixtures;
import dev.mach.support.MachInstance;
import dev.mach.support.Scrape;
import dev.mach.support.TestUser;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * With tracing switched on, requests become OpenTelemetry spans, named by route template (cache
 * hits too), continuing the caller's trace ({@code traceparent}), and are sent over OTLP to the
 * configured endpoint: here a small HTTP receiver standing in for a collector.
 */
class TracingTest {

  @Test
  void requestsAreExportedAsSpansOverOtlpWhenTracingIsOn() throws Exception {
    List<byte[]> batches = new CopyOnWriteArrayList<>();
    HttpServer collector =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext(
        "/v1/traces",
        exchange -> {
          batches.add(exchange.getRequestBody().readAllBytes());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    try (var mach =
        MachInstance.start(
            Map.of(
                "mach.observability.tracing.enabled",
                "true",
                "management.tracing.sampling.probability",
                "1.0",
                "management.opentelemetry.tracing.export.schedule-delay",
                "100ms",
                "management.opentelemetry.tracing.export.otlp.endpoint",
                "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces"))) {
      var fixtures = new Fixtures(mach.api());
      TestUser author = fixtures.user();
      String slug = fixtures.article(author).path("slug").asString();
      String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      var traced = mach.api().withHeader("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
      traced.get("/api/articles/" + slug).expect(200);
      traced.get("/api/articles/" + slug).expect(200); // a cache hit

      byte[] traceBytes = HexFormat.of().parseHex(traceId);
      byte[] spanName = "GET /api/articles/{slug}".getBytes(StandardCharsets.UTF_8);
      waitFor(batches, all -> occurrences(all, spanName) >= 2);
      assertThat(occurrences(concat(batches), traceBytes))
          .as("both spans, the miss and the cache hit, continue the caller's trace")
          .isGreaterThanOrEqualTo(2);

      assertThat(Scrape.of(mach.management()).names())
          .as("tracing's own observation makes no meters")
          .noneMatch(name -> name.contains("traced"));
    } finally {
      collector.stop(0);
    }
  }

  private static void waitFor(List<byte[]> batches, Predicate<byte[]> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!done.test(concat(batches)) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(done.test(concat(batches))).as("spans received by the collector").isTrue();
  }

  private static byte[] concat(List<byte[]> batches) {
    var all = new ByteArrayOutputStream();
    batches.forEach(all::writeBytes);
    return all.toByteArray();
  }

  private static int occurrences(byte[] haystack, byte[] needle) {
    int found = 0;
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      found++;
    }
    return found;
  }
}
