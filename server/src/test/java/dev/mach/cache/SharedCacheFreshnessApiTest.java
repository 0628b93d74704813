package dev.mach.cache;

import dev.mach.support.Fixtures;
import dev.mach.support.MachInstance;
import dev.mach.support.TestRedis;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The freshness contract across two instances that share one database and one Redis: every write
 * goes to instance A, every read to instance B, and B, which cached the read just before, answers
 * with the new state right after A acknowledged the write.
 */
class SharedCacheFreshnessApiTest extends CacheFreshnessContract {

  private static MachInstance writer;
  private static MachInstance reader;

  @BeforeAll
  static void startTwoInstances() {
    Map<String, String> shared =
        Map.of(
            "mach.redis.url",
            TestRedis.URL,
            "mach.cache.redis.key-prefix",
            TestRedis.freshPrefix("freshness"));
    writer = MachInstance.start(shared);
    reader = MachInstance.start(shared);
  }

  @AfterAll
  static void stopInstances() {
    if (reader != null) {
      reader.close();
    }
    if (writer != null) {
      writer.close();
    }
  }

  @BeforeEach
  void writeToOneReadFromTheOther() {
    api = writer.api();
    fixtures = new Fixtures(api);
    reads = reader.api();
  }
}
