package dev.mach.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Api;
import dev.mach.support.ApiResponse;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.MachInstance;
import dev.mach.support.TestUser;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits through HTTP on one instance that trusts the test's own address as a proxy, so each
 * test speaks as clients of its own through {@code X-Forwarded-For}. Windows are an hour long, so
 * nothing refills while a test runs (refill is proven with a controlled clock in {@link
 * LocalBucketsTest} and {@link SharedBucketsTest}).
 */
class RateLimitApiTest {

  private static final AtomicInteger nextAddress = new AtomicInteger(1);
  private static MachInstance mach;

  @BeforeAll
  static void start() {
    mach =
        MachInstance.start(
            Map.ofEntries(
                Map.entry("mach.rate-limit.enabled", "true"),
                Map.entry("mach.rate-limit.trusted-proxies", "127.0.0.1, ::1"),
                Map.entry("mach.rate-limit.default-limits", "4/1h"),
                Map.entry("mach.rate-limit.policies.tags.paths", "/api/tags"),
                Map.entry("mach.rate-limit.policies.tags.limits", "3/1h"),
                Map.entry("mach.rate-limit.policies.writes.limits", "2/1h"),
                Map.entry("mach.rate-limit.policies.register.limits", "3/1h"),
                Map.entry("mach.rate-limit.policies.login.limits", "6/1h"),
                Map.entry("mach.rate-limit.login-failure-limits", "3/1h")));
  }

  @AfterAll
  static void stop() {
    mach.close();
  }

  /** A client of its own, at an address no other test uses. */
  private static Api client() {
    int n = nextAddress.getAndIncrement();
    return from("198.51." + (n / 250) + "." + (1 + n % 250));
  }

  private static Api from(String address) {
    return mach.api().withHeader("X-Forwarded-For", address);
  }

  private static String login(String email, String password) {
    return Json.wrap("user", "email", email, "password", password);
  }

  private static TestUser user() {
    return new Fixtures(client()).user();
  }

  @Test
  void theDefaultPolicyAllowsExactlyItsCapacityThenRefusesWith429AndRetryAfter() {
    Api client = client();
    for (int i = 1; i <= 4; i++) {
      ApiResponse allowed = client.get("/api/articles");
      allowed.expect(200);
      assertThat(allowed.header("RateLimit-Limit")).isEqualTo("4");
      assertThat(allowed.header("RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
      assertThat(Long.parseLong(allowed.header("RateLimit-Reset"))).isBetween(1L, 3600L);
    }
    ApiResponse refused = client.get("/api/articles");
    refused.expectError(429, "request", "is over the rate limit; retry after 900 seconds");
    assertThat(refused.header("Retry-After")).isEqualTo("900");
    assertThat(refused.header("RateLimit-Limit")).isEqualTo("4");
    assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(refused.header("RateLimit-Reset")).isEqualTo("3600");
    assertThat(refused.header("RateLimit-Policy")).isEqualTo("4;w=3600");
  }

  @Test
  void cachedReadsCountAgainstTheLimitToo() {
    Api client = client();
    client.get("/api/articles?limit=1").expect(200);
    for (int i = 0; i < 3; i++) {
      assertThat(client.get("/api/articles?limit=1").header("ETag"))
          .as("answered by the response cache")
          .isNotNull();
    }
    client.get("/api/articles?limit=1").expect(429);
  }

  @Test
  void aRouteOverrideHasItsOwnLimitAndBucket() {
    Api client = client();
    for (int i = 0; i < 3; i++) {
      assertThat(client.get("/api/tags").expect(200)).isNotNull();
    }
    client
        .get("/api/tags")
        .expectError(429, "request", "is over the rate limit; retry after 1200 seconds");
    ApiResponse other = client.get("/api/articles");
    other.expect(200);
    assertThat(other.header("RateLimit-Remaining"))
        .as("the default bucket is untouched")
        .isEqualTo("3");
  }

  @Test
  void writesHaveATighterPolicyThanReads() {
    TestUser author = user();
    Api asAuthor = client().as(author);
    for (int i = 0; i < 2; i++) {
      asAuthor
          .post(
              "/api/articles",
              Json.wrap(
                  "article", "title", Fixtures.unique("limited"), "description", "d", "body", "b"))
          .expect(201);
    }
    asAuthor
        .post(
            "/api/articles",
            Json.wrap(
                "article", "title", Fixtures.unique("limited"), "description", "d", "body", "b"))
        .expect(429);
    asAuthor.get("/api/articles").expect(200);
  }

  @Test
  void registerHasAStrictPolicyOfItsOwn() {
    Api client = client();
    Fixtures fixtures = new Fixtures(client);
    for (int i = 0; i < 3; i++) {
      fixtures.user();
    }
    String name = Fixtures.unique("fourth");
    client
        .post(
            "/api/users",
            Json.wrap(
                "user", "username", name, "email", name + "@example.com", "password", "password1"))
        .expect(429);
    client.get("/api/articles").expect(200);
  }

  @Test
  void loginHasAStrictPolicyPerAddressWhateverTheAccount() {
    Api attacker = client();
    for (int i = 0; i < 6; i++) {
      attacker
          .post("/api/users/login", login(Fixtures.unique("nobody") + "@example.com", "guess"))
          .expect(401);
    }
    attacker
        .post("/api/users/login", login(Fixtures.unique("nobody") + "@example.com", "guess"))
        .expectError(429, "request", "is over the rate limit; retry after 600 seconds");
  }

  @Test
  void failedLoginsLockOnlyThatAccountFromThatAddress() {
    TestUser victim = user();
    Api attacker = client();
    for (int i = 0; i < 3; i++) {
      attacker.post("/api/users/login", login(victim.email(), "wrong-" + i)).expect(401);
    }
    ApiResponse locked =
        attacker.post("/api/users/login", login(victim.email(), victim.password()));
    locked.expectError(429, "credentials", "too many failed attempts; retry after 1200 seconds");
    assertThat(locked.header("Retry-After")).isEqualTo("1200");

    client().post("/api/users/login", login(victim.email(), victim.password())).expect(200);
    TestUser other = user();
    attacker.post("/api/users/login", login(other.email(), other.password())).expect(200);
  }

  @Test
  void successfulLoginsDoNotCountAsFailures() {
    TestUser user = user();
    Api client = client();
    for (int i = 0; i < 5; i++) {
      client.post("/api/users/login", login(user.email(), user.password())).expect(200);
    }
  }

  @Test
  void aSignedInClientIsLimitedPerUserWhereverItComesFrom() {
    TestUser user = user();
    Api first = client();
    for (int i = 0; i < 4; i++) {
      first.as(user).get("/api/user").expect(200);
    }
    first.as(user).get("/api/articles").expect(429);
    client().as(user).get("/api/articles").expect(429);
    first.get("/api/articles").expect(200);
    first.as(user()).get("/api/articles").expect(200);
  }

  @Test
  void anInvalidTokenIsLimitedByAddress() {
    Api client = client();
    client.get("/api/articles").expect(200);
    ApiResponse withBadToken = client.as("not-a-token").get("/api/user");
    withBadToken.expect(401);
    assertThat(withBadToken.header("RateLimit-Remaining")).isEqualTo("2");
  }

  @Test
  void forwardedHeadersFromATrustedProxyNameTheClient() {
    String address = "203.0.113." + (nextAddress.getAndIncrement() % 250 + 1);
    for (int i = 0; i < 4; i++) {
      from(address).get("/api/articles").expect(200);
    }
    // the rightmost address not a trusted proxy is the client; what it claims before that is not
    from("9.9.9.9, " + address).get("/api/articles").expect(429);
    from("8.8.8.8, " + address + ", 127.0.0.1").get("/api/articles").expect(429);
    mach.api()
        .withHeader("Forwarded", "for=\"" + address + ":4711\";proto=http")
        .get("/api/articles")
        .expect(429);
    client().get("/api/articles").expect(200);
  }

  @Test
  void ipv6ClientsAreKeyedByTheirSlash64() {
    for (int i = 0; i < 4; i++) {
      mach.api()
          .withHeader("Forwarded", "for=\"[2001:db8:77:1::" + (i + 1) + "]\"")
          .get("/api/articles")
          .expect(200);
    }
    from("2001:db8:77:1:ffff::9").get("/api/articles").expect(429);
    from("2001:db8:77:2::1").get("/api/articles").expect(200);
  }

  @Test
  void aSignedInReadTheCacheCannotAnswerKeepsTheLimitAndCorsHeaders() {
    ApiResponse missing =
        client()
            .as(user())
            .withHeader("Origin", "http://localhost:3000")
            .get("/api/articles/" + Fixtures.unique("no-such-article"));
    missing.expect(404);
    assertThat(missing.header("RateLimit-Remaining")).isEqualTo("3");
    assertThat(missing.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
  }

  @Test
  void pathsOutsideTheApiAreNotLimited() {
    for (int i = 0; i < 8; i++) {
      ApiResponse health = mach.api().get("/livez");
      health.expect(200);
      assertThat(health.header("RateLimit-Limit")).isNull();
    }
  }

  @Test
  void decisionsAreCountedPerPolicy() {
    var registry = mach.bean(io.micrometer.core.instrument.MeterRegistry.class);
    double before =
        registry
            .get("mach.ratelimit.decisions")
            .tags("policy", "tags", "result", "limited")
            .counter()
            .count();
    Api client = client();
    for (int i = 0; i < 5; i++) {
      client.get("/api/tags");
    }
    assertThat(
            registry
                .get("mach.ratelimit.decisions")
                .tags("policy", "tags", "result", "limited")
                .counter()
                .count())
        .isEqualTo(before + 2);
  }
}
