package dev.mach.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTemplatesTest {

  private final RouteTemplates routes =
      new RouteTemplates(
          () ->
              List.of(
                  "/api/articles",
                  "/api/articles/feed",
                  "/api/articles/{slug}",
                  "/api/articles/{slug}/comments",
                  "/api/articles/{slug}/comments/{id}",
                  "/api/articles/{slug}/favorite",
                  "/api/profiles/{username}",
                  "/api/profiles/{username}/follow",
                  "/api/tags",
                  "/swagger-ui/**",
                  "/"));

  @Test
  void aPathGetsTheTemplateItsSegmentsMatch() {
    assertThat(routes.match("/api/articles")).isEqualTo("/api/articles");
    assertThat(routes.match("/api/articles/how-to")).isEqualTo("/api/articles/{slug}");
    assertThat(routes.match("/api/articles/how-to/comments"))
        .isEqualTo("/api/articles/{slug}/comments");
    assertThat(routes.match("/api/articles/how-to/comments/12"))
        .isEqualTo("/api/articles/{slug}/comments/{id}");
    assertThat(routes.match("/api/profiles/j%C3%A1ke")).isEqualTo("/api/profiles/{username}");
    assertThat(routes.match("/")).isEqualTo("/");
  }

  @Test
  void aLiteralSegmentWinsOverAVariableAndFallsBackToIt() {
    assertThat(routes.match("/api/articles/feed")).isEqualTo("/api/articles/feed");
    // "feed" as a slug followed by more segments only matches through the variable
    assertThat(routes.match("/api/articles/feed/comments"))
        .isEqualTo("/api/articles/{slug}/comments");
  }

  @Test
  void pathsNoTemplateMatchesHaveNone() {
    assertThat(routes.match("/api/articles/")).isNull();
    assertThat(routes.match("/api/articles//comments")).isNull();
    assertThat(routes.match("/api/tags/")).isNull();
    assertThat(routes.match("/api/nowhere")).isNull();
    assertThat(routes.match("/api/articles/a/b/c/d/e")).isNull();
    assertThat(routes.match("/swagger-ui/index.html"))
        .as("wildcards are Spring's to name")
        .isNull();
    assertThat(routes.match("")).isNull();
  }
}
