package dev.mach.ratelimit;

import dev.mach.auth.TokenService;
import dev.mach.config.FilterOrder;
import dev.mach.config.MachProperties;
import dev.mach.config.RedisConnector;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires rate limiting ({@code mach.rate-limit.*}) and load shedding ({@code mach.overload.*}). The
 * rate limiter runs before the response cache so that cached reads are limited too; the in-flight
 * bound runs after it so that cache hits are never shed. A {@link TimeMeter} bean, when present,
 * replaces the system clock (tests use one to move time).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

  private static final Logger log = LoggerFactory.getLogger(RateLimitConfig.class);

  @Bean
  Policies rateLimitPolicies(MachProperties properties) {
    return new Policies(properties.rateLimit());
  }

  @Bean
  RateLimitMetrics rateLimitMetrics(MeterRegistry registry, Policies policies) {
    return new RateLimitMetrics(registry, policies.all());
  }

  @Bean
  ClientAddress clientAddress(MachProperties properties) {
    return new ClientAddress(properties.rateLimit().trustedProxiesOrNone());
  }

  @Bean
  Buckets rateLimitBuckets(
      MachProperties properties,
      Policies policies,
      RateLimitMetrics metrics,
      ObjectProvider<RedisConnector> redis,
      ObjectProvider<TimeMeter> clock) {
    MachProperties.RateLimit settings = properties.rateLimit();
    TimeMeter time = clock.getIfAvailable(() -> TimeMeter.SYSTEM_MILLISECONDS);
    var local = new LocalBuckets(policies.all(), settings.maxTrackedClients(), time);
    RedisConnector connector = redis.getIfAvailable();
    boolean shared = connector != null && settings.redis().enabled();
    if (settings.enabled()) {
      log.info("Rate limiting on, buckets {}", shared ? "shared through Redis" : "in this process");
    }
    if (!shared) {
      return local;
    }
    var store =
        new RedisBucketStore(
            connector, settings.redis(), properties.redis().commandTimeout(), time, metrics);
    var synced =
        new SyncedBuckets(
            store,
            policies.all(),
            syncedPolicies(settings.redis(), policies),
            settings.maxTrackedClients(),
            time,
            metrics);
    synced.start(settings.redis().syncInterval());
    return new SharedBuckets(
        store, local, synced, settings.redis(), settings.maxTrackedClients(), time, metrics);
  }

  /** The configured names, each checked against the policies so that a typo fails the start. */
  private static Set<String> syncedPolicies(MachProperties.RateLimit.Shared redis, Policies all) {
    Set<String> names = redis.syncedPolicyNames();
    Set<String> known = all.all().stream().map(Policy::name).collect(Collectors.toSet());
    for (String name : names) {
      if (!known.contains(name)) {
        throw new IllegalStateException(
            "mach.rate-limit.redis.synced-policies names '"
                + name
                + "', which is not a rate-limit policy; known: "
                + known);
      }
    }
    return names;
  }

  @Bean
  RateLimiter rateLimiter(
      Policies policies,
      ClientAddress addresses,
      Buckets buckets,
      TokenService tokens,
      RateLimitMetrics metrics) {
    return new RateLimiter(policies, addresses, buckets, tokens, metrics);
  }

  @Bean
  LoginGuard loginGuard(
      MachProperties properties,
      Policies policies,
      ClientAddress addresses,
      Buckets buckets,
      RateLimitMetrics metrics) {
    Policy failures = properties.rateLimit().enabled() ? policies.loginFailures() : null;
    return new LoginGuard(failures, addresses, buckets, metrics);
  }

  @Bean
  FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
      RateLimiter limiter, MachProperties properties) {
    var registration = new FilterRegistrationBean<>(new RateLimitFilter(limiter));
    registration.setOrder(FilterOrder.RATE_LIMIT);
    registration.addUrlPatterns("/api/*");
    registration.setEnabled(properties.rateLimit().enabled());
    return registration;
  }

  @Bean
  FilterRegistrationBean<InFlightLimitFilter> inFlightLimitFilter(
      MachProperties properties, MeterRegistry registry) {
    var registration =
        new FilterRegistrationBean<>(new InFlightLimitFilter(properties.overload(), registry));
    registration.setOrder(FilterOrder.IN_FLIGHT_LIMIT);
    registration.addUrlPatterns("/api/*");
    registration.setEnabled(properties.overload().enabled());
    return registration;
  }
}
