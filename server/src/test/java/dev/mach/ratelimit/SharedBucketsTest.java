package dev.mach.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.ratelimit.LocalBucketsTest.ManualClock;
import dev.mach.support.TcpRelay;
import dev.mach.support.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Buckets in the real Redis, seen by two "instances" (each with its own connection and local state)
 * on one clock the test moves.
 */
class SharedBucketsTest {

  private final RedisStores stores = new RedisStores();
  private final ManualClock clock = stores.clock;
  private final List<AutoCloseable> closing = new ArrayList<>(List.of(stores));

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable each : closing.reversed()) {
      each.close();
    }
  }

  private record Instance(SharedBuckets buckets, RedisStores.Parts parts) {
    double up() {
      return parts.up();
    }

    double fallbacks() {
      return parts.fallbacks();
    }
  }

  private Instance instance(String redisUrl, Policy policy) {
    RedisStores.Parts parts = stores.store(redisUrl, policy, Set.of());
    var synced =
        new SyncedBuckets(parts.store(), List.of(policy), Set.of(), 1000, clock, parts.metrics());
    var local = new LocalBuckets(List.of(policy), 1000, clock);
    return new Instance(
        new SharedBuckets(
            parts.store(), local, synced, parts.settings(), 1000, clock, parts.metrics()),
        parts);
  }

  private static Policy policy(String limits) {
    return Policy.of(0, "reads", null, null, List.of(limits), true);
  }

  @Test
  void twoInstancesEnforceOneCombinedLimitExactlyAndRefillTogether() {
    Policy policy = policy("5/1h");
    Instance a = instance(TestRedis.URL, policy);
    Instance b = instance(TestRedis.URL, policy);
    for (int i = 0; i < 5; i++) {
      Instance either = i % 2 == 0 ? a : b;
      assertThat(either.buckets().take(policy, "ip:x").allowed()).as("request %d", i + 1).isTrue();
    }
    assertThat(a.buckets().take(policy, "ip:x").allowed()).isFalse();
    Decision refused = b.buckets().take(policy, "ip:x");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterSeconds()).isEqualTo(720);

    clock.advance(Duration.ofMinutes(12));
    assertThat(b.buckets().take(policy, "ip:x").allowed()).isTrue();
    assertThat(a.buckets().take(policy, "ip:x").allowed()).isFalse();
    assertThat(a.buckets().take(policy, "ip:y").allowed()).as("another client").isTrue();
  }

  @Test
  void busyClientsLeaseTokensYetInstancesTogetherNeverExceedTheLimit() throws Exception {
    Policy policy = policy("1000/1h");
    Instance a = instance(TestRedis.URL, policy);
    Instance b = instance(TestRedis.URL, policy);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> allowed = new ArrayList<>();
      for (Instance each : List.of(a, b, a, b)) {
        allowed.add(
            threads.submit(
                () -> {
                  int count = 0;
                  for (int i = 0; i < 400; i++) {
                    count += each.buckets().take(policy, "ip:busy").allowed() ? 1 : 0;
                  }
                  return count;
                }));
      }
      int total = 0;
      for (Future<Integer> each : allowed) {
        total += each.get();
      }
      assertThat(total).isLessThanOrEqualTo(1000).isGreaterThanOrEqualTo(1000 - 2 * 64);
    }
  }

  @Test
  void aRefusedClientIsRefusedFromMemoryUntilATokenCouldBeDue() throws Exception {
    var relay = new TcpRelay(TestRedis.host(), TestRedis.port());
    closing.add(relay);
    Policy policy = policy("2/1h");
    Instance instance = instance("redis://127.0.0.1:" + relay.port(), policy);
    assertThat(instance.buckets().take(policy, "ip:r").allowed()).isTrue();
    assertThat(instance.buckets().take(policy, "ip:r").allowed()).isTrue();
    assertThat(instance.buckets().take(policy, "ip:r").allowed()).isFalse();

    relay.cut();
    Decision again = instance.buckets().take(policy, "ip:r");
    assertThat(again.allowed()).isFalse();
    assertThat(instance.fallbacks()).as("answered without asking Redis").isZero();

    clock.advance(Duration.ofMillis(200));
    instance.buckets().take(policy, "ip:r");
    assertThat(instance.fallbacks()).as("asked again after the lease time").isEqualTo(1);
  }

  @Test
  void withRedisAwayDecisionsFallBackToLocalBucketsAndReturnWhenItIsBack() throws Exception {
    var relay = new TcpRelay(TestRedis.host(), TestRedis.port());
    closing.add(relay);
    Policy policy = policy("3/1h");
    Instance cutOff = instance("redis://127.0.0.1:" + relay.port(), policy);
    assertThat(cutOff.buckets().take(policy, "ip:z").allowed()).isTrue();
    assertThat(cutOff.buckets().take(policy, "ip:z").allowed()).isTrue();
    assertThat(cutOff.up()).isEqualTo(1);

    relay.cut();
    for (int i = 0; i < 3; i++) {
      assertThat(cutOff.buckets().take(policy, "ip:z").allowed())
          .as("local request %d", i + 1)
          .isTrue();
    }
    assertThat(cutOff.buckets().take(policy, "ip:z").allowed())
        .as("the local bucket still limits")
        .isFalse();
    assertThat(cutOff.up()).isZero();
    assertThat(cutOff.fallbacks()).isEqualTo(4);

    relay.restore();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Decision decision;
    do {
      Thread.sleep(50);
      clock.advance(Duration.ofMillis(100));
      decision = cutOff.buckets().take(policy, "ip:z");
    } while (cutOff.up() == 0 && System.nanoTime() < deadline);
    assertThat(cutOff.up()).as("back on Redis").isEqualTo(1);
    assertThat(decision.allowed()).as("the shared bucket's last token").isTrue();
    assertThat(cutOff.buckets().take(policy, "ip:z").allowed()).isFalse();
  }
}
