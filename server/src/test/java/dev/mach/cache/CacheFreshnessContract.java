package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Api;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.TestUser;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * For every write, a read of each resource it affects, made right after the write was acknowledged,
 * shows the new state even though the same read was cached just before. Writes go to {@link #api};
 * reads to {@link #reads}, which is another instance when the cache is shared.
 */
abstract class CacheFreshnessContract extends ApiTest {

  /** Where the reads go: the writing instance itself unless a subclass says otherwise. */
  protected Api reads;

  @BeforeEach
  void readFromTheWritingInstance() {
    reads = api;
  }

  /** Reads twice, so the second read is answered from the cache, and returns it. */
  private JsonNode cached(String path) {
    reads.get(path).expect(200);
    var again = reads.get(path);
    assertThat(again.header("ETag")).as("cached read of %s carries an ETag", path).isNotNull();
    return again.expect(200);
  }

  private static List<String> slugs(JsonNode page) {
    return page.path("articles").valueStream().map(a -> a.path("slug").asString()).toList();
  }

  @Test
  void publishingShowsInTheGlobalTagAndAuthorListsAndTheTags() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("fresh");
    cached("/api/articles?limit=5");
    cached("/api/articles?tag=" + tag);
    cached("/api/articles?author=" + author.username());
    cached("/api/tags");

    String slug =
        fixtures.article(author, Fixtures.unique("New "), List.of(tag)).path("slug").asString();

    assertThat(slugs(reads.get("/api/articles?limit=5").expect(200))).contains(slug);
    var byTag = reads.get("/api/articles?tag=" + tag).expect(200);
    assertThat(slugs(byTag)).containsExactly(slug);
    assertThat(byTag.path("articlesCount").asLong()).isEqualTo(1);
    assertThat(slugs(reads.get("/api/articles?author=" + author.username()).expect(200)))
        .containsExactly(slug);
    assertThat(
            reads.get("/api/tags").expect(200).path("tags").valueStream().map(JsonNode::asString))
        .contains(tag);
  }

  @Test
  void editingShowsInTheArticleTheListsAndTheNewTag() {
    TestUser author = fixtures.user();
    String oldTag = Fixtures.unique("old");
    String newTag = Fixtures.unique("new");
    String slug =
        fixtures
            .article(author, Fixtures.unique("Before "), List.of(oldTag))
            .path("slug")
            .asString();
    cached("/api/articles/" + slug);
    cached("/api/articles?author=" + author.username());
    cached("/api/articles?tag=" + oldTag);
    cached("/api/articles?tag=" + newTag);

    String newSlug =
        api.as(author)
            .put(
                "/api/articles/" + slug,
                Json.wrap("article", "title", "After edit", "tagList", List.of(newTag)))
            .expect(200)
            .path("article")
            .path("slug")
            .asString();

    assertThat(
            reads
                .get("/api/articles/" + newSlug)
                .expect(200)
                .path("article")
                .path("title")
                .asString())
        .isEqualTo("After edit");
    assertThat(
            reads
                .get("/api/articles?author=" + author.username())
                .expect(200)
                .path("articles")
                .get(0)
                .path("title")
                .asString())
        .isEqualTo("After edit");
    assertThat(slugs(reads.get("/api/articles?tag=" + oldTag).expect(200))).isEmpty();
    assertThat(slugs(reads.get("/api/articles?tag=" + newTag).expect(200)))
        .containsExactly(newSlug);
    if (!newSlug.equals(slug)) {
      reads.get("/api/articles/" + slug).expect(404);
    }
  }

  @Test
  void deletingRemovesTheArticleItsCommentsAndItsListEntries() {
    TestUser author = fixtures.user();
    TestUser fan = fixtures.user();
    String tag = Fixtures.unique("gone");
    String slug =
        fixtures.article(author, Fixtures.unique("Doomed "), List.of(tag)).path("slug").asString();
    fixtures.favorite(fan, slug);
    fixtures.comment(fan, slug, "first");
    cached("/api/articles/" + slug);
    cached("/api/articles/" + slug + "/comments");
    cached("/api/articles?tag=" + tag);
    cached("/api/articles?author=" + author.username());
    cached("/api/articles?favorited=" + fan.username());

    api.as(author).delete("/api/articles/" + slug).expect(204);

    reads.get("/api/articles/" + slug).expectError(404, "article", "not found");
    reads.get("/api/articles/" + slug + "/comments").expectError(404, "article", "not found");
    assertThat(slugs(reads.get("/api/articles?tag=" + tag).expect(200))).isEmpty();
    assertThat(slugs(reads.get("/api/articles?author=" + author.username()).expect(200))).isEmpty();
    var favorites = reads.get("/api/articles?favorited=" + fan.username()).expect(200);
    assertThat(slugs(favorites)).isEmpty();
    assertThat(favorites.path("articlesCount").asLong()).isZero();
  }

  @Test
  void favoritingMovesTheCountAndTheFavoritersList() {
    TestUser author = fixtures.user();
    TestUser fan = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    cached("/api/articles/" + slug);
    cached("/api/articles?author=" + author.username());
    cached("/api/articles?favorited=" + fan.username());

    fixtures.favorite(fan, slug);

    assertThat(
            reads
                .get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("favoritesCount")
                .asInt())
        .isEqualTo(1);
    assertThat(
            reads
                .get("/api/articles?author=" + author.username())
                .expect(200)
                .path("articles")
                .get(0)
                .path("favoritesCount")
                .asInt())
        .isEqualTo(1);
    assertThat(slugs(reads.get("/api/articles?favorited=" + fan.username()).expect(200)))
        .containsExactly(slug);

    api.as(fan).delete("/api/articles/" + slug + "/favorite").expect(200);

    assertThat(
            reads
                .get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("favoritesCount")
                .asInt())
        .isZero();
    assertThat(slugs(reads.get("/api/articles?favorited=" + fan.username()).expect(200))).isEmpty();
  }

  @Test
  void commentingAndUncommentingShowInTheComments() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    String path = "/api/articles/" + slug + "/comments";
    cached(path);

    long id = fixtures.comment(author, slug, "hello").path("id").asLong();
    assertThat(
            reads
                .get(path)
                .expect(200)
                .path("comments")
                .valueStream()
                .map(c -> c.path("id").asLong()))
        .containsExactly(id);

    cached(path);
    api.as(author).delete(path + "/" + id).expect(204);
    assertThat(reads.get(path).expect(200).path("comments").size()).isZero();
  }

  @Test
  void followingShowsForTheFollowerOnly() {
    TestUser reader = fixtures.user();
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    String profile = "/api/profiles/" + author.username();
    cached(profile);
    cached("/api/articles/" + slug);
    reads.as(reader).get(profile).expect(200);

    fixtures.follow(reader, author);

    assertThat(
            reads.as(reader).get(profile).expect(200).path("profile").path("following").asBoolean())
        .isTrue();
    assertThat(
            reads
                .as(reader)
                .get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("author")
                .path("following")
                .asBoolean())
        .isTrue();
    assertThat(reads.get(profile).expect(200).path("profile").path("following").asBoolean())
        .isFalse();

    api.as(reader).delete(profile + "/follow").expect(200);
    assertThat(
            reads.as(reader).get(profile).expect(200).path("profile").path("following").asBoolean())
        .isFalse();
  }

  @Test
  void aProfileEditShowsInTheProfileAndAsTheAuthorOfArticlesAndComments() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    fixtures.comment(author, slug, "mine");
    String renamed = Fixtures.unique("renamed");
    cached("/api/profiles/" + author.username());
    reads.get("/api/profiles/" + renamed).expect(404);
    cached("/api/articles/" + slug);
    cached("/api/articles/" + slug + "/comments");
    cached("/api/articles?author=" + author.username());
    cached("/api/articles?author=" + renamed);

    api.as(author)
        .put("/api/user", Json.wrap("user", "username", renamed, "bio", "a new bio"))
        .expect(200);

    reads.get("/api/profiles/" + author.username()).expectError(404, "profile", "not found");
    assertThat(
            reads
                .get("/api/profiles/" + renamed)
                .expect(200)
                .path("profile")
                .path("bio")
                .asString())
        .isEqualTo("a new bio");
    assertThat(
            reads
                .get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("author")
                .path("username")
                .asString())
        .isEqualTo(renamed);
    assertThat(
            reads
                .get("/api/articles/" + slug + "/comments")
                .expect(200)
                .path("comments")
                .get(0)
                .path("author")
                .path("bio")
                .asString())
        .isEqualTo("a new bio");
    assertThat(slugs(reads.get("/api/articles?author=" + author.username()).expect(200))).isEmpty();
    assertThat(slugs(reads.get("/api/articles?author=" + renamed).expect(200)))
        .containsExactly(slug);
  }

  @Test
  void registeringAUsernameFillsItsOnceEmptyLists() {
    String name = Fixtures.unique("later");
    reads.get("/api/profiles/" + name).expect(404);
    cached("/api/articles?author=" + name);

    TestUser user = fixtures.user(name);
    String slug = fixtures.article(user).path("slug").asString();

    assertThat(
            reads
                .get("/api/profiles/" + name)
                .expect(200)
                .path("profile")
                .path("username")
                .asString())
        .isEqualTo(name);
    assertThat(slugs(reads.get("/api/articles?author=" + name).expect(200))).containsExactly(slug);
  }
}
