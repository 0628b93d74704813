package dev.mach.observability;

import io.micrometer.common.KeyValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Spring's request observation, used only for tracing: the span is named after the route template
 * as Mach's metrics name it (so cache hits and refused requests get theirs too), and the
 * observation has a name of its own, whose meters are dropped ({@code http.server.requests} is
 * Mach's own timer, see {@link RequestMeters}).
 */
final class TracedRequestConvention extends DefaultServerRequestObservationConvention {

  static final String NAME = "mach.http.server.requests.traced";

  private final RouteTemplates routes;

  TracedRequestConvention(RouteTemplates routes) {
    super(NAME);
    this.routes = routes;
  }

  @Override
  public String getContextualName(ServerRequestObservationContext context) {
    HttpServletRequest request = context.getCarrier();
    return request == null ? "http" : request.getMethod() + " " + route(context);
  }

  @Override
  protected KeyValue uri(ServerRequestObservationContext context) {
    return KeyValue.of(
        ServerHttpObservationDocumentation.LowCardinalityKeyNames.URI, route(context));
  }

  private String route(ServerRequestObservationContext context) {
    HttpServletResponse response = context.getResponse();
    return routes.of(context.getCarrier(), response == null ? 0 : response.getStatus());
  }
}
