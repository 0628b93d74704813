package dev.mach.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiResponse;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.TestUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/articles (filters, paging, counts) and GET /api/articles/feed. */
class ArticleListApiTest extends ApiTest {

  // ---- order and shape ----

  @Test
  void listIsNewestFirst() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("order");
    List<String> created = publish(author, tag, 4);

    JsonNode page = api.get("/api/articles?tag=" + tag).expect(200);

    assertThat(slugs(page)).containsExactlyElementsOf(reversed(created));
    List<String> times =
        page.path("articles").values().stream().map(a -> a.path("createdAt").asString()).toList();
    assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void unfilteredListIsNewestFirstAndStartsWithTheLatestArticles() {
    TestUser author = fixtures.user();
    List<String> created = publish(author, Fixtures.unique("latest"), 3);

    JsonNode page = api.get("/api/articles?limit=3").expect(200);

    assertThat(slugs(page)).containsExactlyElementsOf(reversed(created));
  }

  @Test
  void listItemsHaveNoBodyButSingleReadsDo() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("nobody");
    String slug = publish(author, tag, 1).getFirst();

    List<JsonNode> lists =
        List.of(
            api.get("/api/articles?tag=" + tag).expect(200),
            api.get("/api/articles?author=" + author.username()).expect(200),
            api.get("/api/articles?limit=5").expect(200));
    for (JsonNode list : lists) {
      assertThat(list.path("articles").size()).isPositive();
      for (JsonNode item : list.path("articles").values()) {
        assertThat(item.has("body")).as("body key in list item %s", item).isFalse();
        assertThat(item.has("slug")).isTrue();
        assertThat(item.has("description")).isTrue();
        assertThat(item.has("tagList")).isTrue();
        assertThat(item.has("createdAt")).isTrue();
        assertThat(item.has("updatedAt")).isTrue();
        assertThat(item.has("favorited")).isTrue();
        assertThat(item.has("favoritesCount")).isTrue();
        assertThat(item.path("author").has("username")).isTrue();
      }
    }
    assertThat(api.get("/api/articles/" + slug).expect(200).path("article").has("body")).isTrue();
  }

  @Test
  void tagListKeepsTheAuthorsOrderInLists() {
    TestUser author = fixtures.user();
    String suffix = Fixtures.unique("");
    List<String> tags = List.of("zeta" + suffix, "alpha" + suffix, "mid" + suffix);
    fixtures.article(author, Fixtures.unique("Ordered Tags "), tags);

    for (String query :
        List.of(
            "?tag=" + tags.get(1),
            "?author=" + author.username(),
            "?author=" + author.username() + "&tag=" + tags.get(2))) {
      JsonNode item = api.get("/api/articles" + query).expect(200).path("articles").get(0);
      assertThat(strings(item.path("tagList"))).as(query).containsExactlyElementsOf(tags);
    }
  }

  // ---- filters and counts ----

  @Test
  void articlesCountIsTheTotalMatchingNotThePageSize() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("count");
    publish(author, tag, 5);

    JsonNode page = api.get("/api/articles?tag=" + tag + "&limit=2").expect(200);

    assertThat(page.path("articles").size()).isEqualTo(2);
    assertThat(page.path("articlesCount").asLong()).isEqualTo(5);
  }

  @Test
  void offsetPagesDoNotOverlapAndFollowTheOrder() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("pages");
    List<String> newestFirst = reversed(publish(author, tag, 5));

    List<String> seen = new ArrayList<>();
    for (int offset = 0; offset < 6; offset += 2) {
      JsonNode page = api.get("/api/articles?tag=" + tag + "&limit=2&offset=" + offset).expect(200);
      assertThat(page.path("articlesCount").asLong()).isEqualTo(5);
      assertThat(page.path("articles").size()).isEqualTo(offset < 4 ? 2 : 1);
      seen.addAll(slugs(page));
    }

    assertThat(seen).containsExactlyElementsOf(newestFirst);
    JsonNode past = api.get("/api/articles?tag=" + tag + "&limit=2&offset=5").expect(200);
    assertThat(past.path("articles").size()).isZero();
    assertThat(past.path("articlesCount").asLong()).isEqualTo(5);
  }

  @Test
  void offsetPagesWorkForAuthorAndFavoritedFiltersToo() {
    TestUser author = fixtures.user();
    TestUser fan = fixtures.user();
    List<String> newestFirst = reversed(publish(author, Fixtures.unique("pg"), 3));
    for (String slug : reversed(newestFirst)) {
      fixtures.favorite(fan, slug);
    }

    for (String filter : List.of("author=" + author.username(), "favorited=" + fan.username())) {
      JsonNode first = api.get("/api/articles?" + filter + "&limit=2").expect(200);
      JsonNode second = api.get("/api/articles?" + filter + "&limit=2&offset=2").expect(200);
      assertThat(first.path("articlesCount").asLong()).as(filter).isEqualTo(3);
      assertThat(second.path("articlesCount").asLong()).as(filter).isEqualTo(3);
      List<String> all = new ArrayList<>(slugs(first));
      all.addAll(slugs(second));
      assertThat(all).as(filter).containsExactlyElementsOf(newestFirst);
    }
  }

  @Test
  void defaultLimitIsTwenty() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("twenty");
    List<String> newestFirst = reversed(publish(author, tag, 21));

    JsonNode page = api.get("/api/articles?tag=" + tag).expect(200);

    assertThat(page.path("articles").size()).isEqualTo(20);
    assertThat(page.path("articlesCount").asLong()).isEqualTo(21);
    assertThat(slugs(page)).containsExactlyElementsOf(newestFirst.subList(0, 20));
  }

  @Test
  void limitOfOneHundredIsAccepted() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("hundred");
    publish(author, tag, 3);

    JsonNode page = api.get("/api/articles?tag=" + tag + "&limit=100").expect(200);

    assertThat(page.path("articles").size()).isEqualTo(3);
    assertThat(api.get("/api/articles?limit=100").expect(200).path("articles").size())
        .isLessThanOrEqualTo(100);
  }

  @Test
  void invalidLimitOrOffsetIs422() {
    for (String limit : List.of("0", "101", "-1", "abc", "1.5")) {
      ApiResponse response = api.get("/api/articles?limit=" + limit);
      assertThat(response.status()).as("limit=%s: %s", limit, response.raw()).isEqualTo(422);
      assertThat(response.json().path("errors").path("limit").isArray())
          .as("limit=%s: %s", limit, response.raw())
          .isTrue();
    }
    for (String offset : List.of("-1", "x")) {
      ApiResponse response = api.get("/api/articles?offset=" + offset);
      assertThat(response.status()).as("offset=%s: %s", offset, response.raw()).isEqualTo(422);
      assertThat(response.json().path("errors").path("offset").isArray())
          .as("offset=%s: %s", offset, response.raw())
          .isTrue();
    }
  }

  @Test
  void invalidLimitOrOffsetOnTheFeedIs422() {
    TestUser reader = fixtures.user();
    for (String query : List.of("limit=0", "limit=101", "limit=abc", "offset=-1", "offset=x")) {
      ApiResponse response = api.as(reader).get("/api/articles/feed?" + query);
      assertThat(response.status()).as("%s: %s", query, response.raw()).isEqualTo(422);
      assertThat(response.json().path("errors").isObject()).as(response.raw()).isTrue();
    }
  }

  @Test
  void filteringByAuthorListsOnlyThatAuthorsArticles() {
    TestUser author = fixtures.user();
    TestUser other = fixtures.user();
    String tag = Fixtures.unique("shared");
    List<String> mine = publish(author, tag, 2);
    publish(other, tag, 2);

    JsonNode page = api.get("/api/articles?author=" + author.username()).expect(200);

    assertThat(slugs(page)).containsExactlyElementsOf(reversed(mine));
    assertThat(page.path("articlesCount").asLong()).isEqualTo(2);
    for (JsonNode item : page.path("articles").values()) {
      assertThat(item.path("author").path("username").asString()).isEqualTo(author.username());
    }
  }

  @Test
  void filteringByTagListsOnlyArticlesWithThatTag() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("wanted");
    String tagged =
        fixtures
            .article(author, Fixtures.unique("Tagged "), List.of("x" + tag, tag))
            .path("slug")
            .asString();
    fixtures.article(author, Fixtures.unique("Untagged "), List.of("x" + tag));

    JsonNode page = api.get("/api/articles?tag=" + tag).expect(200);

    assertThat(slugs(page)).containsExactly(tagged);
    assertThat(page.path("articlesCount").asLong()).isEqualTo(1);
  }

  @Test
  void filteringByFavoritedListsTheUsersFavorites() {
    TestUser author = fixtures.user();
    TestUser fan = fixtures.user();
    List<String> slugs = publish(author, Fixtures.unique("fav"), 3);
    fixtures.favorite(fan, slugs.get(0));
    fixtures.favorite(fan, slugs.get(2));

    JsonNode page = api.get("/api/articles?favorited=" + fan.username()).expect(200);

    assertThat(slugs(page)).containsExactly(slugs.get(2), slugs.get(0));
    assertThat(page.path("articlesCount").asLong()).isEqualTo(2);

    api.as(fan).delete("/api/articles/" + slugs.get(2) + "/favorite").expect(200);
    JsonNode after = api.get("/api/articles?favorited=" + fan.username()).expect(200);
    assertThat(slugs(after)).containsExactly(slugs.get(0));
    assertThat(after.path("articlesCount").asLong()).isEqualTo(1);
  }

  @Test
  void combiningAuthorAndTagCountsExactly() {
    TestUser author = fixtures.user();
    TestUser other = fixtures.user();
    String tag = Fixtures.unique("combo");
    List<String> wanted = publish(author, tag, 3);
    publish(author, Fixtures.unique("elsewhere"), 2);
    publish(other, tag, 2);

    JsonNode page =
        api.get("/api/articles?author=" + author.username() + "&tag=" + tag).expect(200);
    assertThat(slugs(page)).containsExactlyElementsOf(reversed(wanted));
    assertThat(page.path("articlesCount").asLong()).isEqualTo(3);

    JsonNode paged =
        api.get("/api/articles?author=" + author.username() + "&tag=" + tag + "&limit=1&offset=1")
            .expect(200);
    assertThat(slugs(paged)).containsExactly(wanted.get(1));
    assertThat(paged.path("articlesCount").asLong()).isEqualTo(3);
  }

  @Test
  void combiningTagAndFavoritedCountsExactly() {
    TestUser author = fixtures.user();
    TestUser fan = fixtures.user();
    String tag = Fixtures.unique("combo");
    List<String> tagged = publish(author, tag, 3);
    List<String> untagged = publish(author, Fixtures.unique("other"), 2);
    fixtures.favorite(fan, tagged.get(0));
    fixtures.favorite(fan, tagged.get(2));
    fixtures.favorite(fan, untagged.get(0));

    JsonNode page =
        api.get("/api/articles?tag=" + tag + "&favorited=" + fan.username()).expect(200);

    assertThat(slugs(page)).containsExactly(tagged.get(2), tagged.get(0));
    assertThat(page.path("articlesCount").asLong()).isEqualTo(2);
  }

  @Test
  void combiningAllThreeFiltersCountsExactly() {
    TestUser author = fixtures.user();
    TestUser other = fixtures.user();
    TestUser fan = fixtures.user();
    String tag = Fixtures.unique("trio");
    List<String> mine = publish(author, tag, 2);
    List<String> theirs = publish(other, tag, 1);
    fixtures.favorite(fan, mine.get(1));
    fixtures.favorite(fan, theirs.get(0));

    JsonNode page =
        api.get(
                "/api/articles?author="
                    + author.username()
                    + "&tag="
                    + tag
                    + "&favorited="
                    + fan.username())
            .expect(200);

    assertThat(slugs(page)).containsExactly(mine.get(1));
    assertThat(page.path("articlesCount").asLong()).isEqualTo(1);
  }

  @Test
  void unknownTagAuthorOrFavoriterGivesAnEmptyList() {
    TestUser author = fixtures.user();
    String tag = Fixtures.unique("real");
    publish(author, tag, 1);

    for (String query :
        List.of(
            "tag=" + Fixtures.unique("nosuchtag"),
            "author=" + Fixtures.unique("nosuchuser"),
            "favorited=" + Fixtures.unique("nosuchuser"),
            "author=" + Fixtures.unique("nosuchuser") + "&tag=" + tag,
            "tag=" + tag + "&favorited=" + Fixtures.unique("nosuchuser"))) {
      JsonNode page = api.get("/api/articles?" + query).expect(200);
      assertThat(page.path("articles").isArray()).as(query).isTrue();
      assertThat(page.path("articles").size()).as(query).isZero();
      assertThat(page.path("articlesCount").asLong()).as(query).isZero();
    }
  }

  @Test
  void globalArticlesCountMovesWithEachNewArticle() {
    TestUser author = fixtures.user();
    long before = api.get("/api/articles").expect(200).path("articlesCount").asLong();

    publish(author, Fixtures.unique("global"), 3);

    JsonNode page = api.get("/api/articles?limit=1").expect(200);
    assertThat(page.path("articlesCount").asLong()).isEqualTo(before + 3);
    assertThat(page.path("articles").size()).isEqualTo(1);
  }

  @Test
  void authenticatedListShowsTheViewersFavoritedAndFollowingFlags() {
    TestUser author = fixtures.user();
    TestUser viewer = fixtures.user();
    String tag = Fixtures.unique("flags");
    List<String> slugs = publish(author, tag, 2);
    fixtures.favorite(viewer, slugs.get(0));
    fixtures.follow(viewer, author);

    JsonNode mine = api.as(viewer).get("/api/articles?tag=" + tag).expect(200);
    JsonNode liked = byslug(mine, slugs.get(0));
    JsonNode notLiked = byslug(mine, slugs.get(1));
    assertThat(liked.path("favorited").asBoolean()).isTrue();
    assertThat(liked.path("favoritesCount").asInt()).isEqualTo(1);
    assertThat(notLiked.path("favorited").asBoolean()).isFalse();
    assertThat(liked.path("author").path("following").asBoolean()).isTrue();
    assertThat(notLiked.path("author").path("following").asBoolean()).isTrue();

    JsonNode anonymous = api.get("/api/articles?tag=" + tag).expect(200);
    for (JsonNode item : anonymous.path("articles").values()) {
      assertThat(item.path("favorited").asBoolean()).isFalse();
      assertThat(item.path("author").path("following").asBoolean()).isFalse();
    }
    assertThat(byslug(anonymous, slugs.get(0)).path("favoritesCount").asInt()).isEqualTo(1);

    JsonNode stranger = api.as(fixtures.user()).get("/api/articles?tag=" + tag).expect(200);
    for (JsonNode item : stranger.path("articles").values()) {
      assertThat(item.path("favorited").asBoolean()).isFalse();
      assertThat(item.path("author").path("following").asBoolean()).isFalse();
    }
  }

  // ---- feed ----

  @Test
  void feedRequiresAToken() {
    api.get("/api/articles/feed").expectError(401, "token", "is missing");
  }

  @Test
  void feedListsOnlyFollowedAuthorsNewestFirstWithTheirTotal() {
    TestUser reader = fixtures.user();
    TestUser followedA = fixtures.user();
    TestUser followedB = fixtures.user();
    TestUser stranger = fixtures.user();
    fixtures.follow(reader, followedA);
    fixtures.follow(reader, followedB);

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      expected.add(fixtures.article(followedA).path("slug").asString());
      fixtures.article(stranger);
      expected.add(fixtures.article(followedB).path("slug").asString());
    }
    fixtures.article(reader);
    awaitJobs(); // timelines lag publication by the fan-out job

    JsonNode feed = api.as(reader).get("/api/articles/feed").expect(200);

    assertThat(slugs(feed)).containsExactlyElementsOf(reversed(expected));
    assertThat(feed.path("articlesCount").asLong()).isEqualTo(6);
    for (JsonNode item : feed.path("articles").values()) {
      assertThat(item.has("body")).as("body key in feed item %s", item).isFalse();
      assertThat(item.path("author").path("following").asBoolean()).isTrue();
    }

    JsonNode page = api.as(reader).get("/api/articles/feed?limit=2&offset=2").expect(200);
    assertThat(slugs(page)).containsExactlyElementsOf(reversed(expected).subList(2, 4));
    assertThat(page.path("articlesCount").asLong()).isEqualTo(6);
  }

  @Test
  void feedIsEmptyWhenFollowingNobody() {
    TestUser reader = fixtures.user();
    fixtures.article(fixtures.user());

    JsonNode feed = api.as(reader).get("/api/articles/feed").expect(200);

    assertThat(feed.path("articles").size()).isZero();
    assertThat(feed.path("articlesCount").asLong()).isZero();
  }

  @Test
  void unfollowingRemovesTheAuthorsArticlesFromTheFeed() {
    TestUser reader = fixtures.user();
    TestUser kept = fixtures.user();
    TestUser dropped = fixtures.user();
    fixtures.follow(reader, kept);
    fixtures.follow(reader, dropped);
    String keptSlug = fixtures.article(kept).path("slug").asString();
    fixtures.article(dropped);
    fixtures.article(dropped);
    awaitJobs();
    assertThat(api.as(reader).get("/api/articles/feed").expect(200).path("articlesCount").asLong())
        .isEqualTo(3);

    api.as(reader).delete("/api/profiles/" + dropped.username() + "/follow").expect(200);

    JsonNode feed = api.as(reader).get("/api/articles/feed").expect(200);
    assertThat(slugs(feed)).containsExactly(keptSlug);
    assertThat(feed.path("articlesCount").asLong()).isEqualTo(1);
  }

  @Test
  void feedReflectsArticlesPublishedAndDeletedByFollowedAuthors() {
    TestUser reader = fixtures.user();
    TestUser author = fixtures.user();
    fixtures.follow(reader, author);
    String first = fixtures.article(author).path("slug").asString();
    String second = fixtures.article(author).path("slug").asString();

    awaitJobs();
    api.as(author).delete("/api/articles/" + first).expect(204);

    JsonNode feed = api.as(reader).get("/api/articles/feed").expect(200);
    assertThat(slugs(feed)).containsExactly(second);
    assertThat(feed.path("articlesCount").asLong()).isEqualTo(1);
  }

  @Test
  void feedShowsTheReadersFavoritedFlag() {
    TestUser reader = fixtures.user();
    TestUser author = fixtures.user();
    fixtures.follow(reader, author);
    String liked = fixtures.article(author).path("slug").asString();
    String other = fixtures.article(author).path("slug").asString();
    fixtures.favorite(reader, liked);
    awaitJobs();

    JsonNode feed = api.as(reader).get("/api/articles/feed").expect(200);

    assertThat(byslug(feed, liked).path("favorited").asBoolean()).isTrue();
    assertThat(byslug(feed, other).path("favorited").asBoolean()).isFalse();
  }

  // ---- helpers ----

  /** Publishes {@code n} articles with {@code tag}, one after another; returns their slugs. */
  private List<String> publish(TestUser author, String tag, int n) {
    List<String> slugs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      slugs.add(
          fixtures
              .article(author, Fixtures.unique("List " + i + " "), List.of(tag))
              .path("slug")
              .asString());
    }
    return slugs;
  }

  private static JsonNode byslug(JsonNode page, String slug) {
    return page.path("articles").values().stream()
        .filter(a -> a.path("slug").asString().equals(slug))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no article " + slug + " in " + page));
  }

  private static List<String> slugs(JsonNode page) {
    return page.path("articles").values().stream().map(a -> a.path("slug").asString()).toList();
  }

  private static List<String> strings(JsonNode array) {
    return array.values().stream().map(JsonNode::asString).toList();
  }

  private static List<String> reversed(List<String> list) {
    return new ArrayList<>(list).reversed();
  }
}
