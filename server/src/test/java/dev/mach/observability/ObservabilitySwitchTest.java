package dev.mach.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mach.support.Fixtures;
import dev.mach.support.MachInstance;
import dev.mach.support.Scrape;
import dev.mach.support.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Metrics, the access log and the slow-query log each switch off (the benchmark measures what they
 * cost); off means off, and Spring's own request observation does not come back in their place.
 */
class ObservabilitySwitchTest {

  @TempDir Path dir;

  @Test
  void withEverythingSwitchedOffNothingIsRecordedOrLogged() throws Exception {
    Path log = dir.resolve("access.log");
    try (var mach =
        MachInstance.start(
            Map.of(
                "mach.observability.metrics.enabled", "false",
                "mach.observability.access-log.enabled", "false",
                "mach.observability.access-log.path", log.toString(),
                "mach.observability.slow-query-threshold", "-1ms"))) {
      var logger = (Logger) LoggerFactory.getLogger("mach.sql.slow");
      var events = new ListAppender<ILoggingEvent>();
      events.start();
      logger.addAppender(events);
      try {
        var fixtures = new Fixtures(mach.api());
        TestUser author = fixtures.user();
        String slug = fixtures.article(author).path("slug").asString();
        var response = mach.api().get("/api/articles/" + slug);
        response.expect(200);
        mach.api().get("/api/articles/" + slug).expect(200);
        assertThat(response.header("X-Request-Id")).isNull();

        Scrape scrape = Scrape.of(mach.management());
        assertThat(scrape.names())
            .noneMatch(name -> name.startsWith("http_server_requests"))
            .noneMatch(name -> name.startsWith("mach_sql_statements"))
            .noneMatch(name -> name.startsWith("mach_request_sql_statements"))
            .contains("hikaricp_connections_active", "mach_cache_requests_total");
        assertThat(events.list).isEmpty();
      } finally {
        logger.detachAppender(events);
      }
    }
    assertThat(Files.exists(log)).isFalse();
  }

  @Test
  void metricsAloneKeepRequestIdsWithoutAnAccessLog() throws Exception {
    Path log = dir.resolve("access.log");
    try (var mach =
        MachInstance.start(
            Map.of(
                "mach.observability.access-log.enabled",
                "false",
                "mach.observability.access-log.path",
                log.toString()))) {
      var response = mach.api().get("/api/tags");
      response.expect(200);
      assertThat(response.header("X-Request-Id")).isNotBlank();
      String count = "http_server_requests_seconds_count";
      assertThat(
              Scrape.awaiting(mach.management(), s -> s.value(count, "uri", "/api/tags") > 0)
                  .value(count, "uri", "/api/tags"))
          .isEqualTo(1);
    }
    assertThat(Files.exists(log)).isFalse();
  }
}
