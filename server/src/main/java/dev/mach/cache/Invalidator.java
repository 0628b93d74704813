package dev.mach.cache;

import java.util.Collection;
import java.util.List;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What writes call to mark their changes. Inside a transaction the keys are bumped right after it
 * commits (never before: a read in between would cache the old state under the new version), and in
 * any case before the write is acknowledged to its client.
 */
public class Invalidator {

  private final Versions versions;
  private final SharedVersions shared;
  private final CacheMetrics metrics;

  /** {@code shared} is null when this instance caches alone. */
  Invalidator(Versions versions, SharedVersions shared, CacheMetrics metrics) {
    this.versions = versions;
    this.shared = shared;
    this.metrics = metrics;
  }

  public void changed(String... keys) {
    changed(List.of(keys));
  }

  public void changed(Collection<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    List<String> copy = List.copyOf(keys);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              bump(copy);
            }
          });
    } else {
      bump(copy);
    }
  }

  private void bump(List<String> keys) {
    if (shared == null) {
      versions.bump(keys);
    } else {
      shared.publish(keys);
    }
    metrics.invalidated(keys.size());
  }
}
