package dev.mach.batch;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.ee11.servlet.FilterMapping;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHandler;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;

/**
 * Runs a sub-request through exactly what Jetty runs a request through: the filters registered with
 * the servlet context for REQUEST dispatches whose mapping covers the path, in Jetty's order
 * (Mach's observation, CORS, rate limiting, response cache, SQL tally, in-flight bound, body size
 * limit, and Spring Boot's own), then the servlet mapped to the path (Spring MVC's). They are read
 * from Jetty's servlet handler rather than listed here, so a filter added later is not skipped.
 * Only Jetty's own filters are left out (see below).
 */
final class FilterPipeline {

  private static final String JETTY = "org.eclipse.jetty.";

  private final ServletHandler handler;
  private final List<MappedFilter> filters;

  private record MappedFilter(Filter filter, List<ServletPathSpec> paths, Set<String> servlets) {

    boolean covers(String path, String servletName) {
      return servlets.contains("*")
          || servlets.contains(servletName)
          || paths.stream().anyMatch(spec -> spec.matches(path));
    }
  }

  private FilterPipeline(ServletHandler handler, List<MappedFilter> filters) {
    this.handler = handler;
    this.filters = filters;
  }

  /** The pipeline of the running servlet context; filters are all registered once it serves. */
  static FilterPipeline of(ServletContext context) {
    ServletHandler handler =
        ServletContextHandler.getServletContextHandler(context).getServletHandler();
    List<MappedFilter> filters = new ArrayList<>();
    FilterMapping[] mappings = handler.getFilterMappings();
    for (FilterMapping mapping : mappings == null ? new FilterMapping[0] : mappings) {
      Filter filter = handler.getFilter(mapping.getFilterName()).getFilter();
      // Jetty's own filters (the WebSocket upgrade) work on the connection and on Jetty's request
      // objects, which a sub-request has neither of
      if (!mapping.appliesTo(DispatcherType.REQUEST)
          || filter.getClass().getName().startsWith(JETTY)) {
        continue;
      }
      String[] specs = mapping.getPathSpecs() == null ? new String[0] : mapping.getPathSpecs();
      String[] names =
          mapping.getServletNames() == null ? new String[0] : mapping.getServletNames();
      filters.add(
          new MappedFilter(
              filter, Arrays.stream(specs).map(ServletPathSpec::new).toList(), Set.of(names)));
    }
    return new FilterPipeline(handler, List.copyOf(filters));
  }

  /** How the servlet for {@code path} is mapped, as a request to it would report. */
  HttpServletMapping mappingOf(String path) {
    return handler.getMappedServlet(path).getServletPathMapping(path);
  }

  void run(SubRequest request, CapturedResponse response) throws IOException, ServletException {
    String path = request.item().path();
    ServletHandler.MappedServlet mapped = handler.getMappedServlet(path);
    String servletName = mapped.getServletHolder().getName();
    List<Filter> chain =
        filters.stream()
            .filter(mapping -> mapping.covers(path, servletName))
            .map(MappedFilter::filter)
            .toList();
    new Chain(chain, mapped.getServletHolder().getServlet()).doFilter(request, response);
  }

  /**
   * The rest of the chain from one position. Immutable, as Jetty's is: a filter may pass a request
   * down twice (the response cache does, to ask again as the signed-in reader), and each pass must
   * run every later filter again.
   */
  private record Chain(List<Filter> filters, Servlet servlet, int position) implements FilterChain {

    Chain(List<Filter> filters, Servlet servlet) {
      this(filters, servlet, 0);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response)
        throws IOException, ServletException {
      if (position < filters.size()) {
        filters
            .get(position)
            .doFilter(request, response, new Chain(filters, servlet, position + 1));
      } else {
        servlet.service(request, response);
      }
    }
  }
}
