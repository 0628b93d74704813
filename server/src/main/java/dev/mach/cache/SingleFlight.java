package dev.mach.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * At most one computation per key at a time: when a hot entry is missing, the first request
 * computes it and the others wait for that result instead of all hitting the database at once.
 */
final class SingleFlight<K, V> {

  private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
  private final Duration maxWait;

  SingleFlight(Duration maxWait) {
    this.maxWait = maxWait;
  }

  /** The outcome for one caller: the value, and whether this caller computed it. */
  record Outcome<V>(V value, boolean computedHere) {}

  /**
   * Runs {@code compute} unless another caller is already computing {@code key}, in which case it
   * waits for that caller's value (null when the leader failed, produced nothing, or took longer
   * than the wait bound: the caller then does its own work).
   */
  Outcome<V> run(K key, Supplier<V> compute) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> leader = inFlight.putIfAbsent(key, mine);
    if (leader != null) {
      return new Outcome<>(await(leader), false);
    }
    try {
      V value = compute.get();
      mine.complete(value);
      return new Outcome<>(value, true);
    } catch (RuntimeException | Error e) {
      mine.complete(null);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  private V await(CompletableFuture<V> leader) {
    try {
      return leader.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }
}
