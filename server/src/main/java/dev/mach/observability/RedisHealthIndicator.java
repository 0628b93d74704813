package dev.mach.observability;

import dev.mach.config.RedisConnector;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Redis, when configured: {@code UP} while it answers a PING, {@code DEGRADED} when it does not.
 * Mach works without Redis (the cache stops serving, rate limits go local), so an unreachable Redis
 * is reported but does not make the instance unready: {@code DEGRADED} ranks below {@code DOWN} and
 * is answered with HTTP 200 (see {@code management.endpoint.health.status} in application.yml).
 */
final class RedisHealthIndicator implements HealthIndicator {

  static final Status DEGRADED =
      new Status("DEGRADED", "Redis is unreachable; Mach runs without it");

  private final RedisConnector connector;

  RedisHealthIndicator(RedisConnector connector) {
    this.connector = connector;
  }

  @Override
  public Health health() {
    var connection = connector.connection();
    if (connection.isEmpty()) {
      return Health.status(DEGRADED).withDetail("error", "not connected").build();
    }
    try {
      // bounded by mach.redis.command-timeout, like every command Mach sends
      String reply = connection.get().sync().ping();
      return Health.up().withDetail("ping", reply).build();
    } catch (RuntimeException e) {
      return Health.status(DEGRADED).withDetail("error", e.getClass().getSimpleName()).build();
    }
  }
}
