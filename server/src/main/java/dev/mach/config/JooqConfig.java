package dev.mach.config;

import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class JooqConfig {

  @Bean
  SqlStatementCounter sqlStatementCounter() {
    return new SqlStatementCounter();
  }

  @Bean
  DefaultConfigurationCustomizer machJooqSettings(
      MachProperties properties, SqlStatementCounter counter) {
    int timeoutSeconds = (int) Math.max(1, properties.database().statementTimeout().toSeconds());
    return configuration -> {
      configuration.settings().withQueryTimeout(timeoutSeconds).withRenderSchema(false);
      configuration.set(
          append(
              configuration.executeListenerProviders(),
              new DefaultExecuteListenerProvider(counter)));
    };
  }

  private static org.jooq.ExecuteListenerProvider[] append(
      org.jooq.ExecuteListenerProvider[] existing, org.jooq.ExecuteListenerProvider extra) {
    var all = java.util.Arrays.copyOf(existing, existing.length + 1);
    all[existing.length] = extra;
    return all;
  }
}
