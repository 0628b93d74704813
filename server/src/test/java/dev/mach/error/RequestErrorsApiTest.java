package dev.mach.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiResponse;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.TestUser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests Mach cannot serve as asked: malformed or mistyped bodies, oversized bodies, wrong
 * methods and unknown paths. Each gets its own status in the Conduit error shape, never a 500 and
 * never a stack trace. Also CORS preflights and the OpenAPI description.
 */
class RequestErrorsApiTest extends ApiTest {

  /** Plain HTTP/1.1, so a body of unknown length goes out chunked. */
  private static final HttpClient HTTP_1 =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static final int ONE_MB = 1024 * 1024;

  // ---- malformed JSON ----

  @Test
  void malformedJsonIs400() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    for (String malformed :
        List.of(
            "{\"article\":",
            "not json at all",
            "{\"article\":{\"title\":\"x\",}}",
            "{\"article\":{\"title\":\"unterminated}}",
            "{'article':{}}")) {
      assertConduitError(api.as(author).post("/api/articles", malformed), 400);
      assertConduitError(api.as(author).put("/api/articles/" + slug, malformed), 400);
      assertConduitError(
          api.as(author).post("/api/articles/" + slug + "/comments", malformed), 400);
    }
    assertThat(
            api.get("/api/articles/" + slug).expect(200).path("article").path("title").asString())
        .isNotEqualTo("x");
  }

  @Test
  void malformedJsonIsReportedAgainstTheBody() {
    api.as(fixtures.user())
        .post("/api/articles", "{\"article\":")
        .expectError(400, "body", "is not valid JSON");
  }

  // ---- wrong types ----

  @Test
  void aNonStringTitleIs422() {
    TestUser author = fixtures.user();
    ApiResponse response =
        api.as(author)
            .post(
                "/api/articles",
                "{\"article\":{\"title\":5,\"description\":\"d\",\"body\":\"b\"}}");

    assertConduitError(response, 422);
    assertThat(response.json().path("errors").has("title")).as(response.raw()).isTrue();
  }

  @Test
  void nonStringDescriptionOrBodyIs422() {
    TestUser author = fixtures.user();
    for (String body :
        List.of(
            "{\"article\":{\"title\":\"t\",\"description\":true,\"body\":\"b\"}}",
            "{\"article\":{\"title\":\"t\",\"description\":\"d\",\"body\":{\"x\":1}}}",
            "{\"article\":{\"title\":[\"t\"],\"description\":\"d\",\"body\":\"b\"}}")) {
      assertConduitError(api.as(author).post("/api/articles", body), 422);
    }
  }

  @Test
  void aTagListThatIsNotAnArrayOfStringsIs422() {
    TestUser author = fixtures.user();
    for (String tagList :
        List.of("\"x\"", "[1]", "[\"ok\", 2]", "{\"a\":1}", "[null]", "[[\"x\"]]")) {
      String body =
          "{\"article\":{\"title\":\""
              + Fixtures.unique("Bad Tags ")
              + "\",\"description\":\"d\",\"body\":\"b\",\"tagList\":"
              + tagList
              + "}}";
      ApiResponse response = api.as(author).post("/api/articles", body);
      assertConduitError(response, 422);
      assertThat(response.json().path("errors").has("tagList")).as(response.raw()).isTrue();
    }
    assertThat(
            api.get("/api/articles?author=" + author.username())
                .expect(200)
                .path("articlesCount")
                .asLong())
        .isZero();
  }

  @Test
  void wrongTypesOnUpdateAre422() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    Map<String, String> cases =
        Map.of(
            "title", "{\"article\":{\"title\":5}}",
            "description", "{\"article\":{\"description\":false}}",
            "body", "{\"article\":{\"body\":[]}}",
            "tagList", "{\"article\":{\"tagList\":\"x\"}}");
    cases.forEach(
        (field, body) -> {
          ApiResponse response = api.as(author).put("/api/articles/" + slug, body);
          assertConduitError(response, 422);
          assertThat(response.json().path("errors").has(field)).as(response.raw()).isTrue();
        });
    api.as(author)
        .put("/api/articles/" + slug, "{\"article\":{\"tagList\":[1]}}")
        .expectError(422, "tagList", "must be an array of strings");
  }

  @Test
  void aMissingOrNonObjectWrapperIs422() {
    TestUser author = fixtures.user();
    for (String body :
        List.of(
            "{}",
            "{\"title\":\"t\",\"description\":\"d\",\"body\":\"b\"}",
            "{\"article\":null}",
            "{\"article\":\"text\"}",
            "{\"article\":[]}",
            "[]",
            "\"article\"",
            "42")) {
      ApiResponse response = api.as(author).post("/api/articles", body);
      assertConduitError(response, 422);
      assertThat(response.json().path("errors").has("article"))
          .as(body + " -> " + response.raw())
          .isTrue();
    }
    assertConduitError(
        api.as(author)
            .post(
                "/api/articles/" + fixtures.article(author).path("slug").asString() + "/comments",
                "{}"),
        422);
  }

  @Test
  void aBodyThatIsNotJsonContentIs415() {
    TestUser author = fixtures.user();
    ApiResponse response =
        send(
            HttpRequest.newBuilder(uri("/api/articles"))
                .header("Authorization", "Token " + author.token())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("title=x")));

    assertConduitError(response, 415);
  }

  // ---- oversized bodies ----

  @Test
  void aBodyOverOneMegabyteWithContentLengthIs413() {
    TestUser author = fixtures.user();
    byte[] body = articleBody(ONE_MB + 1024);

    ApiResponse response =
        send(
            HttpRequest.newBuilder(uri("/api/articles"))
                .header("Authorization", "Token " + author.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

    assertConduitError(response, 413);
    assertThat(
            api.get("/api/articles?author=" + author.username())
                .expect(200)
                .path("articlesCount")
                .asLong())
        .isZero();
  }

  /** A body declared far over the limit is refused at once: nothing of it is read or awaited. */
  @Test
  void aBodyDeclaredFarOverTheLimitIs413WithoutWaitingForIt() {
    ApiResponse response =
        raw(
            "POST /api/articles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + 100L * ONE_MB
                + "\r\n");

    assertConduitError(response, 413);
  }

  @Test
  void aChunkedBodyOverOneMegabyteIs413() {
    TestUser author = fixtures.user();
    byte[] body = articleBody(ONE_MB + 1024);

    ApiResponse response =
        send(
            HttpRequest.newBuilder(uri("/api/articles"))
                .header("Authorization", "Token " + author.token())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body))));

    assertConduitError(response, 413);
    assertThat(
            api.get("/api/articles?author=" + author.username())
                .expect(200)
                .path("articlesCount")
                .asLong())
        .isZero();
  }

  @Test
  void aChunkedBodyOverOneMegabyteOnAnotherRouteIs413() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    String big = "{\"comment\":{\"body\":\"" + "c".repeat(ONE_MB + 10) + "\"}}";
    byte[] bytes = big.getBytes(StandardCharsets.UTF_8);

    ApiResponse response =
        send(
            HttpRequest.newBuilder(uri("/api/articles/" + slug + "/comments"))
                .header("Authorization", "Token " + author.token())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(bytes))));

    assertConduitError(response, 413);
  }

  @Test
  void aBodyJustUnderOneMegabyteIsAccepted() {
    TestUser author = fixtures.user();
    for (boolean chunked : new boolean[] {false, true}) {
      byte[] fresh = articleBody(ONE_MB - 1024);
      ApiResponse response =
          send(
              HttpRequest.newBuilder(uri("/api/articles"))
                  .header("Authorization", "Token " + author.token())
                  .header("Content-Type", "application/json")
                  .POST(
                      chunked
                          ? HttpRequest.BodyPublishers.ofInputStream(
                              () -> new ByteArrayInputStream(fresh))
                          : HttpRequest.BodyPublishers.ofByteArray(fresh)));
      assertThat(response.status()).as("chunked=%s", chunked).isEqualTo(201);
    }
  }

  // ---- methods and paths ----

  @Test
  void anUnsupportedMethodOnARouteIs405() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    List<String[]> cases =
        List.of(
            new String[] {"PATCH", "/api/articles/" + slug},
            new String[] {"PUT", "/api/articles"},
            new String[] {"DELETE", "/api/articles"},
            new String[] {"POST", "/api/tags"},
            new String[] {"DELETE", "/api/tags"},
            new String[] {"PUT", "/api/articles/" + slug + "/favorite"},
            new String[] {"PUT", "/api/articles/" + slug + "/comments"},
            new String[] {"POST", "/api/articles/feed"});
    for (String[] c : cases) {
      ApiResponse response = api.as(author).send(c[0], c[1], "{}");
      assertConduitError(response, 405);
      assertThat(response.header("Allow")).as("Allow on %s %s", c[0], c[1]).isNotBlank();
    }
    ApiResponse anonymous = api.send("PATCH", "/api/articles/" + slug, "{}");
    assertConduitError(anonymous, 405);
    api.get("/api/articles/" + slug).expect(200);
  }

  @Test
  void anUnknownApiPathIs404() {
    for (String path :
        List.of(
            "/api/nope",
            "/api/articles/a/b/c",
            "/api/article",
            "/api/tags/extra",
            "/api/" + Fixtures.unique("x"))) {
      assertConduitError(api.get(path), 404);
    }
    assertConduitError(api.post("/api/nope", "{}"), 404);
    assertConduitError(api.as(fixtures.user()).delete("/api/nope"), 404);
    assertConduitError(api.get("/nope"), 404);
  }

  // ---- CORS ----

  @Test
  void aCorsPreflightFromTheFrontEndIsAllowed() {
    ApiResponse response =
        api.withHeader("Origin", "http://localhost:4100")
            .withHeader("Access-Control-Request-Method", "POST")
            .withHeader("Access-Control-Request-Headers", "authorization,content-type")
            .send("OPTIONS", "/api/articles", null);

    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    assertThat(response.header("Access-Control-Allow-Origin")).isIn("http://localhost:4100", "*");
    assertThat(response.header("Access-Control-Allow-Methods")).containsIgnoringCase("POST");
    assertThat(response.header("Access-Control-Allow-Headers").toLowerCase())
        .contains("authorization")
        .contains("content-type");
  }

  @Test
  void aCorsPreflightForAnArticleEditIsAllowed() {
    ApiResponse response =
        api.withHeader("Origin", "http://localhost:4100")
            .withHeader("Access-Control-Request-Method", "PUT")
            .withHeader("Access-Control-Request-Headers", "authorization,content-type")
            .send("OPTIONS", "/api/articles/some-slug", null);

    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    assertThat(response.header("Access-Control-Allow-Origin")).isIn("http://localhost:4100", "*");
  }

  @Test
  void aCrossOriginReadCarriesTheAllowOriginHeader() {
    ApiResponse response = api.withHeader("Origin", "http://localhost:4100").get("/api/tags");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Access-Control-Allow-Origin")).isIn("http://localhost:4100", "*");
  }

  // ---- OpenAPI ----

  @Test
  void theOpenApiDescriptionListsTheConduitPaths() {
    ApiResponse response = api.get("/v3/api-docs");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).contains("json");
    JsonNode paths = response.json().path("paths");
    assertThat(paths.has("/api/articles/{slug}")).as("paths %s", paths.propertyNames()).isTrue();
    assertThat(paths.has("/api/users/login")).as("paths %s", paths.propertyNames()).isTrue();
    assertThat(paths.has("/api/articles")).isTrue();
    assertThat(paths.has("/api/articles/{slug}/comments")).isTrue();
    JsonNode login = paths.path("/api/users/login").path("post").path("responses");
    assertThat(login.path("429").path("headers").has("Retry-After")).as("%s", login).isTrue();
    assertThat(login.path("429").path("headers").has("RateLimit-Remaining")).isTrue();
    assertThat(login.path("503").path("headers").has("Retry-After")).isTrue();
  }

  @Test
  void theSwaggerUiIsServed() {
    ApiResponse index = api.get("/swagger-ui/index.html");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.raw()).containsIgnoringCase("swagger");

    ApiResponse shortcut = api.get("/swagger-ui.html");
    if (shortcut.status() / 100 == 3) {
      String location =
          URI.create("http://localhost:" + port + "/")
              .resolve(shortcut.header("Location"))
              .getRawPath();
      shortcut = api.get(location);
    }
    assertThat(shortcut.status()).isEqualTo(200);
  }

  // ---- helpers ----

  /**
   * The Conduit error shape and nothing else: {@code {"errors":{"field":["message", ...]}}}, with
   * no stack trace or exception name anywhere in the body.
   */
  @Test
  void aMalformedUriRejectedByTheServerItselfStillGetsTheErrorShape() {
    ApiResponse response = raw("GET /api/articles/% HTTP/1.1\r\nHost: localhost\r\n");

    assertConduitError(response, 400);
    assertThat(response.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void headersOverTheServersLimitGetTheErrorShape() {
    ApiResponse response =
        raw("GET /api/tags HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000) + "\r\n");

    assertConduitError(response, 431);
  }

  /** Sends a request exactly as written (java.net.http refuses malformed ones) and reads it all. */
  private ApiResponse raw(String head) {
    try (var socket = new java.net.Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, split).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).trim(), List.of(lines[i].substring(colon + 1).trim()));
      }
      return new ApiResponse(
          status, java.net.http.HttpHeaders.of(headers, (k, v) -> true), text.substring(split + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertConduitError(ApiResponse response, int status) {
    assertThat(response.status()).as("status of %s", response.raw()).isEqualTo(status);
    JsonNode body = response.json();
    assertThat(body.propertyNames()).as(response.raw()).containsExactly("errors");
    JsonNode errors = body.path("errors");
    assertThat(errors.isObject()).as(response.raw()).isTrue();
    assertThat(errors.size()).as(response.raw()).isPositive();
    for (var field : errors.properties()) {
      assertThat(field.getValue().isArray()).as(response.raw()).isTrue();
      assertThat(field.getValue().size()).as(response.raw()).isPositive();
      for (JsonNode message : field.getValue().values()) {
        assertThat(message.isString()).as(response.raw()).isTrue();
      }
    }
    assertThat(response.raw())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("trace")
        .doesNotContain("dev.mach.")
        .doesNotContain("org.springframework");
  }

  /** A valid article body of about {@code size} bytes, most of it in the body text. */
  private static byte[] articleBody(int size) {
    String head =
        "{\"article\":{\"title\":\""
            + Fixtures.unique("Big ")
            + "\",\"description\":\"d\",\"tagList\":[],\"body\":\"";
    String tail = "\"}}";
    String filler = "b".repeat(size - head.length() - tail.length());
    return (head + filler + tail).getBytes(StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static ApiResponse send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP_1.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new ApiResponse(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
