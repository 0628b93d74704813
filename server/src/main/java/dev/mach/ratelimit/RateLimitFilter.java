package dev.mach.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Applies the rate limits to every {@code /api} request, cached reads included, and tells the
 * client where it stands with the IETF draft's {@code RateLimit-Limit}, {@code
 * RateLimit-Remaining}, {@code RateLimit-Reset} and {@code RateLimit-Policy} headers. A refused
 * request gets 429 with {@code Retry-After} in the Conduit error shape.
 */
final class RateLimitFilter extends HttpFilter {

  private final RateLimiter limiter;

  RateLimitFilter(RateLimiter limiter) {
    this.limiter = limiter;
  }

  // registered for REQUEST dispatches only, like the response cache it guards
  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Decision decision = limiter.check(request);
    response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
    response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
    response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
    response.setHeader("RateLimit-Policy", decision.policy().header());
    if (decision.allowed()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = decision.retryAfterSeconds();
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    response.setContentType("application/json");
    response
        .getOutputStream()
        .write(
            ("{\"errors\":{\"request\":[\"is over the rate limit; retry after "
                    + seconds
                    + (seconds == 1 ? " second" : " seconds")
                    + "\"]}}")
                .getBytes(StandardCharsets.UTF_8));
  }
}
