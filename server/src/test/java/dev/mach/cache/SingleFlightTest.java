package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

  @Test
  void concurrentMissesOfOneKeyRunOneComputationAndAllGetItsResult() throws Exception {
    var flight = new SingleFlight<String, String>(Duration.ofSeconds(10));
    var computations = new AtomicInteger();
    var started = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    int callers = 32;
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<SingleFlight.Outcome<String>> leader =
          pool.submit(
              () ->
                  flight.run(
                      "hot",
                      () -> {
                        computations.incrementAndGet();
                        started.countDown();
                        await(release);
                        return "value";
                      }));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<SingleFlight.Outcome<String>>> followers = new ArrayList<>();
      for (int i = 0; i < callers - 1; i++) {
        followers.add(
            pool.submit(
                () ->
                    flight.run(
                        "hot",
                        () -> {
                          computations.incrementAndGet();
                          return "another";
                        })));
      }
      // every follower is queued behind the leader before it may finish
      Thread.sleep(200);
      release.countDown();

      assertThat(leader.get().computedHere()).isTrue();
      for (var follower : followers) {
        assertThat(follower.get().value()).isEqualTo("value");
        assertThat(follower.get().computedHere()).isFalse();
      }
    }
    assertThat(computations).hasValue(1);
  }

  @Test
  void whenTheLeaderFailsTheWaitersGetNothingAndTheNextCallComputesAgain() throws Exception {
    var flight = new SingleFlight<String, String>(Duration.ofSeconds(10));
    var started = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> leader =
          pool.submit(
              () ->
                  flight.run(
                      "k",
                      () -> {
                        started.countDown();
                        await(release);
                        throw new IllegalStateException("database down");
                      }));
      started.await(10, TimeUnit.SECONDS);
      Future<SingleFlight.Outcome<String>> waiter = pool.submit(() -> flight.run("k", () -> "x"));
      Thread.sleep(100);
      release.countDown();

      assertThat(waiter.get().value()).isNull();
      assertThat(leader).failsWithin(Duration.ofSeconds(10));
    }
    assertThat(flight.run("k", () -> "fresh").value()).isEqualTo("fresh");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
