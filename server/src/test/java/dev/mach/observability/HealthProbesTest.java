package dev.mach.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiResponse;
import dev.mach.support.MachInstance;
import dev.mach.support.TcpRelay;
import dev.mach.support.TestDatabase;
import dev.mach.support.TestRedis;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;

/**
 * Liveness and readiness: on Actuator's own port (loopback only, never the public one) and as
 * {@code /livez} and {@code /readyz} on the main port. Readiness fails while the database is
 * unreachable and comes back with it; an unreachable Redis is reported, but the instance stays
 * ready, since Mach works without Redis.
 */
class HealthProbesTest {

  @Test
  void actuatorIsOnItsOwnLoopbackPortAndOnlyTheProbesAreOnTheMainOne() {
    try (var mach = MachInstance.start(Map.of())) {
      assertThat(mach.managementPort()).isNotEqualTo(mach.port());
      mach.api().get("/actuator/prometheus").expect(404);
      mach.api().get("/actuator/health").expect(404);
      mach.api().get("/actuator").expect(404);
      assertThat(mach.management().get("/actuator/prometheus").status()).isEqualTo(200);
      assertThat(mach.management().get("/actuator/health").expect(200).path("status").asString())
          .isEqualTo("UP");
      assertThat(mach.bean(Environment.class).getProperty("management.server.address"))
          .as("shipped default: Actuator listens on the loopback interface only")
          .isEqualTo("127.0.0.1");

      assertThat(mach.api().get("/livez").expect(200).path("status").asString()).isEqualTo("UP");
      assertThat(mach.api().get("/readyz").expect(200).path("status").asString()).isEqualTo("UP");
      mach.management().get("/actuator/health/liveness").expect(200);
      mach.management().get("/actuator/health/readiness").expect(200);
    }
  }

  @Test
  void readinessFailsWhileTheDatabaseIsUnreachableAndLivenessDoesNot() throws Exception {
    TestDatabase db = TestDatabase.freshPostgres("health");
    var target = java.net.URI.create(db.url().substring("jdbc:".length()));
    try (var relay = new TcpRelay(target.getHost(), target.getPort())) {
      Map<String, String> settings = new HashMap<>();
      settings.put(
          "spring.datasource.url",
          db.url().replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + relay.port()));
      settings.put("spring.datasource.username", db.user());
      settings.put("spring.datasource.password", db.password());
      settings.put("spring.datasource.hikari.connection-timeout", "500");
      try (var mach = MachInstance.start(settings)) {
        mach.api().get("/readyz").expect(200);

        relay.cut();
        ApiResponse unready = eventually(() -> mach.api().get("/readyz"), 503);
        assertThat(unready.json().path("status").asString()).isEqualTo("DOWN");
        assertThat(unready.json().path("components").path("db").path("status").asString())
            .isEqualTo("DOWN");
        mach.management().get("/actuator/health/readiness").expect(503);
        mach.api().get("/livez").expect(200);
        mach.management().get("/actuator/health/liveness").expect(200);

        relay.restore();
        eventually(() -> mach.api().get("/readyz"), 200);
      }
    }
  }

  @Test
  void anUnreachableRedisIsReportedWhileTheInstanceStaysReady() throws Exception {
    try (var relay = new TcpRelay(TestRedis.host(), TestRedis.port())) {
      Map<String, String> settings = new HashMap<>();
      settings.put("mach.redis.url", "redis://127.0.0.1:" + relay.port());
      settings.put("mach.cache.redis.key-prefix", TestRedis.freshPrefix("health"));
      try (var mach = MachInstance.start(settings)) {
        ApiResponse ready = mach.api().get("/readyz");
        ready.expect(200);
        assertThat(ready.json().path("components").path("redis").path("status").asString())
            .isEqualTo("UP");

        relay.cut();
        ApiResponse health =
            eventuallyStatus(() -> mach.management().get("/actuator/health"), "DEGRADED");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("components").path("redis").path("status").asString())
            .isEqualTo("DEGRADED");
        ApiResponse stillReady = mach.api().get("/readyz");
        assertThat(stillReady.status()).isEqualTo(200);
        assertThat(stillReady.json().path("status").asString()).isEqualTo("DEGRADED");
        assertThat(stillReady.json().path("components").path("redis").path("status").asString())
            .isEqualTo("DEGRADED");
        mach.api().get("/api/tags").expect(200);

        relay.restore();
        eventuallyStatus(() -> mach.management().get("/actuator/health"), "UP");
      }
    }
  }

  private static ApiResponse eventually(Supplier<ApiResponse> probe, int status)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    ApiResponse response = probe.get();
    while (response.status() != status && System.nanoTime() < deadline) {
      Thread.sleep(100);
      response = probe.get();
    }
    assertThat(response.status()).as("probe answer %s", response.raw()).isEqualTo(status);
    return response;
  }

  private static ApiResponse eventuallyStatus(Supplier<ApiResponse> probe, String status)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    ApiResponse response = probe.get();
    while (!status.equals(response.json().path("status").asString())
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      response = probe.get();
    }
    assertThat(response.json().path("status").asString())
        .as("health %s", response.raw())
        .isEqualTo(status);
    return response;
  }
}
