package dev.mach.observability;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Counts the SQL statements of each request that passes the response cache and records them in
 * {@code mach.request.sql.statements{method, uri}}, the number that shows an N+1 pattern creeping
 * into a route. It stands right after the cache: an anonymous hit runs no SQL, and binding a scoped
 * value costs a few allocations a hit should not pay. (A signed-in hit's two flag lookups still
 * count in {@code mach.sql.statements}, just not per request.)
 */
final class SqlTallyFilter extends HttpFilter {

  static final String NAME = "mach.request.sql.statements";

  private final RouteTemplates routes;
  private final boolean metrics;
  private final MetersByRoute<DistributionSummary> summaries;

  SqlTallyFilter(RouteTemplates routes, MeterRegistry registry, boolean metrics) {
    this.routes = routes;
    this.metrics = metrics;
    this.summaries =
        new MetersByRoute<>(
            (route, method) ->
                DistributionSummary.builder(NAME)
                    .description("SQL statements run per request, by route template and method")
                    .tag("method", RequestMeters.methodName(method))
                    .tag("uri", route)
                    .register(registry));
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    var tally =
        new SqlTally(
            response.getHeader(RequestIds.HEADER), request.getMethod(), request.getRequestURI());
    try {
      ScopedValue.where(SqlTally.CURRENT, tally)
          .call(
              () -> {
                chain.doFilter(request, response);
                return null;
              });
    } catch (IOException | ServletException | RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new ServletException(e);
    } finally {
      request.setAttribute(SqlTally.ATTRIBUTE, tally);
      if (metrics) {
        summaries
            .get(routes.of(request, response.getStatus()), tally.method)
            .record(tally.statements);
      }
    }
  }
}
