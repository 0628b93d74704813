package dev.mach.bench.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loader against a scripted stand-in server: retries, failures and other servers' slugs. */
class ApiLoaderRetryTest {

  private static final Duration QUICK = Duration.ofMillis(5);

  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  /** A request as the stand-in saw it: method, path, Authorization header and body. */
  record Seen(String method, String path, String authorization, String body) {
    @Override
    public String toString() {
      return method + " " + path + " [" + authorization + "] " + body;
    }
  }

  /** What the stand-in answers. */
  record Reply(int status, String body) {}

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void a5xxIsRetriedUntilItSucceeds() {
    var calls = new AtomicInteger();
    URI base =
        serve(
            r ->
                calls.incrementAndGet() <= 2
                    ? new Reply(503, "{\"errors\":{\"server\":[\"busy\"]}}")
                    : new Reply(201, "{\"user\":{\"username\":\"user1\",\"token\":\"t1\"}}"));
    try (var loader = new ApiLoader(base, 2, 4, QUICK)) {
      loader.user(1, "user1", "user1@bench.mach.dev", null);
      loader.finish();
      assertThat(loader.counts())
          .containsEntry("users", 1L)
          .containsEntry("requests", 3L)
          .containsEntry("retries", 2L)
          .containsEntry("failed", 0L);
      assertThat(loader.retryReasons()).hasSize(2).allMatch(r -> r.contains("HTTP 503"));
    }
  }

  @Test
  void aRegistrationWhoseAnswerWasLostLogsInWhenTheRetryFindsTheUserTaken() {
    var calls = new AtomicInteger();
    URI base =
        serve(
            r ->
                switch (calls.incrementAndGet()) {
                  case 1 -> new Reply(502, "bad gateway");
                  case 2 -> new Reply(422, "{\"errors\":{\"email\":[\"has already been taken\"]}}");
                  default -> new Reply(200, "{\"user\":{\"username\":\"user1\",\"token\":\"t1\"}}");
                });
    try (var loader = new ApiLoader(base, 2, 4, QUICK)) {
      loader.user(1, "user1", "user1@bench.mach.dev", null);
      loader.finish();
      assertThat(loader.counts()).containsEntry("users", 1L).containsEntry("logins", 1L);
    }
    assertThat(seen.get(2))
        .startsWith("POST /api/users/login")
        .contains("\"email\":\"user1@bench.mach.dev\"")
        .contains("\"password\":\"benchmark\"");
  }

  @Test
  void aConnectionErrorIsRetriedThenReportedWithWhatWasSent() throws IOException {
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    try (var loader = new ApiLoader(URI.create("http://127.0.0.1:" + port), 2, 3, QUICK)) {
      loader.user(1, "user1", "user1@bench.mach.dev", null);
      assertThatThrownBy(loader::finish)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("1 request(s) failed loading users")
          .hasMessageContaining("register user1: POST /users failed 3 times")
          .hasMessageContaining("ConnectException");
      assertThat(loader.counts()).containsEntry("retries", 2L).containsEntry("failed", 1L);
    }
  }

  @Test
  void aRejectedUserStopsTheLoadBeforeTheNextKind() {
    URI base = serve(r -> new Reply(422, "{\"errors\":{\"username\":[\"is invalid\"]}}"));
    try (var loader = new ApiLoader(base, 2, 4, QUICK)) {
      loader.user(1, "user1", "user1@bench.mach.dev", null);
      assertThatThrownBy(() -> loader.tag(1, "tag1"))
          .hasMessageContaining("register user1: HTTP 422")
          .hasMessageContaining("is invalid");
      assertThat(loader.counts()).containsEntry("retries", 0L).containsEntry("requests", 1L);
    }
  }

  @Test
  void articlesGoAsTheirAuthorsWithTagsInOrderAndLaterWritesUseTheSlugTheServerGave() {
    URI base =
        serve(
            r -> {
              if (r.path().equals("/api/users")) {
                String name = r.body().replaceAll(".*\"username\":\"(user\\d+)\".*", "$1");
                return new Reply(201, "{\"user\":{\"token\":\"tok-" + name + "\"}}");
              }
              if (r.path().equals("/api/user")) {
                return new Reply(200, "{\"user\":{\"token\":\"fresh-" + r.authorization() + "\"}}");
              }
              if (r.path().equals("/api/articles")) {
                return new Reply(201, "{\"article\":{\"slug\":\"my slug\"}}");
              }
              return new Reply(200, "{}");
            });
    try (var loader = new ApiLoader(base, 4, 2, QUICK)) {
      loader.user(1, "user1", "user1@bench.mach.dev", "A bio.");
      loader.user(2, "user2", "user2@bench.mach.dev", null);
      loader.tag(1, "tag1");
      loader.tag(2, "tag2");
      loader.tag(3, "tag3");
      loader.article(1, "article-1", "Article 1", "d", "b", 1, Instant.EPOCH, new int[] {3, 1});
      loader.follow(2, 1);
      loader.favorite(2, 1);
      loader.comment(1, 1, 1, "Nice.", Instant.EPOCH);
      loader.finish();
      assertThat(loader.slugs()).containsExactlyEntriesOf(Map.of(1, "my slug"));
      assertThat(loader.counts())
          .containsEntry("users", 2L)
          .containsEntry("tags", 3L)
          .containsEntry("articles", 1L)
          .containsEntry("follows", 1L)
          .containsEntry("favorites", 1L)
          .containsEntry("comments", 1L)
          .containsEntry("requests", 7L);
      assertThatThrownBy(() -> loader.user(3, "user3", "user3@bench.mach.dev", null))
          .hasMessageContaining("finished");
    }
    String author = "Token fresh-Token tok-user1"; // the token the bio update gave back
    assertThat(seen)
        .anyMatch(s -> s.startsWith("PUT /api/user [Token tok-user1]") && s.contains("A bio."))
        .anyMatch(
            s ->
                s.startsWith("POST /api/articles [" + author + "]")
                    && s.contains("\"tagList\":[\"tag3\",\"tag1\"]")
                    && s.contains("\"title\":\"Article 1\""))
        .contains("POST /api/profiles/user1/follow [Token tok-user2] ")
        .contains("POST /api/articles/my%20slug/favorite [Token tok-user2] ")
        .anyMatch(
            s ->
                s.startsWith("POST /api/articles/my%20slug/comments [" + author + "]")
                    && s.contains("\"body\":\"Nice.\""));
  }

  private URI serve(Function<Seen, Reply> script) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          var request =
              new Seen(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath(),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          seen.add(request.toString());
          Reply reply = script.apply(request);
          byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(reply.status(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }
}
