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
 * client where it stands with the IETF draft's {@code RateLimit-Limit}, {@code RateLimit-Remaining}
 * and {@code RateLimit-Reset} headers. A refused request gets 429 with {@code Retry-After} and
 * {@code RateLimit-Policy} (every window of the policy) in the Conduit error shape.
 */
final class RateLimitFilter extends HttpFilter {

  // the numbers most responses carry, written once rather than on every request
  private static final String[] SMALL_NUMBERS = new String[4096];

  static {
    for (int i = 0; i < SMALL_NUMBERS.length; i++) {
      SMALL_NUMBERS[i] = Integer.toString(i);
    }
  }

  private final RateLimiter limiter;

  RateLimitFilter(RateLimiter limiter) {
    this.limiter = limiter;
  }

  // registered for REQUEST dispatches only, like the response cache it guards
  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // kept this small so that the JIT can still inline the rest of the filter chain through it
    if (admitted(request, response)) {
      chain.doFilter(request, response);
    }
  }

  /** Takes the request's token and writes the headers; answers 429 itself when there is none. */
  private boolean admitted(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Decision decision = limiter.check(request);
    // nothing has set these yet: adding skips the search for an existing header that setting does
    response.addHeader("RateLimit-Limit", decision.limitText());
    response.addHeader("RateLimit-Remaining", text(decision.remaining()));
    response.addHeader("RateLimit-Reset", text(decision.resetSeconds()));
    if (decision.allowed()) {
      return true;
    }
    response.setStatus(429);
    response.addHeader("RateLimit-Policy", decision.policy().header());
    response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
    response.setContentType("application/json");
    response
        .getOutputStream()
        .write(
            ("{\"errors\":{\"request\":[\"is over the rate limit; "
                    + decision.retryText()
                    + "\"]}}")
                .getBytes(StandardCharsets.UTF_8));
    return false;
  }

  private static String text(long number) {
    return number >= 0 && number < SMALL_NUMBERS.length
        ? SMALL_NUMBERS[(int) number]
        : Long.toString(number);
  }
}
