package dev.mach.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.ExecuteType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times every SQL statement jOOQ runs, from sending it to having read its results: {@code
 * mach.sql.statements{type, outcome}} (type {@code read}, {@code write}, {@code batch}, ...), one
 * more statement on the running request's tally, and a WARN line with the SQL when a statement took
 * longer than the slow-query threshold.
 *
 * <p>The logged SQL is the statement as sent, with {@code ?} for every bind value: Mach never
 * inlines values, so no password hash, email or token can reach the log through it.
 */
final class SqlObserver implements ExecuteListenerProvider {

  private static final Logger slowLog = LoggerFactory.getLogger("mach.sql.slow");

  private final Map<ExecuteType, Timer> succeeded = new EnumMap<>(ExecuteType.class);
  private final Map<ExecuteType, Timer> failed = new EnumMap<>(ExecuteType.class);
  private final boolean metrics;
  private final long slowNanos;

  /**
   * @param slowThreshold statements at least this long are logged; null logs none
   */
  SqlObserver(MeterRegistry registry, boolean metrics, Duration slowThreshold) {
    this.metrics = metrics;
    this.slowNanos = slowThreshold == null ? Long.MAX_VALUE : slowThreshold.toNanos();
    if (metrics) {
      for (ExecuteType type : ExecuteType.values()) {
        succeeded.put(type, timer(registry, type, "success"));
        failed.put(type, timer(registry, type, "error"));
      }
    }
  }

  private static Timer timer(MeterRegistry registry, ExecuteType type, String outcome) {
    return Timer.builder("mach.sql.statements")
        .description("SQL statements, from execution to the last row read")
        .tag("type", type.name().toLowerCase(Locale.ROOT))
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public ExecuteListener provide() {
    // jOOQ asks once per statement: the listener holds that statement's start time
    return new Statement();
  }

  private final class Statement implements ExecuteListener {
    private long started;
    private boolean sent;

    @Override
    public void executeStart(ExecuteContext ctx) {
      started = System.nanoTime();
      sent = true;
      SqlTally tally = SqlTally.current();
      if (tally != null) {
        tally.statements++;
      }
    }

    @Override
    public void end(ExecuteContext ctx) {
      if (!sent) {
        // failed before it was sent (rendering, or no connection): nothing ran
        return;
      }
      long nanos = System.nanoTime() - started;
      if (metrics) {
        ExecuteType type = ctx.type() == null ? ExecuteType.OTHER : ctx.type();
        (ctx.exception() == null ? succeeded : failed)
            .get(type)
            .record(nanos, TimeUnit.NANOSECONDS);
      }
      if (nanos >= slowNanos) {
        logSlow(ctx, nanos);
      }
    }
  }

  private static void logSlow(ExecuteContext ctx, long nanos) {
    String sql = ctx.sql();
    if (sql == null && ctx.batchSQL() != null) {
      sql = String.join(";\n", ctx.batchSQL());
    }
    SqlTally tally = SqlTally.current();
    double millis = nanos / 1_000_000.0;
    var event =
        slowLog
            .atWarn()
            .addKeyValue("duration_ms", millis)
            .addKeyValue(
                "type", ctx.type() == null ? "other" : ctx.type().name().toLowerCase(Locale.ROOT))
            .addKeyValue("sql", sql);
    if (tally != null) {
      event =
          event
              .addKeyValue("request_id", tally.requestId)
              .addKeyValue("request", tally.method + " " + tally.path);
    }
    event.log(
        "Slow SQL statement: {} ms{}{}: {}",
        String.format(Locale.ROOT, "%.1f", millis),
        ctx.exception() == null ? "" : " (failed)",
        tally == null
            ? ""
            : " in " + tally.method + " " + tally.path + " [" + tally.requestId + "]",
        sql);
  }
}
