package dev.mach.batch;

import dev.mach.config.MachProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The batch endpoint, unless {@code mach.batch.enabled=false} (then /api/batch is a 404). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mach.batch.enabled", havingValue = "true", matchIfMissing = true)
class BatchConfig {

  @Bean
  BatchExecutor batchExecutor(MachProperties properties, TransactionTemplate tx, JsonMapper json) {
    return new BatchExecutor(properties.batch(), tx, json);
  }
}
