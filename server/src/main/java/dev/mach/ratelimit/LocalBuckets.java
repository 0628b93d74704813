package dev.mach.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * Buckets in this process's memory. A bucket is dropped once unused for its policy's longest
 * window: by then it would be full again, so dropping it loses nothing. Past {@code
 * maxTrackedClients} the least recently used are dropped early, which can only make the limit more
 * lenient for them.
 */
final class LocalBuckets implements Buckets {

  // per policy, by its index: a request costs one hash of its client key, no concatenation
  private final List<Cache<String, Bucket>> buckets = new ArrayList<>();
  private final TimeMeter clock;

  LocalBuckets(List<Policy> policies, long maxTrackedClients, TimeMeter clock) {
    for (Policy policy : policies) {
      buckets.add(
          Caffeine.newBuilder()
              // upkeep on the calling thread: handing it to the common pool woke another thread
              // every few dozen reads, which measured more than the lookups themselves
              .executor(Runnable::run)
              .maximumSize(maxTrackedClients)
              .expireAfterAccess(policy.longestPeriod())
              .build());
    }
    this.clock = clock;
  }

  @Override
  public Decision take(Policy policy, String clientKey) {
    VerboseResult<ConsumptionProbe> result =
        bucket(policy, clientKey).asVerbose().tryConsumeAndReturnRemaining(1);
    ConsumptionProbe probe = result.getValue();
    return Decision.of(
        probe.isConsumed(),
        policy,
        result.getDiagnostics().getAvailableTokensPerEachBandwidth(),
        0,
        probe.getNanosToWaitForRefill());
  }

  @Override
  public void refund(Policy policy, String clientKey) {
    bucket(policy, clientKey).addTokens(1);
  }

  private Bucket bucket(Policy policy, String clientKey) {
    return buckets.get(policy.index()).get(clientKey, key -> fullBucket(policy, clock));
  }

  /** A new bucket of the policy, all its windows full, on the given clock. */
  static Bucket fullBucket(Policy policy, TimeMeter clock) {
    // locked rather than lock-free: a lock-free bucket copies its state on every request
    var builder =
        Bucket.builder()
            .withCustomTimePrecision(clock)
            .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED);
    for (var bandwidth : policy.configuration().getBandwidths()) {
      builder.addLimit(bandwidth);
    }
    return builder.build();
  }
}
