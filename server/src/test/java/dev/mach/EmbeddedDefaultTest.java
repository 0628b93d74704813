package dev.mach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.MachInstance;
import dev.mach.support.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default keeps its data in an H2 file and its generated token key beside it, so a
 * restart loses nothing; {@code --reset} starts afresh.
 */
class EmbeddedDefaultTest {

  @TempDir Path dataDir;

  @Test
  void aRestartKeepsUsersArticlesAndTokensAndResetWipesThem() throws Exception {
    TestUser user;
    String slug;
    try (var mach = MachInstance.start(embedded())) {
      var fixtures = new Fixtures(mach.api());
      user = fixtures.user();
      slug = fixtures.article(user).path("slug").asString();
    }
    assertThat(dataDir.resolve("mach.mv.db")).exists();
    assertThat(dataDir.resolve("jwt-secret")).exists();

    try (var mach = MachInstance.start(embedded())) {
      var api = mach.api();
      assertThat(api.as(user).get("/api/user").expect(200).path("user").path("username").asString())
          .as("a token issued before the restart is still valid")
          .isEqualTo(user.username());
      api.get("/api/articles/" + slug).expect(200);
      login(api, user).expect(200);
    }

    try (var mach = MachInstance.start(embedded(), "--reset")) {
      var api = mach.api();
      api.get("/api/articles/" + slug).expectError(404, "article", "not found");
      login(api, user).expectError(401, "credentials", "invalid");
    }
  }

  @Test
  void theGeneratedTokenKeyIsKeptPrivateToItsOwner() throws Exception {
    try (var mach = MachInstance.start(embedded())) {
      new Fixtures(mach.api()).user();
    }
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("jwt-secret")))
        .map(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
  }

  private Map<String, String> embedded() {
    var properties = new HashMap<String, String>();
    // the application's own default database and key handling, with the data in a temporary folder
    properties.put("mach.data-dir", dataDir.toString());
    properties.put("spring.datasource.url", null);
    properties.put("spring.datasource.username", null);
    properties.put("spring.datasource.password", null);
    properties.put("mach.security.jwt-secret", null);
    return properties;
  }

  private static dev.mach.support.ApiResponse login(dev.mach.support.Api api, TestUser user) {
    return api.post(
        "/api/users/login", Json.wrap("user", "email", user.email(), "password", user.password()));
  }
}
