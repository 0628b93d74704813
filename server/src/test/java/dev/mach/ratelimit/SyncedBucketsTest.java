package dev.mach.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.ratelimit.LocalBucketsTest.ManualClock;
import dev.mach.support.TcpRelay;
import dev.mach.support.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Synced buckets in the real Redis: "instances" that decide on local copies and reconcile when the
 * test runs a sync pass, on one clock the test moves.
 */
class SyncedBucketsTest {

  private final RedisStores stores = new RedisStores();
  private final ManualClock clock = stores.clock;
  private final List<AutoCloseable> closing = new ArrayList<>(List.of(stores));
  private final Policy policy = Policy.of(0, "reads", null, null, List.of("10/1h"), true);

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable each : closing.reversed()) {
      each.close();
    }
  }

  private record Instance(SyncedBuckets buckets, RedisStores.Parts parts) {
    double up() {
      return parts.up();
    }

    double fallbacks() {
      return parts.fallbacks();
    }

    int allowedOf(Policy policy, int requests) {
      int allowed = 0;
      for (int i = 0; i < requests; i++) {
        allowed += buckets.take(policy, "ip:x").allowed() ? 1 : 0;
      }
      return allowed;
    }
  }

  private Instance instance(String redisUrl) {
    RedisStores.Parts parts = stores.store(redisUrl, policy, Set.of("reads"));
    return new Instance(
        new SyncedBuckets(
            parts.store(), List.of(policy), Set.of("reads"), 1000, clock, parts.metrics()),
        parts);
  }

  @Test
  void anInstanceLearnsWhatTheOthersSpentAtItsNextSync() {
    Instance a = instance(TestRedis.URL);
    Instance b = instance(TestRedis.URL);
    assertThat(a.allowedOf(policy, 6)).isEqualTo(6);
    a.buckets().sync();

    assertThat(b.allowedOf(policy, 1)).as("decided on b's own copy").isEqualTo(1);
    b.buckets().sync();
    Decision third = b.buckets().take(policy, "ip:x");
    assertThat(third.allowed()).isTrue();
    assertThat(third.remaining()).as("10 - 6 spent on a - 2 on b").isEqualTo(2);
    assertThat(b.allowedOf(policy, 5)).as("what the combined bucket has left").isEqualTo(2);
  }

  @Test
  void instancesSpendingBetweenTwoSyncsOverrunOnceThenCarryTheDebt() {
    Instance a = instance(TestRedis.URL);
    Instance b = instance(TestRedis.URL);
    assertThat(a.allowedOf(policy, 10) + b.allowedOf(policy, 10))
        .as("each spent its full copy before either synced")
        .isEqualTo(20);
    a.buckets().sync();
    b.buckets().sync();
    assertThat(a.allowedOf(policy, 3)).isZero();
    assertThat(b.allowedOf(policy, 3)).isZero();

    // the debt stays in Redis: a third instance, fresh and full, is brought down at its first sync
    Instance c = instance(TestRedis.URL);
    assertThat(c.allowedOf(policy, 1)).isEqualTo(1);
    c.buckets().sync();
    clock.advance(Duration.ofMinutes(30));
    c.buckets().take(policy, "ip:x");
    c.buckets().sync();
    assertThat(c.allowedOf(policy, 1))
        .as("half an hour refilled 5 of the 11 owed, so nothing yet")
        .isZero();
  }

  @Test
  void withRedisAwayDecisionsStayLocalAndWhatWasSpentReachesRedisLater() throws Exception {
    var relay = new TcpRelay(TestRedis.host(), TestRedis.port());
    closing.add(relay);
    Instance cutOff = instance("redis://127.0.0.1:" + relay.port());
    assertThat(cutOff.allowedOf(policy, 2)).isEqualTo(2);
    cutOff.buckets().sync();
    assertThat(cutOff.up()).isEqualTo(1);

    relay.cut();
    assertThat(cutOff.allowedOf(policy, 3)).isEqualTo(3);
    cutOff.buckets().sync();
    assertThat(cutOff.up()).as("the failed sync is noticed").isZero();
    assertThat(cutOff.allowedOf(policy, 2)).as("decisions carry on locally").isEqualTo(2);
    assertThat(cutOff.fallbacks()).isEqualTo(2);

    relay.restore();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    do {
      Thread.sleep(50);
      clock.advance(Duration.ofMillis(100));
      cutOff.buckets().sync();
    } while (cutOff.up() == 0 && System.nanoTime() < deadline);
    assertThat(cutOff.up()).as("back on Redis").isEqualTo(1);

    Instance other = instance(TestRedis.URL);
    other.allowedOf(policy, 1);
    other.buckets().sync();
    assertThat(other.allowedOf(policy, 10))
        .as("7 spent on the cut-off instance, 1 here: 2 left")
        .isEqualTo(2);
  }
}
