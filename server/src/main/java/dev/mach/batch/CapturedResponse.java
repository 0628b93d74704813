package dev.mach.batch;

import dev.mach.observability.CountedResponse;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sub-request's response, kept in memory: status, headers and body. It is no wrapper of the outer
 * response, so nothing a sub-request does (committing, resetting, gzip, counting bytes) can touch
 * the batch's own answer.
 */
final class CapturedResponse implements HttpServletResponse, CountedResponse {

  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  // by lower-cased name, each with the name as first set and its values
  private final Map<String, Header> headers = new LinkedHashMap<>();
  private int status = SC_OK;
  private boolean committed;
  private boolean errorSent;
  private String characterEncoding;
  private Locale locale = Locale.getDefault();
  private ServletOutputStream stream;
  private PrintWriter writer;

  private record Header(String name, List<String> values) {}

  /** Whether the response was ended with {@code sendError}, leaving the body to the container. */
  boolean errorSent() {
    return errorSent;
  }

  /** Everything written, the writer flushed first. */
  byte[] body() {
    if (writer != null) {
      writer.flush();
    }
    return body.toByteArray();
  }

  @Override
  public long bytesWritten() {
    if (writer != null) {
      writer.flush();
    }
    return body.size();
  }

  /** Header name to value, repeated values joined with ", ". */
  Map<String, String> headerMap() {
    Map<String, String> map = new LinkedHashMap<>();
    headers.values().forEach(h -> map.put(h.name(), String.join(", ", h.values())));
    return map;
  }

  @Override
  public void setStatus(int status) {
    if (!committed) {
      this.status = status;
    }
  }

  @Override
  public int getStatus() {
    return status;
  }

  @Override
  public void sendError(int status, String message) {
    if (committed) {
      throw new IllegalStateException("Response already committed");
    }
    this.status = status;
    body.reset();
    errorSent = true;
    committed = true;
  }

  @Override
  public void sendError(int status) {
    sendError(status, null);
  }

  @Override
  public void sendRedirect(String location, int status, boolean clearBuffer) {
    if (committed) {
      throw new IllegalStateException("Response already committed");
    }
    if (clearBuffer) {
      body.reset();
    }
    this.status = status;
    setHeader("Location", location);
    committed = true;
  }

  @Override
  public void setHeader(String name, String value) {
    if (committed) {
      return;
    }
    if (value == null) {
      headers.remove(key(name));
    } else {
      headers.put(key(name), new Header(name, new ArrayList<>(List.of(value))));
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if (committed || value == null) {
      return;
    }
    headers
        .computeIfAbsent(key(name), k -> new Header(name, new ArrayList<>()))
        .values()
        .add(value);
  }

  @Override
  public boolean containsHeader(String name) {
    return headers.containsKey(key(name));
  }

  @Override
  public String getHeader(String name) {
    Header header = headers.get(key(name));
    return header == null ? null : header.values().getFirst();
  }

  @Override
  public Collection<String> getHeaders(String name) {
    Header header = headers.get(key(name));
    return header == null ? List.of() : List.copyOf(header.values());
  }

  @Override
  public Collection<String> getHeaderNames() {
    return headers.values().stream().map(Header::name).toList();
  }

  @Override
  public void setDateHeader(String name, long date) {
    setHeader(name, httpDate(date));
  }

  @Override
  public void addDateHeader(String name, long date) {
    addHeader(name, httpDate(date));
  }

  @Override
  public void setIntHeader(String name, int value) {
    setHeader(name, Integer.toString(value));
  }

  @Override
  public void addIntHeader(String name, int value) {
    addHeader(name, Integer.toString(value));
  }

  @Override
  public void addCookie(Cookie cookie) {
    addHeader("Set-Cookie", cookie.getName() + "=" + cookie.getValue());
  }

  @Override
  public String encodeURL(String url) {
    return url;
  }

  @Override
  public String encodeRedirectURL(String url) {
    return url;
  }

  @Override
  public String getContentType() {
    return getHeader("Content-Type");
  }

  @Override
  public void setContentType(String type) {
    setHeader("Content-Type", type);
  }

  @Override
  public String getCharacterEncoding() {
    return characterEncoding == null ? StandardCharsets.UTF_8.name() : characterEncoding;
  }

  @Override
  public void setCharacterEncoding(String encoding) {
    this.characterEncoding = encoding;
  }

  // the batch answer carries no Content-Length of its items
  @Override
  public void setContentLength(int length) {}

  @Override
  public void setContentLengthLong(long length) {}

  @Override
  public ServletOutputStream getOutputStream() {
    if (stream == null) {
      stream = new BodyStream();
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() {
    if (writer == null) {
      Charset charset = Charset.forName(getCharacterEncoding());
      writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
    }
    return writer;
  }

  @Override
  public void setBufferSize(int size) {}

  @Override
  public int getBufferSize() {
    return Integer.MAX_VALUE;
  }

  @Override
  public void flushBuffer() {
    if (writer != null) {
      writer.flush();
    }
    committed = true;
  }

  @Override
  public void resetBuffer() {
    if (committed) {
      throw new IllegalStateException("Response already committed");
    }
    if (writer != null) {
      writer.flush();
    }
    body.reset();
  }

  @Override
  public boolean isCommitted() {
    return committed;
  }

  @Override
  public void reset() {
    resetBuffer();
    headers.clear();
    status = SC_OK;
    characterEncoding = null;
  }

  @Override
  public void setLocale(Locale locale) {
    this.locale = locale;
  }

  @Override
  public Locale getLocale() {
    return locale;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String httpDate(long millis) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
  }

  private final class BodyStream extends ServletOutputStream {
    @Override
    public void write(int b) {
      if (!errorSent) {
        body.write(b);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      if (!errorSent) {
        body.write(bytes, offset, length);
      }
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      throw new IllegalStateException("A batch sub-response is written blocking");
    }
  }
}
