package dev.mach.batch;

import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test only: {@code GET /api/test/barrier?round=r&parties=n} answers 200 once n requests of round r
 * are waiting at once, and 504 if they never are. Requests that run one after the other can never
 * all pass, so passing proves they overlapped, without timing anything.
 */
@RestController
@ConditionalOnProperty(name = "mach.test.barrier", havingValue = "true")
class BarrierController {

  private final Map<String, CyclicBarrier> rounds = new ConcurrentHashMap<>();

  @GetMapping("/api/test/barrier")
  ResponseEntity<Map<String, Object>> await(
      @RequestParam String round,
      @RequestParam int parties,
      @RequestParam(defaultValue = "10") int seconds)
      throws InterruptedException {
    CyclicBarrier barrier = rounds.computeIfAbsent(round, r -> new CyclicBarrier(parties));
    try {
      barrier.await(seconds, TimeUnit.SECONDS);
      return ResponseEntity.ok(Map.of("passed", true));
    } catch (TimeoutException | BrokenBarrierException e) {
      return ResponseEntity.status(504).body(Map.of("passed", false));
    }
  }
}
