package dev.mach.totals;

import static dev.mach.db.Tables.COUNTER_STRIPES;

import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Site-wide totals (all articles, all users) kept as striped counters: a writer moves one random
 * stripe, so concurrent writers rarely wait on one row, and a reader sums a handful of rows instead
 * of counting a table.
 */
@Repository
public class TotalsQueries {

  static final int STRIPES = 8;

  private final DSLContext db;

  public TotalsQueries(DSLContext db) {
    this.db = db;
  }

  public void add(Total total, long delta) {
    db.update(COUNTER_STRIPES)
        .set(COUNTER_STRIPES.VAL, COUNTER_STRIPES.VAL.plus(delta))
        .where(COUNTER_STRIPES.NAME.eq(total.key()))
        .and(COUNTER_STRIPES.STRIPE.eq(ThreadLocalRandom.current().nextInt(STRIPES)))
        .execute();
  }

  public long get(Total total) {
    Long sum =
        db.select(DSL.sum(COUNTER_STRIPES.VAL).cast(Long.class))
            .from(COUNTER_STRIPES)
            .where(COUNTER_STRIPES.NAME.eq(total.key()))
            .fetchOne(0, Long.class);
    return sum == null ? 0 : sum;
  }

  public enum Total {
    ARTICLES("articles"),
    USERS("users");

    private final String key;

    Total(String key) {
      this.key = key;
    }

    String key() {
      return key;
    }
  }
}
