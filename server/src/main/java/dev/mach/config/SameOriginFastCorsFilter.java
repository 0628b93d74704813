package dev.mach.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Spring's CORS filter, minus its cost for requests that are not cross-origin. Without an {@code
 * Origin} header there is nothing to check, but Spring still matches the path against the CORS
 * mappings, adds three {@code Vary} headers one by one and sets and clears its once-per-request
 * attribute (together about 9% of a cache hit's CPU time here). Such a request gets the same {@code
 * Vary} in one header and goes straight on; a cross-origin one gets Spring's full treatment.
 */
final class SameOriginFastCorsFilter extends HttpFilter {

  private static final String VARY_ON_CORS =
      String.join(
          ", ",
          HttpHeaders.ORIGIN,
          HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD,
          HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);

  private final CorsFilter cors;

  SameOriginFastCorsFilter(CorsConfigurationSource source) {
    this.cors = new CorsFilter(source);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getHeader(HttpHeaders.ORIGIN) == null) {
      response.addHeader(HttpHeaders.VARY, VARY_ON_CORS);
      chain.doFilter(request, response);
      return;
    }
    cors.doFilter(request, response, chain);
  }
}
