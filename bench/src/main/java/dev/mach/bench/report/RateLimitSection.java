package dev.mach.bench.report;

import static dev.mach.bench.report.CostTable.clients;
import static dev.mach.bench.report.Markdown.code;
import static dev.mach.bench.report.Markdown.notMeasured;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What rate limiting costs cached reads: the wrk peaks of the configuration that switches it off
 * against the baseline (buckets in memory) and the configuration that keeps its buckets in Redis,
 * for a client that sends everything from one address and for many clients (see {@link CostTable}
 * for how costs are paired and judged).
 */
record RateLimitSection(RunResults run) implements ReportSection {

  /** The bar: rate limiting on may cost at most this share of the throughput. */
  static final double TARGET_COST = 0.05;

  /** A compared configuration: its name and where it keeps its buckets. */
  private record Limited(String name, String buckets) {}

  @Override
  public void write(StringBuilder md) {
    md.append("## Rate limiting\n\n");
    RunMeta.Config off = run.rateLimitOff();
    String reference = off == null ? null : off.name();
    List<Limited> limited = limited(off);
    List<CostTable.Compared> compared =
        limited.stream()
            .map(config -> new CostTable.Compared(config.name(), "buckets " + config.buckets()))
            .toList();
    CostTable table = new CostTable(run, reference, compared, TARGET_COST);
    if (table.isEmpty()) {
      notMeasured(md);
      return;
    }
    RunMeta meta = run.meta();
    String size = meta.dataset().size() == null ? "not recorded" : code(meta.dataset().size());
    List<String> which =
        limited.stream().map(config -> code(config.name()) + " " + config.buckets()).toList();
    md.append("Dataset ")
        .append(size)
        .append(", configurations as in Setup: `")
        .append(reference)
        .append("` switches rate limiting off; ")
        .append(String.join(" and ", which))
        .append(limited.size() == 1 ? " keeps its buckets" : " keep their buckets")
        .append(", with the limits given there.");
    table.sideBySideSentence(md);
    md.append(" Cached reads at the wrk peak (closed loop, ")
        .append(table.connections())
        .append(" connections), in requests/s, from one client (every request from one address:")
        .append(" one bucket, the hot key)");
    if (table.anyManyClients()) {
      md.append(" and from ")
          .append(clients(meta))
          .append(" clients (each request with the next of ")
          .append(clients(meta))
          .append(" `X-Forwarded-For` addresses, which the server believes from the load")
          .append(" generator: a bucket each)");
    }
    table.method(md);
    redisKeys(md);
    table.write(md, "the limiter's cost");
  }

  /** The baseline and the Redis-bucket configuration, each when it ran and is not {@code off}. */
  private List<Limited> limited(RunMeta.Config off) {
    List<Limited> limited = new ArrayList<>();
    String baseline = run.meta().baseline();
    if (run.ran(baseline) && (off == null || !baseline.equals(off.name()))) {
      limited.add(new Limited(baseline, "in memory"));
    }
    RunMeta.Config redis = run.rateLimitRedis();
    if (redis != null && run.ran(redis.name()) && !redis.name().equals(baseline)) {
      limited.add(new Limited(redis.name(), "in Redis"));
    }
    return limited;
  }

  /** Whether the Redis buckets were used at all: a run that left no keys limited in memory. */
  private void redisKeys(StringBuilder md) {
    RunMeta.Config redis = run.rateLimitRedis();
    if (redis == null || !run.ran(redis.name()) || redis.redisKeys() == null) {
      return;
    }
    if (redis.redisKeys() == 0) {
      md.append("⚠ `")
          .append(redis.name())
          .append("` left no keys in Redis under its run's prefix: the limiter did not use Redis,")
          .append(" so its rows measure buckets in memory.\n\n");
    } else {
      md.append("`")
          .append(redis.name())
          .append("` held ")
          .append(String.format(Locale.ROOT, "%,d", redis.redisKeys()))
          .append(" keys in Redis under its run's prefix after its last peak.\n\n");
    }
  }
}
