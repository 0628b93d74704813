package dev.mach.cache;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The second tier: responses one instance computed, kept in Redis for every instance, and a short
 * lock per key so that when an entry is missing everywhere only one instance computes it while the
 * others wait for its result. Any Redis failure here counts as Redis being away (see {@link
 * SharedVersions}); the request then computes its own answer and nothing is shared.
 */
final class SharedEntries {

  /** What a miss produced, and whether it came from another instance through Redis. */
  record Obtained(CachedResponse entry, boolean fromSharedTier) {}

  private static final Duration POLL = Duration.ofMillis(20);

  private final SharedTier tier;
  private final SharedVersions versions;
  private final ResponseStore store;
  private final Duration lockWait;

  SharedEntries(SharedTier tier, SharedVersions versions, ResponseStore store, Duration lockWait) {
    this.tier = tier;
    this.versions = versions;
    this.store = store;
    this.lockWait = lockWait;
  }

  /**
   * The entry for {@code key} from Redis when it is there and fresh; else the result of {@code
   * fill}, computed by one instance at a time and then stored for the others.
   */
  Obtained obtain(String key, Supplier<CachedResponse> fill) {
    CachedResponse found = find(key);
    if (found != null) {
      return new Obtained(found, true);
    }
    boolean mine = claim(key);
    if (mine) {
      // the previous holder may have stored it between our look and our claim
      found = find(key);
      if (found != null) {
        release(key);
        return new Obtained(found, true);
      }
    } else {
      long deadline = System.nanoTime() + lockWait.toNanos();
      while (System.nanoTime() - deadline < 0 && versions.up() && pause()) {
        found = find(key);
        if (found != null) {
          return new Obtained(found, true);
        }
      }
    }
    try {
      CachedResponse filled = fill.get();
      if (filled != null && versions.up() && store.isFresh(filled)) {
        offer(key, filled);
      }
      return new Obtained(filled, false);
    } finally {
      if (mine) {
        release(key);
      }
    }
  }

  /** A fresh entry from Redis, also kept in this instance's tier; null if none or Redis is away. */
  private CachedResponse find(String key) {
    if (!versions.up()) {
      return null;
    }
    try {
      CachedResponse entry = tier.load(key);
      if (entry == null || !store.isFresh(entry)) {
        return null;
      }
      store.put(key, entry);
      return entry;
    } catch (RuntimeException e) {
      versions.lost(e);
      return null;
    }
  }

  private boolean claim(String key) {
    try {
      return versions.up() && tier.lock(key);
    } catch (RuntimeException e) {
      versions.lost(e);
      return false;
    }
  }

  private void offer(String key, CachedResponse entry) {
    try {
      tier.store(key, entry);
    } catch (RuntimeException e) {
      versions.lost(e);
    }
  }

  private void release(String key) {
    try {
      tier.unlock(key);
    } catch (RuntimeException e) {
      versions.lost(e);
    }
  }

  /** Waits a little for the instance computing the entry; false if interrupted. */
  private static boolean pause() {
    try {
      Thread.sleep(POLL);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
