package dev.mach.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiResponse;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AccountExportApiTest extends ApiTest {

  @Test
  void exportAnswers202AndItsJobProducesTheUsersWholeAccountForDownload() {
    var user = fixtures.user();
    var followed = fixtures.user();
    var follower = fixtures.user();
    String tag = Fixtures.unique("tag");
    String slug =
        fixtures
            .article(user, Fixtures.unique("Mine "), List.of(tag, "b" + tag))
            .path("slug")
            .asString();
    String theirs = fixtures.article(followed).path("slug").asString();
    fixtures.comment(user, theirs, "a comment of mine");
    fixtures.favorite(user, theirs);
    fixtures.follow(user, followed);
    fixtures.follow(follower, user);

    ApiResponse accepted = api.as(user).post("/api/user/export");
    String location = accepted.expect(202).path("job").path("location").asString();
    assertThat(accepted.header("Location")).isEqualTo(location);
    assertThat(location).startsWith("/api/jobs/");

    JsonNode job = awaitSucceeded(location, user);
    assertThat(job.path("kind").asString()).isEqualTo("account-export");
    assertThat(job.path("progress").asInt()).isEqualTo(100);
    ApiResponse download = api.as(user).get(job.path("result").asString());
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.header("Content-Disposition")).contains("attachment");
    JsonNode export = download.json();

    assertThat(export.path("user").path("username").asString()).isEqualTo(user.username());
    assertThat(export.path("user").path("email").asString()).isEqualTo(user.email());
    assertThat(export.path("user").has("password")).isFalse();
    assertThat(export.path("articles").size()).isEqualTo(1);
    assertThat(export.path("articles").get(0).path("slug").asString()).isEqualTo(slug);
    assertThat(export.path("articles").get(0).path("tagList").values())
        .extracting(JsonNode::asString)
        .containsExactly(tag, "b" + tag);
    assertThat(export.path("comments").get(0).path("body").asString())
        .isEqualTo("a comment of mine");
    assertThat(export.path("comments").get(0).path("article").asString()).isEqualTo(theirs);
    assertThat(export.path("favorites").get(0).path("slug").asString()).isEqualTo(theirs);
    assertThat(export.path("following").get(0).path("username").asString())
        .isEqualTo(followed.username());
    assertThat(export.path("followers").get(0).path("username").asString())
        .isEqualTo(follower.username());
    assertThat(export.toString()).doesNotContain("password_hash").doesNotContain("$2a$");
  }

  @Test
  void exportingNeedsASignedInUser() {
    api.post("/api/user/export").expectError(401, "token", "is missing");
  }

  private JsonNode awaitSucceeded(String location, dev.mach.support.TestUser owner) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode job = api.as(owner).get(location).expect(200).path("job");
    while (!job.path("status").asString().equals("succeeded")) {
      assertThat(Instant.now()).as("job %s", job).isBefore(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      job = api.as(owner).get(location).expect(200).path("job");
    }
    return job;
  }
}
