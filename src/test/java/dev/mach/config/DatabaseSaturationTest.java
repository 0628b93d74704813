package dev.mach.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mach.support.MachInstance;
import dev.mach.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A saturated pool or a runaway query ends in a fast 503 or error, never a hang. */
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
        var response = api.get("/api/articles");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        response.expectError(503, "server", "is busy, retry later");
        assertThat(response.header("Retry-After")).isEqualTo("2");
        assertThat(waited).isLessThan(Duration.ofSeconds(5));
      }

      api.get("/api/articles").expect(200);
    }
  }

  @Test
  void aStatementRunningPastTheTimeoutIsCancelled() {
    // H2 has no sleep function to run a slow statement with; the setting is the same on both
    Assumptions.assumeTrue(TestDatabase.isPostgres(), "needs PostgreSQL's pg_sleep");
    try (var mach = MachInstance.start(Map.of("mach.database.statement-timeout", "1s"))) {
      DSLContext db = mach.bean(DSLContext.class);
      long start = System.nanoTime();
      assertThatThrownBy(() -> db.execute("select pg_sleep(10)"))
          .hasRootCauseInstanceOf(org.postgresql.util.PSQLException.class)
          .rootCause()
          .hasMessageContaining("canceling statement");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
