package dev.mach.ratelimit;

import dev.mach.config.MachProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Load shedding: at most {@code maxInFlight} {@code /api} requests run past the response cache at
 * once. One more waits up to {@code queueWait} for a slot and is then answered 503 with {@code
 * Retry-After}, so a flood is turned away in milliseconds instead of queueing on the connection
 * pool until every request times out. Cache hits are answered before this point and never shed.
 *
 * <p>Meters: {@code mach.overload.in_flight} (gauge) and {@code mach.overload.shed} (counter).
 */
final class InFlightLimitFilter extends HttpFilter {

  private static final byte[] BUSY =
      "{\"errors\":{\"server\":[\"is busy, retry later\"]}}".getBytes(StandardCharsets.UTF_8);

  private final int maxInFlight;
  private final Semaphore slots;
  private final long queueWaitNanos;
  private final String retryAfter;
  private final Counter shed;

  InFlightLimitFilter(MachProperties.Overload settings, MeterRegistry registry) {
    this.maxInFlight = settings.maxInFlight();
    this.slots = new Semaphore(maxInFlight);
    this.queueWaitNanos = settings.queueWait().toNanos();
    this.retryAfter = Long.toString(Math.max(1, settings.retryAfter().toSeconds()));
    this.shed =
        Counter.builder("mach.overload.shed")
            .description("Requests answered 503 because too many were already in flight")
            .register(registry);
    Gauge.builder("mach.overload.in_flight", this, InFlightLimitFilter::inFlight)
        .description("Requests past the response cache and not yet answered")
        .register(registry);
  }

  int inFlight() {
    return maxInFlight - slots.availablePermits();
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!acquire()) {
      shed.increment();
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader("Retry-After", retryAfter);
      response.setContentType("application/json");
      response.getOutputStream().write(BUSY);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      slots.release();
    }
  }

  private boolean acquire() {
    if (slots.tryAcquire()) {
      return true;
    }
    try {
      return slots.tryAcquire(queueWaitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
