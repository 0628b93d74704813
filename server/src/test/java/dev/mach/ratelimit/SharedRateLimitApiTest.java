package dev.mach.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Api;
import dev.mach.support.ApiResponse;
import dev.mach.support.MachInstance;
import dev.mach.support.TcpRelay;
import dev.mach.support.TestRedis;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two instances with their buckets in the real Redis enforce one limit together: exactly for a
 * policy that asks Redis on each decision, within one sync pass for a synced one. One of them cut
 * off from Redis keeps limiting on its own, never answering 500, and shares again once it is back.
 */
class SharedRateLimitApiTest {

  @Test
  void twoInstancesEnforceOneCombinedLimitAndOneFallsBackWhenRedisIsCut() throws Exception {
    Map<String, String> direct = sharedLimits("5/1h");
    direct.put("mach.rate-limit.redis.synced-policies", "");
    direct.put("mach.rate-limit.redis.retry-interval", "100ms");
    try (var relay = new TcpRelay(TestRedis.host(), TestRedis.port());
        var a = MachInstance.start(direct);
        var b = MachInstance.start(withRedisAt(direct, "redis://127.0.0.1:" + relay.port()))) {
      for (int i = 0; i < 5; i++) {
        Api either = (i % 2 == 0 ? a : b).api();
        ApiResponse allowed = either.get("/api/tags");
        allowed.expect(200);
        assertThat(allowed.header("RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
      }
      a.api().get("/api/tags").expect(429);
      b.api().get("/api/tags").expect(429);

      relay.cut();
      // past the refusal B remembers from Redis (at most the lease time, 200 ms)
      Thread.sleep(300);
      for (int i = 0; i < 5; i++) {
        b.api().get("/api/tags").expect(200);
      }
      b.api().get("/api/tags").expect(429);
      assertThat(gauge(b, "mach.ratelimit.shared.up")).isZero();
      assertThat(
              b.bean(MeterRegistry.class).get("mach.ratelimit.shared.fallbacks").counter().count())
          .isEqualTo(6);
      a.api().get("/api/tags").expect(429);

      relay.restore();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (gauge(b, "mach.ratelimit.shared.up") == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        b.api().get("/api/tags").expect(429);
      }
      assertThat(gauge(b, "mach.ratelimit.shared.up")).as("B shares again").isEqualTo(1);
      b.api().get("/api/tags").expect(429);
    }
  }

  @Test
  void twoInstancesShareASyncedPolicyOnceEachHasSynced() throws Exception {
    Map<String, String> settings = sharedLimits("10/1h");
    settings.put("mach.rate-limit.redis.sync-interval", "50ms");
    try (var a = MachInstance.start(settings);
        var b = MachInstance.start(settings)) {
      for (int i = 0; i < 6; i++) {
        a.api().get("/api/tags").expect(200);
      }
      awaitSynced(a, 6);
      ApiResponse first = b.api().get("/api/tags");
      first.expect(200);
      assertThat(first.header("RateLimit-Remaining"))
          .as("b's own copy, not synced yet")
          .isEqualTo("9");
      awaitSynced(b, 1);
      int allowed = 0;
      for (int i = 0; i < 6; i++) {
        allowed += b.api().get("/api/tags").status() == 200 ? 1 : 0;
      }
      assertThat(allowed).as("10 - 6 spent on a - 1 on b").isEqualTo(3);
      awaitSynced(b, 4);
      // a has not spent since its sync, so its copy still holds 4: it allows one more, and its
      // next pass brings it down to what Redis holds
      a.api().get("/api/tags").expect(200);
      awaitSynced(a, 7);
      a.api().get("/api/tags").expect(429);
      b.api().get("/api/tags").expect(429);
    }
  }

  /** Waits until the instance's sync passes have brought this many spent tokens to Redis. */
  private static void awaitSynced(MachInstance instance, int tokens) throws InterruptedException {
    Counter synced =
        instance.bean(MeterRegistry.class).get("mach.ratelimit.shared.synced").counter();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (synced.count() < tokens && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(synced.count()).as("tokens synced").isEqualTo(tokens);
  }

  /** Rate limiting on, with the default policy's buckets in Redis under a fresh prefix. */
  private static Map<String, String> sharedLimits(String defaultLimits) {
    Map<String, String> settings = new HashMap<>();
    settings.put("mach.rate-limit.enabled", "true");
    settings.put("mach.rate-limit.default-limits", defaultLimits);
    settings.put("mach.redis.url", TestRedis.URL);
    settings.put("mach.cache.redis.enabled", "false");
    settings.put("mach.rate-limit.redis.key-prefix", TestRedis.freshPrefix("rate-api"));
    return settings;
  }

  private static Map<String, String> withRedisAt(Map<String, String> settings, String url) {
    Map<String, String> copy = new HashMap<>(settings);
    copy.put("mach.redis.url", url);
    return copy;
  }

  private static double gauge(MachInstance instance, String name) {
    return instance.bean(MeterRegistry.class).get(name).gauge().value();
  }
}
