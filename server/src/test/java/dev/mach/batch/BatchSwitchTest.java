package dev.mach.batch;

import static dev.mach.batch.Batches.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.config.SqlStatementCounter;
import dev.mach.support.Fixtures;
import dev.mach.support.Jobs;
import dev.mach.support.MachInstance;
import java.util.Map;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;

/** The batch's switches: the endpoint itself, and its shared flag lookups. */
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

  @Test
  void withFlagCoalescingOffEachCachedReadLooksUpItsOwnFlags() {
    try (var mach = MachInstance.start(Map.of("mach.batch.coalesce-flag-lookups", "false"))) {
      var reads = BatchFlagLookupTest.Reads.prepare(new Fixtures(mach.api()), mach.api(), 5);
      Jobs.awaitIdle(mach.bean(StorageProvider.class));
      SqlStatementCounter statements = mach.bean(SqlStatementCounter.class);

      long before = statements.total();
      var answer = mach.api().as(reads.reader()).post("/api/batch", reads.batch()).expect(200);

      reads.assertOwnFlags(answer);
      assertThat(statements.total() - before).isEqualTo(2 * 5);
    }
  }
}
