package dev.mach.observability;

import dev.mach.auth.RequestViewer;
import dev.mach.ratelimit.ClientAddress;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee11.servlet.ServletContextResponse;

/**
 * The first filter of every request: gives it a request id ({@code X-Request-Id}, taken from the
 * caller when sane, returned on every response), and when it is answered, whoever answered it (the
 * response cache, the rate limiter, the load shedder or Spring MVC), records its duration under its
 * route template in {@code http.server.requests} and queues its access log line.
 *
 * <p>It replaces Spring's request observation, which runs behind the cache and costs several times
 * more per request. Everything here runs once per request, cache hits included, so it stays cheap:
 * two clock reads, a header, array lookups for the timer, and for the access log one small record
 * handed to another thread.
 */
final class RequestObservationFilter extends HttpFilter {

  private final RouteTemplates routes;
  private final RequestMeters meters;
  private final AccessLog accessLog;
  private final ClientAddress clients;

  /**
   * @param meters null when request metrics are off
   * @param accessLog null when the access log is off
   */
  RequestObservationFilter(
      RouteTemplates routes, RequestMeters meters, AccessLog accessLog, ClientAddress clients) {
    this.routes = routes;
    this.meters = meters;
    this.accessLog = accessLog;
    this.clients = clients;
  }

  // registered for REQUEST dispatches only, like the other filters in front of Spring MVC
  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long started = System.nanoTime();
    String requestId = RequestIds.accept(request.getHeader(RequestIds.HEADER));
    // nothing has set it yet: adding skips the search for an existing header that setting does
    response.addHeader(RequestIds.HEADER, requestId);
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = false;
    } finally {
      finished(request, response, requestId, started, failed);
    }
  }

  private void finished(
      HttpServletRequest request,
      HttpServletResponse response,
      String requestId,
      long started,
      boolean failed) {
    long nanos = System.nanoTime() - started;
    int status = response.getStatus();
    // an exception past every handler becomes Jetty's 500 after this filter has returned
    if (failed && status < 500) {
      status = 500;
    }
    String route = routes.of(request, status);
    String method = request.getMethod();
    if (meters != null) {
      meters.record(route, method, status, nanos);
    }
    if (accessLog != null) {
      long user = RequestViewer.verifiedOrNone(request);
      SqlTally tally = (SqlTally) request.getAttribute(SqlTally.ATTRIBUTE);
      accessLog.add(
          new AccessLogEntry(
              started,
              nanos,
              requestId,
              method,
              route,
              request.getRequestURI(),
              status,
              bytesWritten(response),
              user,
              user >= 0 ? null : clients.of(request),
              tally == null ? -1 : tally.statements));
    }
  }

  /** Body bytes written so far, as Jetty (or a batch's sub-response) counts them. */
  private static long bytesWritten(HttpServletResponse response) {
    if (response instanceof CountedResponse counted) {
      return counted.bytesWritten();
    }
    ServletContextResponse jetty = ServletContextResponse.getServletContextResponse(response);
    return jetty == null ? -1 : jetty.getHttpOutput().getWritten();
  }
}
