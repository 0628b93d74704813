package dev.mach.support;

import java.util.Map;

/**
 * Two Mach instances on this run's database whose response caches are one through the real Redis,
 * under a key prefix of their own.
 */
public record SharedCachePair(MachInstance a, MachInstance b) implements AutoCloseable {

  public static SharedCachePair start(String purpose) {
    Map<String, String> shared =
        Map.of(
            "mach.redis.url",
            TestRedis.URL,
            "mach.cache.redis.key-prefix",
            TestRedis.freshPrefix(purpose));
    MachInstance a = MachInstance.start(shared);
    try {
      return new SharedCachePair(a, MachInstance.start(shared));
    } catch (RuntimeException e) {
      a.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      b.close();
    } finally {
      a.close();
    }
  }
}
