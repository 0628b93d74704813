package dev.mach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Fixtures;
import dev.mach.support.MachInstance;
import dev.mach.support.TestDatabase;
import dev.mach.support.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jobs live in the database: one enqueued by an instance that never ran it (as if it crashed) runs
 * on the next instance. A database of its own, so no other test's job server can take the job.
 */
class JobRestartTest {

  @Test
  void aJobEnqueuedBeforeAStopRunsOnTheNextInstanceAndTheDashboardShowsIt() {
    TestDatabase db = TestDatabase.fresh("jobs_restart");
    Map<String, String> onDb =
        Map.of(
            "spring.datasource.url", db.url(),
            "spring.datasource.username", db.user(),
            "spring.datasource.password", db.password());
    TestUser user;
    String location;
    var noWorkers = new java.util.HashMap<>(onDb);
    noWorkers.put("mach.jobs.enabled", "false");
    try (MachInstance first = MachInstance.start(noWorkers)) {
      user = new Fixtures(first.api()).user();
      location =
          first
              .api()
              .as(user)
              .post("/api/user/export")
              .expect(202)
              .path("job")
              .path("location")
              .asString();
      assertThat(
              first.api().as(user).get(location).expect(200).path("job").path("status").asString())
          .isEqualTo("queued");
    }

    try (MachInstance second = MachInstance.start(onDb)) {
      var job = JobPolling.awaitStatus(second.api().as(user), location, "succeeded");
      assertThat(job.path("attempts").asInt()).isEqualTo(1);

      String id = location.substring(location.lastIndexOf('/') + 1);
      var page = second.management().get("/dashboard/");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.raw()).contains("JobRunr");
      var succeeded = second.management().get("/api/jobs?state=SUCCEEDED&offset=0&limit=20");
      assertThat(succeeded.status()).isEqualTo(200);
      assertThat(succeeded.raw()).contains(id);
      assertThat(second.api().get("/dashboard/").status()).isEqualTo(404);
    }
  }
}
