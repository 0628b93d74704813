package dev.mach.support;

import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the black-box API tests: Mach on a random port, over real HTTP, on this run's own fresh
 * database (PostgreSQL or H2, see {@link TestDatabase}). All subclasses share one application
 * context, so every test creates its own uniquely named users, articles and tags.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "mach.security.bcrypt-strength=4",
      "mach.security.jwt-secret=test-secret-that-is-at-least-32-bytes-long",
      "mach.data-dir=target/test-data",
      // every test client is 127.0.0.1: the rate-limit tests switch it on with limits of their own
      "mach.rate-limit.enabled=false",
      "logging.level.dev.mach=info",
      // every request's line goes to a file, not to the test output
      "mach.observability.access-log.path=target/test-access.log"
    })
public abstract class ApiTest {

  @LocalServerPort protected int port;

  /** Actuator's port: random in tests, as the API's is. */
  @LocalManagementPort protected int managementPort;

  protected Api api;
  protected Fixtures fixtures;

  @Autowired private StorageProvider jobStorage;

  /** Waits for the background jobs writes enqueued (the feed's fan-out, say) to have run. */
  protected void awaitJobs() {
    Jobs.awaitIdle(jobStorage);
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase db = TestDatabase.shared();
    registry.add("spring.datasource.url", db::url);
    registry.add("spring.datasource.username", db::user);
    registry.add("spring.datasource.password", db::password);
  }

  @BeforeEach
  void connect() {
    api = new Api("http://localhost:" + port);
    fixtures = new Fixtures(api);
  }
}
