package dev.mach.cache;

import dev.mach.support.Fixtures;
import dev.mach.support.SharedCachePair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The freshness contract across two instances that share one database and one Redis: every write
 * goes to instance A, every read to instance B, and B, which cached the read just before, answers
 * with the new state right after A acknowledged the write.
 */
class SharedCacheFreshnessApiTest extends CacheFreshnessContract {

  private static SharedCachePair instances;

  @BeforeAll
  static void startTwoInstances() {
    instances = SharedCachePair.start("freshness");
  }

  @AfterAll
  static void stopInstances() {
    if (instances != null) {
      instances.close();
    }
  }

  @BeforeEach
  void writeToOneReadFromTheOther() {
    api = instances.a().api();
    fixtures = new Fixtures(api);
    reads = instances.b().api();
  }
}
