package dev.mach.support;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** Creates users and articles through the public API, with names no other test uses. */
public final class Fixtures {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Api api;

  public Fixtures(Api api) {
    this.api = api;
  }

  /** A name unique to this test run, safe in URLs. */
  public static String unique(String prefix) {
    return prefix + SEQUENCE.incrementAndGet() + "x" + UUID.randomUUID().toString().substring(0, 6);
  }

  public TestUser user() {
    return user(unique("user"));
  }

  public TestUser user(String username) {
    String email = username + "@example.test";
    String password = "password-" + username;
    JsonNode body =
        api.post(
                "/api/users",
                Json.wrap("user", "username", username, "email", email, "password", password))
            .expect(201);
    return new TestUser(username, email, password, body.path("user").path("token").asString());
  }

  /** Publishes an article and returns its {@code article} object. */
  public JsonNode article(TestUser author, String title, List<String> tags) {
    return api.as(author)
        .post(
            "/api/articles",
            Json.wrap(
                "article",
                "title",
                title,
                "description",
                "About " + title,
                "body",
                "The body of " + title,
                "tagList",
                tags))
        .expect(201)
        .path("article");
  }

  public JsonNode article(TestUser author) {
    return article(author, unique("Title "), List.of());
  }

  public void follow(TestUser follower, TestUser followee) {
    api.as(follower).post("/api/profiles/" + followee.username() + "/follow").expect(200);
  }

  public void favorite(TestUser user, String slug) {
    api.as(user).post("/api/articles/" + slug + "/favorite").expect(200);
  }

  public JsonNode comment(TestUser author, String slug, String body) {
    return api.as(author)
        .post("/api/articles/" + slug + "/comments", Json.wrap("comment", "body", body))
        .expect(201)
        .path("comment");
  }
}
