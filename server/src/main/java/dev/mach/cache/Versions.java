package dev.mach.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each dependency last changed, as a position in one sequence of changes.
 *
 * <p>An entry records the sequence number seen before its read ran (its snapshot). It is fresh
 * while none of its dependencies changed after that: {@code lastChange(key) <= snapshot} for all of
 * them. A write bumps its keys after it commits and before it is acknowledged, so a read that
 * starts after the acknowledgement can never be served an entry filled from the old state.
 *
 * <p>The map is bounded. A key pushed out is remembered only through a floor, the newest change
 * that was forgotten; unknown keys count as changed at the floor. That errs towards a miss, never
 * towards stale data.
 *
 * <p>A raised floor ({@link #raiseFloor}) counts every key, known or not, as changed at it: what an
 * instance does when it cannot know what changed (it was cut off from the other instances).
 */
final class Versions {

  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong floor = new AtomicLong();
  private final AtomicLong everythingChanged = new AtomicLong();
  private final Cache<String, Long> lastChange;

  Versions(long maxKeys) {
    this.lastChange =
        Caffeine.newBuilder()
            // upkeep on the calling thread, as in ResponseStore
            .executor(Runnable::run)
            .maximumSize(maxKeys)
            // an eviction listener runs atomically with the removal, so no read sees the key gone
            // and the floor not yet raised
            .evictionListener(
                (String key, Long version, RemovalCause cause) ->
                    floor.accumulateAndGet(version, Math::max))
            .build();
  }

  /** The sequence number a read takes before it touches the database. */
  long snapshot() {
    return sequence.get();
  }

  /** Marks {@code keys} as changed now. */
  long bump(Collection<String> keys) {
    long version = sequence.incrementAndGet();
    apply(keys, version);
    return version;
  }

  /** Records changes made elsewhere (another instance), at their own sequence numbers. */
  void apply(Collection<String> keys, long version) {
    sequence.accumulateAndGet(version, Math::max);
    for (String key : keys) {
      // max, not put: two writers may finish their bumps in the other order
      lastChange.asMap().merge(key, version, Math::max);
    }
  }

  /** Counts every key as changed at {@code version}. */
  void raiseFloor(long version) {
    sequence.accumulateAndGet(version, Math::max);
    everythingChanged.accumulateAndGet(version, Math::max);
  }

  /** Whether none of {@code keys} changed after {@code snapshot}. */
  boolean unchangedSince(String[] keys, long snapshot) {
    if (everythingChanged.get() > snapshot) {
      return false;
    }
    for (String key : keys) {
      Long changed = lastChange.getIfPresent(key);
      if ((changed == null ? floor.get() : changed) > snapshot) {
        return false;
      }
    }
    return true;
  }

  /** Runs pending evictions now (Caffeine otherwise does it in passing); for tests. */
  void cleanUp() {
    lastChange.cleanUp();
  }
}
