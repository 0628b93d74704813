package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.TestUser;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Cached responses are shared; a reader's own flags never are. */
class ResponseCacheIsolationApiTest extends ApiTest {

  @Test
  void eachReaderSeesOnlyTheirOwnFavoritedAndFollowingFlags() {
    TestUser author = fixtures.user();
    TestUser fan = fixtures.user();
    TestUser stranger = fixtures.user();
    String tag = Fixtures.unique("iso");
    String liked =
        fixtures.article(author, Fixtures.unique("Liked "), List.of(tag)).path("slug").asString();
    String other =
        fixtures.article(author, Fixtures.unique("Other "), List.of(tag)).path("slug").asString();
    fixtures.favorite(fan, liked);
    fixtures.follow(fan, author);
    String list = "/api/articles?tag=" + tag;

    // every order of first reader: the cache is filled by whoever comes first
    for (int round = 0; round < 3; round++) {
      JsonNode forFan = api.as(fan).get(list).expect(200);
      JsonNode forStranger = api.as(stranger).get(list).expect(200);
      JsonNode anonymous = api.get(list).expect(200);

      assertThat(flags(forFan, liked)).containsExactly(true, true);
      assertThat(flags(forFan, other)).containsExactly(false, true);
      assertThat(flags(forStranger, liked)).containsExactly(false, false);
      assertThat(flags(forStranger, other)).containsExactly(false, false);
      assertThat(flags(anonymous, liked)).containsExactly(false, false);
    }
    assertThat(
            api.as(stranger)
                .get("/api/articles/" + liked)
                .expect(200)
                .path("article")
                .path("favorited")
                .asBoolean())
        .isFalse();
    assertThat(
            api.as(fan)
                .get("/api/articles/" + liked)
                .expect(200)
                .path("article")
                .path("favorited")
                .asBoolean())
        .isTrue();
    assertThat(
            api.as(stranger)
                .get("/api/profiles/" + author.username())
                .expect(200)
                .path("profile")
                .path("following")
                .asBoolean())
        .isFalse();
    assertThat(
            api.as(fan)
                .get("/api/profiles/" + author.username())
                .expect(200)
                .path("profile")
                .path("following")
                .asBoolean())
        .isTrue();
  }

  @Test
  void anArticleWhoseTextSpellsAFlagKeepsItsTextForEveryReader() {
    TestUser author = fixtures.user();
    TestUser fan = fixtures.user();
    String title = "Quote \"favorited\":false, and {\"following\":false}";
    String slug = fixtures.article(author, title, List.of()).path("slug").asString();
    fixtures.favorite(fan, slug);
    fixtures.follow(fan, author);
    api.get("/api/articles/" + slug).expect(200);

    JsonNode article = api.as(fan).get("/api/articles/" + slug).expect(200).path("article");

    assertThat(article.path("title").asString()).isEqualTo(title);
    assertThat(article.path("favorited").asBoolean()).isTrue();
    assertThat(article.path("author").path("following").asBoolean()).isTrue();
  }

  @Test
  void signedInResponsesArePrivateAndAnonymousOnesPublic() {
    TestUser reader = fixtures.user();
    api.get("/api/tags").expect(200);
    var anonymous = api.get("/api/tags");
    var signedIn = api.as(reader).get("/api/tags");

    assertThat(anonymous.header("Cache-Control")).isEqualTo("public, no-cache");
    assertThat(signedIn.header("Cache-Control")).isEqualTo("private, no-cache");
    assertThat(anonymous.headers().allValues("Vary")).contains("Accept-Encoding", "Authorization");
  }

  @Test
  void aBadTokenIsStillRefusedOnACachedRead() {
    api.get("/api/articles?limit=2").expect(200);
    api.withHeader("Authorization", "Token not-a-token")
        .get("/api/articles?limit=2")
        .expectError(401, "token", "is invalid");
  }

  private static List<Boolean> flags(JsonNode page, String slug) {
    JsonNode article =
        page.path("articles")
            .valueStream()
            .filter(a -> a.path("slug").asString().equals(slug))
            .findFirst()
            .orElseThrow();
    return List.of(
        article.path("favorited").asBoolean(),
        article.path("author").path("following").asBoolean());
  }
}
