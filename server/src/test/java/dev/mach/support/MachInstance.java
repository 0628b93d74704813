package dev.mach.support;

import dev.mach.MachApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Mach process-in-a-JVM, started and stopped by the test itself: for behaviour that needs
 * its own settings, a restart, or a shutdown.
 */
public final class MachInstance implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private MachInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Starts Mach on a random port with test defaults, this run's database, and the overrides (a null
   * value removes a default, leaving the application's own setting).
   */
  public static MachInstance start(Map<String, String> overrides, String... args) {
    TestDatabase db = TestDatabase.shared();
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("management.server.port", "0");
    // every request's line goes to a file, not to the test output
    properties.put("mach.observability.access-log.path", "target/test-access.log");
    properties.put("mach.security.bcrypt-strength", "4");
    properties.put("mach.security.jwt-secret", "test-secret-that-is-at-least-32-bytes-long");
    properties.put("mach.rate-limit.enabled", "false");
    properties.put("spring.datasource.url", db.url());
    properties.put("spring.datasource.username", db.user());
    properties.put("spring.datasource.password", db.password());
    overrides.forEach(
        (key, value) -> {
          if (value == null) {
            properties.remove(key);
          } else {
            properties.put(key, value);
          }
        });
    // as command-line arguments, so they outrank application.yml like an operator's flags do
    List<String> arguments = new ArrayList<>(List.of(args));
    properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    return new MachInstance(
        new SpringApplicationBuilder(MachApplication.class).run(arguments.toArray(String[]::new)));
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public Api api() {
    return new Api("http://localhost:" + port());
  }

  /** Actuator's port (health, Prometheus), apart from the API's. */
  public int managementPort() {
    return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
  }

  /** A client of Actuator's port. */
  public Api management() {
    return new Api("http://localhost:" + managementPort());
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
