package dev.mach.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code mach.ratelimit.decisions{policy,result}} per decision, and, with Redis, whether the shared
 * buckets are in use ({@code mach.ratelimit.shared.up}) and how many decisions fell back to local
 * buckets ({@code mach.ratelimit.shared.fallbacks}), and how many tokens spent on synced copies
 * have reached Redis ({@code mach.ratelimit.shared.synced}). Counters are made once per policy, so
 * a decision costs an increment and no lookup by tags.
 */
final class RateLimitMetrics {

  private final Counter[] allowed;
  private final Counter[] limited;
  private final Counter fallbacks;
  private final Counter synced;
  private final AtomicInteger sharedUp = new AtomicInteger(1);

  RateLimitMetrics(MeterRegistry registry, List<Policy> policies) {
    this.allowed = new Counter[policies.size()];
    this.limited = new Counter[policies.size()];
    for (Policy policy : policies) {
      allowed[policy.index()] = decisions(registry, policy, "allowed");
      limited[policy.index()] = decisions(registry, policy, "limited");
    }
    this.fallbacks =
        Counter.builder("mach.ratelimit.shared.fallbacks")
            .description("Rate-limit decisions made with local buckets because Redis was away")
            .register(registry);
    this.synced =
        Counter.builder("mach.ratelimit.shared.synced")
            .description("Tokens spent on this instance's synced copies and reported to Redis")
            .register(registry);
    Gauge.builder("mach.ratelimit.shared.up", sharedUp, AtomicInteger::get)
        .description("1 while rate-limit buckets are shared through Redis, 0 while local")
        .register(registry);
  }

  private static Counter decisions(MeterRegistry registry, Policy policy, String result) {
    return Counter.builder("mach.ratelimit.decisions")
        .description("Requests checked against a rate-limit policy")
        .tag("policy", policy.name())
        .tag("result", result)
        .register(registry);
  }

  void count(Decision decision) {
    (decision.allowed() ? allowed : limited)[decision.policy().index()].increment();
  }

  void synced(long tokens) {
    synced.increment(tokens);
  }

  void fellBack() {
    fallbacks.increment();
  }

  void sharedUp(boolean up) {
    sharedUp.set(up ? 1 : 0);
  }
}
