package dev.mach.config;

import java.util.concurrent.atomic.LongAdder;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Counts every SQL statement jOOQ executes. Lets a test prove that a list request costs the same
 * number of statements whatever its page size (no N+1).
 */
public class SqlStatementCounter implements ExecuteListener {

  private final LongAdder executed = new LongAdder();

  @Override
  public void executeStart(ExecuteContext ctx) {
    executed.increment();
  }

  public long total() {
    return executed.sum();
  }
}
