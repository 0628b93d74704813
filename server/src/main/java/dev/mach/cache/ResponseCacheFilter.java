package dev.mach.cache;

import dev.mach.auth.RequestViewer;
import dev.mach.auth.TokenService;
import dev.mach.config.MachProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Serves repeated reads from memory before Spring MVC sees them: no argument resolution, no
 * database, no JSON writing, just the stored bytes (gzip-compressed once, when the client takes
 * gzip). A signed-in reader is served the same shared bytes with their own {@code favorited} and
 * {@code following} flags written in, looked up per request, so one reader's flags never reach
 * another. A reader's feed is theirs alone: kept under their id, computed as them, and stale when
 * anything it read changes, their own follows and favorites included.
 *
 * <p>A miss runs the request as an anonymous one while recording what it read, and keeps the result
 * when nothing it depends on changed meanwhile. Concurrent misses of one key wait for that one
 * computation.
 */
final class ResponseCacheFilter extends HttpFilter {

  private final ResponseStore store;
  private final Versions versions;
  private final ViewerFlags flags;
  private final TokenService tokens;
  private final CacheMetrics metrics;
  private final SingleFlight<String, SharedEntries.Obtained> flights;
  private final MachProperties.Cache settings;
  private final SharedVersions shared;
  private final SharedEntries sharedEntries;
  private final boolean compression;
  private final boolean feedCached;

  ResponseCacheFilter(
      ResponseStore store,
      Versions versions,
      ViewerFlags flags,
      TokenService tokens,
      CacheMetrics metrics,
      MachProperties.Cache settings,
      SharedVersions shared,
      SharedEntries sharedEntries,
      boolean compression,
      boolean feedCached) {
    this.feedCached = feedCached;
    this.store = store;
    this.versions = versions;
    this.flags = flags;
    this.tokens = tokens;
    this.metrics = metrics;
    this.settings = settings;
    this.shared = shared;
    this.sharedEntries = sharedEntries;
    this.compression = compression;
    this.flights = new SingleFlight<>(settings.singleFlightWait());
  }

  // registered for REQUEST dispatches only, so it cannot run twice for one request: no need for
  // OncePerRequestFilter's three request-attribute operations per request
  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    CacheRoute route =
        "GET".equals(request.getMethod()) ? CacheRoute.of(request.getRequestURI()) : null;
    // without fan-out the feed is the pull query, which can never be kept: skip it outright
    if (route == null || (route == CacheRoute.FEED && !feedCached)) {
      chain.doFilter(request, response);
      return;
    }
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      // a read inside a transaction (an atomic batch) must see that transaction's own writes, and
      // what it reads may yet be rolled back: it neither serves nor fills the cache
      metrics.count(route, CacheMetrics.Result.BYPASS);
      chain.doFilter(request, response);
      return;
    }
    Long viewer = null;
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (route.personal() && (header == null || header.isBlank())) {
      // no reader, no feed: the usual path answers 401
      chain.doFilter(request, response);
      return;
    }
    if (header != null && !header.isBlank()) {
      Optional<Long> user = RequestViewer.of(request, tokens);
      if (user.isEmpty() || !flags.complete()) {
        // a bad token gets its 401 from the usual path
        metrics.count(route, CacheMetrics.Result.BYPASS);
        chain.doFilter(request, response);
        return;
      }
      viewer = user.get();
    }
    if (shared != null && !shared.catchUp()) {
      // other instances' writes may not have reached this one: only the database is sure
      metrics.count(route, CacheMetrics.Result.BYPASS);
      chain.doFilter(request, response);
      return;
    }
    String key = route.personal() ? keyOf(request) + "|reader=" + viewer : keyOf(request);
    CachedResponse entry = store.fresh(key);
    if (servable(entry, viewer, route)) {
      metrics.count(route, CacheMetrics.Result.HIT);
      send(entry, viewer, route, request, response);
      return;
    }
    // what earlier filters (CORS, rate limiting) set must survive a reset below
    Map<String, List<String>> earlierHeaders = headersOf(response);
    var captured = new ContentCachingResponseWrapper(response);
    SingleFlight.Outcome<SharedEntries.Obtained> outcome;
    try {
      outcome = flights.run(key, () -> obtain(key, route, request, captured, chain));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (FillFailed e) {
      throw e.servletException;
    }
    entry = outcome.value() == null ? null : outcome.value().entry();
    if (outcome.computedHere()) {
      metrics.count(
          route,
          outcome.value().fromSharedTier()
              ? CacheMetrics.Result.SHARED_TIER
              : CacheMetrics.Result.MISS);
      if (servable(entry, viewer, route)) {
        send(entry, viewer, route, request, response);
      } else if (viewer == null || route.personal()) {
        // a personal answer was computed as this reader: it is theirs, cached or not
        captured.copyBodyToResponse();
      } else {
        // the anonymous answer cannot be given to this reader: ask again as them
        response.reset();
        earlierHeaders.forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        chain.doFilter(request, response);
      }
      return;
    }
    // another request computed it; serve that only if no write has landed since it started
    if (servable(entry, viewer, route) && store.isFresh(entry)) {
      metrics.count(route, CacheMetrics.Result.SHARED);
      send(entry, viewer, route, request, response);
      return;
    }
    metrics.count(route, CacheMetrics.Result.BYPASS);
    chain.doFilter(request, response);
  }

  private static Map<String, List<String>> headersOf(HttpServletResponse response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : response.getHeaderNames()) {
      headers.put(name, List.copyOf(response.getHeaders(name)));
    }
    return headers;
  }

  /**
   * A shared entry serves a reader only with flags to overlay; a personal one (keyed by its reader)
   * always does.
   */
  private static boolean servable(CachedResponse entry, Long viewer, CacheRoute route) {
    return entry != null && (viewer == null || route.personal() || entry.flags() != null);
  }

  /** The entry from the shared tier when there is one, else by running the request. */
  private SharedEntries.Obtained obtain(
      String key,
      CacheRoute route,
      HttpServletRequest request,
      ContentCachingResponseWrapper response,
      FilterChain chain) {
    if (sharedEntries == null) {
      return new SharedEntries.Obtained(fill(key, route, request, response, chain), false);
    }
    return sharedEntries.obtain(key, () -> fill(key, route, request, response, chain));
  }

  /**
   * Runs the request (anonymously, unless the route is personal), recording its dependencies; the
   * entry, or null if uncacheable.
   */
  private CachedResponse fill(
      String key,
      CacheRoute route,
      HttpServletRequest request,
      ContentCachingResponseWrapper response,
      FilterChain chain) {
    long snapshot = versions.snapshot();
    CacheRecording recording = CacheRecording.start();
    try {
      chain.doFilter(route.personal() ? request : new AnonymousRequest(request), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ServletException e) {
      throw new FillFailed(e);
    } finally {
      recording.stop();
    }
    if (response.getStatus() != HttpServletResponse.SC_OK
        || recording.keys().isEmpty()
        || (route.personal() && !recording.isReaderComplete())) {
      return null;
    }
    byte[] body = response.getContentAsByteArray();
    var flagList = recording.flags();
    // a personal entry is sent as it was computed (see send): its flags are never overlaid
    int[] offsets = route.personal() ? null : FlagOverlay.locate(body, flagList);
    CachedResponse entry =
        new CachedResponse(
            body,
            compressible(body) ? ResponseBytes.gzip(body) : null,
            ResponseBytes.etag(body),
            snapshot,
            recording.keys().toArray(String[]::new),
            offsets == null ? null : flagList.toArray(ViewerFlag[]::new),
            offsets,
            System.nanoTime() + route.ttl(settings.ttl()).toNanos());
    if (store.isFresh(entry)) {
      store.put(key, entry);
    }
    return entry;
  }

  private void send(
      CachedResponse entry,
      Long viewer,
      CacheRoute route,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    byte[] body = entry.body();
    byte[] gzipped = entry.gzipped();
    String etag = entry.etag();
    boolean wantsGzip = acceptsGzip(request);
    // a personal entry was computed as its reader and depends on what their flags read
    if (viewer != null && !route.personal()) {
      byte[] own = flags.overlay(entry, viewer, FlagLookupGroup.of(request));
      if (own != body) {
        body = own;
        etag = ResponseBytes.etag(own);
        gzipped = wantsGzip && compressible(own) ? ResponseBytes.gzip(own) : null;
      }
    }
    boolean gzip = wantsGzip && gzipped != null;
    String sentTag = gzip ? gzipTag(etag) : etag;
    response.setHeader(HttpHeaders.ETAG, sentTag);
    response.setHeader(
        HttpHeaders.CACHE_CONTROL, viewer == null ? "public, no-cache" : "private, no-cache");
    varyOnEncodingAndToken(response);
    if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    byte[] sent = gzip ? gzipped : body;
    if (gzip) {
      response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
    }
    response.setContentLength(sent.length);
    response.getOutputStream().write(sent);
  }

  /** Whether a body is worth keeping gzip-compressed (never when compression is switched off). */
  private boolean compressible(byte[] body) {
    return compression && body.length >= settings.gzipMinSize().toBytes();
  }

  /**
   * Adds what the answer varies on, in one header and only what is not there yet (Jetty's
   * compression handler may have added Accept-Encoding, CORS its own values).
   */
  private static void varyOnEncodingAndToken(HttpServletResponse response) {
    boolean encoding = false;
    boolean token = false;
    for (String present : response.getHeaders(HttpHeaders.VARY)) {
      for (String value : present.split(",")) {
        String name = value.strip();
        encoding |= name.equalsIgnoreCase(HttpHeaders.ACCEPT_ENCODING);
        token |= name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION);
      }
    }
    StringJoiner missing = new StringJoiner(", ");
    if (!encoding) {
      missing.add(HttpHeaders.ACCEPT_ENCODING);
    }
    if (!token) {
      missing.add(HttpHeaders.AUTHORIZATION);
    }
    if (missing.length() > 0) {
      response.addHeader(HttpHeaders.VARY, missing.toString());
    }
  }

  private static String keyOf(HttpServletRequest request) {
    String query = request.getQueryString();
    return query == null ? request.getRequestURI() : request.getRequestURI() + '?' + query;
  }

  private static boolean acceptsGzip(HttpServletRequest request) {
    Enumeration<String> values = request.getHeaders(HttpHeaders.ACCEPT_ENCODING);
    while (values.hasMoreElements()) {
      for (String coding : values.nextElement().split(",")) {
        String[] parts = coding.strip().split(";");
        if (parts[0].strip().equalsIgnoreCase("gzip") && !refused(parts)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code gzip;q=0} means "not gzip". */
  private static boolean refused(String[] parameters) {
    for (int i = 1; i < parameters.length; i++) {
      String parameter = parameters[i].strip();
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2)) == 0;
        } catch (NumberFormatException e) {
          return true;
        }
      }
    }
    return false;
  }

  private static String gzipTag(String etag) {
    return etag.substring(0, etag.length() - 1) + "-gzip\"";
  }

  /** If-None-Match, compared weakly as RFC 9110 says: either encoding of this body matches. */
  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String gzipTag = gzipTag(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(etag) || tag.equals(gzipTag)) {
        return true;
      }
    }
    return false;
  }

  /** The same request without its token: what is cached must be what anyone may see. */
  private static final class AnonymousRequest extends HttpServletRequestWrapper {
    AnonymousRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getHeader(String name) {
      return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
          ? Collections.emptyEnumeration()
          : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      var names = Collections.list(super.getHeaderNames());
      names.removeIf(HttpHeaders.AUTHORIZATION::equalsIgnoreCase);
      return Collections.enumeration(names);
    }
  }

  /** Carries a checked ServletException out of the single-flight computation. */
  private static final class FillFailed extends RuntimeException {
    final ServletException servletException;

    FillFailed(ServletException cause) {
      super(cause);
      this.servletException = cause;
    }
  }
}
