package dev.mach.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mach.support.ApiResponse;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.TestUser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Registration, login and the current user (GET /api/user), including how tokens are read. */
class UserApiTest extends ApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  // the signing key ApiTest configures
  private static final String TEST_SECRET = "test-secret-that-is-at-least-32-bytes-long";

  // ---- registration ----

  @Test
  void registeringReturns201WithTheUserAndAToken() {
    String username = Fixtures.unique("reg");
    String email = username + "@x.test";

    JsonNode user = register(username, email, "password-123").expect(201).path("user");

    assertThat(propertyNames(user))
        .containsExactlyInAnyOrder("email", "token", "username", "bio", "image");
    assertThat(user.path("username").asString()).isEqualTo(username);
    assertThat(user.path("email").asString()).isEqualTo(email);
    assertThat(user.path("bio").isNull()).as("bio is JSON null").isTrue();
    assertThat(user.path("image").isNull()).as("image is JSON null").isTrue();
    assertThat(user.path("token").asString()).isNotBlank();
  }

  @Test
  void theTokenFromRegistrationAuthenticatesGetCurrentUser() {
    String username = Fixtures.unique("reg");
    String token =
        register(username, username + "@x.test", "password-123")
            .expect(201)
            .path("user")
            .path("token")
            .asString();

    JsonNode user = api.as(token).get("/api/user").expect(200).path("user");

    assertThat(user.path("username").asString()).isEqualTo(username);
    assertThat(user.path("email").asString()).isEqualTo(username + "@x.test");
  }

  static Stream<Arguments> blankRegistrationFields() {
    return Stream.of("username", "email", "password")
        .flatMap(
            field ->
                Stream.of(
                    Arguments.of(field, "missing"),
                    Arguments.of(field, "null"),
                    Arguments.of(field, "empty"),
                    Arguments.of(field, "spaces")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("blankRegistrationFields")
  void registeringWithABlankFieldIsUnprocessableForThatField(String field, String how) {
    String username = Fixtures.unique("blank");
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("username", username);
    user.put("email", username + "@x.test");
    user.put("password", "password-123");
    switch (how) {
      case "missing" -> user.remove(field);
      case "null" -> user.put(field, null);
      case "empty" -> user.put(field, "");
      default -> user.put(field, "   ");
    }

    ApiResponse response = api.post("/api/users", Json.write(Map.of("user", user)));

    response.expectError(422, field, "can't be blank");
    assertThat(propertyNames(response.json().path("errors"))).containsExactly(field);
    if (!field.equals("username")) {
      assertNoProfile(username);
    }
  }

  @Test
  void registeringWithEveryFieldMissingReportsAllOfThemInOneResponse() {
    ApiResponse response = api.post("/api/users", "{\"user\":{}}");

    response.expectError(422, "username", "can't be blank");
    response.expectError(422, "email", "can't be blank");
    response.expectError(422, "password", "can't be blank");
  }

  @Test
  void registeringWithTwoBlankFieldsReportsBothAndNotTheValidOne() {
    ApiResponse response =
        api.post(
            "/api/users", Json.wrap("user", "username", "", "email", " ", "password", "pw-long-1"));

    response.expectError(422, "username", "can't be blank");
    response.expectError(422, "email", "can't be blank");
    assertThat(propertyNames(response.json().path("errors")))
        .containsExactlyInAnyOrder("username", "email");
  }

  @Test
  void registeringATakenUsernameIsAConflict() {
    TestUser existing = fixtures.user();
    String otherEmail = Fixtures.unique("other") + "@x.test";

    register(existing.username(), otherEmail, "password-123")
        .expectError(409, "username", "has already been taken");

    // nothing was created: no account has the other email
    login(otherEmail, "password-123").expectError(401, "credentials", "invalid");
  }

  @Test
  void registeringATakenEmailIsAConflict() {
    TestUser existing = fixtures.user();
    String username = Fixtures.unique("other");

    register(username, existing.email(), "password-123")
        .expectError(409, "email", "has already been taken");

    assertNoProfile(username);
  }

  @Test
  void registeringATakenEmailInAnotherCaseIsAConflict() {
    String base = Fixtures.unique("foo");
    register(base, base + "@x.test", "password-123").expect(201);
    String username = Fixtures.unique("other");

    register(username, base.toUpperCase() + "@X.TEST", "password-123")
        .expectError(409, "email", "has already been taken");

    assertNoProfile(username);
  }

  @Test
  void registeringALowerCaseEmailAfterAnUpperCaseOneIsAConflict() {
    String base = Fixtures.unique("bar");
    register(base, base.toUpperCase() + "@X.TEST", "password-123").expect(201);

    register(Fixtures.unique("other"), base + "@x.test", "password-123")
        .expectError(409, "email", "has already been taken");
  }

  @Test
  void registeringATakenUsernameAndEmailReportsBoth() {
    TestUser existing = fixtures.user();

    ApiResponse response = register(existing.username(), existing.email(), "password-123");

    response.expectError(409, "username", "has already been taken");
    response.expectError(409, "email", "has already been taken");
  }

  @Test
  void registeringWithASevenCharacterPasswordIsUnprocessable() {
    String username = Fixtures.unique("short");

    ApiResponse response = register(username, username + "@x.test", "1234567");

    response.expect(422);
    assertThat(propertyNames(response.json().path("errors"))).containsExactly("password");
    assertNoProfile(username);
  }

  @Test
  void registeringWithAnEightCharacterPasswordSucceeds() {
    String username = Fixtures.unique("eight");

    register(username, username + "@x.test", "12345678").expect(201);

    login(username + "@x.test", "12345678").expect(200);
  }

  @Test
  void aSixtyFourCharacterPasswordIsAcceptedAndAllOfItIsChecked() {
    String username = Fixtures.unique("long");
    String password = "p".repeat(63) + "Z";
    assertThat(password).hasSize(64);

    register(username, username + "@x.test", password).expect(201);

    login(username + "@x.test", password).expect(200);
    login(username + "@x.test", password.substring(0, 63))
        .expectError(401, "credentials", "invalid");
    login(username + "@x.test", "p".repeat(64)).expectError(401, "credentials", "invalid");
  }

  @Test
  void aSixtyFourCharacterNonAsciiPasswordIsAcceptedAndItsLastCharacterCounts() {
    String username = Fixtures.unique("accented");
    // 64 characters but 128 UTF-8 bytes: past what bcrypt alone would read
    String password = "é".repeat(63) + "ü";

    register(username, username + "@x.test", password).expect(201);

    login(username + "@x.test", password).expect(200);
    login(username + "@x.test", "é".repeat(64)).expectError(401, "credentials", "invalid");
  }

  @Test
  void registeringWithAPasswordOverTheCapIsUnprocessable() {
    String username = Fixtures.unique("huge");

    register(username, username + "@x.test", "x".repeat(257))
        .expectError(422, "password", "is too long (maximum is 256 characters)");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".", "..", "semi;colon", "with space", "slash/name", "percent%20"})
  void registeringAUsernameAUrlPathWouldReinterpretIsUnprocessable(String username) {
    register(username, Fixtures.unique("e") + "@x.test", "password1")
        .expectError(422, "username", "is invalid");
  }

  static Stream<Arguments> wronglyTypedRegistrationFields() {
    return Stream.of(
        Arguments.of("email", "5"),
        Arguments.of("username", "true"),
        Arguments.of("password", "12345678"),
        Arguments.of("username", "[\"a\"]"),
        Arguments.of("email", "{\"a\":\"b@c.d\"}"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("wronglyTypedRegistrationFields")
  void registeringWithAWronglyTypedFieldIsUnprocessableForThatField(String field, String json) {
    String username = Fixtures.unique("typed");
    ObjectNode user = JSON.createObjectNode();
    user.put("username", username);
    user.put("email", username + "@x.test");
    user.put("password", "password-123");
    user.set(field, JSON.readTree(json));
    ObjectNode body = JSON.createObjectNode();
    body.set("user", user);

    ApiResponse response = api.post("/api/users", body.toString());

    response.expect(422);
    assertThat(propertyNames(response.json().path("errors"))).containsExactly(field);
    if (!field.equals("username")) {
      assertNoProfile(username);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"username\":\"u\",\"email\":\"u@x.test\",\"password\":\"password-123\"}",
        "{\"user\":null}",
        "{\"user\":\"u\"}",
        "{\"users\":{\"username\":\"u\",\"email\":\"u@x.test\",\"password\":\"password-123\"}}",
        "[]"
      })
  void registeringWithoutTheUserWrapperIsUnprocessable(String body) {
    ApiResponse response = api.post("/api/users", body);

    response.expect(422);
    assertThat(response.json().path("errors").path("user").isArray())
        .as("errors.user in %s", response.raw())
        .isTrue();
  }

  @Test
  void aRejectedRegistrationLeavesTheNameFreeToRegister() {
    String username = Fixtures.unique("retry");
    register(username, username + "@x.test", "short").expect(422);

    register(username, username + "@x.test", "long-enough").expect(201);
  }

  // ---- login ----

  @Test
  void loggingInReturnsTheUserAndAWorkingToken() {
    TestUser registered = fixtures.user();

    JsonNode user = login(registered.email(), registered.password()).expect(200).path("user");

    assertThat(propertyNames(user))
        .containsExactlyInAnyOrder("email", "token", "username", "bio", "image");
    assertThat(user.path("username").asString()).isEqualTo(registered.username());
    assertThat(user.path("email").asString()).isEqualTo(registered.email());
    assertThat(user.path("bio").isNull()).isTrue();
    assertThat(user.path("image").isNull()).isTrue();
    String token = user.path("token").asString();
    assertThat(api.as(token).get("/api/user").expect(200).path("user").path("username").asString())
        .isEqualTo(registered.username());
  }

  @Test
  void loggingInWithAWrongPasswordIsUnauthorized() {
    TestUser registered = fixtures.user();

    ApiResponse response = login(registered.email(), registered.password() + "x");

    assertErrorBody(response, 401, "{\"errors\":{\"credentials\":[\"invalid\"]}}");
  }

  @Test
  void loggingInWithAnUnknownEmailIsUnauthorized() {
    ApiResponse response = login(Fixtures.unique("nobody") + "@x.test", "password-123");

    assertErrorBody(response, 401, "{\"errors\":{\"credentials\":[\"invalid\"]}}");
  }

  @Test
  void loggingInWithAnotherUsersPasswordIsUnauthorized() {
    TestUser alice = fixtures.user();
    TestUser bob = fixtures.user();

    login(alice.email(), bob.password()).expectError(401, "credentials", "invalid");
  }

  @Test
  void loggingInWithAnOverlongWrongPasswordIsUnauthorizedRatherThanAnError() {
    TestUser registered = fixtures.user();

    ApiResponse response = login(registered.email(), registered.password() + "x".repeat(200));

    assertErrorBody(response, 401, "{\"errors\":{\"credentials\":[\"invalid\"]}}");
  }

  @Test
  void loggingInWithTheEmailInAnotherCaseWorks() {
    TestUser registered = fixtures.user();

    JsonNode user =
        login(registered.email().toUpperCase(), registered.password()).expect(200).path("user");

    assertThat(user.path("username").asString()).isEqualTo(registered.username());
  }

  @Test
  void loggingInToAnAccountRegisteredInUpperCaseWorksInLowerCase() {
    String username = Fixtures.unique("upper");
    String email = username.toUpperCase() + "@X.TEST";
    register(username, email, "password-123").expect(201);

    JsonNode user = login(email.toLowerCase(), "password-123").expect(200).path("user");

    assertThat(user.path("username").asString()).isEqualTo(username);
    assertThat(user.path("email").asString()).isEqualTo(email);
  }

  @Test
  void passwordsAreCaseSensitive() {
    String username = Fixtures.unique("case");
    register(username, username + "@x.test", "Password-123").expect(201);

    login(username + "@x.test", "password-123").expectError(401, "credentials", "invalid");
  }

  static Stream<Arguments> blankLoginFields() {
    return Stream.of("email", "password")
        .flatMap(
            field ->
                Stream.of(
                    Arguments.of(field, "missing"),
                    Arguments.of(field, "null"),
                    Arguments.of(field, "empty"),
                    Arguments.of(field, "spaces")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("blankLoginFields")
  void loggingInWithABlankFieldIsUnprocessable(String field, String how) {
    TestUser registered = fixtures.user();
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("email", registered.email());
    user.put("password", registered.password());
    switch (how) {
      case "missing" -> user.remove(field);
      case "null" -> user.put(field, null);
      case "empty" -> user.put(field, "");
      default -> user.put(field, "   ");
    }

    ApiResponse response = api.post("/api/users/login", Json.write(Map.of("user", user)));

    response.expectError(422, field, "can't be blank");
  }

  @Test
  void loggingInWithBothFieldsBlankReportsBoth() {
    ApiResponse response =
        api.post("/api/users/login", Json.wrap("user", "email", "", "password", ""));

    response.expectError(422, "email", "can't be blank");
    response.expectError(422, "password", "can't be blank");
  }

  @Test
  void loggingInWithoutTheUserWrapperIsUnprocessable() {
    TestUser registered = fixtures.user();

    ApiResponse response =
        api.post(
            "/api/users/login",
            Json.write(Map.of("email", registered.email(), "password", registered.password())));

    response.expect(422);
    assertThat(response.json().path("errors").path("user").isArray()).isTrue();
  }

  @Test
  void loggingInWithANonStringEmailIsUnprocessable() {
    ApiResponse response =
        api.post("/api/users/login", "{\"user\":{\"email\":5,\"password\":\"password-123\"}}");

    response.expect(422);
    assertThat(propertyNames(response.json().path("errors"))).containsExactly("email");
  }

  // ---- current user and tokens ----

  @Test
  void currentUserReturnsTheUserAndTheTokenThatWasSent() {
    TestUser registered = fixtures.user();
    // a second, different token for the same user
    String loginToken =
        login(registered.email(), registered.password())
            .expect(200)
            .path("user")
            .path("token")
            .asString();

    JsonNode viaRegistrationToken = api.as(registered).get("/api/user").expect(200).path("user");
    JsonNode viaLoginToken = api.as(loginToken).get("/api/user").expect(200).path("user");

    assertThat(propertyNames(viaRegistrationToken))
        .containsExactlyInAnyOrder("email", "token", "username", "bio", "image");
    assertThat(viaRegistrationToken.path("username").asString()).isEqualTo(registered.username());
    assertThat(viaRegistrationToken.path("email").asString()).isEqualTo(registered.email());
    assertThat(viaRegistrationToken.path("token").asString()).isEqualTo(registered.token());
    assertThat(viaLoginToken.path("token").asString()).isEqualTo(loginToken);
  }

  @Test
  void currentUserAcceptsABearerToken() {
    TestUser registered = fixtures.user();

    JsonNode user =
        api.withHeader("Authorization", "Bearer " + registered.token())
            .get("/api/user")
            .expect(200)
            .path("user");

    assertThat(user.path("username").asString()).isEqualTo(registered.username());
    assertThat(user.path("token").asString()).isEqualTo(registered.token());
  }

  @Test
  void eachUsersTokenIdentifiesThatUser() {
    TestUser alice = fixtures.user();
    TestUser bob = fixtures.user();

    assertThat(api.as(alice).get("/api/user").expect(200).path("user").path("username").asString())
        .isEqualTo(alice.username());
    assertThat(api.as(bob).get("/api/user").expect(200).path("user").path("username").asString())
        .isEqualTo(bob.username());
  }

  @Test
  void currentUserWithoutATokenIsUnauthorizedAsMissing() {
    assertErrorBody(api.get("/api/user"), 401, "{\"errors\":{\"token\":[\"is missing\"]}}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Token garbage",
        "Bearer garbage",
        "Token a.b.c",
        "Token eyJhbGciOiJIUzI1NiJ9.e30.AAAA",
        "Basic dXNlcjpwYXNz",
        "Token"
      })
  void currentUserWithAGarbageTokenIsUnauthorizedAsInvalid(String header) {
    ApiResponse response = api.withHeader("Authorization", header).get("/api/user");

    assertErrorBody(response, 401, "{\"errors\":{\"token\":[\"is invalid\"]}}");
  }

  @Test
  void aValidTokenWithoutASchemeIsInvalid() {
    TestUser registered = fixtures.user();

    ApiResponse response = api.withHeader("Authorization", registered.token()).get("/api/user");

    assertErrorBody(response, 401, "{\"errors\":{\"token\":[\"is invalid\"]}}");
  }

  @Test
  void aTokenWhosePayloadWasSwappedForAnotherUsersIsInvalid() {
    TestUser attacker = fixtures.user();
    TestUser victim = fixtures.user();
    String[] attackerParts = attacker.token().split("\\.");
    String[] victimParts = victim.token().split("\\.");
    assertThat(attackerParts).hasSize(3);
    // the victim's claims under the attacker's signature
    String tampered = attackerParts[0] + "." + victimParts[1] + "." + attackerParts[2];

    assertErrorBody(
        api.as(tampered).get("/api/user"), 401, "{\"errors\":{\"token\":[\"is invalid\"]}}");
  }

  @Test
  void aTokenWithAnEditedSubjectIsInvalid() {
    TestUser alice = fixtures.user();
    String[] parts = alice.token().split("\\.");
    ObjectNode claims = (ObjectNode) JSON.readTree(base64UrlDecode(parts[1]));
    long id = Long.parseLong(claims.path("sub").asString());
    claims.put("sub", Long.toString(id + 1));
    String tampered = parts[0] + "." + base64UrlEncode(claims.toString()) + "." + parts[2];

    assertErrorBody(
        api.as(tampered).get("/api/user"), 401, "{\"errors\":{\"token\":[\"is invalid\"]}}");
  }

  @Test
  void aTokenWithACorruptedSignatureIsInvalid() {
    TestUser alice = fixtures.user();
    String token = alice.token();
    int dot = token.lastIndexOf('.');
    // flip a character in the middle of the signature (the last one may only carry padding bits)
    int at = dot + 10;
    char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
    String tampered = token.substring(0, at) + replacement + token.substring(at + 1);

    assertErrorBody(
        api.as(tampered).get("/api/user"), 401, "{\"errors\":{\"token\":[\"is invalid\"]}}");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsInvalid() {
    TestUser alice = fixtures.user();
    String forged =
        sign(
            "another-secret-that-is-also-32-bytes-or-more",
            claimsFor(subjectOf(alice), Instant.now().plus(Duration.ofHours(1))));

    assertErrorBody(
        api.as(forged).get("/api/user"), 401, "{\"errors\":{\"token\":[\"is invalid\"]}}");
  }

  @Test
  void anExpiredTokenIsInvalid() {
    TestUser alice = fixtures.user();
    String expired = sign(TEST_SECRET, claimsFor(subjectOf(alice), Instant.now().minusSeconds(60)));
    String fresh =
        sign(TEST_SECRET, claimsFor(subjectOf(alice), Instant.now().plus(Duration.ofHours(1))));
    // the same claims, still valid, are accepted: only the expiry differs
    api.as(fresh).get("/api/user").expect(200);

    assertErrorBody(
        api.as(expired).get("/api/user"), 401, "{\"errors\":{\"token\":[\"is invalid\"]}}");
  }

  @Test
  void anUnsignedTokenIsInvalid() {
    TestUser alice = fixtures.user();
    String header = base64UrlEncode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String payload = alice.token().split("\\.")[1];
    String unsigned = header + "." + payload + ".";

    assertErrorBody(
        api.as(unsigned).get("/api/user"), 401, "{\"errors\":{\"token\":[\"is invalid\"]}}");
  }

  // ---- helpers ----

  private ApiResponse register(String username, String email, String password) {
    return api.post(
        "/api/users",
        Json.wrap("user", "username", username, "email", email, "password", password));
  }

  private ApiResponse login(String email, String password) {
    return api.post("/api/users/login", Json.wrap("user", "email", email, "password", password));
  }

  private void assertNoProfile(String username) {
    api.get("/api/profiles/" + username).expectError(404, "profile", "not found");
  }

  private static void assertErrorBody(ApiResponse response, int status, String expectedJson) {
    JsonNode body = response.expect(status);
    assertThat(body).as("body %s", response.raw()).isEqualTo(JSON.readTree(expectedJson));
  }

  private static java.util.List<String> propertyNames(JsonNode node) {
    return java.util.List.copyOf(node.propertyNames());
  }

  private static String subjectOf(TestUser user) {
    return JSON.readTree(base64UrlDecode(user.token().split("\\.")[1])).path("sub").asString();
  }

  private static JWTClaimsSet claimsFor(String subject, Instant expiry) {
    return new JWTClaimsSet.Builder()
        .issuer("mach")
        .subject(subject)
        .issueTime(Date.from(expiry.minus(Duration.ofHours(2))))
        .expirationTime(Date.from(expiry))
        .build();
  }

  private static String sign(String secret, JWTClaimsSet claims) {
    try {
      var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64UrlDecode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static String base64UrlEncode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
