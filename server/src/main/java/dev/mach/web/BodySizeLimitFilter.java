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
import java.io.OutputStream;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects bodies over {@code mach.http.max-body-size} with 413: at once when Content-Length says
 * so, and while reading when the body is chunked, so no request can make Mach buffer without bound.
 * A batch ({@code POST /api/batch}) carries many bodies and has its own bound, {@code
 * mach.batch.max-body-size}; each of its sub-requests passes here again, held to the usual one.
 */
@Component
@Order(FilterOrder.BODY_SIZE_LIMIT)
public class BodySizeLimitFilter extends OncePerRequestFilter {

  private static final byte[] TOO_LARGE =
      "{\"errors\":{\"body\":[\"is too large\"]}}"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** Bodies declared up to this many times the limit are drained before the 413. */
  private static final int DRAINED_MULTIPLE = 4;

  private final long maxBytes;
  private final long maxBatchBytes;

  public BodySizeLimitFilter(MachProperties properties) {
    this.maxBytes = properties.http().maxBodySize().toBytes();
    this.maxBatchBytes =
        properties.batch().enabled() ? properties.batch().maxBodySize().toBytes() : maxBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = limitOf(request);
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      // a body somewhat over the limit is read and dropped first: closing on a client that is
      // still sending can reset the connection under the answer, and the client then sees no
      // response at all (it happened to a 1 MB + 1 KB body here); a far larger one is cut off
      boolean drained = declared <= limit * DRAINED_MULTIPLE && drain(request);
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setContentType("application/json");
      if (!drained) {
        response.setHeader("Connection", "close");
      }
      response.getOutputStream().write(TOO_LARGE);
      return;
    }
    chain.doFilter(new LimitedRequest(request, limit), response);
  }

  /** True when the whole body was read; false when the client stopped sending it. */
  private static boolean drain(HttpServletRequest request) {
    try {
      request.getInputStream().transferTo(OutputStream.nullOutputStream());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private long limitOf(HttpServletRequest request) {
    return maxBatchBytes != maxBytes
            && MachProperties.Batch.PATH.equals(request.getRequestURI())
            && "POST".equals(request.getMethod())
        ? maxBatchBytes
        : maxBytes;
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
    private final long maxBytes;
    private long remaining;

    LimitedStream(ServletInputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
      this.remaining = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0 && --remaining < 0) {
        throw new PayloadTooLargeException(maxBytes);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0 && (remaining -= n) < 0) {
        throw new PayloadTooLargeException(maxBytes);
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
