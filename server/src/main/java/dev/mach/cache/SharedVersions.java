package dev.mach.cache;

import dev.mach.config.MachProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's {@link Versions} a mirror of the change sequence every instance shares in
 * Redis, so a write acknowledged by any instance invalidates what every other instance holds.
 *
 * <p>Before a cached response is served, {@link #catchUp()} makes sure every change Redis had
 * numbered when the request arrived is applied here: one read of the sequence, and of the stream
 * only when something changed. Concurrent requests share one such round, so under load the check
 * costs one Redis round trip per batch of requests, not per request.
 *
 * <p>While Redis is away the instance cannot hear of other instances' writes, so it serves no
 * cached response at all (reads go to the database) and stores none. When it rejoins it raises the
 * shared floor: every entry filled before then, here or anywhere, counts as stale, because the
 * writes made meanwhile were never published.
 */
final class SharedVersions implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SharedVersions.class);

  private final SharedTier tier;
  private final Versions versions;
  private final CacheMetrics metrics;
  private final Duration retryInterval;
  private final Duration roundTimeout;
  private final ReentrantLock catchUpLock = new ReentrantLock();
  private final AtomicReference<Round> nextRound = new AtomicReference<>();
  private final Thread rejoiner;

  private volatile boolean up;
  private volatile boolean closed;

  /** Every change numbered up to here is applied to {@link #versions}; under catchUpLock. */
  private long appliedThrough;

  SharedVersions(
      SharedTier tier,
      Versions versions,
      CacheMetrics metrics,
      MachProperties properties,
      MeterRegistry registry) {
    this.tier = tier;
    this.versions = versions;
    this.metrics = metrics;
    this.retryInterval = properties.cache().redis().retryInterval();
    // a round is two commands at most
    this.roundTimeout = properties.redis().commandTimeout().multipliedBy(2).plusMillis(50);
    Gauge.builder("mach.cache.shared.up", this, shared -> shared.up ? 1 : 0)
        .description("1 while the cache's shared tier (Redis) is in use, 0 while it is away")
        .register(registry);
    rejoin();
    this.rejoiner = Thread.ofVirtual().name("mach-cache-rejoin").start(this::rejoinWhileAway);
  }

  /** Whether the shared tier is in use; while it is not, nothing may be served from the cache. */
  boolean up() {
    return up;
  }

  /**
   * Applies every change numbered before this call; false if Redis did not answer in time (the
   * caller must then not serve from the cache).
   */
  boolean catchUp() {
    if (!up) {
      return false;
    }
    Round round = joinRound();
    try {
      round.done.get(roundTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /** Publishes a write's changes to every instance and applies them here. */
  void publish(List<String> keys) {
    if (!up) {
      // nothing is served while away, and rejoining invalidates everything
      return;
    }
    try {
      versions.apply(keys, tier.publish(keys));
    } catch (RuntimeException e) {
      lost(e);
    }
  }

  /**
   * A round whose Redis read starts after this call: the pending one if it has not started yet,
   * else a new one that starts when the running one ends.
   */
  private Round joinRound() {
    while (true) {
      Round pending = nextRound.get();
      if (pending != null && !pending.started) {
        return pending;
      }
      Round fresh = new Round();
      if (nextRound.compareAndSet(pending, fresh)) {
        if (pending == null) {
          Thread.startVirtualThread(() -> run(fresh));
        } else {
          pending.done.whenComplete(
              (ignored, error) -> Thread.startVirtualThread(() -> run(fresh)));
        }
        return fresh;
      }
    }
  }

  private void run(Round round) {
    round.started = true;
    try {
      applyNewChanges();
      round.done.complete(null);
    } catch (RuntimeException e) {
      lost(e);
      round.done.completeExceptionally(e);
    }
  }

  private void applyNewChanges() {
    long newest = tier.sequence();
    catchUpLock.lock();
    try {
      if (newest < appliedThrough) {
        // Redis lost its state (a restart without persistence): start a new history above ours
        adoptFloor(tier.raiseFloor(versions.snapshot()));
        return;
      }
      if (newest == appliedThrough) {
        return;
      }
      List<SharedTier.Change> changes = tier.changesAfter(appliedThrough);
      if (changes.isEmpty() || changes.getFirst().sequence() != appliedThrough + 1) {
        // the stream was trimmed past what this instance has seen: assume everything changed
        adoptFloor(newest);
      }
      for (SharedTier.Change change : changes) {
        if (change.floor()) {
          versions.raiseFloor(change.sequence());
        } else {
          versions.apply(change.keys(), change.sequence());
        }
        appliedThrough = Math.max(appliedThrough, change.sequence());
      }
    } finally {
      catchUpLock.unlock();
    }
  }

  private void adoptFloor(long floor) {
    versions.raiseFloor(floor);
    appliedThrough = Math.max(appliedThrough, floor);
  }

  private void rejoin() {
    try {
      long floor = tier.raiseFloor(versions.snapshot());
      catchUpLock.lock();
      try {
        versions.raiseFloor(floor);
        appliedThrough = floor;
      } finally {
        catchUpLock.unlock();
      }
      up = true;
      log.info("Response cache: shared tier in Redis in use (change sequence at {})", floor);
    } catch (RuntimeException e) {
      if (!closed) {
        log.debug("Response cache: Redis still away: {}", e.getMessage());
      }
    }
  }

  /** Redis failed a command: stop using the shared tier until it can be rejoined. */
  void lost(RuntimeException e) {
    if (up) {
      up = false;
      metrics.sharedTierLost();
      log.warn(
          "Response cache: Redis is away ({}); serving from the database until it is back",
          e.getMessage());
    }
  }

  private void rejoinWhileAway() {
    while (!closed) {
      try {
        Thread.sleep(retryInterval);
      } catch (InterruptedException e) {
        return;
      }
      if (!up && !closed) {
        rejoin();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    rejoiner.interrupt();
  }

  private static final class Round {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    volatile boolean started;
  }
}
