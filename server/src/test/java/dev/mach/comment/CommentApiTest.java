package dev.mach.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiResponse;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.TestUser;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Comments on articles: add, list, delete. */
class CommentApiTest extends ApiTest {

  private static final Pattern ISO_MILLIS_UTC =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

  @Test
  void addingACommentAnswers201WithTheComment() {
    TestUser commenter = fixtures.user();
    String slug = fixtures.article(fixtures.user()).path("slug").asString();

    JsonNode comment =
        api.as(commenter)
            .post("/api/articles/" + slug + "/comments", Json.wrap("comment", "body", "Nice one"))
            .expect(201)
            .path("comment");

    assertThat(comment.path("id").isIntegralNumber()).as("id in %s", comment).isTrue();
    assertThat(comment.path("body").asString()).isEqualTo("Nice one");
    assertThat(comment.path("createdAt").asString()).matches(ISO_MILLIS_UTC);
    assertThat(comment.path("updatedAt").asString()).matches(ISO_MILLIS_UTC);
    JsonNode author = comment.path("author");
    assertThat(author.path("username").asString()).isEqualTo(commenter.username());
    assertThat(author.has("bio")).isTrue();
    assertThat(author.has("image")).isTrue();
    assertThat(author.path("following").isBoolean()).isTrue();
    assertThat(author.path("following").asBoolean()).isFalse();
  }

  @Test
  void addedCommentReadsBackTheSame() {
    TestUser commenter = fixtures.user();
    String slug = fixtures.article(fixtures.user()).path("slug").asString();
    JsonNode created = fixtures.comment(commenter, slug, "Same everywhere");

    JsonNode listed =
        api.get("/api/articles/" + slug + "/comments").expect(200).path("comments").get(0);

    assertThat(listed.path("id").asLong()).isEqualTo(created.path("id").asLong());
    assertThat(listed.path("body").asString()).isEqualTo("Same everywhere");
    assertThat(listed.path("createdAt").asString()).isEqualTo(created.path("createdAt").asString());
    assertThat(listed.path("updatedAt").asString()).isEqualTo(created.path("updatedAt").asString());
  }

  @Test
  void addingABlankCommentIs422() {
    TestUser commenter = fixtures.user();
    String slug = fixtures.article(fixtures.user()).path("slug").asString();

    api.as(commenter)
        .post("/api/articles/" + slug + "/comments", Json.wrap("comment", "body", ""))
        .expectError(422, "body", "can't be blank");
    api.as(commenter)
        .post("/api/articles/" + slug + "/comments", Json.wrap("comment", "body", "   "))
        .expectError(422, "body", "can't be blank");
    api.as(commenter)
        .post("/api/articles/" + slug + "/comments", Json.wrap("comment", "body", null))
        .expectError(422, "body", "can't be blank");
    api.as(commenter)
        .post("/api/articles/" + slug + "/comments", Json.wrap("comment"))
        .expectError(422, "body", "can't be blank");

    assertThat(api.get("/api/articles/" + slug + "/comments").expect(200).path("comments").size())
        .isZero();
  }

  @Test
  void addingACommentWithANonStringBodyIs422() {
    TestUser commenter = fixtures.user();
    String slug = fixtures.article(fixtures.user()).path("slug").asString();

    ApiResponse response =
        api.as(commenter).post("/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":5}}");

    assertThat(response.status()).as(response.raw()).isEqualTo(422);
    assertThat(response.json().path("errors").path("body").isArray()).as(response.raw()).isTrue();
  }

  @Test
  void addingACommentToAnUnknownArticleIs404() {
    api.as(fixtures.user())
        .post(
            "/api/articles/" + Fixtures.unique("missing") + "/comments",
            Json.wrap("comment", "body", "hello?"))
        .expectError(404, "article", "not found");
  }

  @Test
  void addingACommentRequiresAToken() {
    String slug = fixtures.article(fixtures.user()).path("slug").asString();

    api.post("/api/articles/" + slug + "/comments", Json.wrap("comment", "body", "anonymous"))
        .expectError(401, "token", "is missing");

    assertThat(api.get("/api/articles/" + slug + "/comments").expect(200).path("comments").size())
        .isZero();
  }

  @Test
  void addingACommentToAnUnknownArticleWithoutATokenIs401() {
    api.post(
            "/api/articles/" + Fixtures.unique("missing") + "/comments",
            Json.wrap("comment", "body", "hello?"))
        .expectError(401, "token", "is missing");
  }

  @Test
  void commentsListNewestFirstForAnonymousReaders() {
    TestUser author = fixtures.user();
    TestUser commenter = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    long first = fixtures.comment(commenter, slug, "first").path("id").asLong();
    long second = fixtures.comment(author, slug, "second").path("id").asLong();
    long third = fixtures.comment(commenter, slug, "third").path("id").asLong();

    JsonNode comments = api.get("/api/articles/" + slug + "/comments").expect(200).path("comments");

    assertThat(ids(comments)).containsExactly(third, second, first);
    assertThat(comments.values().stream().map(c -> c.path("body").asString()).toList())
        .containsExactly("third", "second", "first");
    assertThat(comments.get(1).path("author").path("username").asString())
        .isEqualTo(author.username());
    assertThat(comments.get(0).path("author").path("username").asString())
        .isEqualTo(commenter.username());
    for (JsonNode comment : comments.values()) {
      assertThat(comment.path("author").path("following").asBoolean()).isFalse();
    }
  }

  @Test
  void commentsListOnlyThatArticlesComments() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    String otherSlug = fixtures.article(author).path("slug").asString();
    long mine = fixtures.comment(author, slug, "here").path("id").asLong();
    fixtures.comment(author, otherSlug, "there");

    JsonNode comments = api.get("/api/articles/" + slug + "/comments").expect(200).path("comments");

    assertThat(ids(comments)).containsExactly(mine);
  }

  @Test
  void commentsListShowsWhetherTheViewerFollowsEachCommenter() {
    TestUser reader = fixtures.user();
    TestUser followed = fixtures.user();
    TestUser notFollowed = fixtures.user();
    String slug = fixtures.article(fixtures.user()).path("slug").asString();
    fixtures.comment(followed, slug, "by followed");
    fixtures.comment(notFollowed, slug, "by stranger");
    fixtures.follow(reader, followed);

    JsonNode comments =
        api.as(reader).get("/api/articles/" + slug + "/comments").expect(200).path("comments");

    for (JsonNode comment : comments.values()) {
      String username = comment.path("author").path("username").asString();
      assertThat(comment.path("author").path("following").asBoolean())
          .as("following %s", username)
          .isEqualTo(username.equals(followed.username()));
    }
    assertThat(comments.size()).isEqualTo(2);
  }

  @Test
  void commentsOfAnArticleWithoutCommentsAreAnEmptyList() {
    String slug = fixtures.article(fixtures.user()).path("slug").asString();

    JsonNode comments = api.get("/api/articles/" + slug + "/comments").expect(200).path("comments");

    assertThat(comments.isArray()).isTrue();
    assertThat(comments.size()).isZero();
  }

  @Test
  void commentsOfAnUnknownArticleIs404() {
    api.get("/api/articles/" + Fixtures.unique("missing") + "/comments")
        .expectError(404, "article", "not found");
  }

  @Test
  void deletingYourCommentAnswers204AndRemovesIt() {
    TestUser commenter = fixtures.user();
    String slug = fixtures.article(fixtures.user()).path("slug").asString();
    long doomed = fixtures.comment(commenter, slug, "doomed").path("id").asLong();
    long kept = fixtures.comment(commenter, slug, "kept").path("id").asLong();

    ApiResponse response =
        api.as(commenter).delete("/api/articles/" + slug + "/comments/" + doomed);

    assertThat(response.status()).as(response.raw()).isEqualTo(204);
    assertThat(response.raw()).isEmpty();
    assertThat(ids(api.get("/api/articles/" + slug + "/comments").expect(200).path("comments")))
        .containsExactly(kept);
    api.as(commenter)
        .delete("/api/articles/" + slug + "/comments/" + doomed)
        .expectError(404, "comment", "not found");
  }

  @Test
  void deletingSomeoneElsesCommentIs403() {
    TestUser commenter = fixtures.user();
    TestUser articleAuthor = fixtures.user();
    String slug = fixtures.article(articleAuthor).path("slug").asString();
    long id = fixtures.comment(commenter, slug, "mine").path("id").asLong();

    api.as(fixtures.user())
        .delete("/api/articles/" + slug + "/comments/" + id)
        .expectError(403, "comment", "forbidden");
    api.as(articleAuthor)
        .delete("/api/articles/" + slug + "/comments/" + id)
        .expectError(403, "comment", "forbidden");

    assertThat(ids(api.get("/api/articles/" + slug + "/comments").expect(200).path("comments")))
        .containsExactly(id);
  }

  @Test
  void deletingACommentRequiresAToken() {
    TestUser commenter = fixtures.user();
    String slug = fixtures.article(fixtures.user()).path("slug").asString();
    long id = fixtures.comment(commenter, slug, "stays").path("id").asLong();

    api.delete("/api/articles/" + slug + "/comments/" + id).expectError(401, "token", "is missing");
    api.delete("/api/articles/" + Fixtures.unique("missing") + "/comments/1")
        .expectError(401, "token", "is missing");

    assertThat(ids(api.get("/api/articles/" + slug + "/comments").expect(200).path("comments")))
        .containsExactly(id);
  }

  @Test
  void deletingAnUnknownCommentIs404() {
    TestUser user = fixtures.user();
    String slug = fixtures.article(user).path("slug").asString();

    api.as(user)
        .delete("/api/articles/" + slug + "/comments/999999999")
        .expectError(404, "comment", "not found");
    api.as(user)
        .delete("/api/articles/" + slug + "/comments/not-a-number")
        .expectError(404, "comment", "not found");
  }

  @Test
  void deletingACommentThroughAnotherArticleIs404() {
    TestUser commenter = fixtures.user();
    String slug = fixtures.article(fixtures.user()).path("slug").asString();
    String otherSlug = fixtures.article(fixtures.user()).path("slug").asString();
    long id = fixtures.comment(commenter, slug, "belongs to the first").path("id").asLong();

    api.as(commenter)
        .delete("/api/articles/" + otherSlug + "/comments/" + id)
        .expectError(404, "comment", "not found");

    assertThat(ids(api.get("/api/articles/" + slug + "/comments").expect(200).path("comments")))
        .containsExactly(id);
  }

  @Test
  void deletingACommentOfAnUnknownArticleIs404() {
    api.as(fixtures.user())
        .delete("/api/articles/" + Fixtures.unique("missing") + "/comments/1")
        .expectError(404, "article", "not found");
  }

  private static List<Long> ids(JsonNode comments) {
    return comments.values().stream().map(c -> c.path("id").asLong()).toList();
  }
}
