package dev.mach.web;

import dev.mach.config.FilterOrder;
import dev.mach.config.MachProperties;
import dev.mach.error.PayloadTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects bodies over {@code mach.http.max-body-size} with 413: at once when Content-Length says
 * so, and while reading when the body is chunked, so no request can make Mach buffer without bound.
 */
@Component
@Order(FilterOrder.BODY_SIZE_LIMIT)
public class BodySizeLimitFilter extends OncePerRequestFilter {

  private static final byte[] TOO_LARGE =
      "{\"errors\":{\"body\":[\"is too large\"]}}"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final long maxBytes;

  public BodySizeLimitFilter(MachProperties properties) {
    this.maxBytes = properties.http().maxBodySize().toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setContentType("application/json");
      response.setHeader("Connection", "close");
      response.getOutputStream().write(TOO_LARGE);
      return;
    }
    chain.doFilter(new LimitedRequest(request, maxBytes), response);
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream(), maxBytes);
      }
      return stream;
    }
  }

  private static final class LimitedStream extends ServletInputStream {
    private final ServletInputStream in;
    private long remaining;

    LimitedStream(ServletInputStream in, long maxBytes) {
      this.in = in;
      this.remaining = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0 && --remaining < 0) {
        throw new PayloadTooLargeException();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0 && (remaining -= n) < 0) {
        throw new PayloadTooLargeException();
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
