package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Api;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.MachInstance;
import dev.mach.support.TcpRelay;
import dev.mach.support.TestRedis;
import dev.mach.support.TestUser;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis taken away from one of two instances (A reaches Redis directly, B through a relay the test
 * cuts): B keeps answering every request, correctly, from the database; when Redis is back B
 * rejoins by itself, and what it wrote meanwhile reaches A's cache too.
 */
class SharedCacheOutageTest {

  private TcpRelay relay;
  private MachInstance a;
  private MachInstance b;

  @BeforeEach
  void start() throws Exception {
    relay = new TcpRelay(TestRedis.host(), TestRedis.port());
    String prefix = TestRedis.freshPrefix("outage");
    Map<String, String> direct = new HashMap<>();
    direct.put("mach.redis.url", TestRedis.URL);
    direct.put("mach.cache.redis.key-prefix", prefix);
    direct.put("mach.cache.redis.retry-interval", "100ms");
    Map<String, String> relayed = new HashMap<>(direct);
    relayed.put("mach.redis.url", "redis://127.0.0.1:" + relay.port());
    a = MachInstance.start(direct);
    b = MachInstance.start(relayed);
  }

  @AfterEach
  void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  @Test
  void withoutRedisAnInstanceAnswersFromTheDatabaseAndRejoinsWhenItIsBack() {
    Api onA = a.api();
    Api onB = b.api();
    Fixtures fixtures = new Fixtures(onA);
    TestUser author = fixtures.user();
    TestUser fan = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    String path = "/api/articles/" + slug;
    onA.get(path).expect(200);
    onA.get(path).expect(200);
    onB.get(path).expect(200);
    assertThat(onB.get(path).header("ETag")).as("B serves the article from its cache").isNotNull();
    assertThat(upGauge(b)).isEqualTo(1);

    relay.cut();

    // A write on A right away: B, cut off, must not answer from what it cached before
    onA.as(author).put(path, Json.wrap("article", "body", "edited while B is cut off")).expect(200);
    for (int i = 0; i < 20; i++) {
      assertThat(onB.get(path).expect(200).path("article").path("body").asString())
          .isEqualTo("edited while B is cut off");
    }
    assertThat(upGauge(b)).isZero();
    assertThat(b.api().get(path).header("ETag")).as("nothing is served from B's cache").isNull();
    // B's own write while cut off cannot be published, yet must not leave A stale afterwards
    onB.as(fan).post(path + "/favorite").expect(200);
    assertThat(onB.get(path).expect(200).path("article").path("favoritesCount").asInt())
        .isEqualTo(1);

    relay.restore();
    waitUntilUp(b, Duration.ofSeconds(10));

    assertThat(onA.get(path).expect(200).path("article").path("favoritesCount").asInt())
        .as("B rejoined by invalidating everything, so A's cached article is refilled")
        .isEqualTo(1);
    double hitsBefore = hits(b);
    onB.get(path).expect(200);
    onB.get(path).expect(200);
    assertThat(hits(b)).as("B serves from its cache again").isGreaterThan(hitsBefore);
  }

  private static void waitUntilUp(MachInstance instance, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (upGauge(instance) != 1) {
      assertThat(System.nanoTime() - deadline).as("rejoined within %s", limit).isNegative();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static double upGauge(MachInstance instance) {
    return instance.bean(MeterRegistry.class).get("mach.cache.shared.up").gauge().value();
  }

  private static double hits(MachInstance instance) {
    return instance
        .bean(MeterRegistry.class)
        .get("mach.cache.requests")
        .tags("route", "article", "result", "hit")
        .counter()
        .count();
  }
}
