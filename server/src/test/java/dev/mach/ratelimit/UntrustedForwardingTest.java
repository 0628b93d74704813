package dev.mach.ratelimit;

import dev.mach.support.MachInstance;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client that is not a trusted proxy cannot pick its rate-limit bucket by sending headers. */
class UntrustedForwardingTest {

  @Test
  void forwardingHeadersFromAnUntrustedPeerChangeNothing() {
    try (var mach =
        MachInstance.start(
            Map.of(
                "mach.rate-limit.enabled", "true",
                "mach.rate-limit.trusted-proxies", "10.0.0.0/8",
                "mach.rate-limit.default-limits", "2/1h"))) {
      mach.api().withHeader("X-Forwarded-For", "192.0.2.1").get("/api/articles").expect(200);
      mach.api().withHeader("X-Forwarded-For", "192.0.2.2").get("/api/articles").expect(200);
      mach.api().withHeader("X-Forwarded-For", "192.0.2.3").get("/api/articles").expect(429);
      mach.api().withHeader("Forwarded", "for=192.0.2.4").get("/api/articles").expect(429);
      mach.api().get("/api/articles").expect(429);
    }
  }
}
