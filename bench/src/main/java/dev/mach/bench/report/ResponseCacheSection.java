package dev.mach.bench.report;

import static dev.mach.bench.report.Markdown.code;
import static dev.mach.bench.report.Markdown.notMeasured;
import static dev.mach.bench.report.Numbers.plain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The response cache against no cache, and its Redis tier against the in-process cache alone. */
record ResponseCacheSection(RunResults run) implements ReportSection {

  @Override
  public void write(StringBuilder md) {
    md.append("## Response cache\n\n");
    RunMeta meta = run.meta();
    List<CacheComparison> comparisons = comparisons();
    if (comparisons.isEmpty()) {
      notMeasured(md);
      return;
    }
    String size = meta.dataset().size() == null ? "not recorded" : code(meta.dataset().size());
    md.append("Dataset ")
        .append(size)
        .append(", configurations as in Setup. Latency is compared at the same offered load: for")
        .append(" each Gatling scenario, the highest offered rate at which both configurations ran")
        .append(" with errors below ")
        .append(plain(meta.maxErrorRate() * 100))
        .append("% (a step over the SLO is marked). Change = other / reference − 1, so −60% is")
        .append(" 60% lower. Throughput is the wrk peak (closed loop, ")
        .append(connections(comparisons))
        .append(" connections; p99 in ms in parentheses).\n\n");
    redisKeys(md);
    comparisons.forEach(comparison -> comparison.write(md));
  }

  /** What the run can set side by side: each pair of cache configurations that both ran. */
  private List<CacheComparison> comparisons() {
    String cached = run.meta().baseline();
    RunMeta.Config off = run.cacheOff();
    RunMeta.Config redis = run.redisConfig();
    boolean offRan = off != null && run.ran(off.name());
    List<CacheComparison> comparisons = new ArrayList<>();
    if (offRan && run.ran(cached)) {
      comparisons.add(
          new CacheComparison(run, off.name(), cached, "the response cache (in-process, L1)"));
    }
    if (redis != null && run.ran(redis.name())) {
      if (offRan) {
        comparisons.add(
            new CacheComparison(
                run, off.name(), redis.name(), "the response cache with Redis (L1 + Redis)"));
      }
      if (run.ran(cached)) {
        comparisons.add(
            new CacheComparison(
                run, cached, redis.name(), "the Redis tier added to the in-process cache"));
      }
    }
    return comparisons;
  }

  /** The wrk connection counts of the compared configurations, e.g. "64". */
  private String connections(List<CacheComparison> comparisons) {
    return run.connections(
        row ->
            row.tool().equals(Measurement.WRK)
                && comparisons.stream()
                    .anyMatch(
                        c -> row.config().equals(c.base()) || row.config().equals(c.other())));
  }

  /** Whether the Redis tier was used at all: a run that left no keys measured L1 alone. */
  private void redisKeys(StringBuilder md) {
    RunMeta.Config redis = run.redisConfig();
    if (redis == null || !run.ran(redis.name()) || redis.redisKeys() == null) {
      return;
    }
    if (redis.redisKeys() == 0) {
      md.append("⚠ `")
          .append(redis.name())
          .append("` left no keys in Redis under its run's prefix: the server did not use")
          .append(" Redis, so its rows measure the in-process cache alone.\n\n");
    } else {
      md.append("`")
          .append(redis.name())
          .append("` held ")
          .append(String.format(Locale.ROOT, "%,d", redis.redisKeys()))
          .append(" keys in Redis under its run's prefix when it stopped.\n\n");
    }
  }
}
