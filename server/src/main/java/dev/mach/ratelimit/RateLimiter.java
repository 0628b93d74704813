package dev.mach.ratelimit;

import dev.mach.auth.RequestViewer;
import dev.mach.auth.TokenService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Decides whether a request may proceed: it counts against one policy (see {@link Policies}), in a
 * bucket keyed by the signed-in user when the token is valid and by client address otherwise.
 */
final class RateLimiter {

  private final Policies policies;
  private final ClientAddress addresses;
  private final Buckets buckets;
  private final TokenService tokens;
  private final RateLimitMetrics metrics;

  RateLimiter(
      Policies policies,
      ClientAddress addresses,
      Buckets buckets,
      TokenService tokens,
      RateLimitMetrics metrics) {
    this.policies = policies;
    this.addresses = addresses;
    this.buckets = buckets;
    this.tokens = tokens;
    this.metrics = metrics;
  }

  Decision check(HttpServletRequest request) {
    Policy policy = policies.match(request.getMethod(), request.getRequestURI());
    Decision decision = buckets.take(policy, clientKey(request));
    metrics.count(decision);
    return decision;
  }

  /** {@code user:<id>} for a valid token, otherwise {@code ip:<address>}. */
  String clientKey(HttpServletRequest request) {
    Optional<Long> user = RequestViewer.of(request, tokens);
    return user.isPresent() ? "user:" + user.get() : addresses.bucketKey(request);
  }
}
