package dev.mach.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiResponse;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.TestUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Publishing, reading, editing and deleting one article. */
class ArticleApiTest extends ApiTest {

  private static final Pattern ISO_MILLIS_UTC =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

  // ---- create ----

  @Test
  void creatingAnArticleAnswers201WithTheFullArticle() {
    TestUser author = fixtures.user();
    String title = Fixtures.unique("Full Article ");
    String tag = Fixtures.unique("tag");

    JsonNode article =
        api.as(author)
            .post(
                "/api/articles",
                Json.wrap(
                    "article",
                    "title",
                    title,
                    "description",
                    "A description",
                    "body",
                    "A body",
                    "tagList",
                    List.of(tag)))
            .expect(201)
            .path("article");

    assertThat(article.path("slug").asString()).isNotBlank();
    assertThat(article.path("title").asString()).isEqualTo(title);
    assertThat(article.path("description").asString()).isEqualTo("A description");
    assertThat(article.path("body").asString()).isEqualTo("A body");
    assertThat(strings(article.path("tagList"))).containsExactly(tag);
    assertThat(article.path("createdAt").asString()).matches(ISO_MILLIS_UTC);
    assertThat(article.path("updatedAt").asString()).matches(ISO_MILLIS_UTC);
    assertThat(article.path("favorited").isBoolean()).isTrue();
    assertThat(article.path("favorited").asBoolean()).isFalse();
    assertThat(article.path("favoritesCount").isIntegralNumber()).isTrue();
    assertThat(article.path("favoritesCount").asInt()).isZero();
    JsonNode profile = article.path("author");
    assertThat(profile.path("username").asString()).isEqualTo(author.username());
    assertThat(profile.has("bio")).as("author.bio key in %s", profile).isTrue();
    assertThat(profile.has("image")).as("author.image key in %s", profile).isTrue();
    assertThat(profile.path("following").isBoolean()).isTrue();
    assertThat(profile.path("following").asBoolean()).isFalse();
  }

  @Test
  void creatingWithoutTagListGivesAnEmptyTagList() {
    TestUser author = fixtures.user();

    JsonNode article =
        api.as(author)
            .post(
                "/api/articles",
                Json.wrap(
                    "article",
                    "title",
                    Fixtures.unique("No Tags "),
                    "description",
                    "d",
                    "body",
                    "b"))
            .expect(201)
            .path("article");

    assertThat(article.path("tagList").isArray()).isTrue();
    assertThat(article.path("tagList").size()).isZero();
  }

  @Test
  void creatingRequiresAToken() {
    api.post(
            "/api/articles",
            Json.wrap(
                "article", "title", "t", "description", "d", "body", "b", "tagList", List.of()))
        .expectError(401, "token", "is missing");
  }

  @Test
  void creatingWithABlankTitleDescriptionOrBodyIs422ForEachField() {
    TestUser author = fixtures.user();
    for (String field : List.of("title", "description", "body")) {
      for (Object blank : new Object[] {"", "   ", null}) {
        List<Object> fields =
            new ArrayList<>(List.of("title", "T", "description", "D", "body", "B"));
        fields.set(fields.indexOf(field) + 1, blank);
        api.as(author)
            .post("/api/articles", Json.wrap("article", fields.toArray()))
            .expectError(422, field, "can't be blank");
      }
    }
  }

  @Test
  void creatingWithAMissingTitleDescriptionOrBodyIs422ForEachField() {
    TestUser author = fixtures.user();
    for (String missing : List.of("title", "description", "body")) {
      List<Object> fields = new ArrayList<>();
      for (String f : List.of("title", "description", "body")) {
        if (!f.equals(missing)) {
          fields.add(f);
          fields.add("value of " + f);
        }
      }
      api.as(author)
          .post("/api/articles", Json.wrap("article", fields.toArray()))
          .expectError(422, missing, "can't be blank");
    }
  }

  @Test
  void creatingWithEverythingBlankReportsEveryField() {
    JsonNode errors =
        api.as(fixtures.user())
            .post("/api/articles", Json.wrap("article", "title", "", "description", ""))
            .expect(422)
            .path("errors");

    assertThat(strings(errors.path("title"))).contains("can't be blank");
    assertThat(strings(errors.path("description"))).contains("can't be blank");
    assertThat(strings(errors.path("body"))).contains("can't be blank");
  }

  @Test
  void aRejectedArticleIsNotStored() {
    TestUser author = fixtures.user();
    long globalBefore = globalCount();

    api.as(author)
        .post("/api/articles", Json.wrap("article", "title", Fixtures.unique("T "), "body", ""))
        .expect(422);

    assertThat(globalCount()).isEqualTo(globalBefore);
    JsonNode list = api.get("/api/articles?author=" + author.username()).expect(200);
    assertThat(list.path("articlesCount").asLong()).isZero();
    assertThat(list.path("articles").size()).isZero();
  }

  @Test
  void duplicateTitlesGetDistinctSlugs() {
    TestUser author = fixtures.user();
    TestUser other = fixtures.user();
    String title = Fixtures.unique("Same Title ");

    String first = fixtures.article(author, title, List.of()).path("slug").asString();
    String second = fixtures.article(author, title, List.of()).path("slug").asString();
    String third = fixtures.article(other, title, List.of()).path("slug").asString();

    assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
    assertThat(
            api.get("/api/articles/" + first)
                .expect(200)
                .path("article")
                .path("author")
                .path("username")
                .asString())
        .isEqualTo(author.username());
    assertThat(
            api.get("/api/articles/" + third)
                .expect(200)
                .path("article")
                .path("author")
                .path("username")
                .asString())
        .isEqualTo(other.username());
    assertThat(
            api.get("/api/articles/" + second).expect(200).path("article").path("title").asString())
        .isEqualTo(title);
  }

  @Test
  void theSlugIsDerivedFromTheTitle() {
    String title = Fixtures.unique("Hello World ");

    String slug = fixtures.article(fixtures.user(), title, List.of()).path("slug").asString();

    assertThat(slug).matches("[a-z0-9-]+").startsWith("hello-world-");
  }

  @Test
  void tagListKeepsTheAuthorsOrderInSingleReads() {
    TestUser author = fixtures.user();
    String suffix = Fixtures.unique("");
    List<String> tags = List.of("zeta" + suffix, "alpha" + suffix, "mid" + suffix);

    JsonNode created = fixtures.article(author, Fixtures.unique("Ordered "), tags);
    assertThat(strings(created.path("tagList"))).containsExactlyElementsOf(tags);

    JsonNode read =
        api.get("/api/articles/" + created.path("slug").asString()).expect(200).path("article");
    assertThat(strings(read.path("tagList"))).containsExactlyElementsOf(tags);
  }

  @Test
  void createdAtIsMillisecondUtcAndReadsBackAsTheSameString() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("tag");
    JsonNode created = fixtures.article(author, Fixtures.unique("Stable Time "), List.of(tag));
    String slug = created.path("slug").asString();
    String createdAt = created.path("createdAt").asString();
    assertThat(createdAt).matches(ISO_MILLIS_UTC);
    assertThat(created.path("updatedAt").asString()).isEqualTo(createdAt);

    assertThat(
            api.get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("createdAt")
                .asString())
        .isEqualTo(createdAt);
    assertThat(
            api.get("/api/articles?tag=" + tag)
                .expect(200)
                .path("articles")
                .get(0)
                .path("createdAt")
                .asString())
        .isEqualTo(createdAt);
    assertThat(
            api.get("/api/articles?author=" + author.username())
                .expect(200)
                .path("articles")
                .get(0)
                .path("createdAt")
                .asString())
        .isEqualTo(createdAt);

    JsonNode updated =
        api.as(author)
            .put("/api/articles/" + slug, Json.wrap("article", "body", "new body"))
            .expect(200)
            .path("article");
    assertThat(updated.path("createdAt").asString()).isEqualTo(createdAt);
    assertThat(
            api.get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("createdAt")
                .asString())
        .isEqualTo(createdAt);
  }

  // ---- get ----

  @Test
  void gettingAnArticleReturnsItWithItsBody() {
    TestUser author = fixtures.user();
    String title = Fixtures.unique("Readable ");
    String slug = fixtures.article(author, title, List.of()).path("slug").asString();

    JsonNode article = api.get("/api/articles/" + slug).expect(200).path("article");

    assertThat(article.path("slug").asString()).isEqualTo(slug);
    assertThat(article.path("title").asString()).isEqualTo(title);
    assertThat(article.path("description").asString()).isEqualTo("About " + title);
    assertThat(article.path("body").asString()).isEqualTo("The body of " + title);
    assertThat(article.path("author").path("username").asString()).isEqualTo(author.username());
    assertThat(article.path("favorited").asBoolean()).isFalse();
  }

  @Test
  void gettingAnUnknownArticleIs404() {
    api.get("/api/articles/" + Fixtures.unique("no-such-article"))
        .expectError(404, "article", "not found");
  }

  @Test
  void gettingAnArticleShowsWhetherTheViewerFollowsTheAuthor() {
    TestUser author = fixtures.user();
    TestUser reader = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    fixtures.follow(reader, author);

    assertThat(
            api.as(reader)
                .get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("author")
                .path("following")
                .asBoolean())
        .isTrue();
    assertThat(
            api.get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("author")
                .path("following")
                .asBoolean())
        .isFalse();
  }

  // ---- update ----

  @Test
  void updatingChangesOnlyTheFieldsSent() {
    TestUser author = fixtures.user();
    String title = Fixtures.unique("Partial ");
    String slug = fixtures.article(author, title, List.of()).path("slug").asString();

    JsonNode updated =
        api.as(author)
            .put("/api/articles/" + slug, Json.wrap("article", "description", "new description"))
            .expect(200)
            .path("article");

    assertThat(updated.path("slug").asString()).isEqualTo(slug);
    assertThat(updated.path("title").asString()).isEqualTo(title);
    assertThat(updated.path("description").asString()).isEqualTo("new description");
    assertThat(updated.path("body").asString()).isEqualTo("The body of " + title);

    JsonNode reread = api.get("/api/articles/" + slug).expect(200).path("article");
    assertThat(reread.path("description").asString()).isEqualTo("new description");
    assertThat(reread.path("body").asString()).isEqualTo("The body of " + title);

    api.as(author)
        .put("/api/articles/" + slug, Json.wrap("article", "body", "new body"))
        .expect(200);
    reread = api.get("/api/articles/" + slug).expect(200).path("article");
    assertThat(reread.path("description").asString()).isEqualTo("new description");
    assertThat(reread.path("body").asString()).isEqualTo("new body");
  }

  @Test
  void updatingWithoutTagListKeepsTheTags() {
    TestUser author = fixtures.user();
    String suffix = Fixtures.unique("");
    List<String> tags = List.of("keep-b" + suffix, "keep-a" + suffix);
    String slug =
        fixtures.article(author, Fixtures.unique("Keep Tags "), tags).path("slug").asString();

    JsonNode updated =
        api.as(author)
            .put("/api/articles/" + slug, Json.wrap("article", "body", "edited"))
            .expect(200)
            .path("article");

    assertThat(strings(updated.path("tagList"))).containsExactlyElementsOf(tags);
    assertThat(
            strings(api.get("/api/articles/" + slug).expect(200).path("article").path("tagList")))
        .containsExactlyElementsOf(tags);
    assertThat(
            api.get("/api/articles?tag=" + tags.get(0)).expect(200).path("articlesCount").asLong())
        .isEqualTo(1);
  }

  @Test
  void updatingWithAnEmptyTagListClearsTheTags() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("clear");
    String slug =
        fixtures
            .article(author, Fixtures.unique("Clear Tags "), List.of(tag))
            .path("slug")
            .asString();

    JsonNode updated =
        api.as(author)
            .put("/api/articles/" + slug, Json.wrap("article", "tagList", List.of()))
            .expect(200)
            .path("article");

    assertThat(updated.path("tagList").isArray()).isTrue();
    assertThat(updated.path("tagList").size()).isZero();
    assertThat(api.get("/api/articles/" + slug).expect(200).path("article").path("tagList").size())
        .isZero();
    JsonNode byTag = api.get("/api/articles?tag=" + tag).expect(200);
    assertThat(byTag.path("articles").size()).isZero();
    assertThat(byTag.path("articlesCount").asLong()).isZero();
    assertThat(strings(api.get("/api/tags").expect(200).path("tags"))).doesNotContain(tag);
  }

  @Test
  void updatingTheTagListReplacesItInTheGivenOrder() {
    TestUser author = fixtures.user();
    String suffix = Fixtures.unique("");
    String old = "old" + suffix;
    String slug =
        fixtures.article(author, Fixtures.unique("Retag "), List.of(old)).path("slug").asString();
    List<String> replacement = List.of("zz" + suffix, "aa" + suffix, "mm" + suffix);

    JsonNode updated =
        api.as(author)
            .put("/api/articles/" + slug, Json.wrap("article", "tagList", replacement))
            .expect(200)
            .path("article");

    assertThat(strings(updated.path("tagList"))).containsExactlyElementsOf(replacement);
    assertThat(
            strings(api.get("/api/articles/" + slug).expect(200).path("article").path("tagList")))
        .containsExactlyElementsOf(replacement);
    List<String> inUse = strings(api.get("/api/tags").expect(200).path("tags"));
    assertThat(inUse).containsAll(replacement).doesNotContain(old);
    assertThat(api.get("/api/articles?tag=" + old).expect(200).path("articlesCount").asLong())
        .isZero();
    assertThat(
            api.get("/api/articles?tag=" + replacement.get(1))
                .expect(200)
                .path("articlesCount")
                .asLong())
        .isEqualTo(1);
  }

  @Test
  void updatingWithANullTagListIs422() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("tag");
    String slug =
        fixtures
            .article(author, Fixtures.unique("Null Tags "), List.of(tag))
            .path("slug")
            .asString();

    ApiResponse response =
        api.as(author).put("/api/articles/" + slug, "{\"article\":{\"tagList\":null}}");

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().path("errors").path("tagList").isArray())
        .as(response.raw())
        .isTrue();
    assertThat(
            strings(api.get("/api/articles/" + slug).expect(200).path("article").path("tagList")))
        .containsExactly(tag);
  }

  @Test
  void updatingWithABlankTitleIs422AndChangesNothing() {
    TestUser author = fixtures.user();
    String title = Fixtures.unique("Not Blank ");
    String slug = fixtures.article(author, title, List.of()).path("slug").asString();

    api.as(author)
        .put("/api/articles/" + slug, Json.wrap("article", "title", "  ", "body", "changed"))
        .expectError(422, "title", "can't be blank");
    api.as(author)
        .put("/api/articles/" + slug, Json.wrap("article", "title", null))
        .expectError(422, "title", "can't be blank");

    JsonNode article = api.get("/api/articles/" + slug).expect(200).path("article");
    assertThat(article.path("title").asString()).isEqualTo(title);
    assertThat(article.path("body").asString()).isEqualTo("The body of " + title);
  }

  @Test
  void updatingWithABlankDescriptionOrBodyIs422() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();

    api.as(author)
        .put("/api/articles/" + slug, Json.wrap("article", "description", ""))
        .expectError(422, "description", "can't be blank");
    api.as(author)
        .put("/api/articles/" + slug, Json.wrap("article", "body", " "))
        .expectError(422, "body", "can't be blank");
  }

  @Test
  void changingTheTitleChangesTheSlug() {
    TestUser author = fixtures.user();
    String slug =
        fixtures
            .article(author, Fixtures.unique("Before Rename "), List.of())
            .path("slug")
            .asString();
    String newTitle = Fixtures.unique("After Rename ");

    JsonNode updated =
        api.as(author)
            .put("/api/articles/" + slug, Json.wrap("article", "title", newTitle))
            .expect(200)
            .path("article");

    String newSlug = updated.path("slug").asString();
    assertThat(newSlug).isNotEqualTo(slug).startsWith("after-rename-");
    assertThat(updated.path("title").asString()).isEqualTo(newTitle);
    api.get("/api/articles/" + slug).expectError(404, "article", "not found");
    JsonNode reread = api.get("/api/articles/" + newSlug).expect(200).path("article");
    assertThat(reread.path("title").asString()).isEqualTo(newTitle);
    assertThat(reread.path("slug").asString()).isEqualTo(newSlug);
  }

  @Test
  void renamingToAnotherArticlesTitleGetsADistinctSlug() {
    TestUser author = fixtures.user();
    String takenTitle = Fixtures.unique("Taken Title ");
    String takenSlug = fixtures.article(author, takenTitle, List.of()).path("slug").asString();
    String slug = fixtures.article(author).path("slug").asString();

    String newSlug =
        api.as(author)
            .put("/api/articles/" + slug, Json.wrap("article", "title", takenTitle))
            .expect(200)
            .path("article")
            .path("slug")
            .asString();

    assertThat(newSlug).isNotEqualTo(takenSlug).isNotEqualTo(slug);
    assertThat(
            api.get("/api/articles/" + newSlug)
                .expect(200)
                .path("article")
                .path("title")
                .asString())
        .isEqualTo(takenTitle);
    JsonNode untouched = api.get("/api/articles/" + takenSlug).expect(200).path("article");
    assertThat(untouched.path("title").asString()).isEqualTo(takenTitle);
    assertThat(untouched.path("body").asString()).isEqualTo("The body of " + takenTitle);
  }

  @Test
  void sendingTheSameTitleKeepsTheSlug() {
    TestUser author = fixtures.user();
    String title = Fixtures.unique("Unchanged Title ");
    String slug = fixtures.article(author, title, List.of()).path("slug").asString();

    JsonNode updated =
        api.as(author)
            .put("/api/articles/" + slug, Json.wrap("article", "title", title, "body", "new"))
            .expect(200)
            .path("article");

    assertThat(updated.path("slug").asString()).isEqualTo(slug);
    assertThat(api.get("/api/articles/" + slug).expect(200).path("article").path("body").asString())
        .isEqualTo("new");
  }

  @Test
  void renamingKeepsCommentsAndFavoritesOnTheArticle() {
    TestUser author = fixtures.user();
    TestUser fan = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    fixtures.favorite(fan, slug);
    fixtures.comment(fan, slug, "still here");

    String newSlug =
        api.as(author)
            .put(
                "/api/articles/" + slug, Json.wrap("article", "title", Fixtures.unique("Renamed ")))
            .expect(200)
            .path("article")
            .path("slug")
            .asString();

    JsonNode article = api.as(fan).get("/api/articles/" + newSlug).expect(200).path("article");
    assertThat(article.path("favorited").asBoolean()).isTrue();
    assertThat(article.path("favoritesCount").asInt()).isEqualTo(1);
    JsonNode comments =
        api.get("/api/articles/" + newSlug + "/comments").expect(200).path("comments");
    assertThat(comments.size()).isEqualTo(1);
    assertThat(comments.get(0).path("body").asString()).isEqualTo("still here");
  }

  @Test
  void updatedAtMovesStrictlyForwardEvenForAnImmediateUpdate() {
    TestUser author = fixtures.user();
    JsonNode created = fixtures.article(author);
    String slug = created.path("slug").asString();
    Instant previous = Instant.parse(created.path("updatedAt").asString());

    for (int i = 0; i < 3; i++) {
      JsonNode updated =
          api.as(author)
              .put("/api/articles/" + slug, Json.wrap("article", "body", "edit " + i))
              .expect(200)
              .path("article");
      String updatedAt = updated.path("updatedAt").asString();
      assertThat(updatedAt).matches(ISO_MILLIS_UTC);
      Instant current = Instant.parse(updatedAt);
      assertThat(current).isAfter(previous);
      assertThat(
              api.get("/api/articles/" + slug)
                  .expect(200)
                  .path("article")
                  .path("updatedAt")
                  .asString())
          .isEqualTo(updatedAt);
      previous = current;
    }
    assertThat(
            api.get("/api/articles/" + slug)
                .expect(200)
                .path("article")
                .path("createdAt")
                .asString())
        .isEqualTo(created.path("createdAt").asString());
  }

  @Test
  void updatingSomeoneElsesArticleIs403AndChangesNothing() {
    TestUser author = fixtures.user();
    String title = Fixtures.unique("Mine ");
    String slug = fixtures.article(author, title, List.of()).path("slug").asString();

    api.as(fixtures.user())
        .put("/api/articles/" + slug, Json.wrap("article", "title", "Hijacked"))
        .expectError(403, "article", "forbidden");

    assertThat(
            api.get("/api/articles/" + slug).expect(200).path("article").path("title").asString())
        .isEqualTo(title);
  }

  @Test
  void updatingRequiresAToken() {
    String slug = fixtures.article(fixtures.user()).path("slug").asString();

    api.put("/api/articles/" + slug, Json.wrap("article", "body", "x"))
        .expectError(401, "token", "is missing");
  }

  @Test
  void updatingAnUnknownArticleIs404() {
    api.as(fixtures.user())
        .put("/api/articles/" + Fixtures.unique("missing"), Json.wrap("article", "body", "x"))
        .expectError(404, "article", "not found");
  }

  @Test
  void updatingAnUnknownArticleWithoutATokenIs401() {
    api.put("/api/articles/" + Fixtures.unique("missing"), Json.wrap("article", "body", "x"))
        .expectError(401, "token", "is missing");
  }

  // ---- delete ----

  @Test
  void deletingAnArticleAnswers204AndItIsGone() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("gone");
    String slug =
        fixtures.article(author, Fixtures.unique("Doomed "), List.of(tag)).path("slug").asString();

    ApiResponse response = api.as(author).delete("/api/articles/" + slug);

    assertThat(response.status()).as(response.raw()).isEqualTo(204);
    assertThat(response.raw()).isEmpty();
    api.get("/api/articles/" + slug).expectError(404, "article", "not found");
    JsonNode byAuthor = api.get("/api/articles?author=" + author.username()).expect(200);
    assertThat(byAuthor.path("articles").size()).isZero();
    assertThat(byAuthor.path("articlesCount").asLong()).isZero();
    assertThat(api.get("/api/articles?tag=" + tag).expect(200).path("articlesCount").asLong())
        .isZero();
  }

  @Test
  void deletingAnArticleRemovesItFromTheFavoritersList() {
    TestUser author = fixtures.user();
    TestUser fan = fixtures.user();
    String doomed = fixtures.article(author).path("slug").asString();
    String kept = fixtures.article(author).path("slug").asString();
    fixtures.favorite(fan, doomed);
    fixtures.favorite(fan, kept);
    assertThat(favoritedBy(fan).path("articlesCount").asLong()).isEqualTo(2);

    api.as(author).delete("/api/articles/" + doomed).expect(204);

    JsonNode favorites = favoritedBy(fan);
    assertThat(favorites.path("articlesCount").asLong()).isEqualTo(1);
    assertThat(slugs(favorites)).containsExactly(kept);
  }

  @Test
  void deletingAnArticleDeletesItsComments() {
    TestUser author = fixtures.user();
    TestUser commenter = fixtures.user();
    String title = Fixtures.unique("Commented ");
    String slug = fixtures.article(author, title, List.of()).path("slug").asString();
    fixtures.comment(commenter, slug, "first");
    fixtures.comment(author, slug, "second");

    api.as(author).delete("/api/articles/" + slug).expect(204);

    api.get("/api/articles/" + slug + "/comments").expectError(404, "article", "not found");
    String reborn = fixtures.article(author, title, List.of()).path("slug").asString();
    JsonNode comments =
        api.get("/api/articles/" + reborn + "/comments").expect(200).path("comments");
    assertThat(comments.isArray()).isTrue();
    assertThat(comments.size()).isZero();
    assertThat(
            api.as(commenter)
                .get("/api/articles/" + reborn)
                .expect(200)
                .path("article")
                .path("favoritesCount")
                .asInt())
        .isZero();
  }

  @Test
  void deletingAnArticleLowersTheGlobalCount() {
    TestUser author = fixtures.user();
    long before = globalCount();
    String slug = fixtures.article(author).path("slug").asString();
    assertThat(globalCount()).isEqualTo(before + 1);

    api.as(author).delete("/api/articles/" + slug).expect(204);

    assertThat(globalCount()).isEqualTo(before);
  }

  @Test
  void deletingSomeoneElsesArticleIs403AndKeepsIt() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();

    api.as(fixtures.user())
        .delete("/api/articles/" + slug)
        .expectError(403, "article", "forbidden");

    api.get("/api/articles/" + slug).expect(200);
  }

  @Test
  void deletingRequiresAToken() {
    String slug = fixtures.article(fixtures.user()).path("slug").asString();

    api.delete("/api/articles/" + slug).expectError(401, "token", "is missing");

    api.get("/api/articles/" + slug).expect(200);
  }

  @Test
  void deletingAnUnknownArticleWithoutATokenIs401Not404() {
    api.delete("/api/articles/" + Fixtures.unique("missing"))
        .expectError(401, "token", "is missing");
  }

  @Test
  void deletingAnUnknownArticleIs404() {
    api.as(fixtures.user())
        .delete("/api/articles/" + Fixtures.unique("missing"))
        .expectError(404, "article", "not found");
  }

  @Test
  void deletingTwiceIs404TheSecondTime() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();

    api.as(author).delete("/api/articles/" + slug).expect(204);
    api.as(author).delete("/api/articles/" + slug).expectError(404, "article", "not found");
  }

  // ---- helpers ----

  private JsonNode favoritedBy(TestUser user) {
    return api.get("/api/articles?favorited=" + user.username()).expect(200);
  }

  private long globalCount() {
    return api.get("/api/articles?limit=1").expect(200).path("articlesCount").asLong();
  }

  private static List<String> slugs(JsonNode page) {
    return page.path("articles").values().stream().map(a -> a.path("slug").asString()).toList();
  }

  private static List<String> strings(JsonNode array) {
    return array.values().stream().map(JsonNode::asString).toList();
  }
}
