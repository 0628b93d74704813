package dev.mach.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mach.support.MachInstance;
import java.time.Duration;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every statement runs under {@code mach.database.statement-timeout}. PostgreSQL only: H2 has no
 * sleep function to make a statement slow on demand (the setting is applied the same way on both).
 */
@Tag("postgres-only")
class StatementTimeoutTest {

  @Test
  void aStatementRunningPastTheTimeoutIsCancelled() {
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
