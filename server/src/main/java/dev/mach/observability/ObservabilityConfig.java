package dev.mach.observability;

import dev.mach.config.FilterOrder;
import dev.mach.config.MachProperties;
import dev.mach.config.RedisConnector;
import dev.mach.ratelimit.ClientAddress;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.util.Collection;
import org.jooq.ExecuteListenerProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Wires observability ({@code mach.observability.*}): the request filter in front of everything
 * (request id, {@code http.server.requests}, access log), the per-request SQL tally behind the
 * response cache, SQL statement timing and the slow-query log, and Redis's health.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfig {

  @Bean
  RouteTemplates routeTemplates(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
    return new RouteTemplates(() -> templates(mappings));
  }

  private static Collection<String> templates(
      ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
    return mappings
        .orderedStream()
        .flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
        .flatMap(info -> info.getPatternValues().stream())
        .toList();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(
      name = "mach.observability.access-log.enabled",
      havingValue = "true",
      matchIfMissing = true)
  AccessLog accessLog(MachProperties properties, MeterRegistry registry) throws IOException {
    MachProperties.Observability.AccessLog settings = properties.observability().accessLog();
    return new AccessLog(settings.path(), settings.queueSize(), settings.flushInterval(), registry);
  }

  @Bean
  FilterRegistrationBean<RequestObservationFilter> requestObservationFilter(
      MachProperties properties,
      RouteTemplates routes,
      MeterRegistry registry,
      ObjectProvider<AccessLog> accessLog,
      ClientAddress clients) {
    boolean metrics = properties.observability().metrics().enabled();
    AccessLog log = accessLog.getIfAvailable();
    var filter =
        new RequestObservationFilter(
            routes, metrics ? new RequestMeters(registry) : null, log, clients);
    var registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(FilterOrder.OBSERVATION);
    // with both off the filter is not there at all (and so neither are request ids)
    registration.setEnabled(metrics || log != null);
    return registration;
  }

  @Bean
  FilterRegistrationBean<SqlTallyFilter> sqlTallyFilter(
      MachProperties properties,
      RouteTemplates routes,
      MeterRegistry registry,
      ObjectProvider<AccessLog> accessLog) {
    boolean metrics = properties.observability().metrics().enabled();
    var registration = new FilterRegistrationBean<>(new SqlTallyFilter(routes, registry, metrics));
    registration.setOrder(FilterOrder.SQL_TALLY);
    registration.addUrlPatterns("/api/*");
    registration.setEnabled(metrics || accessLog.getIfAvailable() != null);
    return registration;
  }

  /**
   * Spring's request observation, which makes the spans when tracing is on ({@code
   * mach.observability.tracing.enabled}), right behind Mach's own filter so that cache hits and
   * refused requests are traced too. Registered even when off, switched off: its presence keeps
   * Spring Boot from adding one of its own, which would time every request a second time.
   */
  @Bean
  FilterRegistrationBean<ServerHttpObservationFilter> tracingObservationFilter(
      MachProperties properties, ObservationRegistry registry, RouteTemplates routes) {
    var filter = new ServerHttpObservationFilter(registry, new TracedRequestConvention(routes));
    var registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(FilterOrder.TRACING);
    registration.setEnabled(properties.observability().tracing().enabled());
    return registration;
  }

  /** Tracing's observation would also make timers; Mach has its own (http.server.requests). */
  @Bean
  MeterFilter tracedRequestMetersDropped() {
    return MeterFilter.denyNameStartsWith(TracedRequestConvention.NAME);
  }

  @Bean
  DefaultConfigurationCustomizer sqlObservation(MachProperties properties, MeterRegistry registry) {
    MachProperties.Observability settings = properties.observability();
    boolean metrics = settings.metrics().enabled();
    if (!metrics && !settings.logsSlowQueries()) {
      return configuration -> {};
    }
    ExecuteListenerProvider observer =
        new SqlObserver(
            registry, metrics, settings.logsSlowQueries() ? settings.slowQueryThreshold() : null);
    return configuration -> {
      var providers = configuration.executeListenerProviders();
      var all = java.util.Arrays.copyOf(providers, providers.length + 1);
      all[providers.length] = observer;
      configuration.set(all);
    };
  }

  /** Redis's health, when Redis is configured: reported, never failing readiness. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnExpression("'${mach.redis.url:}' != ''")
  static class RedisHealth {

    @Bean
    HealthIndicator redisHealthIndicator(RedisConnector connector) {
      return new RedisHealthIndicator(connector);
    }
  }
}
