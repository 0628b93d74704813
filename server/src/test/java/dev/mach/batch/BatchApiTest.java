package dev.mach.batch;

import static dev.mach.batch.Batches.item;
import static dev.mach.batch.Batches.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiResponse;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The batch endpoint over real HTTP: order, per-item answers, tokens, the cache, validation. */
class BatchApiTest extends ApiTest {

  @Test
  void itemsAreAnsweredInRequestOrderEachWithItsOwnStatusHeadersAndBody() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    JsonNode answer =
        api.post(
                "/api/batch",
                Batches.of(
                    item("GET", "/api/articles/" + slug),
                    item("GET", "/api/articles/no-such-" + slug),
                    item("GET", "/api/profiles/" + author.username()),
                    item("GET", "/api/user"),
                    item("GET", "/api/tags")))
            .expect(200);
    assertThat(statuses(answer)).containsExactly(200, 404, 200, 401, 200);
    JsonNode responses = answer.path("responses");
    assertThat(responses.get(0).path("body").path("article").path("slug").asString())
        .isEqualTo(slug);
    assertThat(responses.get(1).path("body").path("errors").path("article").get(0).asString())
        .isEqualTo("not found");
    assertThat(responses.get(2).path("body").path("profile").path("username").asString())
        .isEqualTo(author.username());
    assertThat(responses.get(3).path("body").path("errors").path("token").get(0).asString())
        .isEqualTo("is missing");
    assertThat(responses.get(4).path("body").path("tags").isArray()).isTrue();
    assertThat(responses.get(0).path("headers").path("Content-Type").asString())
        .startsWith("application/json");
    assertThat(responses.get(0).path("headers").has("Content-Length")).isFalse();
  }

  @Test
  void aFailingWriteDoesNotStopItsSiblingsWrites() {
    TestUser author = fixtures.user();
    String title = Fixtures.unique("Sibling ");
    JsonNode answer =
        api.as(author)
            .post(
                "/api/batch",
                Batches.of(
                    item("POST", "/api/articles", Map.of(), Json.wrap("article", "title", "")),
                    item("POST", "/api/articles", Map.of(), article(title)),
                    item("DELETE", "/api/articles/no-such-article-" + title.length())))
            .expect(200);
    assertThat(statuses(answer)).containsExactly(422, 201, 404);
    String slug =
        answer.path("responses").get(1).path("body").path("article").path("slug").asString();
    api.get("/api/articles/" + slug).expect(200);
  }

  @Test
  void validationErrorsAreTheSameAsForTheSameRequestSentAlone() {
    String invalid = Json.wrap("user", "username", "", "email", "not-an-email");
    ApiResponse alone = api.post("/api/users", invalid);
    JsonNode answer =
        api.post("/api/batch", Batches.of(item("POST", "/api/users", Map.of(), invalid)))
            .expect(200);
    JsonNode item = answer.path("responses").get(0);
    assertThat(item.path("status").asInt()).isEqualTo(alone.status()).isEqualTo(422);
    assertThat(item.path("body")).isEqualTo(alone.json());
  }

  @Test
  void theCallersTokenAppliesUnlessAnItemBringsItsOwn() {
    TestUser caller = fixtures.user();
    TestUser other = fixtures.user();
    JsonNode answer =
        api.as(caller)
            .post(
                "/api/batch",
                Batches.of(
                    item("GET", "/api/user"),
                    item(
                        "GET",
                        "/api/user",
                        Map.of("Authorization", "Token " + other.token()),
                        null),
                    item("GET", "/api/user", Map.of("Authorization", ""), null),
                    item("GET", "/api/user", Map.of("authorization", "Token not-a-token"), null)))
            .expect(200);
    assertThat(statuses(answer)).containsExactly(200, 200, 401, 401);
    JsonNode responses = answer.path("responses");
    assertThat(responses.get(0).path("body").path("user").path("username").asString())
        .isEqualTo(caller.username());
    assertThat(responses.get(1).path("body").path("user").path("username").asString())
        .isEqualTo(other.username());
    assertThat(responses.get(3).path("body").path("errors").path("token").get(0).asString())
        .isEqualTo("is invalid");
  }

  @Test
  void anAnonymousCallerGets401OnlyOnTheItemsThatNeedAToken() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    JsonNode answer =
        api.post(
                "/api/batch",
                Batches.of(
                    item("GET", "/api/articles/" + slug),
                    item("POST", "/api/articles/" + slug + "/favorite"),
                    item("GET", "/api/articles/feed")))
            .expect(200);
    assertThat(statuses(answer)).containsExactly(200, 401, 401);
  }

  @Test
  void readsAreServedByTheResponseCacheAsIfSentAlone() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    ApiResponse direct = api.get("/api/articles/" + slug);
    String etag = direct.header("ETag");
    assertThat(etag).as("the direct read is cached").isNotNull();
    JsonNode answer =
        api.post(
                "/api/batch",
                Batches.of(
                    item("GET", "/api/articles/" + slug, Map.of("Accept-Encoding", "gzip"), null),
                    item("GET", "/api/articles/" + slug, Map.of("If-None-Match", etag), null)))
            .expect(200);
    assertThat(statuses(answer)).containsExactly(200, 304);
    JsonNode hit = answer.path("responses").get(0);
    assertThat(hit.path("headers").path("ETag").asString()).isEqualTo(etag);
    assertThat(hit.path("headers").path("Cache-Control").asString()).isEqualTo("public, no-cache");
    assertThat(hit.path("headers").has("Content-Encoding")).as("never gzip inside").isFalse();
    assertThat(hit.path("body").path("article").path("slug").asString()).isEqualTo(slug);
    assertThat(answer.path("responses").get(1).path("body").isNull()).isTrue();
  }

  @Test
  void eachItemCarriesARequestIdDerivedFromTheBatchs() {
    JsonNode answer =
        api.withHeader("X-Request-Id", "outer-id")
            .post(
                "/api/batch",
                Batches.of(
                    item("GET", "/api/tags"),
                    item("GET", "/api/tags", Map.of("X-Request-Id", "own-id"), null)))
            .expect(200);
    JsonNode responses = answer.path("responses");
    assertThat(responses.get(0).path("headers").path("X-Request-Id").asString())
        .isEqualTo("outer-id-0");
    assertThat(responses.get(1).path("headers").path("X-Request-Id").asString())
        .isEqualTo("own-id");
  }

  @Test
  void atomicBatchesRollEveryWriteBackOnTheFirstFailureAndTheCacheNeverShowsThem() {
    TestUser author = fixtures.user();
    TestUser followed = fixtures.user();
    String list = "/api/articles?author=" + author.username();
    String profile = "/api/profiles/" + followed.username();
    // warm the cache with the state before the batch
    assertThat(api.get(list).expect(200).path("articlesCount").asInt()).isZero();
    assertThat(
            api.as(author).get(profile).expect(200).path("profile").path("following").asBoolean())
        .isFalse();
    JsonNode answer =
        api.as(author)
            .post(
                "/api/batch",
                Batches.atomic(
                    item("POST", "/api/articles", Map.of(), article(Fixtures.unique("Atomic "))),
                    item("POST", profile + "/follow"),
                    item("GET", list),
                    item("GET", "/api/articles/no-such-article-anywhere"),
                    item("GET", "/api/tags")))
            .expect(200);
    assertThat(statuses(answer)).containsExactly(424, 424, 424, 404, 424);
    JsonNode responses = answer.path("responses");
    assertThat(responses.get(0).path("body").path("errors").path("batch").get(0).asString())
        .isEqualTo("was rolled back: request 3 failed");
    assertThat(responses.get(4).path("body").path("errors").path("batch").get(0).asString())
        .isEqualTo("was not run: request 3 failed");
    assertThat(api.get(list).expect(200).path("articlesCount").asInt()).isZero();
    assertThat(
            api.as(author).get(profile).expect(200).path("profile").path("following").asBoolean())
        .isFalse();
  }

  @Test
  void atomicReadsSeeTheBatchsOwnWritesAndWhatCommitsIsVisibleAfterwards() {
    TestUser author = fixtures.user();
    String list = "/api/articles?author=" + author.username();
    assertThat(api.get(list).expect(200).path("articlesCount").asInt()).isZero();
    JsonNode answer =
        api.as(author)
            .post(
                "/api/batch",
                Batches.atomic(
                    item("POST", "/api/articles", Map.of(), article(Fixtures.unique("Kept "))),
                    item("GET", list)))
            .expect(200);
    assertThat(statuses(answer)).containsExactly(201, 200);
    assertThat(answer.path("responses").get(1).path("body").path("articlesCount").asInt())
        .as("read inside the transaction")
        .isEqualTo(1);
    assertThat(api.get(list).expect(200).path("articlesCount").asInt())
        .as("the cached empty list was invalidated at commit")
        .isEqualTo(1);
  }

  @Test
  void aMalformedBatchIsRefusedWholeWithEveryProblemNamed() {
    String body =
        Json.write(
            Map.of(
                "requests",
                List.of(
                    item("PATCH", "/api/tags"),
                    item("GET", "/elsewhere"),
                    item("GET", "/api/batch"),
                    item("GET", "/api/%62atch"),
                    item("GET", "/api/../actuator"),
                    Map.of("method", "GET", "path", "/api/tags", "headers", Map.of("X-N", 1))),
                "atomic",
                "yes"));
    ApiResponse refused = api.post("/api/batch", body);
    refused.expectError(422, "requests[0].method", "must be one of GET, POST, PUT, DELETE");
    refused.expectError(422, "requests[1].path", "must start with /api/");
    refused.expectError(422, "requests[2].path", "can't be a batch");
    refused.expectError(422, "requests[3].path", "can't be a batch");
    refused.expectError(422, "requests[4].path", "is not a valid path");
    refused.expectError(422, "requests[5].headers.X-N", "must be a string");
    refused.expectError(422, "atomic", "must be true or false");
  }

  @Test
  void aBatchWithoutRequestsOrWithBrokenJsonIsRefused() {
    api.post("/api/batch", "{}").expectError(422, "requests", "can't be blank");
    api.post("/api/batch", "{\"requests\":[]}").expectError(422, "requests", "can't be empty");
    api.post("/api/batch", "{\"requests\":{}}").expectError(422, "requests", "must be an array");
    api.post("/api/batch", "{\"requests\":[").expectError(400, "body", "is not valid JSON");
    api.post("/api/batch", "[]").expectError(422, "body", "must be an object");
  }

  @Test
  void theBatchEndpointIsInTheOpenApiDescription() {
    JsonNode docs = api.get("/v3/api-docs").expect(200);
    assertThat(docs.path("paths").path("/api/batch").path("post").path("responses").has("413"))
        .isTrue();
  }

  private static String article(String title) {
    return Json.wrap("article", "title", title, "description", "d", "body", "b");
  }
}
