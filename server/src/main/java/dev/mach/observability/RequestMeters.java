package dev.mach.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code http.server.requests}, the timer Spring Boot users know, with Spring's tags: {@code
 * method}, {@code uri} (the route template), {@code status} and {@code outcome} (the status class).
 * Buckets for percentiles come from Boot's {@code management.metrics.distribution.slo.*} settings.
 *
 * <p>A timer is looked up by tags once; after that a request finds it by route, method and status
 * through two array indexes, without building tags or hashing them.
 */
final class RequestMeters {

  static final String NAME = "http.server.requests";

  private static final String[] METHODS = {
    "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"
  };
  private static final String OTHER_METHOD = "OTHER";
  private static final int FIRST_STATUS = 100;
  private static final int STATUSES = 500;
  private static final String[] STATUS_TEXT = new String[STATUSES];

  static {
    for (int i = 0; i < STATUSES; i++) {
      STATUS_TEXT[i] = Integer.toString(FIRST_STATUS + i);
    }
  }

  private final MeterRegistry registry;
  private final MetersByRoute<ByStatus> timers = new MetersByRoute<>(ByStatus::new);

  RequestMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(String route, String method, int status, long nanos) {
    timers.get(route, method).timer(status).record(nanos, TimeUnit.NANOSECONDS);
  }

  static int methodIndex(String method) {
    // the common ones first; Jetty hands out the same constant strings for them
    for (int i = 0; i < METHODS.length; i++) {
      if (METHODS[i] == method || METHODS[i].equals(method)) {
        return i;
      }
    }
    return METHODS.length;
  }

  /** Method indexes run from 0 to this count (the last one stands for any other method). */
  static int methodCount() {
    return METHODS.length + 1;
  }

  static String methodName(int index) {
    return index < METHODS.length ? METHODS[index] : OTHER_METHOD;
  }

  static String outcome(int status) {
    if (status < 200) {
      return status >= 100 ? "INFORMATIONAL" : "UNKNOWN";
    }
    if (status < 300) {
      return "SUCCESS";
    }
    if (status < 400) {
      return "REDIRECTION";
    }
    if (status < 500) {
      return "CLIENT_ERROR";
    }
    return status < 600 ? "SERVER_ERROR" : "UNKNOWN";
  }

  /** The timers of one route and method, by status, made on first use. */
  private final class ByStatus {
    private final String template;
    private final int method;
    private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(STATUSES);

    ByStatus(String template, int method) {
      this.template = template;
      this.method = method;
    }

    Timer timer(int status) {
      int s = status - FIRST_STATUS;
      if (s < 0 || s >= STATUSES) {
        return register(status);
      }
      Timer timer = byStatus.get(s);
      if (timer == null) {
        // registering is idempotent: two requests racing here get the same timer
        timer = register(status);
        byStatus.set(s, timer);
      }
      return timer;
    }

    private Timer register(int status) {
      int s = status - FIRST_STATUS;
      return Timer.builder(NAME)
          .description("HTTP requests by route template, method and status")
          .tag("method", methodName(method))
          .tag("uri", template)
          .tag("status", s >= 0 && s < STATUSES ? STATUS_TEXT[s] : Integer.toString(status))
          .tag("outcome", outcome(status))
          .register(registry);
    }
  }
}
