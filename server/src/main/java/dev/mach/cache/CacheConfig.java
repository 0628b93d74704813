package dev.mach.cache;

import dev.mach.auth.TokenService;
import dev.mach.config.FilterOrder;
import dev.mach.config.MachProperties;
import dev.mach.config.RedisConnector;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The response cache, on unless {@code mach.cache.enabled=false}; shared through Redis when {@code
 * mach.redis.url} is set.
 */
@Configuration(proxyBeanMethods = false)
public class CacheConfig {

  @Bean
  Versions cacheVersions(MachProperties properties) {
    return new Versions(properties.cache().maxTrackedKeys());
  }

  @Bean
  CacheMetrics cacheMetrics(MeterRegistry registry) {
    return new CacheMetrics(registry);
  }

  /**
   * Writes mark their changes whether or not the cache is on; it costs a map update (a Redis round
   * trip when instances share the cache).
   */
  @Bean
  Invalidator invalidator(
      Versions versions, ObjectProvider<SharedVersions> shared, CacheMetrics metrics) {
    return new Invalidator(versions, shared.getIfAvailable(), metrics);
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
        MachProperties properties,
        ObjectProvider<SharedVersions> shared,
        ObjectProvider<SharedEntries> sharedEntries,
        @Value("${server.compression.enabled:false}") boolean compression) {
      var filter =
          new ResponseCacheFilter(
              store,
              versions,
              new ViewerFlags(flagSources),
              tokens,
              metrics,
              properties.cache(),
              shared.getIfAvailable(),
              sharedEntries.getIfAvailable(),
              compression,
              properties.feed().fanOut().enabled());
      var registration = new FilterRegistrationBean<>(filter);
      registration.setOrder(FilterOrder.RESPONSE_CACHE);
      registration.addUrlPatterns("/api/*");
      return registration;
    }
  }

  /** The tier every instance shares, when Redis is configured and the cache may use it. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnExpression(
      "${mach.cache.enabled:true} and ${mach.cache.redis.enabled:true} and '${mach.redis.url:}' != ''")
  static class Shared {

    @Bean
    SharedTier sharedTier(RedisConnector connector, MachProperties properties) {
      return new SharedTier(connector, properties.cache());
    }

    @Bean(destroyMethod = "close")
    SharedVersions sharedVersions(
        SharedTier tier,
        Versions versions,
        CacheMetrics metrics,
        MachProperties properties,
        MeterRegistry registry) {
      return new SharedVersions(tier, versions, metrics, properties, registry);
    }

    @Bean
    SharedEntries sharedEntries(
        SharedTier tier, SharedVersions versions, ResponseStore store, MachProperties properties) {
      return new SharedEntries(tier, versions, store, properties.cache().redis().lockTimeout());
    }
  }
}
