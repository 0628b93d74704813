package dev.mach.bench.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the real Mach jar on H2 in a child process, loads a tiny dataset through its API, and
 * reads back through the API that the server holds exactly what the generator produced.
 */
class ApiLoaderTest {

  private static final Path JAR = Path.of("../server/target/mach-0.1.0-SNAPSHOT.jar");
  private static final DatasetSize.Counts TINY = new DatasetSize.Counts(30, 100, 10, 250, 80, 150);
  private static final Duration STARTUP = Duration.ofSeconds(60);

  @TempDir static Path dataDir;

  private static Process mach;
  private static Thread killer;
  private static URI base;
  private static final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Expected expected = new Expected();
  private static Map<String, Long> counts;
  private static Map<Integer, String> slugs;
  private static List<String> retryReasons;

  @BeforeAll
  static void startMachAndLoad() throws Exception {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath().normalize()
              + " is missing: run ./mvnw package first (the root ./mvnw verify builds it before"
              + " the bench tests)");
    }
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    base = URI.create("http://127.0.0.1:" + port);
    Path log = dataDir.resolve("mach.log");
    mach =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toAbsolutePath().toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--mach.data-dir=" + dataDir.resolve("data"),
                "--mach.security.bcrypt-strength=4",
                "--mach.security.jwt-secret=api-loader-test-secret-0123456789abcdef",
                // the loader is one client registering every user: Mach's default limits (5
                // registrations a minute per address) would refuse it
                "--mach.rate-limit.enabled=false")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // should this JVM end without running @AfterAll, Mach must not outlive it
    killer = new Thread(mach::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(killer);
    long starting = System.nanoTime();
    awaitReady(log);
    System.out.printf(
        "ApiLoaderTest: Mach answered after %.1f s%n", (System.nanoTime() - starting) / 1e9);

    var generator = new DatasetGenerator(TINY, 42);
    generator.generate(expected);
    long started = System.nanoTime();
    try (var loader = new ApiLoader(base, 8)) {
      generator.generate(loader);
      loader.finish();
      counts = loader.counts();
      slugs = loader.slugs();
      retryReasons = loader.retryReasons();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long entities =
        counts.get("users")
            + counts.get("articles")
            + counts.get("follows")
            + counts.get("favorites")
            + counts.get("comments");
    System.out.printf(
        "ApiLoader: %d entities in %d requests in %.2f s (%.0f entities/s, %.0f requests/s): %s %s%n",
        entities,
        counts.get("requests"),
        seconds,
        entities / seconds,
        counts.get("requests") / seconds,
        counts,
        retryReasons);
  }

  @AfterAll
  static void stopMach() throws InterruptedException {
    if (mach != null) {
      mach.destroy();
      if (!mach.waitFor(15, TimeUnit.SECONDS)) {
        mach.destroyForcibly().waitFor();
      }
      Runtime.getRuntime().removeShutdownHook(killer);
    }
  }

  @Test
  void theLoaderCountsEveryEntityOnceAndNothingFailed() {
    assertThat(counts)
        .containsEntry("users", (long) TINY.users())
        .containsEntry("tags", (long) TINY.tags())
        .containsEntry("articles", (long) TINY.articles())
        .containsEntry("follows", TINY.follows())
        .containsEntry("favorites", TINY.favorites())
        .containsEntry("comments", TINY.comments())
        .containsEntry("logins", 0L)
        .containsEntry("failed", 0L);
    // one request per entity and per bio; retries are possible (Mach on H2 can answer a 500 on a
    // deadlock when articles sharing new tags are created at once) and come on top
    long writes =
        TINY.users()
            + expected.bios
            + TINY.articles()
            + TINY.follows()
            + TINY.favorites()
            + TINY.comments();
    assertThat(counts.get("requests")).isEqualTo(writes + counts.get("retries"));
  }

  @Test
  void everyArticleGotTheSlugMachMakesFromItsTitle() {
    assertThat(slugs).hasSize(TINY.articles());
    for (int a = 1; a <= TINY.articles(); a++) {
      assertThat(slugs.get(a)).isEqualTo(DatasetGenerator.slug(a));
    }
  }

  @Test
  void siteTotalsAreTheGeneratedOnes() throws Exception {
    assertThat(get("/users?per_page=1", null).path("usersCount").asLong()).isEqualTo(TINY.users());
    assertThat(get("/articles?limit=1", null).path("articlesCount").asLong())
        .isEqualTo(TINY.articles());
    var tags = new HashSet<String>();
    get("/tags", null).path("tags").forEach(t -> tags.add(t.asString()));
    assertThat(tags).isEqualTo(expected.tagsInUse);
  }

  @Test
  void everyUserHasTheirArticlesFavoritesAndBio() throws Exception {
    for (int u = 1; u <= TINY.users(); u++) {
      String name = DatasetGenerator.username(u);
      assertThat(get("/articles?limit=1&author=" + name, null).path("articlesCount").asLong())
          .as("articles by %s", name)
          .isEqualTo((long) expected.articlesBy.getOrDefault(u, 0));
      assertThat(get("/articles?limit=1&favorited=" + name, null).path("articlesCount").asLong())
          .as("articles favorited by %s", name)
          .isEqualTo((long) expected.favoritesBy.getOrDefault(u, 0));
      JsonNode bio = get("/profiles/" + name, null).path("profile").path("bio");
      assertThat(bio.isNull() ? null : bio.asString())
          .as("bio of %s", name)
          .isEqualTo(expected.bioOf.get(u));
    }
  }

  @Test
  void everyFeedHoldsTheFollowedAuthorsArticlesAndProfilesShowTheFollow() throws Exception {
    for (int u = 1; u <= TINY.users(); u++) {
      String token = logIn(u);
      long feed = 0;
      for (int followee : expected.followees.getOrDefault(u, Set.of())) {
        feed += expected.articlesBy.getOrDefault(followee, 0);
      }
      assertThat(get("/articles/feed?limit=1", token).path("articlesCount").asLong())
          .as("feed of user%d", u)
          .isEqualTo(feed);
      if (u <= 3) {
        for (int other = 1; other <= TINY.users(); other++) {
          boolean following =
              get("/profiles/" + DatasetGenerator.username(other), token)
                  .path("profile")
                  .path("following")
                  .asBoolean();
          assertThat(following)
              .as("user%d follows user%d", u, other)
              .isEqualTo(expected.followees.getOrDefault(u, Set.of()).contains(other));
        }
      }
    }
  }

  @Test
  void everyArticleHasItsAuthorTextTagsInOrderFavoritesAndComments() throws Exception {
    for (int a = 1; a <= TINY.articles(); a++) {
      String slug = slugs.get(a);
      JsonNode article = get("/articles/" + slug, null).path("article");
      Expected.Article want = expected.articles.get(a);
      assertThat(article.path("title").asString()).isEqualTo("Article " + a);
      assertThat(article.path("description").asString()).isEqualTo(want.description());
      assertThat(article.path("body").asString()).isEqualTo(want.body());
      assertThat(article.path("author").path("username").asString())
          .isEqualTo(DatasetGenerator.username(want.author()));
      var tagList = new ArrayList<String>();
      article.path("tagList").forEach(t -> tagList.add(t.asString()));
      assertThat(tagList).as("tags of %s, in order", slug).isEqualTo(want.tags());
      assertThat(article.path("favoritesCount").asLong())
          .as("favorites of %s", slug)
          .isEqualTo((long) expected.favoritesOf.getOrDefault(a, 0));

      var comments = new ArrayList<String>();
      get("/articles/" + slug + "/comments", null)
          .path("comments")
          .forEach(
              c ->
                  comments.add(
                      c.path("author").path("username").asString()
                          + ": "
                          + c.path("body").asString()));
      assertThat(comments)
          .as("comments on %s", slug)
          .containsExactlyInAnyOrderElementsOf(expected.commentsOn.getOrDefault(a, List.of()));
    }
  }

  @Test
  void aRejectedWriteFailsTheLoadWithItsStatusAndBody() {
    try (var again = new ApiLoader(base, 2)) {
      again.user(1, "user1", "user1@bench.mach.dev", null);
      assertThatThrownBy(again::finish)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("register user1")
          .hasMessageContaining("HTTP 409")
          .hasMessageContaining("has already been taken");
      assertThat(again.counts()).containsEntry("failed", 1L).containsEntry("users", 0L);
    }
  }

  private static void awaitReady(Path log) throws Exception {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!mach.isAlive()) {
        throw new IllegalStateException(
            "Mach exited with " + mach.exitValue() + " while starting:\n" + tail(log));
      }
      try {
        var answer =
            http.send(
                HttpRequest.newBuilder(base.resolve("/api/tags"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Mach did not answer within " + STARTUP + ":\n" + tail(log));
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static JsonNode get(String path, String token) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(base + "/api" + path));
    if (token != null) {
      request.header("Authorization", "Token " + token);
    }
    var answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
    return JsonMapper.shared().readTree(answer.body());
  }

  private static String logIn(int user) throws Exception {
    String body =
        JsonMapper.shared()
            .writeValueAsString(
                Map.of(
                    "user",
                    Map.of(
                        "email",
                        DatasetGenerator.email(user),
                        "password",
                        DatasetGenerator.PASSWORD)));
    var answer =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/users/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("login user%d: %s", user, answer.body()).isEqualTo(200);
    return JsonMapper.shared().readTree(answer.body()).path("user").path("token").asString();
  }

  /** What the generator produced, tallied the way the API reports it. */
  private static final class Expected implements DatasetSink {

    record Article(int author, String description, String body, List<String> tags) {}

    final Map<Integer, String> bioOf = new HashMap<>();
    final Map<Integer, String> tagNames = new HashMap<>();
    final Set<String> tagsInUse = new HashSet<>();
    final Map<Integer, Article> articles = new HashMap<>();
    final Map<Integer, Integer> articlesBy = new HashMap<>();
    final Map<Integer, Set<Integer>> followees = new HashMap<>();
    final Map<Integer, Integer> favoritesBy = new HashMap<>();
    final Map<Integer, Integer> favoritesOf = new HashMap<>();
    final Map<Integer, List<String>> commentsOn = new HashMap<>();
    long bios;

    @Override
    public void user(int id, String username, String email, String bio) {
      if (bio != null) {
        bioOf.put(id, bio);
        bios++;
      }
    }

    @Override
    public void tag(int id, String name) {
      tagNames.put(id, name);
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
      var tags = new ArrayList<String>();
      for (int t : tagIds) {
        tags.add(tagNames.get(t));
      }
      tagsInUse.addAll(tags);
      articles.put(id, new Article(authorId, description, body, tags));
      articlesBy.merge(authorId, 1, Integer::sum);
    }

    @Override
    public void follow(int followerId, int followeeId) {
      followees.computeIfAbsent(followerId, k -> new HashSet<>()).add(followeeId);
    }

    @Override
    public void favorite(int userId, int articleId) {
      favoritesBy.merge(userId, 1, Integer::sum);
      favoritesOf.merge(articleId, 1, Integer::sum);
    }

    @Override
    public void comment(int id, int articleId, int authorId, String body, Instant createdAt) {
      commentsOn
          .computeIfAbsent(articleId, k -> new ArrayList<>())
          .add(DatasetGenerator.username(authorId) + ": " + body);
    }
  }
}
