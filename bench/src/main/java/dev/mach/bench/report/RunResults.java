package dev.mach.bench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SequencedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A run's measurements, metadata and response sizes, with the selections the report's sections make
 * from them.
 */
record RunResults(RunMeta meta, List<Measurement> rows, List<ResponseSize> sizes) {

  /** The configuration that adds the Redis tier to the response cache. */
  static final String REDIS_CONFIG = "cache-redis";

  /** The configuration that keeps the rate limiter's buckets in Redis. */
  static final String RATE_LIMIT_REDIS_CONFIG = "rate-limit-redis";

  /** The configuration that switches per-route metrics and the access log off. */
  static final String OBSERVABILITY_OFF_CONFIG = "no-observability";

  private static final String CEILING = "ceiling";

  boolean meetsSlo(Measurement step) {
    return step.meets(meta.sloP99Ms(), meta.maxErrorRate());
  }

  /** A configuration's Gatling steps on an endpoint, by offered rate. */
  List<Measurement> gatling(String config, String endpoint) {
    return rows.stream()
        .filter(row -> row.tool().equals(Measurement.GATLING))
        .filter(row -> row.config().equals(config) && row.endpoint().equals(endpoint))
        .sorted(Comparator.comparingDouble(Measurement::offered))
        .toList();
  }

  Capacity capacity(String config, String endpoint) {
    return Capacity.of(gatling(config, endpoint), this::meetsSlo);
  }

  /** The fastest closed-loop run of a tool (any configuration when {@code config} is null). */
  Measurement peak(String tool, String config, String endpoint) {
    return rows.stream()
        .filter(row -> row.tool().equals(tool) && row.endpoint().equals(endpoint))
        .filter(row -> config == null || row.config().equals(config))
        .max(Comparator.comparingDouble(row -> Double.isNaN(row.rps()) ? -1 : row.rps()))
        .orElse(null);
  }

  Measurement wrkPeak(String config, String endpoint) {
    return peak(Measurement.WRK, config, endpoint);
  }

  /** Every wrk run of a configuration on an endpoint, in the order measured. */
  List<Measurement> wrkRuns(String config, String endpoint) {
    return rows.stream()
        .filter(row -> row.tool().equals(Measurement.WRK))
        .filter(row -> row.config().equals(config) && row.endpoint().equals(endpoint))
        .toList();
  }

  /** Whether the configuration has any measurement. */
  boolean ran(String config) {
    return rows.stream().anyMatch(row -> row.config().equals(config));
  }

  /** Endpoints that have rows matching {@code filter}: known ones in order, then the others. */
  List<String> endpoints(Predicate<Measurement> filter) {
    SequencedSet<String> present = new LinkedHashSet<>();
    rows.stream().filter(filter).map(Measurement::endpoint).forEach(present::add);
    return knownFirst(Endpoints.ORDER_WITH_VARIANTS, present);
  }

  /** Configurations in the metadata's order, then any others the rows name (not the ceiling). */
  List<String> configOrder() {
    SequencedSet<String> configs = new LinkedHashSet<>();
    meta.configs().forEach(config -> configs.add(config.name()));
    rows.stream()
        .filter(row -> !row.tool().equals(Measurement.NGINX))
        .map(Measurement::config)
        .filter(config -> !config.equals(CEILING))
        .forEach(configs::add);
    return List.copyOf(configs);
  }

  /** The distinct connection counts of the rows matching {@code closedLoop}, e.g. "32, 64". */
  String connections(Predicate<Measurement> closedLoop) {
    TreeSet<Double> counts = new TreeSet<>();
    rows.stream()
        .filter(closedLoop)
        .map(Measurement::offered)
        .filter(Double::isFinite)
        .forEach(counts::add);
    return counts.isEmpty()
        ? "an unrecorded number of"
        : counts.stream().map(Numbers::plain).collect(Collectors.joining(", "));
  }

  /** The read mix's p99 against the offered rate, a series per configuration that has one. */
  List<LatencyChart.Series> mixSeries() {
    List<LatencyChart.Series> series = new ArrayList<>();
    for (String config : configOrder()) {
      List<double[]> points =
          gatling(config, Endpoints.MIX).stream()
              .filter(row -> Double.isFinite(row.offered()) && Double.isFinite(row.p99Ms()))
              .map(row -> new double[] {row.offered(), row.p99Ms()})
              .toList();
      if (!points.isEmpty()) {
        series.add(new LatencyChart.Series(config, points));
      }
    }
    return series;
  }

  /** The configuration that switches the response cache off, or null. */
  RunMeta.Config cacheOff() {
    return switchingOff("cach");
  }

  /** The configuration that switches compression off, or null. */
  RunMeta.Config compressionOff() {
    return switchingOff("compress");
  }

  /** The configuration that switches rate limiting off, or null. */
  RunMeta.Config rateLimitOff() {
    return switchingOff("rate limit");
  }

  /**
   * The configuration that switches observability (per-route metrics, the access log) off, or null.
   */
  RunMeta.Config observabilityOff() {
    RunMeta.Config named = meta.config(OBSERVABILITY_OFF_CONFIG);
    return named != null ? named : switchingOff("access log");
  }

  /** The configuration that adds the response cache's Redis tier, or null. */
  RunMeta.Config redisConfig() {
    return namedOrAdding(REDIS_CONFIG, "cache");
  }

  /** The configuration that keeps the rate limiter's buckets in Redis, or null. */
  RunMeta.Config rateLimitRedis() {
    return namedOrAdding(RATE_LIMIT_REDIS_CONFIG, "rate");
  }

  /**
   * The configuration of that name, else the first that adds something Redis about {@code what}.
   */
  private RunMeta.Config namedOrAdding(String name, String what) {
    RunMeta.Config named = meta.config(name);
    if (named != null) {
      return named;
    }
    return meta.configs().stream()
        .filter(c -> c.adds() != null)
        .filter(
            c -> {
              String adds = c.adds().toLowerCase(Locale.ROOT);
              return adds.contains("redis") && adds.contains(what);
            })
        .findFirst()
        .orElse(null);
  }

  private RunMeta.Config switchingOff(String technique) {
    return meta.configs().stream()
        .filter(
            c ->
                c.technique() != null && c.technique().toLowerCase(Locale.ROOT).contains(technique))
        .findFirst()
        .orElse(null);
  }

  /** The names in {@code present}: those in {@code known} first in its order, then the others. */
  static List<String> knownFirst(List<String> known, Collection<String> present) {
    SequencedSet<String> others = new LinkedHashSet<>(present);
    List<String> ordered = new ArrayList<>();
    for (String name : known) {
      if (others.remove(name)) {
        ordered.add(name);
      }
    }
    ordered.addAll(others);
    return ordered;
  }
}
