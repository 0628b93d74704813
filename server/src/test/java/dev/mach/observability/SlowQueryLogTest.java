package dev.mach.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mach.support.Api;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.MachInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * Statements over the slow-query threshold are logged at WARN with their SQL, duration and the
 * request they ran in; bind values never are, so passwords, their hashes and emails stay out of the
 * log. (A threshold of zero makes every statement "slow".)
 */
class SlowQueryLogTest {

  @Test
  void slowStatementsAreLoggedWithTheirSqlButNeverWithTheirValues() {
    try (var mach = MachInstance.start(Map.of("mach.observability.slow-query-threshold", "0ms"))) {
      var logger = (Logger) LoggerFactory.getLogger("mach.sql.slow");
      var events = new ListAppender<ILoggingEvent>();
      events.start();
      logger.addAppender(events);
      try {
        Api api = mach.api();
        String username = Fixtures.unique("secretive");
        String email = username + "@private.example";
        String password = "correct horse battery staple";
        String token =
            api.post(
                    "/api/users",
                    Json.wrap("user", "username", username, "email", email, "password", password))
                .expect(201)
                .path("user")
                .path("token")
                .asString();
        api.post("/api/users/login", Json.wrap("user", "email", email, "password", password))
            .expect(200);
        api.as(token)
            .put("/api/user", Json.wrap("user", "password", "another secret password"))
            .expect(200);

        List<ILoggingEvent> logged = List.copyOf(events.list);
        assertThat(logged).isNotEmpty();
        assertThat(logged).allSatisfy(e -> assertThat(e.getLevel().toString()).isEqualTo("WARN"));
        assertThat(logged)
            .anySatisfy(
                e -> {
                  assertThat(e.getFormattedMessage())
                      .startsWith("Slow SQL statement: ")
                      .contains(" ms in POST /api/users/login [")
                      .containsIgnoringCase("users")
                      .contains("?");
                  assertThat(keys(e)).contains("duration_ms", "sql", "request_id", "type");
                });
        for (ILoggingEvent event : logged) {
          String text = event.getFormattedMessage() + " " + event.getKeyValuePairs();
          assertThat(text)
              .doesNotContain(password)
              .doesNotContain("another secret password")
              .doesNotContain(email)
              .doesNotContain("$2a$")
              .doesNotContain("$2b$")
              .doesNotContain("$2y$");
        }
      } finally {
        logger.detachAppender(events);
      }
    }
  }

  private static List<String> keys(ILoggingEvent event) {
    return event.getKeyValuePairs() == null
        ? List.of()
        : event.getKeyValuePairs().stream().map((KeyValuePair p) -> p.key).toList();
  }
}
