package dev.mach.ratelimit;

import dev.mach.config.MachProperties;
import dev.mach.config.RedisConnector;
import dev.mach.ratelimit.LocalBucketsTest.ManualClock;
import dev.mach.support.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes the Redis side of an "instance" for the shared-bucket tests: its own connection, metrics
 * and settings, on the test's clock and key prefix. Closes the connections it made.
 */
final class RedisStores implements AutoCloseable {

  /** One instance's store, the settings it was made with, and what its metrics show. */
  record Parts(
      RedisBucketStore store,
      RateLimitMetrics metrics,
      MeterRegistry registry,
      MachProperties.RateLimit.Shared settings) {

    double up() {
      return registry.get("mach.ratelimit.shared.up").gauge().value();
    }

    double fallbacks() {
      return registry.get("mach.ratelimit.shared.fallbacks").counter().count();
    }
  }

  final ManualClock clock = new ManualClock();
  private final String prefix = TestRedis.freshPrefix("rate");
  private final List<RedisConnector> connectors = new ArrayList<>();

  Parts store(String redisUrl, Policy policy, Set<String> synced) {
    var connector =
        new RedisConnector(
            new MachProperties.Redis(redisUrl, Duration.ofSeconds(1), Duration.ofMillis(250)));
    connectors.add(connector);
    var registry = new SimpleMeterRegistry();
    var metrics = new RateLimitMetrics(registry, List.of(policy));
    var settings =
        new MachProperties.RateLimit.Shared(
            true,
            prefix,
            64,
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            List.copyOf(synced),
            Duration.ofSeconds(1));
    var store = new RedisBucketStore(connector, settings, Duration.ofMillis(250), clock, metrics);
    return new Parts(store, metrics, registry, settings);
  }

  @Override
  public void close() {
    connectors.reversed().forEach(RedisConnector::close);
  }
}
