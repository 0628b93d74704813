package dev.mach.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * {@code --reset} on the command line (or {@code mach.reset=true}) wipes the database before the
 * migrations run, so Mach starts afresh. Refused under the {@code prod} profile.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseReset {

  private static final Logger log = LoggerFactory.getLogger(DatabaseReset.class);

  @Bean
  FlywayMigrationStrategy resettingMigration(
      MachProperties properties, ApplicationArguments arguments, Environment environment) {
    boolean reset = properties.reset() || arguments.containsOption("reset");
    return flyway -> {
      if (reset) {
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
          throw new IllegalStateException("--reset is refused under the prod profile");
        }
        log.warn("Reset requested: dropping all of Mach's data before migrating");
        dropJobRunrView(flyway.getConfiguration().getDataSource());
        flyway.clean();
      }
      flyway.migrate();
    };
  }

  /**
   * Flyway's clean leaves JobRunr's one view behind on H2 while dropping the tables that record
   * JobRunr's own migrations, so JobRunr would fail recreating it at start. Gone first, all is
   * gone.
   */
  private static void dropJobRunrView(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop view if exists jobrunr_jobs_stats");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop JobRunr's view before the reset", e);
    }
  }
}
