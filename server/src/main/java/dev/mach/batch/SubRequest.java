package dev.mach.batch;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;

/**
 * A sub-request as the servlet filters and Spring MVC see it: its own method, path, query, headers
 * and body over the outer request's connection (client address, scheme, server). It keeps its own
 * attributes, never the outer request's: filters mark a request as already filtered, and Spring MVC
 * caches the matched route, in attributes.
 */
final class SubRequest extends HttpServletRequestWrapper {

  private final BatchItem item;
  private final Map<String, List<String>> headers;
  private final Map<String, String[]> parameters;
  private final Map<String, Object> attributes = new ConcurrentHashMap<>();
  private final HttpServletMapping mapping;
  private String characterEncoding;
  private ServletInputStream input;
  private BufferedReader reader;

  SubRequest(
      HttpServletRequest outer,
      BatchItem item,
      Map<String, List<String>> headers,
      HttpServletMapping mapping) {
    super(outer);
    this.item = item;
    this.headers = headers;
    this.parameters = parse(item.query());
    this.mapping = mapping;
  }

  /**
   * The headers of {@code item} as it is run: its own, minus those describing the outer connection;
   * the caller's forwarding headers and, unless it brings its own, the caller's token.
   */
  static Map<String, List<String>> headersOf(
      BatchItem item, HttpServletRequest outer, String requestId) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    item.headers()
        .forEach(
            (name, value) -> {
              if (HeaderRules.fromItem(name)) {
                headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
              }
            });
    for (String name : Collections.list(outer.getHeaderNames())) {
      boolean token = name.equalsIgnoreCase("Authorization") && !headers.containsKey(name);
      if (token || HeaderRules.FROM_OUTER.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        headers.put(name, Collections.list(outer.getHeaders(name)));
      }
    }
    if (requestId != null && !headers.containsKey("X-Request-Id")) {
      headers.put("X-Request-Id", List.of(requestId));
    }
    if (item.body() != null) {
      headers.putIfAbsent("Content-Type", List.of(MediaType.APPLICATION_JSON_VALUE));
      headers.put("Content-Length", List.of(Integer.toString(item.body().length)));
    }
    return headers;
  }

  private static Map<String, String[]> parse(String query) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        values
            .computeIfAbsent(
                URLDecoder.decode(name, StandardCharsets.UTF_8), n -> new ArrayList<>())
            .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    Map<String, String[]> parameters = new LinkedHashMap<>();
    values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
    return Collections.unmodifiableMap(parameters);
  }

  BatchItem item() {
    return item;
  }

  @Override
  public String getMethod() {
    return item.method();
  }

  @Override
  public String getRequestURI() {
    return getContextPath() + item.rawPath();
  }

  @Override
  public StringBuffer getRequestURL() {
    StringBuffer outer = super.getRequestURL();
    int path = outer.length() - super.getRequestURI().length();
    return new StringBuffer(outer.substring(0, Math.max(0, path))).append(getRequestURI());
  }

  // Mach's only servlet is Spring's, mapped to "/": the whole path is the servlet path
  @Override
  public String getServletPath() {
    return item.path();
  }

  @Override
  public String getPathInfo() {
    return null;
  }

  @Override
  public String getPathTranslated() {
    return null;
  }

  @Override
  public HttpServletMapping getHttpServletMapping() {
    return mapping;
  }

  @Override
  public String getQueryString() {
    return item.query();
  }

  @Override
  public String getParameter(String name) {
    String[] values = parameters.get(name);
    return values == null ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return parameters;
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters.keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    String[] values = parameters.get(name);
    return values == null ? null : values.clone();
  }

  @Override
  public String getHeader(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return Collections.enumeration(headers.getOrDefault(name, List.of()));
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    return Collections.enumeration(headers.keySet());
  }

  @Override
  public int getIntHeader(String name) {
    String value = getHeader(name);
    return value == null ? -1 : Integer.parseInt(value.strip());
  }

  @Override
  public long getDateHeader(String name) {
    String value = getHeader(name);
    if (value == null) {
      return -1;
    }
    try {
      return java.time.ZonedDateTime.parse(
              value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("Not a date: " + value, e);
    }
  }

  @Override
  public String getContentType() {
    return getHeader("Content-Type");
  }

  @Override
  public int getContentLength() {
    return item.body() == null ? -1 : item.body().length;
  }

  @Override
  public long getContentLengthLong() {
    return getContentLength();
  }

  @Override
  public String getCharacterEncoding() {
    if (characterEncoding != null) {
      return characterEncoding;
    }
    String type = getContentType();
    if (type == null) {
      return null;
    }
    try {
      Charset charset = MediaType.parseMediaType(type).getCharset();
      return charset == null ? null : charset.name();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public void setCharacterEncoding(String encoding) {
    this.characterEncoding = encoding;
  }

  @Override
  public ServletInputStream getInputStream() {
    if (input == null) {
      input = new BodyStream(item.body() == null ? new byte[0] : item.body());
    }
    return input;
  }

  @Override
  public BufferedReader getReader() {
    if (reader == null) {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
    return reader;
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    return Collections.enumeration(new ArrayList<>(attributes.keySet()));
  }

  @Override
  public void setAttribute(String name, Object value) {
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
  }

  @Override
  public void removeAttribute(String name) {
    attributes.remove(name);
  }

  @Override
  public DispatcherType getDispatcherType() {
    return DispatcherType.REQUEST;
  }

  // a sub-request is answered before the batch is: it cannot go asynchronous
  @Override
  public boolean isAsyncSupported() {
    return false;
  }

  @Override
  public boolean isAsyncStarted() {
    return false;
  }

  @Override
  public AsyncContext startAsync() {
    throw new IllegalStateException("A batch sub-request cannot be asynchronous");
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    throw new IllegalStateException("A batch sub-request cannot be asynchronous");
  }

  @Override
  public AsyncContext getAsyncContext() {
    throw new IllegalStateException("A batch sub-request cannot be asynchronous");
  }

  @Override
  public Collection<Part> getParts() {
    return List.of();
  }

  @Override
  public Part getPart(String name) {
    return null;
  }

  @Override
  public jakarta.servlet.http.Cookie[] getCookies() {
    return null;
  }

  @Override
  public Map<String, String> getTrailerFields() {
    return Map.of();
  }

  @Override
  public boolean isTrailerFieldsReady() {
    return true;
  }

  private static final class BodyStream extends ServletInputStream {
    private final ByteArrayInputStream in;

    BodyStream(byte[] body) {
      this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      return in.read(buffer, offset, length);
    }

    @Override
    public boolean isFinished() {
      return in.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new IllegalStateException("A batch sub-request's body is read blocking");
    }
  }
}
