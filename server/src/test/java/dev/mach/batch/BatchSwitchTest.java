package dev.mach.batch;

import static dev.mach.batch.Batches.item;

import dev.mach.support.MachInstance;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mach.batch.enabled=false} takes the endpoint away. */
class BatchSwitchTest {

  @Test
  void aSwitchedOffBatchEndpointIsNotFound() {
    try (var mach = MachInstance.start(Map.of("mach.batch.enabled", "false"))) {
      mach.api()
          .post("/api/batch", Batches.of(item("GET", "/api/tags")))
          .expectError(404, "path", "not found");
      mach.api().get("/api/tags").expect(200);
    }
  }
}
