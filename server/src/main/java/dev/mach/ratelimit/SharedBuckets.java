package dev.mach.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mach.config.MachProperties;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Buckets in Redis (Bucket4j's Lettuce integration), so every instance draws on the same tokens.
 * Policies listed in {@code synced-policies} decide locally and reconcile in the background (see
 * {@link SyncedBuckets}); the others consult Redis as described here.
 *
 * <p>A round trip per request would cost more than the cache hit it guards, so a busy client's
 * tokens are leased: one round trip takes as many tokens as the client used in the last lease time
 * (at most {@code maxLease}, and never more than an eighth of what is left), and the following
 * requests spend them here. Leased tokens have left the shared bucket, so instances together never
 * allow more than the limit; tokens unused when the lease ends are dropped, so a busy client can be
 * refused up to one lease early. A client making one request at a time leases one token per
 * request, which keeps small limits exact.
 *
 * <p>When Redis cannot be reached, decisions fall back to local buckets (each instance then limits
 * on its own) and are counted; see {@link RedisBucketStore}.
 */
final class SharedBuckets implements Buckets, AutoCloseable {

  private final RedisBucketStore store;
  private final LocalBuckets local;
  private final SyncedBuckets synced;
  private final MachProperties.RateLimit.Shared settings;
  private final TimeMeter clock;
  private final RateLimitMetrics metrics;
  private final Cache<String, Lease> leases;
  private final long leaseNanos;

  SharedBuckets(
      RedisBucketStore store,
      LocalBuckets local,
      SyncedBuckets synced,
      MachProperties.RateLimit.Shared settings,
      long maxTrackedClients,
      TimeMeter clock,
      RateLimitMetrics metrics) {
    this.store = store;
    this.local = local;
    this.synced = synced;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.leaseNanos = settings.leaseTime().toNanos();
    this.leases =
        Caffeine.newBuilder()
            .executor(Runnable::run)
            .maximumSize(maxTrackedClients)
            .expireAfterAccess(settings.leaseTime().multipliedBy(4).plusSeconds(1))
            .build();
  }

  /** Stops the background sync after a last pass; Spring calls it when the context closes. */
  @Override
  public void close() {
    synced.close();
  }

  @Override
  public Decision take(Policy policy, String clientKey) {
    if (synced.covers(policy)) {
      return synced.take(policy, clientKey);
    }
    String key = store.key(policy, clientKey);
    if (!policy.leasable()) {
      return shared(policy, clientKey, key, null);
    }
    Lease lease = leases.get(key, k -> new Lease());
    long now = clock.currentTimeNanos();
    lease.countRequest(now, leaseNanos);
    Decision known = lease.refusal(now);
    if (known != null) {
      // refused a moment ago and no token due yet: a client hammering past its limit costs no
      // round trip per request
      return known;
    }
    Decision spent = lease.spend(now, policy);
    if (spent != null) {
      return spent;
    }
    // the lease is spent: one request per client and instance refills it from Redis, and the ones
    // arriving meanwhile wait for it and spend what it brought
    lease.refill.lock();
    try {
      spent = lease.spend(clock.currentTimeNanos(), policy);
      return spent != null ? spent : shared(policy, clientKey, key, lease);
    } finally {
      lease.refill.unlock();
    }
  }

  private Decision shared(Policy policy, String clientKey, String key, Lease lease) {
    ProxyManager<String> manager = store.reachable();
    if (manager == null) {
      metrics.fellBack();
      return local.take(policy, clientKey);
    }
    long want = lease == null ? 1 : lease.size(settings.maxLease());
    VerboseResult<Long> result;
    try {
      result =
          manager
              .builder()
              .build(key, policy.configuration())
              .asVerbose()
              .tryConsumeAsMuchAsPossible(want);
    } catch (RuntimeException e) {
      store.markAway(e);
      metrics.fellBack();
      return local.take(policy, clientKey);
    }
    store.markBack();
    long got = result.getValue();
    long[] available = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
    Decision decision = Decision.of(got > 0, policy, available, Math.max(0, got - 1), -1);
    if (lease != null) {
      long now = clock.currentTimeNanos();
      lease.renew(available, got - 1, now + leaseNanos);
      if (!decision.allowed()) {
        lease.refuse(decision, now + Math.min(leaseNanos, decision.waitNanos()));
      }
    }
    return decision;
  }

  @Override
  public void refund(Policy policy, String clientKey) {
    if (synced.covers(policy)) {
      synced.refund(policy, clientKey);
      return;
    }
    ProxyManager<String> manager = store.reachable();
    if (manager == null) {
      local.refund(policy, clientKey);
      return;
    }
    try {
      manager.builder().build(store.key(policy, clientKey), policy.configuration()).addTokens(1);
    } catch (RuntimeException e) {
      store.markAway(e);
      local.refund(policy, clientKey);
    }
  }

  /**
   * Tokens this instance took ahead for one client, and how busy that client has been. Spending is
   * one compare-and-set, so a busy client's requests do not queue on a lock; only a refill does.
   */
  private static final class Lease {
    final ReentrantLock refill = new ReentrantLock();
    private final AtomicLong tokens = new AtomicLong();
    private volatile long expiresAt;
    private volatile long[] available;
    // counted without a lock: a race only sizes the next lease a little differently
    private final AtomicLong windowCount = new AtomicLong();
    private volatile long windowStart;
    private volatile long lastWindowCount;

    private volatile Decision refusal;
    private volatile long refusedUntil;

    /** The last refusal, while no token can have come back since. */
    Decision refusal(long now) {
      return now < refusedUntil ? refusal : null;
    }

    void refuse(Decision decision, long until) {
      refusal = decision;
      refusedUntil = until;
    }

    void countRequest(long now, long windowNanos) {
      if (now - windowStart >= windowNanos) {
        windowStart = now;
        lastWindowCount = windowCount.getAndSet(0);
      }
      windowCount.incrementAndGet();
    }

    /** One leased token, or null when the lease is used up or over. */
    Decision spend(long now, Policy policy) {
      if (now >= expiresAt) {
        return null;
      }
      long left;
      do {
        left = tokens.get();
        if (left <= 0) {
          return null;
        }
      } while (!tokens.compareAndSet(left, left - 1));
      return Decision.of(true, policy, available, left - 1, -1);
    }

    /** Holds what one round trip brought; the token count last, as spending checks it last. */
    void renew(long[] availableInRedis, long extra, long until) {
      available = availableInRedis;
      expiresAt = until;
      tokens.set(Math.max(0, extra));
    }

    /** As many tokens as the client is likely to use in one lease, within an eighth of the rest. */
    long size(int maxLease) {
      long demand = Math.max(lastWindowCount, windowCount.get());
      long[] known = available;
      long headroom = known == null ? 1 : min(known) / 8;
      return Math.max(1, Math.min(maxLease, Math.min(demand, headroom)));
    }

    private static long min(long[] values) {
      long min = Long.MAX_VALUE;
      for (long value : values) {
        min = Math.min(min, value);
      }
      return min;
    }
  }
}
