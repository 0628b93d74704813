package dev.mach.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A named set of limits and the requests it applies to. Buckets are per policy and per client, so a
 * client's logins never use up its reads.
 *
 * @param index its position among all policies, for per-policy state kept in arrays
 * @param methods the HTTP methods it covers; empty means all
 * @param paths the path patterns it covers; empty means all
 * @param leasable whether tokens may be taken from Redis ahead of need (see {@link SharedBuckets})
 */
record Policy(
    int index,
    String name,
    Set<String> methods,
    List<PathPattern> paths,
    List<Limit> limits,
    boolean leasable,
    BucketConfiguration configuration,
    String header,
    String[] capacityTexts) {

  static Policy of(
      int index,
      String name,
      List<String> methods,
      List<String> paths,
      List<String> limits,
      boolean leasable) {
    if (limits == null || limits.isEmpty()) {
      throw new IllegalArgumentException("Rate-limit policy '" + name + "' has no limits");
    }
    List<Limit> parsed = limits.stream().map(Limit::parse).toList();
    var builder = BucketConfiguration.builder();
    for (Limit limit : parsed) {
      builder.addLimit(
          Bandwidth.builder()
              .capacity(limit.capacity())
              .refillGreedy(limit.capacity(), limit.period())
              .build());
    }
    String header =
        parsed.stream()
            .map(limit -> limit.capacity() + ";w=" + limit.windowSeconds())
            .collect(Collectors.joining(", "));
    var parser = PathPatternParser.defaultInstance;
    return new Policy(
        index,
        name,
        methods == null
            ? Set.of()
            : methods.stream()
                .map(String::strip)
                .map(String::toUpperCase)
                .collect(Collectors.toSet()),
        paths == null ? List.of() : paths.stream().map(String::strip).map(parser::parse).toList(),
        parsed,
        leasable,
        builder.build(),
        header,
        parsed.stream().map(limit -> Long.toString(limit.capacity())).toArray(String[]::new));
  }

  boolean coversMethod(String method) {
    return methods.isEmpty() || methods.contains(method);
  }

  boolean coversPath(PathContainer path) {
    if (paths.isEmpty()) {
      return true;
    }
    for (PathPattern pattern : paths) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }

  /** Path and method beat path alone, which beats method alone. */
  int specificity() {
    return (paths.isEmpty() ? 0 : 2) + (methods.isEmpty() ? 0 : 1);
  }

  /** The longest window: a bucket untouched for this long is full again. */
  java.time.Duration longestPeriod() {
    return limits.stream().map(Limit::period).max(java.time.Duration::compareTo).orElseThrow();
  }
}
