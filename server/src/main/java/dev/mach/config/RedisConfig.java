package dev.mach.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Redis, when {@code mach.redis.url} is set; the embedded default runs without it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${mach.redis.url:}' != ''")
public class RedisConfig {

  @Bean(destroyMethod = "close")
  RedisConnector redisConnector(MachProperties properties) {
    return new RedisConnector(properties.redis());
  }
}
