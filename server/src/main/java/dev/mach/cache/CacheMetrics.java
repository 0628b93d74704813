package dev.mach.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code mach.cache.requests} by route and result (hit, miss, shared: served the result another
 * request was computing, shared_tier: found in Redis, filled by another instance, bypass: not
 * served from the cache), {@code mach.cache.invalidations} (dependencies bumped by writes) and
 * {@code mach.cache.shared.lost} (times Redis stopped answering).
 */
final class CacheMetrics {

  enum Result {
    HIT,
    MISS,
    SHARED,
    SHARED_TIER,
    BYPASS
  }

  private final Map<CacheRoute, Map<Result, Counter>> requests = new EnumMap<>(CacheRoute.class);
  private final Counter invalidations;
  private final Counter sharedTierLost;

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
    sharedTierLost =
        Counter.builder("mach.cache.shared.lost")
            .description("Times the shared tier (Redis) stopped answering and was set aside")
            .register(registry);
  }

  void count(CacheRoute route, Result result) {
    requests.get(route).get(result).increment();
  }

  void sharedTierLost() {
    sharedTierLost.increment();
  }

  void invalidated(int keys) {
    invalidations.increment(keys);
  }
}
