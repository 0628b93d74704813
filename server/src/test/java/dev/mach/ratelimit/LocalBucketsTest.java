package dev.mach.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact counts and refill of in-memory buckets, on a clock the test moves. */
class LocalBucketsTest {

  private final ManualClock clock = new ManualClock();
  private final Policy policy = Policy.of(0, "reads", null, null, List.of("3/1m", "5/1h"), true);
  private final LocalBuckets buckets = new LocalBuckets(List.of(policy), 1000, clock);

  @Test
  void allowsExactlyTheCapacityThenRefusesUntilATokenRefills() {
    for (int i = 2; i >= 0; i--) {
      Decision allowed = buckets.take(policy, "ip:a");
      assertThat(allowed.allowed()).isTrue();
      assertThat(allowed.remaining()).isEqualTo(i);
      assertThat(allowed.limit()).isEqualTo(3);
    }
    Decision refused = buckets.take(policy, "ip:a");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).as("one token per 20 s").isEqualTo(20);
    assertThat(refused.resetSeconds()).isEqualTo(60);

    clock.advance(Duration.ofSeconds(19));
    assertThat(buckets.take(policy, "ip:a").allowed()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(buckets.take(policy, "ip:a").allowed()).isTrue();
    assertThat(buckets.take(policy, "ip:a").allowed()).isFalse();
  }

  @Test
  void theLongerWindowHoldsOnceTheShortOneHasRefilled() {
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.take(policy, "ip:b").allowed()).isTrue();
    }
    clock.advance(Duration.ofMinutes(1));
    assertThat(buckets.take(policy, "ip:b").allowed()).isTrue();
    Decision last = buckets.take(policy, "ip:b");
    assertThat(last.allowed()).isTrue();
    assertThat(last.limit()).as("the hourly window is now the tightest").isEqualTo(5);
    assertThat(last.remaining()).isZero();
    Decision refused = buckets.take(policy, "ip:b");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds())
        .as("one hourly token per 12 minutes, a minute of which has passed")
        .isEqualTo(660);
  }

  @Test
  void clientsHaveBucketsOfTheirOwn() {
    for (int i = 0; i < 3; i++) {
      buckets.take(policy, "ip:c");
    }
    assertThat(buckets.take(policy, "ip:c").allowed()).isFalse();
    assertThat(buckets.take(policy, "user:7").allowed()).isTrue();
  }

  @Test
  void aRefundGivesTheTokenBack() {
    for (int i = 0; i < 3; i++) {
      buckets.take(policy, "ip:d");
    }
    buckets.refund(policy, "ip:d");
    assertThat(buckets.take(policy, "ip:d").allowed()).isTrue();
    assertThat(buckets.take(policy, "ip:d").allowed()).isFalse();
  }

  /** A clock only the test moves. */
  static final class ManualClock implements TimeMeter {
    private volatile long nanos = Duration.ofDays(1).toNanos();

    void advance(Duration by) {
      nanos += by.toNanos();
    }

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
