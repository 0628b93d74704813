package dev.mach.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared buckets that never make a request wait for Redis: each instance decides on a local copy of
 * the client's bucket, and every {@code syncInterval} one background pass sends Redis what was
 * spent here (one asynchronous Bucket4j operation per client that made requests, pipelined on the
 * one Lettuce connection) and takes back what is left once every instance's spending is counted.
 *
 * <p>The price is lag: an instance learns of what the others spent at its next pass, so during one
 * interval N instances can together allow up to N times a window's remaining tokens; from then on
 * their copies carry the combined spending, so the longer windows (hours, days) hold across
 * instances. Meant for policies with large, fast windows such as the default one, where a round
 * trip per request would cost more than the cached read it guards; small limits (logins,
 * registrations, writes) stay exact in {@link SharedBuckets}.
 *
 * <p>While Redis is away decisions simply stay local (counted as fallbacks), and what was spent
 * meanwhile is sent once it is back.
 */
final class SyncedBuckets implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SyncedBuckets.class);

  private final RedisBucketStore store;
  private final boolean[] covered;
  private final List<Cache<String, Copy>> copies = new ArrayList<>();
  private final ConcurrentLinkedQueue<Copy> spentSinceSync = new ConcurrentLinkedQueue<>();
  private final TimeMeter clock;
  private final RateLimitMetrics metrics;
  private ScheduledExecutorService scheduler;

  SyncedBuckets(
      RedisBucketStore store,
      List<Policy> policies,
      Set<String> syncedNames,
      long maxTrackedClients,
      TimeMeter clock,
      RateLimitMetrics metrics) {
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
    this.covered = new boolean[policies.size()];
    for (Policy policy : policies) {
      covered[policy.index()] = syncedNames.contains(policy.name());
      copies.add(
          Caffeine.newBuilder()
              .executor(Runnable::run)
              .maximumSize(maxTrackedClients)
              .expireAfterAccess(policy.longestPeriod())
              .build());
    }
  }

  boolean covers(Policy policy) {
    return covered[policy.index()];
  }

  Decision take(Policy policy, String clientKey) {
    Copy copy = copy(policy, clientKey);
    VerboseResult<ConsumptionProbe> result =
        copy.bucket.asVerbose().tryConsumeAndReturnRemaining(1);
    ConsumptionProbe probe = result.getValue();
    if (probe.isConsumed()) {
      copy.spent(1, spentSinceSync);
    }
    if (store.isAway()) {
      metrics.fellBack();
    }
    return Decision.of(
        probe.isConsumed(),
        policy,
        result.getDiagnostics().getAvailableTokensPerEachBandwidth(),
        0,
        probe.getNanosToWaitForRefill());
  }

  void refund(Policy policy, String clientKey) {
    Copy copy = copy(policy, clientKey);
    copy.bucket.addTokens(1);
    copy.spent(-1, spentSinceSync);
  }

  private Copy copy(Policy policy, String clientKey) {
    return copies
        .get(policy.index())
        .get(
            clientKey,
            key ->
                new Copy(policy, store.key(policy, key), LocalBuckets.fullBucket(policy, clock)));
  }

  /** Runs {@link #sync} every {@code interval} on a thread of its own. */
  void start(Duration interval) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("mach-rate-limit-sync").factory());
    long nanos = interval.toNanos();
    scheduler.scheduleWithFixedDelay(this::syncQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /** Stops the background passes after one last one, so what was spent here reaches Redis. */
  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      syncQuietly();
    }
  }

  private void syncQuietly() {
    try {
      sync();
    } catch (RuntimeException e) {
      log.warn("Rate-limit sync with Redis failed; will try again", e);
    }
  }

  /**
   * Sends Redis what every client spent here since the last pass and adopts what Redis has left,
   * waiting for all the answers. Clients that made no request here are left alone: their copies are
   * brought up to date at their next pass.
   */
  void sync() {
    ProxyManager<String> manager = store.reachable();
    if (manager == null) {
      return;
    }
    AsyncProxyManager<String> remote = manager.asAsync();
    List<CompletableFuture<Void>> answers = new ArrayList<>();
    List<Copy> sent = new ArrayList<>();
    List<Long> amounts = new ArrayList<>();
    Copy copy;
    while ((copy = spentSinceSync.poll()) != null) {
      long amount = copy.takeUnsent();
      if (amount == 0) {
        continue;
      }
      Copy target = copy;
      var bucket = remote.builder().build(copy.redisKey, copy.policy.configuration()).asVerbose();
      CompletableFuture<Void> answer =
          (amount > 0 ? bucket.consumeIgnoringRateLimits(amount) : bucket.addTokens(-amount))
              .thenAccept(
                  result -> {
                    target.adopt(result.getDiagnostics().getAvailableTokensPerEachBandwidth());
                    metrics.synced(Math.max(0, amount));
                  });
      answers.add(answer);
      sent.add(copy);
      amounts.add(amount);
    }
    if (answers.isEmpty()) {
      return;
    }
    try {
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
          .get(store.commandTimeout().toNanos() * 2, TimeUnit.NANOSECONDS);
      store.markBack();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      store.markAway(e);
      // what did not reach Redis is sent at a later pass instead of being lost
      for (int i = 0; i < answers.size(); i++) {
        if (!answers.get(i).isDone() || answers.get(i).isCompletedExceptionally()) {
          sent.get(i).spent(amounts.get(i), spentSinceSync);
        }
      }
    }
  }

  /** This instance's copy of one client's bucket, and what it spent that Redis has not seen. */
  private final class Copy {
    final Policy policy;
    final String redisKey;
    volatile Bucket bucket;
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicBoolean queued = new AtomicBoolean();

    Copy(Policy policy, String redisKey, Bucket bucket) {
      this.policy = policy;
      this.redisKey = redisKey;
      this.bucket = bucket;
    }

    void spent(long tokens, ConcurrentLinkedQueue<Copy> queue) {
      unsent.addAndGet(tokens);
      if (!queued.get() && queued.compareAndSet(false, true)) {
        queue.add(this);
      }
    }

    long takeUnsent() {
      queued.set(false);
      return unsent.getAndSet(0);
    }

    /**
     * Replaces the copy with what Redis holds, less what was spent here since the pass began. A
     * request racing the swap spends from the old copy; it is in {@code unsent} all the same, so
     * the next pass counts it.
     */
    void adopt(long[] availableInRedis) {
      long spentMeanwhile = Math.max(0, unsent.get());
      var builder = Bucket.builder().withCustomTimePrecision(clock);
      List<Limit> limits = policy.limits();
      for (int i = 0; i < limits.size(); i++) {
        Limit limit = limits.get(i);
        builder.addLimit(
            Bandwidth.builder()
                .capacity(limit.capacity())
                .refillGreedy(limit.capacity(), limit.period())
                .initialTokens(Math.max(0, availableInRedis[i] - spentMeanwhile))
                .build());
      }
      bucket = builder.build();
    }
  }
}
