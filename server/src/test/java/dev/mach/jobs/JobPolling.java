package dev.mach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Api;
import dev.mach.support.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Following a job over HTTP until it finishes, with a deadline instead of fixed sleeps. */
final class JobPolling {

  /** JobRunr polls every 5 s at the least; a retry adds its backoff. */
  static final Duration DEADLINE = Duration.ofSeconds(60);

  private JobPolling() {}

  /** The job's status once it is {@code status}; fails if it gets there too late or fails. */
  static JsonNode awaitStatus(Api owner, String location, String status) {
    Instant deadline = Instant.now().plus(DEADLINE);
    JsonNode job = owner.get(location).expect(200).path("job");
    while (!job.path("status").asString().equals(status)) {
      assertThat(Instant.now()).as("job still %s: %s", job.path("status"), job).isBefore(deadline);
      assertThat(job.path("status").asString()).isNotEqualTo("failed");
      pause();
      job = owner.get(location).expect(200).path("job");
    }
    return job;
  }

  static long userId(TestDatabase db, String username) {
    try (var connection = db.connect();
        var st = connection.prepareStatement("select id from users where username = ?")) {
      st.setString(1, username);
      try (var rs = st.executeQuery()) {
        assertThat(rs.next()).as("user %s exists", username).isTrue();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
