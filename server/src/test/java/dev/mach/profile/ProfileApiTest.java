package dev.mach.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Api;
import dev.mach.support.ApiResponse;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.TestUser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET /api/profiles/{username} and following: POST and DELETE /api/profiles/{username}/follow. */
class ProfileApiTest extends ApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN_MISSING = "{\"errors\":{\"token\":[\"is missing\"]}}";
  private static final String TOKEN_INVALID = "{\"errors\":{\"token\":[\"is invalid\"]}}";
  private static final String PROFILE_NOT_FOUND = "{\"errors\":{\"profile\":[\"not found\"]}}";

  // ---- reading a profile ----

  @Test
  void anAnonymousReaderSeesTheProfileWithFollowingFalse() {
    TestUser user = fixtures.user();

    ApiResponse response = api.get("/api/profiles/" + user.username());

    assertBody(
        response,
        200,
        "{\"profile\":{\"username\":\""
            + user.username()
            + "\",\"bio\":null,\"image\":null,\"following\":false}}");
  }

  @Test
  void theProfileShowsBioAndImage() {
    TestUser user = fixtures.user();
    api.as(user)
        .put("/api/user", Json.wrap("user", "bio", "hello", "image", "https://img.test/p.png"))
        .expect(200);

    JsonNode profile = profile(api, user.username());

    assertThat(profile.path("username").asString()).isEqualTo(user.username());
    assertThat(profile.path("bio").asString()).isEqualTo("hello");
    assertThat(profile.path("image").asString()).isEqualTo("https://img.test/p.png");
    assertThat(profile.path("following").asBoolean()).isFalse();
  }

  @Test
  void theProfileNeverShowsEmailOrToken() {
    TestUser user = fixtures.user();

    JsonNode profile = profile(api.as(fixtures.user()), user.username());

    assertThat(List.copyOf(profile.propertyNames()))
        .containsExactlyInAnyOrder("username", "bio", "image", "following");
  }

  @Test
  void anAuthenticatedReaderSeesWhetherTheyFollow() {
    TestUser reader = fixtures.user();
    TestUser author = fixtures.user();
    assertThat(following(api.as(reader), author)).isFalse();

    fixtures.follow(reader, author);
    assertThat(following(api.as(reader), author)).isTrue();

    api.as(reader).delete("/api/profiles/" + author.username() + "/follow").expect(200);
    assertThat(following(api.as(reader), author)).isFalse();
  }

  @Test
  void theFollowingFlagIsTheReadersOwn() {
    TestUser follower = fixtures.user();
    TestUser bystander = fixtures.user();
    TestUser author = fixtures.user();

    fixtures.follow(follower, author);

    assertThat(following(api.as(follower), author)).isTrue();
    assertThat(following(api.as(bystander), author)).isFalse();
    assertThat(following(api, author)).isFalse();
  }

  @Test
  void followingIsNotMutual() {
    TestUser follower = fixtures.user();
    TestUser author = fixtures.user();

    fixtures.follow(follower, author);

    assertThat(following(api.as(author), follower)).isFalse();
  }

  @Test
  void aReaderSeesTheirOwnProfileAsNotFollowed() {
    TestUser user = fixtures.user();

    assertThat(following(api.as(user), user)).isFalse();
  }

  @Test
  void anUnknownProfileIsNotFound() {
    assertBody(api.get("/api/profiles/" + Fixtures.unique("ghost")), 404, PROFILE_NOT_FOUND);
  }

  @Test
  void anUnknownProfileIsNotFoundForAnAuthenticatedReaderToo() {
    assertBody(
        api.as(fixtures.user()).get("/api/profiles/" + Fixtures.unique("ghost")),
        404,
        PROFILE_NOT_FOUND);
  }

  @Test
  void usernamesAreMatchedExactly() {
    TestUser user = fixtures.user();

    assertBody(api.get("/api/profiles/" + user.username() + "x"), 404, PROFILE_NOT_FOUND);
    assertBody(api.get("/api/profiles/" + user.username().substring(1)), 404, PROFILE_NOT_FOUND);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Token garbage", "Bearer garbage", "Token a.b.c", "Basic abc"})
  void anInvalidTokenIsUnauthorizedEvenWhereAuthIsOptional(String header) {
    TestUser user = fixtures.user();

    assertBody(
        api.withHeader("Authorization", header).get("/api/profiles/" + user.username()),
        401,
        TOKEN_INVALID);
  }

  @Test
  void anInvalidTokenIsUnauthorizedEvenForAnUnknownProfile() {
    assertBody(
        api.as("garbage").get("/api/profiles/" + Fixtures.unique("ghost")), 401, TOKEN_INVALID);
  }

  @Test
  void aTamperedTokenIsUnauthorizedOnAProfile() {
    TestUser reader = fixtures.user();
    TestUser author = fixtures.user();
    String[] readerParts = reader.token().split("\\.");
    String[] authorParts = author.token().split("\\.");
    String tampered = readerParts[0] + "." + authorParts[1] + "." + readerParts[2];

    assertBody(api.as(tampered).get("/api/profiles/" + author.username()), 401, TOKEN_INVALID);
  }

  @Test
  void aBearerTokenIsAcceptedOnAProfile() {
    TestUser reader = fixtures.user();
    TestUser author = fixtures.user();
    fixtures.follow(reader, author);

    Api bearer = api.withHeader("Authorization", "Bearer " + reader.token());

    assertThat(following(bearer, author)).isTrue();
  }

  // ---- following ----

  @Test
  void followingReturnsTheProfileWithFollowingTrue() {
    TestUser follower = fixtures.user();
    TestUser author = fixtures.user();

    ApiResponse response = api.as(follower).post("/api/profiles/" + author.username() + "/follow");

    assertBody(
        response,
        200,
        "{\"profile\":{\"username\":\""
            + author.username()
            + "\",\"bio\":null,\"image\":null,\"following\":true}}");
  }

  @Test
  void followingTwiceIsFineAndOneUnfollowUndoesIt() {
    TestUser follower = fixtures.user();
    TestUser author = fixtures.user();
    Api client = api.as(follower);

    client.post("/api/profiles/" + author.username() + "/follow").expect(200);
    JsonNode again = client.post("/api/profiles/" + author.username() + "/follow").expect(200);

    assertThat(again.path("profile").path("following").asBoolean()).isTrue();
    assertThat(following(client, author)).isTrue();
    client.delete("/api/profiles/" + author.username() + "/follow").expect(200);
    assertThat(following(client, author)).isFalse();
  }

  @Test
  void unfollowingReturnsTheProfileWithFollowingFalse() {
    TestUser follower = fixtures.user();
    TestUser author = fixtures.user();
    fixtures.follow(follower, author);

    ApiResponse response =
        api.as(follower).delete("/api/profiles/" + author.username() + "/follow");

    assertBody(
        response,
        200,
        "{\"profile\":{\"username\":\""
            + author.username()
            + "\",\"bio\":null,\"image\":null,\"following\":false}}");
    assertThat(following(api.as(follower), author)).isFalse();
  }

  @Test
  void unfollowingTwiceIsFine() {
    TestUser follower = fixtures.user();
    TestUser author = fixtures.user();
    fixtures.follow(follower, author);
    Api client = api.as(follower);

    client.delete("/api/profiles/" + author.username() + "/follow").expect(200);
    JsonNode again = client.delete("/api/profiles/" + author.username() + "/follow").expect(200);

    assertThat(again.path("profile").path("following").asBoolean()).isFalse();
    assertThat(following(client, author)).isFalse();
  }

  @Test
  void unfollowingSomeoneNeverFollowedIsFine() {
    TestUser reader = fixtures.user();
    TestUser author = fixtures.user();

    JsonNode body =
        api.as(reader).delete("/api/profiles/" + author.username() + "/follow").expect(200);

    assertThat(body.path("profile").path("username").asString()).isEqualTo(author.username());
    assertThat(body.path("profile").path("following").asBoolean()).isFalse();
  }

  @Test
  void unfollowingOneUserKeepsTheOtherFollows() {
    TestUser follower = fixtures.user();
    TestUser first = fixtures.user();
    TestUser second = fixtures.user();
    TestUser otherFollower = fixtures.user();
    fixtures.follow(follower, first);
    fixtures.follow(follower, second);
    fixtures.follow(otherFollower, first);

    api.as(follower).delete("/api/profiles/" + first.username() + "/follow").expect(200);

    assertThat(following(api.as(follower), first)).isFalse();
    assertThat(following(api.as(follower), second)).isTrue();
    assertThat(following(api.as(otherFollower), first)).isTrue();
  }

  @Test
  void aFollowSurvivesTheFolloweeChangingTheirUsername() {
    TestUser follower = fixtures.user();
    TestUser author = fixtures.user();
    fixtures.follow(follower, author);
    String newName = Fixtures.unique("renamed");

    api.as(author).put("/api/user", Json.wrap("user", "username", newName)).expect(200);

    JsonNode profile = profile(api.as(follower), newName);
    assertThat(profile.path("following").asBoolean()).isTrue();
  }

  @Test
  void followingWithoutATokenIsUnauthorized() {
    TestUser author = fixtures.user();

    assertBody(api.post("/api/profiles/" + author.username() + "/follow"), 401, TOKEN_MISSING);
    assertBody(api.delete("/api/profiles/" + author.username() + "/follow"), 401, TOKEN_MISSING);
  }

  @Test
  void followingAnUnknownUserWithoutATokenIsUnauthorizedRatherThanNotFound() {
    String ghost = Fixtures.unique("ghost");

    assertBody(api.post("/api/profiles/" + ghost + "/follow"), 401, TOKEN_MISSING);
    assertBody(api.delete("/api/profiles/" + ghost + "/follow"), 401, TOKEN_MISSING);
  }

  @Test
  void followingWithAnInvalidTokenIsUnauthorized() {
    TestUser author = fixtures.user();

    assertBody(
        api.as("garbage").post("/api/profiles/" + author.username() + "/follow"),
        401,
        TOKEN_INVALID);
    assertBody(
        api.as("garbage").delete("/api/profiles/" + author.username() + "/follow"),
        401,
        TOKEN_INVALID);
    assertBody(
        api.as("garbage").post("/api/profiles/" + Fixtures.unique("ghost") + "/follow"),
        401,
        TOKEN_INVALID);
  }

  @Test
  void followingAnUnknownUserIsNotFound() {
    TestUser follower = fixtures.user();
    String ghost = Fixtures.unique("ghost");

    assertBody(api.as(follower).post("/api/profiles/" + ghost + "/follow"), 404, PROFILE_NOT_FOUND);
    assertBody(
        api.as(follower).delete("/api/profiles/" + ghost + "/follow"), 404, PROFILE_NOT_FOUND);
  }

  @Test
  void followingYourselfIsUnprocessable() {
    TestUser user = fixtures.user();

    ApiResponse response = api.as(user).post("/api/profiles/" + user.username() + "/follow");

    response.expect(422);
    assertThat(response.json().path("errors").isObject())
        .as("Conduit error body: %s", response.raw())
        .isTrue();
    assertThat(response.json().path("errors").propertyNames()).isNotEmpty();
    assertThat(following(api.as(user), user)).isFalse();
  }

  @Test
  void aBearerTokenCanFollow() {
    TestUser follower = fixtures.user();
    TestUser author = fixtures.user();
    Api bearer = api.withHeader("Authorization", "Bearer " + follower.token());

    bearer.post("/api/profiles/" + author.username() + "/follow").expect(200);

    assertThat(following(api.as(follower), author)).isTrue();
  }

  // ---- helpers ----

  private static JsonNode profile(Api client, String username) {
    return client.get("/api/profiles/" + username).expect(200).path("profile");
  }

  private static boolean following(Api client, TestUser user) {
    JsonNode following = profile(client, user.username()).path("following");
    assertThat(following.isBoolean()).as("following is a boolean").isTrue();
    return following.asBoolean();
  }

  private static void assertBody(ApiResponse response, int status, String expectedJson) {
    JsonNode body = response.expect(status);
    assertThat(body).as("body %s", response.raw()).isEqualTo(JSON.readTree(expectedJson));
  }
}
