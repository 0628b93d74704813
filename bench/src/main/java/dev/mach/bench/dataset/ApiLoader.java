package dev.mach.bench.dataset;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills any Conduit server with a generated dataset through its public API, the way its users
 * would: register, publish, follow, favorite, comment. This is how a peer server gets the same data
 * as Mach, whose own loader ({@link PostgresCopyLoader}) writes the tables directly.
 *
 * <p>Requests of one entity kind run concurrently, at most {@code concurrency} at a time, each on
 * its own virtual thread; the sink blocks while that many are in flight. A kind is complete before
 * the next starts, since articles need their authors' tokens and favorites and comments need the
 * articles' slugs. Tags send nothing: an article's tags come with it.
 *
 * <p>A connection error, a 5xx or a 429 is retried with backoff (a 429 or 503 waits at least its
 * {@code Retry-After}); any other non-2xx is a failure, reported with its status and body. After a
 * failure no new request is started and the next sink call (or {@link #finish()}) throws. A write
 * that met a 5xx or a broken connection may have been applied all the same, and then its retry
 * applies it again: a registration whose retry answers 409 or 422 ("taken") logs the user in
 * instead, favorites and follows are idempotent, but such an article or comment would exist twice
 * (check the site totals after a load that reports retries).
 *
 * <p>Two articles that bring the same new tag at once can clash on the tag's unique name on some
 * servers (Mach on H2 then gives the article a suffixed slug), so an article whose tag is still
 * being created by an earlier one waits for that one to be answered.
 *
 * <p>The sink methods must be called from one thread (the generator's).
 */
public final class ApiLoader implements DatasetSink, AutoCloseable {

  private static final List<String> KINDS =
      List.of("users", "tags", "articles", "follows", "favorites", "comments");
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final int REPORTED_FAILURES = 5;
  private static final int REPORTED_RETRIES = 10;
  private static final int BODY_EXCERPT = 300;

  private final String api;
  private final int concurrency;
  private final int attempts;
  private final Duration firstBackoff;
  private final Semaphore inFlight;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;

  private final Map<Integer, String> usernames = new ConcurrentHashMap<>();
  private final Map<Integer, String> emails = new ConcurrentHashMap<>();
  private final Map<Integer, String> tokens = new ConcurrentHashMap<>();
  private final Map<Integer, String> tagNames = new ConcurrentHashMap<>();
  private final Map<Integer, String> slugs = new ConcurrentHashMap<>();
  // tag name → done when the first article with it has been answered; only the sink's caller
  // reads and writes the map
  private final Map<String, CountDownLatch> tagLatches = new HashMap<>();

  private final Map<String, LongAdder> done = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder logins = new LongAdder();
  private final AtomicLong failed = new AtomicLong();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final Queue<String> retryReasons = new ConcurrentLinkedQueue<>();

  private String kind; // the kind being loaded; only the sink's caller touches it
  private boolean finished;

  /**
   * @param baseUrl the server's scheme, host and port, such as {@code http://127.0.0.1:8080}; the
   *     API is under {@code /api}
   * @param concurrency the most requests in flight at once
   */
  public ApiLoader(URI baseUrl, int concurrency) {
    this(baseUrl, concurrency, 6, Duration.ofMillis(250));
  }

  /**
   * With the retry policy given: {@code attempts} tries in all, backoff doubling from the first.
   */
  ApiLoader(URI baseUrl, int concurrency, int attempts, Duration firstBackoff) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
    String base = baseUrl.toString();
    this.api = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api";
    this.concurrency = concurrency;
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.inFlight = new Semaphore(concurrency);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    for (String k : KINDS) {
      done.put(k, new LongAdder());
    }
  }

  @Override
  public void user(int id, String username, String email, String bio) {
    begin("users");
    usernames.put(id, username);
    emails.put(id, email);
    String what = "register " + username;
    submit(
        "users",
        () -> {
          var body =
              Map.of(
                  "user",
                  Map.of(
                      "username", username, "email", email, "password", DatasetGenerator.PASSWORD));
          Answer answer = call("POST", "/users", null, body, what);
          if (answer.retried() && (answer.status() == 409 || answer.status() == 422)) {
            // an earlier attempt went through but its answer was lost: the user exists
            tokens.put(id, logIn(id));
          } else {
            tokens.put(id, text(answer.ok(what).path("user"), "token", what));
          }
          if (bio != null) {
            var update = Map.of("user", Map.of("bio", bio));
            Answer updated =
                call("PUT", "/user", tokens.get(id), update, "set the bio of " + username);
            String fresh =
                updated.ok("set the bio of " + username).path("user").path("token").asString("");
            if (!fresh.isEmpty()) {
              tokens.put(id, fresh); // some servers (Mach among them) issue a new token on update
            }
          }
        });
  }

  @Override
  public void tag(int id, String name) {
    begin("tags");
    tagNames.put(id, name);
    done.get("tags").increment(); // nothing to send: a tag comes into being with its first article
  }

  @Override
  public void article(
      int id,
      String slug,
      String title,
      String description,
      String body,
      int authorId,
      Instant createdAt,
      int[] tagIds) {
    begin("articles");
    var tagList = new ArrayList<String>(tagIds.length);
    var earlier = new ArrayList<CountDownLatch>();
    CountDownLatch introduced = null;
    for (int tag : tagIds) {
      String name = tagNames.getOrDefault(tag, DatasetGenerator.tagName(tag));
      tagList.add(name);
      CountDownLatch latch = tagLatches.get(name);
      if (latch == null) {
        introduced = introduced == null ? new CountDownLatch(1) : introduced;
        tagLatches.put(name, introduced);
      } else if (latch.getCount() > 0) {
        earlier.add(latch);
      }
    }
    CountDownLatch mine = introduced;
    String what = "publish article " + id;
    submit(
        "articles",
        () -> {
          try {
            // a new tag is created by one article; the others with it wait for that one
            for (CountDownLatch latch : earlier) {
              awaitLatch(latch, what);
            }
            var article =
                Map.of(
                    "article",
                    Map.of(
                        "title",
                        title,
                        "description",
                        description,
                        "body",
                        body,
                        "tagList",
                        tagList));
            Answer answer = call("POST", "/articles", token(authorId), article, what);
            slugs.put(id, text(answer.ok(what).path("article"), "slug", what));
          } finally {
            if (mine != null) {
              mine.countDown();
            }
          }
        });
  }

  @Override
  public void follow(int followerId, int followeeId) {
    begin("follows");
    String followee = username(followeeId);
    String what = username(followerId) + " follows " + followee;
    submit(
        "follows",
        () ->
            call(
                    "POST",
                    "/profiles/" + segment(followee) + "/follow",
                    token(followerId),
                    null,
                    what)
                .ok(what));
  }

  @Override
  public void favorite(int userId, int articleId) {
    begin("favorites");
    String what = username(userId) + " favorites article " + articleId;
    submit(
        "favorites",
        () ->
            call(
                    "POST",
                    "/articles/" + segment(slug(articleId)) + "/favorite",
                    token(userId),
                    null,
                    what)
                .ok(what));
  }

  @Override
  public void comment(int id, int articleId, int authorId, String body, Instant createdAt) {
    begin("comments");
    String what = "comment " + id + " on article " + articleId;
    submit(
        "comments",
        () -> {
          var comment = Map.of("comment", Map.of("body", body));
          call(
                  "POST",
                  "/articles/" + segment(slug(articleId)) + "/comments",
                  token(authorId),
                  comment,
                  what)
              .ok(what);
        });
  }

  /**
   * Waits for every request still in flight and throws if any request failed. The loader takes no
   * more entities after this.
   */
  public void finish() {
    if (finished) {
      return;
    }
    drain();
    finished = true;
    throwIfFailed();
  }

  /** Article id → the slug the server gave it. */
  public Map<Integer, String> slugs() {
    return Collections.unmodifiableMap(slugs);
  }

  /**
   * Entities written per kind ({@code users}, {@code tags}, {@code articles}, {@code follows},
   * {@code favorites}, {@code comments}; tags are counted though they send nothing), then {@code
   * requests} (every HTTP request sent, retries, logins and bio updates included), {@code retries},
   * {@code logins} and {@code failed} (entities given up on).
   */
  public Map<String, Long> counts() {
    var counts = new LinkedHashMap<String, Long>();
    for (String k : KINDS) {
      counts.put(k, done.get(k).sum());
    }
    counts.put("requests", requests.sum());
    counts.put("retries", retries.sum());
    counts.put("logins", logins.sum());
    counts.put("failed", failed.get());
    return counts;
  }

  /** Why requests were retried: the first few retries, each with what was sent and the problem. */
  public List<String> retryReasons() {
    return List.copyOf(retryReasons);
  }

  /** Abandons whatever is still in flight (call {@link #finish()} first to wait for it). */
  @Override
  public void close() {
    finished = true;
    threads.shutdownNow();
    http.shutdownNow();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
      http.awaitTermination(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Moving on to another kind first completes the one before. */
  private void begin(String next) {
    if (finished) {
      throw new IllegalStateException("this loader is finished or closed");
    }
    if (!next.equals(kind)) {
      if (kind != null) {
        drain();
        throwIfFailed();
      }
      kind = next;
    }
  }

  private void submit(String kindName, Task task) {
    if (failed.get() > 0) {
      drain();
      throwIfFailed();
    }
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading " + kindName, e);
    }
    try {
      threads.execute(
          () -> {
            try {
              task.run();
              done.get(kindName).increment();
            } catch (Failure e) {
              fail(e.getMessage());
            } catch (Throwable e) {
              fail(kindName + ": " + e);
            } finally {
              inFlight.release();
            }
          });
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
  }

  /** Only the sink's caller takes permits, so holding them all means nothing is in flight. */
  private void drain() {
    try {
      inFlight.acquire(concurrency);
      inFlight.release(concurrency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + kind, e);
    }
  }

  private void fail(String message) {
    if (failed.incrementAndGet() <= REPORTED_FAILURES) {
      failures.add(message);
    }
  }

  private void throwIfFailed() {
    long n = failed.get();
    if (n > 0) {
      throw new IllegalStateException(
          n
              + " request(s) failed loading "
              + kind
              + " through "
              + api
              + "; the first: "
              + String.join(" | ", failures));
    }
  }

  /** Sends a request, retrying connection errors, 5xx and 429; any other status is returned. */
  private Answer call(String method, String path, String token, Object body, String what) {
    var request =
        HttpRequest.newBuilder(URI.create(api + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Token " + token);
    }
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(
              method,
              HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpRequest built = request.build();
    String problem = null;
    for (int attempt = 1; ; attempt++) {
      Duration wait = Duration.ZERO;
      requests.increment();
      try {
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status < 500 && status != 429) {
          return new Answer(status, response.body(), attempt > 1);
        }
        problem = "HTTP " + status + " " + excerpt(response.body());
        wait = retryAfter(response);
      } catch (IOException e) {
        problem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Failure(what + ": interrupted");
      }
      if (attempt >= attempts) {
        throw new Failure(
            what + ": " + method + " " + path + " failed " + attempt + " times, last: " + problem);
      }
      retries.increment();
      if (retries.sum() <= REPORTED_RETRIES) {
        retryReasons.add(what + ": " + problem);
      }
      sleep(max(wait, backoff(attempt)), what);
    }
  }

  private String logIn(int id) {
    String what = "log in " + username(id);
    var body =
        Map.of("user", Map.of("email", emails.get(id), "password", DatasetGenerator.PASSWORD));
    logins.increment();
    return text(
        call("POST", "/users/login", null, body, what).ok(what).path("user"), "token", what);
  }

  private Duration backoff(int attempt) {
    long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
    millis = Math.min(millis, MAX_BACKOFF.toMillis());
    // jitter, so retries from many threads do not arrive together
    return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
  }

  private static void awaitLatch(CountDownLatch latch, String what) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(what + ": interrupted");
    }
  }

  private static Duration retryAfter(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            v -> {
              try {
                return Duration.ofSeconds(Math.min(Long.parseLong(v.strip()), 60));
              } catch (NumberFormatException e) {
                return Duration.ZERO; // an HTTP date: fall back to the backoff
              }
            })
        .orElse(Duration.ZERO);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static void sleep(Duration wait, String what) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(what + ": interrupted");
    }
  }

  private String username(int id) {
    String name = usernames.get(id);
    if (name == null) {
      throw new IllegalStateException("user " + id + " was never given to this loader");
    }
    return name;
  }

  private String token(int userId) {
    String token = tokens.get(userId);
    if (token == null) {
      throw new Failure("user " + userId + " has no token: was it registered?");
    }
    return token;
  }

  private String slug(int articleId) {
    String slug = slugs.get(articleId);
    if (slug == null) {
      throw new Failure("article " + articleId + " has no slug: was it published?");
    }
    return slug;
  }

  private static String text(JsonNode node, String field, String what) {
    String value = node.path(field).asString("");
    if (value.isEmpty()) {
      throw new Failure(what + ": the answer has no " + field + ": " + excerpt(node.toString()));
    }
    return value;
  }

  /** A path segment, percent-encoded (a space as %20, not +). */
  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String excerpt(String body) {
    if (body == null) {
      return "";
    }
    String flat = body.replaceAll("\\s+", " ").strip();
    return flat.length() <= BODY_EXCERPT ? flat : flat.substring(0, BODY_EXCERPT) + "...";
  }

  @FunctionalInterface
  private interface Task {
    void run();
  }

  /** A request that will not succeed, with what was asked and what the server said. */
  private static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private record Answer(int status, String body, boolean retried) {

    /** The parsed body of a 2xx answer; anything else is a failure naming the status and body. */
    JsonNode ok(String what) {
      if (status < 200 || status > 299) {
        throw new Failure(what + ": HTTP " + status + " " + excerpt(body));
      }
      if (body == null || body.isBlank()) {
        return JsonMapper.shared().missingNode();
      }
      return JsonMapper.shared().readTree(body);
    }
  }
}
