package dev.mach.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.TestDatabase;
import java.util.UUID;
import org.jobrunr.jobs.context.JobContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class JobApiTest extends ApiTest {

  @Autowired BackgroundJobs jobs;

  @Test
  void aJobThatFailsOnceIsRetriedAndSucceedsExactlyOnce() {
    var owner = fixtures.user();
    String key = Fixtures.unique("flaky");
    UUID id =
        jobs.submit(
            JobPolling.userId(TestDatabase.shared(), owner.username()),
            "test-flaky",
            (FlakyJob job) -> job.run(key, JobContext.Null));

    var job = JobPolling.awaitStatus(api.as(owner), BackgroundJobs.location(id), "succeeded");

    assertThat(job.path("attempts").asInt()).isEqualTo(2);
    assertThat(job.path("progress").asInt()).isEqualTo(100);
    assertThat(FlakyJob.runs(key)).isEqualTo(2);
    var result = api.as(owner).get(job.path("result").asString());
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.raw()).isEqualTo("done " + key);
  }

  @Test
  void anotherUsersJobAndItsResultAreNotFoundAndAnonymousCallersAreUnauthorized() {
    var owner = fixtures.user();
    var stranger = fixtures.user();
    String location =
        api.as(owner).post("/api/user/export").expect(202).path("job").path("location").asString();

    api.as(stranger).get(location).expectError(404, "job", "not found");
    api.as(stranger).get(location + "/result").expectError(404, "job", "not found");
    api.get(location).expectError(401, "token", "is missing");
    api.get(location + "/result").expectError(401, "token", "is missing");
    assertThat(api.as(owner).get(location).status()).isEqualTo(200);
  }

  @Test
  void unknownAndMalformedJobIdsAreNotFound() {
    var user = fixtures.user();
    api.as(user).get("/api/jobs/" + UUID.randomUUID()).expectError(404, "job", "not found");
    api.as(user).get("/api/jobs/not-a-job").expectError(404, "job", "not found");
  }
}
