package dev.mach.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Api;
import dev.mach.support.ApiResponse;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Mach extension GET /api/users: every user's public profile, a page at a time. */
class UserDirectoryApiTest extends ApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theDirectoryDefaultsToPageOneWithTenPerPage() {
    for (int i = 0; i < 11; i++) {
      fixtures.user();
    }

    JsonNode body = directory(api, "");

    assertThat(List.copyOf(body.propertyNames()))
        .containsExactlyInAnyOrder("users", "usersCount", "page", "perPage");
    assertThat(body.path("page").asLong()).isEqualTo(1);
    assertThat(body.path("perPage").asInt()).isEqualTo(10);
    assertThat(body.path("usersCount").asLong()).isGreaterThanOrEqualTo(11);
    assertThat(body.path("users").size()).isEqualTo(10);
    assertThat(usernames(body)).isEqualTo(usernames(directory(api, "?page=1&per_page=10")));
  }

  @Test
  void eachEntryIsAPublicProfile() {
    TestUser user = fixtures.user();
    api.as(user)
        .put("/api/user", Json.wrap("user", "bio", "listed bio", "image", "https://img.test/l.png"))
        .expect(200);

    JsonNode entry = entryFor(api, user.username());

    assertThat(List.copyOf(entry.propertyNames()))
        .containsExactlyInAnyOrder("username", "bio", "image", "following");
    assertThat(entry.path("bio").asString()).isEqualTo("listed bio");
    assertThat(entry.path("image").asString()).isEqualTo("https://img.test/l.png");
    assertThat(entry.path("following").asBoolean()).isFalse();
  }

  @Test
  void usersCountGrowsByExactlyOnePerRegistration() {
    long before = usersCount();

    fixtures.user();
    assertThat(usersCount()).isEqualTo(before + 1);

    fixtures.user();
    fixtures.user();
    assertThat(usersCount()).isEqualTo(before + 3);
  }

  @Test
  void aRejectedRegistrationDoesNotChangeUsersCount() {
    TestUser existing = fixtures.user();
    long before = usersCount();

    api.post(
            "/api/users",
            Json.wrap(
                "user",
                "username",
                existing.username(),
                "email",
                Fixtures.unique("e") + "@x.test",
                "password",
                "password-123"))
        .expect(409);
    api.post(
            "/api/users",
            Json.wrap(
                "user",
                "username",
                Fixtures.unique("u"),
                "email",
                existing.email().toUpperCase(),
                "password",
                "password-123"))
        .expect(409);
    api.post(
            "/api/users",
            Json.wrap("user", "username", Fixtures.unique("u"), "email", "", "password", "short"))
        .expect(422);

    assertThat(usersCount()).isEqualTo(before);
  }

  @Test
  void updatingAUserDoesNotChangeUsersCount() {
    TestUser user = fixtures.user();
    long before = usersCount();

    api.as(user)
        .put("/api/user", Json.wrap("user", "username", Fixtures.unique("renamed"), "bio", "b"))
        .expect(200);

    assertThat(usersCount()).isEqualTo(before);
  }

  @Test
  void usersCountIsTheNumberOfUsersListed() {
    fixtures.user();

    List<String> everyone = allUsernames(api, 100);

    assertThat(everyone).hasSize((int) usersCount()).doesNotHaveDuplicates();
  }

  @Test
  void pagesDoNotOverlapAndTogetherListEveryUserOnce() {
    for (int i = 0; i < 5; i++) {
      fixtures.user();
    }

    List<String> bySeven = allUsernames(api, 7);
    List<String> byHundred = allUsernames(api, 100);

    assertThat(bySeven).doesNotHaveDuplicates().isEqualTo(byHundred);
  }

  @Test
  void consecutivePagesAreAdjacentSlicesOfOneOrder() {
    for (int i = 0; i < 6; i++) {
      fixtures.user();
    }

    List<String> pageOne = usernames(directory(api, "?page=1&per_page=3"));
    List<String> pageTwo = usernames(directory(api, "?page=2&per_page=3"));
    List<String> both = usernames(directory(api, "?page=1&per_page=6"));

    assertThat(pageOne).hasSize(3).doesNotContainAnyElementsOf(pageTwo);
    assertThat(pageTwo).hasSize(3);
    List<String> joined = new ArrayList<>(pageOne);
    joined.addAll(pageTwo);
    assertThat(joined).isEqualTo(both);
  }

  @Test
  void usersAreListedInRegistrationOrder() {
    TestUser first = fixtures.user(Fixtures.unique("zzz"));
    TestUser second = fixtures.user(Fixtures.unique("aaa"));
    TestUser third = fixtures.user(Fixtures.unique("mmm"));

    List<String> everyone = allUsernames(api, 100);

    assertThat(everyone.subList(everyone.size() - 3, everyone.size()))
        .containsExactly(first.username(), second.username(), third.username());
  }

  @Test
  void theLastPagesHoldTheNewestUsers() {
    TestUser first = fixtures.user();
    TestUser second = fixtures.user();
    TestUser third = fixtures.user();
    long count = usersCount();

    assertThat(usernames(directory(api, "?per_page=1&page=" + (count - 2))))
        .containsExactly(first.username());
    assertThat(usernames(directory(api, "?per_page=1&page=" + (count - 1))))
        .containsExactly(second.username());
    assertThat(usernames(directory(api, "?per_page=1&page=" + count)))
        .containsExactly(third.username());
  }

  @Test
  void aRenamedUserKeepsTheirPlaceInTheOrder() {
    TestUser first = fixtures.user();
    TestUser second = fixtures.user();
    String newName = Fixtures.unique("aaa");

    api.as(first).put("/api/user", Json.wrap("user", "username", newName)).expect(200);

    List<String> everyone = allUsernames(api, 100);
    assertThat(everyone.subList(everyone.size() - 2, everyone.size()))
        .containsExactly(newName, second.username());
  }

  @Test
  void theResponseEchoesPageAndPerPage() {
    for (int i = 0; i < 6; i++) {
      fixtures.user();
    }

    JsonNode body = directory(api, "?page=2&per_page=3");

    assertThat(body.path("page").asLong()).isEqualTo(2);
    assertThat(body.path("perPage").asInt()).isEqualTo(3);
    assertThat(body.path("users").size()).isEqualTo(3);
  }

  @Test
  void aPageBeyondTheEndIsEmptyButStillCounts() {
    fixtures.user();
    long count = usersCount();
    long beyond = count / 10 + 2;

    JsonNode body = directory(api, "?page=" + beyond);

    assertThat(body.path("users").isArray()).isTrue();
    assertThat(body.path("users").size()).isZero();
    assertThat(body.path("usersCount").asLong()).isEqualTo(count);
    assertThat(body.path("page").asLong()).isEqualTo(beyond);
  }

  @Test
  void perPageOfOneAndOfOneHundredAreAccepted() {
    fixtures.user();
    fixtures.user();

    JsonNode one = directory(api, "?per_page=1");
    JsonNode hundred = directory(api, "?per_page=100");

    assertThat(one.path("perPage").asInt()).isEqualTo(1);
    assertThat(one.path("users").size()).isEqualTo(1);
    assertThat(hundred.path("perPage").asInt()).isEqualTo(100);
    assertThat(hundred.path("users").size())
        .isEqualTo((int) Math.min(100, hundred.path("usersCount").asLong()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "", "1000000000000"})
  void anOutOfRangeOrNonNumericPerPageIsUnprocessable(String perPage) {
    ApiResponse response = api.get("/api/users?per_page=" + perPage);

    response.expect(422);
    assertThat(List.copyOf(response.json().path("errors").propertyNames()))
        .containsExactly("per_page");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "x", "1.5", "", "99999999999999"})
  void anOutOfRangeOrNonNumericPageIsUnprocessable(String page) {
    ApiResponse response = api.get("/api/users?page=" + page);

    response.expect(422);
    assertThat(List.copyOf(response.json().path("errors").propertyNames())).containsExactly("page");
  }

  @Test
  void theFollowingFlagsAreTheViewers() {
    TestUser viewer = fixtures.user();
    TestUser followed = fixtures.user();
    TestUser notFollowed = fixtures.user();
    TestUser otherViewer = fixtures.user();
    fixtures.follow(viewer, followed);
    fixtures.follow(otherViewer, notFollowed);

    Map<String, Boolean> seenByViewer = lastFlags(api.as(viewer), 4);
    Map<String, Boolean> seenByOther = lastFlags(api.as(otherViewer), 4);
    Map<String, Boolean> seenAnonymously = lastFlags(api, 4);

    assertThat(seenByViewer)
        .containsEntry(followed.username(), true)
        .containsEntry(notFollowed.username(), false)
        .containsEntry(viewer.username(), false)
        .containsEntry(otherViewer.username(), false);
    assertThat(seenByOther)
        .containsEntry(followed.username(), false)
        .containsEntry(notFollowed.username(), true);
    assertThat(seenAnonymously).doesNotContainValue(true).hasSize(4);
  }

  @Test
  void aBearerTokenGivesTheSameFlags() {
    TestUser viewer = fixtures.user();
    TestUser followed = fixtures.user();
    fixtures.follow(viewer, followed);

    Map<String, Boolean> flags =
        lastFlags(api.withHeader("Authorization", "Bearer " + viewer.token()), 2);

    assertThat(flags).containsEntry(followed.username(), true);
  }

  @Test
  void anInvalidTokenIsUnauthorized() {
    ApiResponse response = api.as("garbage").get("/api/users");

    assertThat(response.expect(401))
        .isEqualTo(JSON.readTree("{\"errors\":{\"token\":[\"is invalid\"]}}"));
  }

  // ---- helpers ----

  private static JsonNode directory(Api client, String query) {
    return client.get("/api/users" + query).expect(200);
  }

  private long usersCount() {
    return directory(api, "?per_page=1").path("usersCount").asLong();
  }

  private static List<String> usernames(JsonNode body) {
    return body.path("users").values().stream().map(u -> u.path("username").asString()).toList();
  }

  /** Every username in directory order, walking the pages; the count must hold still meanwhile. */
  private static List<String> allUsernames(Api client, int perPage) {
    List<String> all = new ArrayList<>();
    long count = -1;
    for (int page = 1; ; page++) {
      JsonNode body = directory(client, "?page=" + page + "&per_page=" + perPage);
      if (count < 0) {
        count = body.path("usersCount").asLong();
      }
      assertThat(body.path("usersCount").asLong()).isEqualTo(count);
      List<String> names = usernames(body);
      assertThat(names.size()).isLessThanOrEqualTo(perPage);
      all.addAll(names);
      if (names.size() < perPage) {
        break;
      }
    }
    assertThat(all).hasSize((int) count);
    return all;
  }

  /** The following flags of the newest {@code n} users as seen by {@code client}. */
  private static Map<String, Boolean> lastFlags(Api client, int n) {
    JsonNode first = directory(client, "?per_page=1");
    long count = first.path("usersCount").asLong();
    List<JsonNode> entries = new ArrayList<>();
    for (long page = count - n + 1; page <= count; page++) {
      entries.addAll(directory(client, "?per_page=1&page=" + page).path("users").values());
    }
    assertThat(entries).hasSize(n);
    return entries.stream()
        .collect(
            Collectors.toMap(
                e -> e.path("username").asString(), e -> e.path("following").asBoolean()));
  }

  private JsonNode entryFor(Api client, String username) {
    List<JsonNode> matches = new ArrayList<>();
    long count = usersCount();
    for (long page = 1; (page - 1) * 100 < count; page++) {
      directory(client, "?per_page=100&page=" + page).path("users").values().stream()
          .filter(u -> u.path("username").asString().equals(username))
          .forEach(matches::add);
    }
    assertThat(matches).hasSize(1);
    return matches.getFirst();
  }
}
