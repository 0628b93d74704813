package dev.mach.jobs;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;

/**
 * Serves JobRunr's dashboard on the management port by forwarding {@code /dashboard}, {@code /api}
 * and {@code /sse} (the absolute paths its page uses) to {@link DashboardServer}. Responses are
 * streamed and flushed as they come, so the dashboard's live updates (server-sent events) work.
 */
final class DashboardProxy extends HttpServlet {

  /** Hop-by-hop headers, and those the JDK's client sets itself and refuses to take. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "host",
          "content-length",
          "expect");

  private final transient DashboardServer target;
  private final transient HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  DashboardProxy(DashboardServer target) {
    this.target = target;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String query = request.getQueryString();
    URI uri =
        URI.create(target.origin() + request.getRequestURI() + (query == null ? "" : "?" + query));
    HttpRequest.Builder forward =
        HttpRequest.newBuilder(uri)
            .method(
                request.getMethod(),
                request.getContentLengthLong() > 0
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> bodyOf(request))
                    : HttpRequest.BodyPublishers.noBody());
    for (String name : Collections.list(request.getHeaderNames())) {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        Collections.list(request.getHeaders(name)).forEach(value -> forward.header(name, value));
      }
    }
    HttpResponse<InputStream> answer;
    try {
      answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      return;
    }
    response.setStatus(answer.statusCode());
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(value -> response.addHeader(name, value));
              }
            });
    try (InputStream in = answer.body()) {
      OutputStream out = response.getOutputStream();
      byte[] buffer = new byte[8192];
      for (int read; (read = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, read);
        // an event stream never ends: each event must reach the browser as it comes
        if (in.available() == 0) {
          out.flush();
        }
      }
    }
  }

  private static InputStream bodyOf(HttpServletRequest request) {
    try {
      return request.getInputStream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
