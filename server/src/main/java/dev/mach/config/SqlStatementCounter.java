package dev.mach.config;

import java.util.concurrent.atomic.LongAdder;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Counts every SQL statement jOOQ executes for requests and at start. Lets a test prove that a list
 * request costs the same number of statements whatever its page size (no N+1). Background jobs run
 * {@link #uncounted}: they belong to no request, and run whenever their poll comes round.
 */
public class SqlStatementCounter implements ExecuteListener {

  private static final ScopedValue<Boolean> BACKGROUND = ScopedValue.newInstance();

  private final LongAdder executed = new LongAdder();

  /** Runs background work whose statements are not counted. */
  public static void uncounted(Runnable work) {
    ScopedValue.where(BACKGROUND, true).run(work);
  }

  @Override
  public void executeStart(ExecuteContext ctx) {
    if (!BACKGROUND.isBound()) {
      executed.increment();
    }
  }

  public long total() {
    return executed.sum();
  }
}
