package dev.mach.observability;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Meters kept by route template and HTTP method, made on first use. Once made, a request finds its
 * meter with one map lookup and one array index, without building or hashing tags.
 */
final class MetersByRoute<M> {

  /** Makes (registers) the meter of one route and method; registering twice yields the same. */
  interface Maker<M> {
    M make(String route, int method);
  }

  private final ConcurrentHashMap<String, AtomicReferenceArray<M>> byRoute =
      new ConcurrentHashMap<>();
  private final Maker<M> maker;

  MetersByRoute(Maker<M> maker) {
    this.maker = maker;
  }

  M get(String route, String method) {
    AtomicReferenceArray<M> byMethod = byRoute.get(route);
    if (byMethod == null) {
      byMethod =
          byRoute.computeIfAbsent(
              route, r -> new AtomicReferenceArray<>(RequestMeters.methodCount()));
    }
    int m = RequestMeters.methodIndex(method);
    M meter = byMethod.get(m);
    if (meter == null) {
      // two requests racing here both make it; the first one set is kept
      byMethod.compareAndSet(m, null, maker.make(route, m));
      meter = byMethod.get(m);
    }
    return meter;
  }
}
