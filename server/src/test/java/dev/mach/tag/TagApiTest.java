package dev.mach.tag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TagApiTest extends ApiTest {

  @Test
  void tagsListIncludesATagTheMomentAnArticleUsesIt() {
    String tag = Fixtures.unique("tag");
    assertThat(tagNames()).doesNotContain(tag);

    fixtures.article(fixtures.user(), Fixtures.unique("Tagged "), List.of(tag));

    assertThat(tagNames()).contains(tag);
  }

  @Test
  void tagsListDropsATagOnceNoArticleUsesIt() {
    var author = fixtures.user();
    String tag = Fixtures.unique("tag");
    String slug =
        fixtures.article(author, Fixtures.unique("Tagged "), List.of(tag)).path("slug").asString();

    api.as(author).delete("/api/articles/" + slug).expect(204);

    assertThat(tagNames()).doesNotContain(tag);
  }

  private List<String> tagNames() {
    return api.get("/api/tags").expect(200).path("tags").values().stream()
        .map(JsonNode::asString)
        .toList();
  }
}
