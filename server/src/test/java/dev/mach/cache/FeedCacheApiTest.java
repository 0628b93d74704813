package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Api;
import dev.mach.support.ApiTest;
import dev.mach.support.Scrape;
import dev.mach.support.TestUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A reader's feed, served from timelines, is kept in the response cache under the reader, and is
 * never served stale: what they follow, favorite, and what their authors publish or delete shows on
 * the next read (a publication once its fan-out job ran).
 */
class FeedCacheApiTest extends ApiTest {

  private double hits() {
    Scrape scrape = Scrape.of(new Api("http://localhost:" + managementPort));
    return scrape.value("mach_cache_requests_total", "route", "feed", "result", "hit");
  }

  private List<String> slugs(TestUser reader) {
    JsonNode feed = api.as(reader).get("/api/articles/feed").expect(200);
    List<String> slugs = new ArrayList<>();
    feed.path("articles").forEach(a -> slugs.add(a.path("slug").asString()));
    return slugs;
  }

  @Test
  void aRepeatedFeedReadIsACacheHitAndEachReaderGetsTheirOwn() {
    TestUser reader = fixtures.user();
    TestUser other = fixtures.user();
    TestUser author = fixtures.user();
    fixtures.follow(reader, author);
    String slug = fixtures.article(author).path("slug").asString();
    awaitJobs();

    assertThat(slugs(reader)).containsExactly(slug);
    double before = hits();
    assertThat(slugs(reader)).containsExactly(slug);
    assertThat(hits()).isEqualTo(before + 1);
    // another reader's key: their own (empty) feed, never the first reader's
    assertThat(slugs(other)).isEmpty();
  }

  @Test
  void aCachedFeedChangesWithPublishingFavoritingUnfollowingAndDeleting() {
    TestUser reader = fixtures.user();
    TestUser author = fixtures.user();
    fixtures.follow(reader, author);
    String first = fixtures.article(author).path("slug").asString();
    awaitJobs();
    assertThat(slugs(reader)).containsExactly(first);
    assertThat(slugs(reader)).containsExactly(first); // now cached

    String second = fixtures.article(author).path("slug").asString();
    awaitJobs();
    assertThat(slugs(reader)).containsExactly(second, first);

    fixtures.favorite(reader, first);
    JsonNode feed = api.as(reader).get("/api/articles/feed").expect(200);
    assertThat(feed.path("articles").get(1).path("favorited").asBoolean()).isTrue();
    assertThat(feed.path("articles").get(1).path("favoritesCount").asInt()).isEqualTo(1);

    api.as(author).delete("/api/articles/" + second).expect(204);
    assertThat(slugs(reader)).containsExactly(first);
    assertThat(api.as(reader).get("/api/articles/feed").expect(200).path("articlesCount").asInt())
        .isEqualTo(1);

    api.as(reader).delete("/api/profiles/" + author.username() + "/follow").expect(200);
    assertThat(slugs(reader)).isEmpty();
  }
}
