package dev.mach.cache;

import dev.mach.auth.TokenService;
import dev.mach.config.MachProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The response cache, on unless {@code mach.cache.enabled=false}. */
@Configuration(proxyBeanMethods = false)
public class CacheConfig {

  /** After CORS and the body size limit, before everything that costs. */
  static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

  @Bean
  Versions cacheVersions(MachProperties properties) {
    return new Versions(properties.cache().maxTrackedKeys());
  }

  @Bean
  CacheMetrics cacheMetrics(MeterRegistry registry) {
    return new CacheMetrics(registry);
  }

  /** Writes mark their changes whether or not the cache is on; it costs a map update. */
  @Bean
  Invalidator invalidator(Versions versions, CacheMetrics metrics) {
    return new Invalidator(versions, metrics);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "mach.cache.enabled", havingValue = "true", matchIfMissing = true)
  static class Enabled {

    @Bean
    ResponseStore responseStore(
        MachProperties properties, Versions versions, MeterRegistry registry) {
      return new ResponseStore(properties.cache().maxSize().toBytes(), versions, registry);
    }

    @Bean
    FilterRegistrationBean<ResponseCacheFilter> responseCacheFilter(
        ResponseStore store,
        Versions versions,
        List<ViewerFlagSource> flagSources,
        TokenService tokens,
        CacheMetrics metrics,
        MachProperties properties) {
      var filter =
          new ResponseCacheFilter(
              store, versions, new ViewerFlags(flagSources), tokens, metrics, properties.cache());
      var registration = new FilterRegistrationBean<>(filter);
      registration.setOrder(FILTER_ORDER);
      registration.addUrlPatterns("/api/*");
      return registration;
    }
  }
}
