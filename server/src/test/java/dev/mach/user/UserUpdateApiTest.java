package dev.mach.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiResponse;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.TestUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** PUT /api/user: a partial update of the current user. */
class UserUpdateApiTest extends ApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  // ---- partial update ----

  @Test
  void updatingOnlyTheBioKeepsEveryOtherField() {
    TestUser user = fixtures.user();
    update(user, "image", "https://img.test/a.png").expect(200);

    JsonNode updated = update(user, "bio", "I write tests").expect(200).path("user");

    assertThat(updated.path("bio").asString()).isEqualTo("I write tests");
    assertThat(updated.path("username").asString()).isEqualTo(user.username());
    assertThat(updated.path("email").asString()).isEqualTo(user.email());
    assertThat(updated.path("image").asString()).isEqualTo("https://img.test/a.png");
    JsonNode stored = current(user.token());
    assertThat(stored.path("bio").asString()).isEqualTo("I write tests");
    assertThat(stored.path("username").asString()).isEqualTo(user.username());
    assertThat(stored.path("email").asString()).isEqualTo(user.email());
    assertThat(stored.path("image").asString()).isEqualTo("https://img.test/a.png");
    // the password was not touched either
    login(user.email(), user.password()).expect(200);
  }

  @Test
  void updatingOnlyTheImageKeepsTheBio() {
    TestUser user = fixtures.user();
    update(user, "bio", "kept").expect(200);

    update(user, "image", "https://img.test/b.png").expect(200);

    JsonNode stored = current(user.token());
    assertThat(stored.path("bio").asString()).isEqualTo("kept");
    assertThat(stored.path("image").asString()).isEqualTo("https://img.test/b.png");
  }

  @Test
  void anEmptyUpdateChangesNothing() {
    TestUser user = fixtures.user();
    update(user, "bio", "before", "image", "https://img.test/c.png").expect(200);

    JsonNode updated = api.as(user).put("/api/user", "{\"user\":{}}").expect(200).path("user");

    assertThat(updated.path("username").asString()).isEqualTo(user.username());
    assertThat(updated.path("email").asString()).isEqualTo(user.email());
    assertThat(updated.path("bio").asString()).isEqualTo("before");
    assertThat(updated.path("image").asString()).isEqualTo("https://img.test/c.png");
    login(user.email(), user.password()).expect(200);
  }

  @Test
  void theUpdatedFieldsShowInTheProfile() {
    TestUser user = fixtures.user();

    update(user, "bio", "public bio", "image", "https://img.test/d.png").expect(200);

    JsonNode profile = api.get("/api/profiles/" + user.username()).expect(200).path("profile");
    assertThat(profile.path("bio").asString()).isEqualTo("public bio");
    assertThat(profile.path("image").asString()).isEqualTo("https://img.test/d.png");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bio", "image"})
  void anEmptyStringClearsTheField(String field) {
    TestUser user = fixtures.user();
    update(user, field, "https://img.test/set.png").expect(200);

    JsonNode updated = update(user, field, "").expect(200).path("user");

    assertThat(updated.path(field).isNull()).as("%s in %s", field, updated).isTrue();
    assertThat(current(user.token()).path(field).isNull()).isTrue();
    JsonNode profile = api.get("/api/profiles/" + user.username()).expect(200).path("profile");
    assertThat(profile.path(field).isNull()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bio", "image"})
  void nullClearsTheField(String field) {
    TestUser user = fixtures.user();
    update(user, field, "https://img.test/set.png").expect(200);

    JsonNode updated = update(user, field, null).expect(200).path("user");

    assertThat(updated.path(field).isNull()).as("%s in %s", field, updated).isTrue();
    assertThat(current(user.token()).path(field).isNull()).isTrue();
  }

  @Test
  void clearingTheBioKeepsTheImage() {
    TestUser user = fixtures.user();
    update(user, "bio", "b", "image", "https://img.test/e.png").expect(200);

    update(user, "bio", "").expect(200);

    JsonNode stored = current(user.token());
    assertThat(stored.path("bio").isNull()).isTrue();
    assertThat(stored.path("image").asString()).isEqualTo("https://img.test/e.png");
  }

  // ---- validation ----

  static Stream<Arguments> blankRequiredFields() {
    return Stream.of("username", "email", "password")
        .flatMap(
            field ->
                Stream.of(
                    Arguments.of(field, ""),
                    Arguments.of(field, "   "),
                    Arguments.of(field, null)));
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @MethodSource("blankRequiredFields")
  void aBlankUsernameEmailOrPasswordIsUnprocessableAndChangesNothing(String field, String value) {
    TestUser user = fixtures.user();

    ApiResponse response = update(user, field, value, "bio", "not applied");

    response.expectError(422, field, "can't be blank");
    JsonNode stored = current(user.token());
    assertThat(stored.path("username").asString()).isEqualTo(user.username());
    assertThat(stored.path("email").asString()).isEqualTo(user.email());
    assertThat(stored.path("bio").isNull()).as("bio was not applied").isTrue();
    login(user.email(), user.password()).expect(200);
  }

  @Test
  void severalBlankFieldsAreReportedTogether() {
    TestUser user = fixtures.user();

    ApiResponse response = update(user, "username", "", "email", "", "password", "");

    response.expectError(422, "username", "can't be blank");
    response.expectError(422, "email", "can't be blank");
    response.expectError(422, "password", "can't be blank");
  }

  @Test
  void aSevenCharacterPasswordIsUnprocessableAndTheOldOneKeepsWorking() {
    TestUser user = fixtures.user();

    ApiResponse response = update(user, "password", "1234567");

    response.expect(422);
    assertThat(response.json().path("errors").path("password").isArray()).isTrue();
    login(user.email(), user.password()).expect(200);
    login(user.email(), "1234567").expectError(401, "credentials", "invalid");
  }

  @Test
  void anEightCharacterPasswordIsAccepted() {
    TestUser user = fixtures.user();

    update(user, "password", "12345678").expect(200);

    login(user.email(), "12345678").expect(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"username", "email", "password", "bio", "image"})
  void aNonStringValueIsUnprocessableForThatField(String field) {
    TestUser user = fixtures.user();

    ApiResponse response = api.as(user).put("/api/user", "{\"user\":{\"" + field + "\":5}}");

    response.expect(422);
    assertThat(List.copyOf(response.json().path("errors").propertyNames())).containsExactly(field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"bio\":\"x\"}", "{\"user\":null}", "{\"user\":\"x\"}"})
  void anUpdateWithoutTheUserWrapperIsUnprocessable(String body) {
    TestUser user = fixtures.user();

    ApiResponse response = api.as(user).put("/api/user", body);

    response.expect(422);
    assertThat(response.json().path("errors").path("user").isArray()).isTrue();
    assertThat(current(user.token()).path("bio").isNull()).isTrue();
  }

  @Test
  void updatingWithoutATokenIsUnauthorizedAsMissing() {
    ApiResponse response = api.put("/api/user", Json.wrap("user", "bio", "x"));

    assertThat(response.expect(401))
        .isEqualTo(JSON.readTree("{\"errors\":{\"token\":[\"is missing\"]}}"));
  }

  @Test
  void updatingWithAnInvalidTokenIsUnauthorizedAsInvalid() {
    ApiResponse response = api.as("not-a-token").put("/api/user", Json.wrap("user", "bio", "x"));

    assertThat(response.expect(401))
        .isEqualTo(JSON.readTree("{\"errors\":{\"token\":[\"is invalid\"]}}"));
  }

  // ---- username, email and password changes ----

  @Test
  void changingTheUsernameReturnsANewTokenThatWorks() {
    TestUser user = fixtures.user();
    String newName = Fixtures.unique("renamed");

    JsonNode updated = update(user, "username", newName).expect(200).path("user");

    String newToken = updated.path("token").asString();
    assertThat(updated.path("username").asString()).isEqualTo(newName);
    assertThat(newToken).isNotBlank().isNotEqualTo(user.token());
    assertThat(current(newToken).path("username").asString()).isEqualTo(newName);
    api.get("/api/profiles/" + newName).expect(200);
    api.get("/api/profiles/" + user.username()).expectError(404, "profile", "not found");
  }

  @Test
  void changingTheEmailReturnsANewTokenThatWorksAndMovesTheLogin() {
    TestUser user = fixtures.user();
    String newEmail = Fixtures.unique("moved") + "@x.test";

    JsonNode updated = update(user, "email", newEmail).expect(200).path("user");

    String newToken = updated.path("token").asString();
    assertThat(updated.path("email").asString()).isEqualTo(newEmail);
    assertThat(newToken).isNotBlank().isNotEqualTo(user.token());
    assertThat(current(newToken).path("email").asString()).isEqualTo(newEmail);
    login(newEmail, user.password()).expect(200);
    login(user.email(), user.password()).expectError(401, "credentials", "invalid");
  }

  @Test
  void aChangedEmailIsMatchedCaseInsensitivelyAtLogin() {
    TestUser user = fixtures.user();
    String newEmail = Fixtures.unique("Mixed") + "@X.test";
    update(user, "email", newEmail).expect(200);

    login(newEmail.toLowerCase(), user.password()).expect(200);
    login(newEmail.toUpperCase(), user.password()).expect(200);
  }

  @Test
  void changingThePasswordMakesTheNewOneWorkAndTheOldOneFail() {
    TestUser user = fixtures.user();

    update(user, "password", "a-brand-new-password").expect(200);

    login(user.email(), "a-brand-new-password").expect(200);
    login(user.email(), user.password()).expectError(401, "credentials", "invalid");
  }

  @Test
  void changingEverythingAtOnceAppliesEverything() {
    TestUser user = fixtures.user();
    String newName = Fixtures.unique("all");
    String newEmail = newName + "@x.test";

    JsonNode updated =
        update(
                user,
                "username",
                newName,
                "email",
                newEmail,
                "password",
                "everything-new",
                "bio",
                "new bio",
                "image",
                "https://img.test/all.png")
            .expect(200)
            .path("user");

    assertThat(updated.path("username").asString()).isEqualTo(newName);
    assertThat(updated.path("email").asString()).isEqualTo(newEmail);
    assertThat(updated.path("bio").asString()).isEqualTo("new bio");
    assertThat(updated.path("image").asString()).isEqualTo("https://img.test/all.png");
    JsonNode loggedIn = login(newEmail, "everything-new").expect(200).path("user");
    assertThat(loggedIn.path("username").asString()).isEqualTo(newName);
    assertThat(loggedIn.path("bio").asString()).isEqualTo("new bio");
  }

  @Test
  void takingAnotherUsersUsernameIsAConflictAndChangesNothing() {
    TestUser user = fixtures.user();
    TestUser other = fixtures.user();

    update(user, "username", other.username(), "bio", "not applied")
        .expectError(409, "username", "has already been taken");

    JsonNode stored = current(user.token());
    assertThat(stored.path("username").asString()).isEqualTo(user.username());
    assertThat(stored.path("bio").isNull()).isTrue();
  }

  @Test
  void takingAnotherUsersEmailIsAConflictAndChangesNothing() {
    TestUser user = fixtures.user();
    TestUser other = fixtures.user();

    update(user, "email", other.email()).expectError(409, "email", "has already been taken");

    assertThat(current(user.token()).path("email").asString()).isEqualTo(user.email());
    login(user.email(), user.password()).expect(200);
  }

  @Test
  void takingAnotherUsersEmailInAnotherCaseIsAConflict() {
    TestUser user = fixtures.user();
    TestUser other = fixtures.user();

    update(user, "email", other.email().toUpperCase())
        .expectError(409, "email", "has already been taken");

    // the other user's login is untouched
    login(other.email(), other.password()).expect(200);
  }

  @Test
  void changingTheEmailToAnotherCaseOfYourOwnIsAllowed() {
    TestUser user = fixtures.user();
    String upper = user.email().toUpperCase();

    JsonNode updated = update(user, "email", upper).expect(200).path("user");

    assertThat(updated.path("email").asString()).isEqualTo(upper);
    assertThat(current(user.token()).path("email").asString()).isEqualTo(upper);
    login(user.email(), user.password()).expect(200);
    login(upper, user.password()).expect(200);
  }

  @Test
  void sendingYourOwnUsernameAndEmailIsNotAConflict() {
    TestUser user = fixtures.user();

    JsonNode updated =
        update(user, "username", user.username(), "email", user.email(), "bio", "same")
            .expect(200)
            .path("user");

    assertThat(updated.path("username").asString()).isEqualTo(user.username());
    assertThat(updated.path("bio").asString()).isEqualTo("same");
  }

  @Test
  void aFreedUsernameCanBeTakenByAnotherUser() {
    TestUser first = fixtures.user();
    TestUser second = fixtures.user();
    String oldName = first.username();
    update(first, "username", Fixtures.unique("moved")).expect(200);

    update(second, "username", oldName).expect(200);

    assertThat(current(second.token()).path("username").asString()).isEqualTo(oldName);
  }

  @Test
  void theOldTokenKeepsIdentifyingTheSameUserAfterARename() {
    TestUser user = fixtures.user();
    String newName = Fixtures.unique("renamed");

    update(user, "username", newName).expect(200);

    // the token names the account, not the username it had
    assertThat(current(user.token()).path("username").asString()).isEqualTo(newName);
  }

  // ---- helpers ----

  /** PUT /api/user as the user with {@code {"user": {k1: v1, ...}}}; values may be null. */
  private ApiResponse update(TestUser user, Object... keyValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put((String) keyValues[i], keyValues[i + 1]);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", fields);
    return api.as(user).put("/api/user", Json.write(body));
  }

  private JsonNode current(String token) {
    return api.as(token).get("/api/user").expect(200).path("user");
  }

  private ApiResponse login(String email, String password) {
    return api.post("/api/users/login", Json.wrap("user", "email", email, "password", password));
  }
}
