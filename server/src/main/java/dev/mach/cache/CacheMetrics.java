package dev.mach.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code mach.cache.requests} by route and result (hit, miss, shared: served the result another
 * request was computing, bypass: not served from the cache) and {@code mach.cache.invalidations}
 * (dependencies bumped by writes).
 */
final class CacheMetrics {

  enum Result {
    HIT,
    MISS,
    SHARED,
    BYPASS
  }

  private final Map<CacheRoute, Map<Result, Counter>> requests = new EnumMap<>(CacheRoute.class);
  private final Counter invalidations;

  CacheMetrics(MeterRegistry registry) {
    for (CacheRoute route : CacheRoute.values()) {
      Map<Result, Counter> byResult = new EnumMap<>(Result.class);
      for (Result result : Result.values()) {
        byResult.put(
            result,
            Counter.builder("mach.cache.requests")
                .description("Cacheable reads by how the response cache answered them")
                .tag("route", route.tag)
                .tag("result", result.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry));
      }
      requests.put(route, byResult);
    }
    invalidations =
        Counter.builder("mach.cache.invalidations")
            .description("Dependencies marked changed by writes")
            .register(registry);
  }

  void count(CacheRoute route, Result result) {
    requests.get(route).get(result).increment();
  }

  void invalidated(int keys) {
    invalidations.increment(keys);
  }
}
