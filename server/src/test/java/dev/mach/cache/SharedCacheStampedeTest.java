package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Api;
import dev.mach.support.Fixtures;
import dev.mach.support.MachInstance;
import dev.mach.support.SharedCachePair;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent misses of one key spread over two instances run the read once in all: one instance
 * computes it, the other instance's requests wait for its result through Redis, and each instance's
 * own requests wait for theirs.
 */
class SharedCacheStampedeTest {

  private static SharedCachePair instances;
  private static MachInstance a;
  private static MachInstance b;

  @BeforeAll
  static void startTwoInstances() {
    instances = SharedCachePair.start("stampede");
    a = instances.a();
    b = instances.b();
  }

  @AfterAll
  static void stop() {
    if (instances != null) {
      instances.close();
    }
  }

  @Test
  void concurrentMissesOnTwoInstancesComputeTheEntryOnce() throws Exception {
    Fixtures fixtures = new Fixtures(a.api());
    for (int round = 0; round < 5; round++) {
      String path = "/api/articles/" + fixtures.article(fixtures.user()).path("slug").asString();
      double missesBefore = misses(a) + misses(b);
      int perInstance = 12;
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> bodies = new ArrayList<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < perInstance * 2; i++) {
          Api target = i % 2 == 0 ? a.api() : b.api();
          bodies.add(
              pool.submit(
                  () -> {
                    start.await();
                    return target.get(path).expect(200).toString();
                  }));
        }
        start.countDown();
        for (Future<String> body : bodies) {
          assertThat(body.get()).isEqualTo(bodies.getFirst().get());
        }
      }
      assertThat(misses(a) + misses(b) - missesBefore)
          .as("reads of %s that ran the request instead of waiting for a result", path)
          .isEqualTo(1);
    }
  }

  private static double misses(MachInstance instance) {
    return instance
        .bean(MeterRegistry.class)
        .get("mach.cache.requests")
        .tags("route", "article", "result", "miss")
        .counter()
        .count();
  }
}
