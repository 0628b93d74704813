package dev.mach.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.MachInstance;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A saturated pool ends in a fast 503 the client can retry, never a hang. */
class DatabaseSaturationTest {

  @Test
  void aRequestThatCannotGetAConnectionInTimeIs503WithRetryAfter() throws SQLException {
    try (var mach =
        MachInstance.start(
            Map.of(
                "spring.datasource.hikari.maximum-pool-size", "2",
                "spring.datasource.hikari.connection-timeout", "300",
                "mach.database.busy-retry-after", "2s"))) {
      var api = mach.api();
      api.get("/api/articles").expect(200);

      DataSource pool = mach.bean(DataSource.class);
      // Flyway needs two connections to start, so the smallest pool is two: hold both
      try (Connection first = pool.getConnection();
          Connection second = pool.getConnection()) {
        long start = System.nanoTime();
        // a read not answered before, so the response cache cannot answer it without the database
        var response = api.get("/api/articles?limit=3");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        response.expectError(503, "server", "is busy, retry later");
        assertThat(response.header("Retry-After")).isEqualTo("2");
        assertThat(waited).isLessThan(Duration.ofSeconds(5));
      }

      api.get("/api/articles").expect(200);
    }
  }
}
