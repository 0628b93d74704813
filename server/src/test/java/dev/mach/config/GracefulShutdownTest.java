package dev.mach.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiResponse;
import dev.mach.support.MachInstance;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Stopping Mach lets the requests already in flight finish. */
class GracefulShutdownTest {

  @Test
  void aRequestInFlightWhenShutdownStartsStillCompletes() throws Exception {
    var mach =
        MachInstance.start(
            Map.of(
                "spring.datasource.hikari.maximum-pool-size", "2",
                "spring.datasource.hikari.connection-timeout", "10000"));
    var api = mach.api();
    api.get("/api/tags").expect(200);

    CompletableFuture<ApiResponse> inFlight;
    CompletableFuture<Void> shutdown;
    DataSource pool = mach.bean(DataSource.class);
    // Flyway needs two connections to start, so the smallest pool is two: hold both
    try (Connection first = pool.getConnection();
        Connection second = pool.getConnection()) {
      // the request now waits for the only connection, which this test holds
      // a read not answered before, so the response cache cannot answer it without the database
      inFlight = CompletableFuture.supplyAsync(() -> api.get("/api/articles?limit=3"));
      Thread.sleep(500);
      shutdown = CompletableFuture.runAsync(mach::close);
      Thread.sleep(500);
      assertThat(inFlight).as("still waiting for a connection").isNotDone();
    }

    assertThat(inFlight.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    shutdown.get(30, TimeUnit.SECONDS);
  }
}
