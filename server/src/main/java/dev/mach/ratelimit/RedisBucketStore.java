package dev.mach.ratelimit;

import dev.mach.config.MachProperties;
import dev.mach.config.RedisConnector;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis side of shared buckets: Bucket4j's proxy manager on Mach's one Lettuce connection, and
 * whether Redis is reachable. While it is away, callers use local buckets; the switch is logged
 * once each way and shown by {@code mach.ratelimit.shared.up}, and Redis is tried again after
 * {@code retryInterval}.
 */
final class RedisBucketStore {

  private static final Logger log = LoggerFactory.getLogger(RedisBucketStore.class);

  private final RedisConnector redis;
  private final MachProperties.RateLimit.Shared settings;
  private final Duration commandTimeout;
  private final TimeMeter clock;
  private final RateLimitMetrics metrics;
  private volatile ProxyManager<String> proxies;
  private volatile boolean away;
  private volatile long retryAtNanos;

  RedisBucketStore(
      RedisConnector redis,
      MachProperties.RateLimit.Shared settings,
      Duration commandTimeout,
      TimeMeter clock,
      RateLimitMetrics metrics) {
    this.redis = redis;
    this.settings = settings;
    this.commandTimeout = commandTimeout;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The Redis key of one client's bucket of one policy. */
  String key(Policy policy, String clientKey) {
    return settings.keyPrefix() + policy.name() + '|' + clientKey;
  }

  /** The proxy manager, or null while Redis is away and not yet due for another try. */
  ProxyManager<String> reachable() {
    if (away && clock.currentTimeNanos() < retryAtNanos) {
      return null;
    }
    ProxyManager<String> current = proxies;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (proxies == null) {
        var connection = redis.connection();
        if (connection.isEmpty()) {
          markAway(null);
          return null;
        }
        proxies =
            Bucket4jLettuce.casBasedBuilder(connection.get())
                .expirationAfterWrite(
                    ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .clientClock(clock)
                .requestTimeout(commandTimeout)
                .build();
      }
      return proxies;
    }
  }

  boolean isAway() {
    return away;
  }

  Duration commandTimeout() {
    return commandTimeout;
  }

  void markAway(Throwable cause) {
    retryAtNanos = clock.currentTimeNanos() + settings.retryInterval().toNanos();
    if (!away) {
      away = true;
      metrics.sharedUp(false);
      log.warn(
          "Redis is away: rate limits now use this instance's own buckets until it is back ({})",
          cause == null ? "no connection" : cause.getMessage());
    }
  }

  void markBack() {
    if (away) {
      away = false;
      metrics.sharedUp(true);
      log.info("Redis is back: rate limits are shared again");
    }
  }
}
