package dev.mach.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST and DELETE /api/articles/{slug}/favorite. */
class ArticleFavoriteApiTest extends ApiTest {

  @Test
  void favoritingReturnsTheArticleFavoritedWithItsCount() {
    TestUser author = fixtures.user();
    TestUser fan = fixtures.user();
    JsonNode created = fixtures.article(author);
    String slug = created.path("slug").asString();

    JsonNode article =
        api.as(fan).post("/api/articles/" + slug + "/favorite").expect(200).path("article");

    assertThat(article.path("slug").asString()).isEqualTo(slug);
    assertThat(article.path("title").asString()).isEqualTo(created.path("title").asString());
    assertThat(article.path("favorited").asBoolean()).isTrue();
    assertThat(article.path("favoritesCount").asInt()).isEqualTo(1);
    assertThat(article.path("author").path("username").asString()).isEqualTo(author.username());

    JsonNode asFan = api.as(fan).get("/api/articles/" + slug).expect(200).path("article");
    assertThat(asFan.path("favorited").asBoolean()).isTrue();
    assertThat(asFan.path("favoritesCount").asInt()).isEqualTo(1);
    JsonNode anonymous = api.get("/api/articles/" + slug).expect(200).path("article");
    assertThat(anonymous.path("favorited").asBoolean()).isFalse();
    assertThat(anonymous.path("favoritesCount").asInt()).isEqualTo(1);
  }

  @Test
  void favoritingTwiceLeavesTheCountAtOne() {
    TestUser fan = fixtures.user();
    String slug = fixtures.article(fixtures.user()).path("slug").asString();

    api.as(fan).post("/api/articles/" + slug + "/favorite").expect(200);
    JsonNode second =
        api.as(fan).post("/api/articles/" + slug + "/favorite").expect(200).path("article");

    assertThat(second.path("favorited").asBoolean()).isTrue();
    assertThat(second.path("favoritesCount").asInt()).isEqualTo(1);
    assertThat(
            api.get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("favoritesCount")
                .asInt())
        .isEqualTo(1);
    assertThat(
            api.get("/api/articles?favorited=" + fan.username())
                .expect(200)
                .path("articlesCount")
                .asLong())
        .isEqualTo(1);
  }

  @Test
  void unfavoritingReturnsTheArticleNotFavorited() {
    TestUser fan = fixtures.user();
    String slug = fixtures.article(fixtures.user()).path("slug").asString();
    fixtures.favorite(fan, slug);

    JsonNode article =
        api.as(fan).delete("/api/articles/" + slug + "/favorite").expect(200).path("article");

    assertThat(article.path("slug").asString()).isEqualTo(slug);
    assertThat(article.path("favorited").asBoolean()).isFalse();
    assertThat(article.path("favoritesCount").asInt()).isZero();
    assertThat(
            api.as(fan)
                .get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("favorited")
                .asBoolean())
        .isFalse();
  }

  @Test
  void unfavoritingTwiceLeavesTheCountAtZero() {
    TestUser fan = fixtures.user();
    TestUser other = fixtures.user();
    String slug = fixtures.article(fixtures.user()).path("slug").asString();
    fixtures.favorite(fan, slug);

    api.as(fan).delete("/api/articles/" + slug + "/favorite").expect(200);
    JsonNode second =
        api.as(fan).delete("/api/articles/" + slug + "/favorite").expect(200).path("article");
    JsonNode never =
        api.as(other).delete("/api/articles/" + slug + "/favorite").expect(200).path("article");

    assertThat(second.path("favorited").asBoolean()).isFalse();
    assertThat(second.path("favoritesCount").asInt()).isZero();
    assertThat(never.path("favoritesCount").asInt()).isZero();
    assertThat(
            api.get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("favoritesCount")
                .asInt())
        .isZero();
    assertThat(
            api.get("/api/articles?favorited=" + fan.username())
                .expect(200)
                .path("articlesCount")
                .asLong())
        .isZero();
  }

  @Test
  void twoUsersFavoritingMakeTheCountTwo() {
    TestUser first = fixtures.user();
    TestUser second = fixtures.user();
    String slug = fixtures.article(fixtures.user()).path("slug").asString();

    api.as(first).post("/api/articles/" + slug + "/favorite").expect(200);
    JsonNode article =
        api.as(second).post("/api/articles/" + slug + "/favorite").expect(200).path("article");

    assertThat(article.path("favorited").asBoolean()).isTrue();
    assertThat(article.path("favoritesCount").asInt()).isEqualTo(2);

    JsonNode afterOneLeaves =
        api.as(first).delete("/api/articles/" + slug + "/favorite").expect(200).path("article");
    assertThat(afterOneLeaves.path("favorited").asBoolean()).isFalse();
    assertThat(afterOneLeaves.path("favoritesCount").asInt()).isEqualTo(1);
    assertThat(
            api.as(second)
                .get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("favorited")
                .asBoolean())
        .isTrue();
  }

  @Test
  void favoritingCountShowsInLists() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("favlist");
    String slug =
        fixtures
            .article(author, Fixtures.unique("Fav In List "), java.util.List.of(tag))
            .path("slug")
            .asString();
    fixtures.favorite(fixtures.user(), slug);
    fixtures.favorite(fixtures.user(), slug);

    JsonNode item = api.get("/api/articles?tag=" + tag).expect(200).path("articles").get(0);

    assertThat(item.path("favoritesCount").asInt()).isEqualTo(2);
  }

  @Test
  void authorsMayFavoriteTheirOwnArticle() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();

    JsonNode article =
        api.as(author).post("/api/articles/" + slug + "/favorite").expect(200).path("article");

    assertThat(article.path("favorited").asBoolean()).isTrue();
    assertThat(article.path("favoritesCount").asInt()).isEqualTo(1);
  }

  @Test
  void favoritingRequiresAToken() {
    String slug = fixtures.article(fixtures.user()).path("slug").asString();

    api.post("/api/articles/" + slug + "/favorite").expectError(401, "token", "is missing");
    api.delete("/api/articles/" + slug + "/favorite").expectError(401, "token", "is missing");

    assertThat(
            api.get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("favoritesCount")
                .asInt())
        .isZero();
  }

  @Test
  void favoritingAnUnknownArticleWithoutATokenIs401() {
    String slug = Fixtures.unique("missing");

    api.post("/api/articles/" + slug + "/favorite").expectError(401, "token", "is missing");
    api.delete("/api/articles/" + slug + "/favorite").expectError(401, "token", "is missing");
  }

  @Test
  void favoritingAnUnknownArticleIs404() {
    TestUser fan = fixtures.user();
    String slug = Fixtures.unique("missing");

    api.as(fan)
        .post("/api/articles/" + slug + "/favorite")
        .expectError(404, "article", "not found");
    api.as(fan)
        .delete("/api/articles/" + slug + "/favorite")
        .expectError(404, "article", "not found");
  }
}
