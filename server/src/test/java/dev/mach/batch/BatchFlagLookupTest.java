package dev.mach.batch;

import static dev.mach.batch.Batches.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.config.SqlStatementCounter;
import dev.mach.support.Api;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Signed-in reads a batch answers from the cache look their viewer flags up together: each still
 * gets exactly its own flags, for far fewer statements than one lookup per read.
 */
class BatchFlagLookupTest extends ApiTest {

  private static final int READS = 20;

  @Autowired SqlStatementCounter statements;

  @Test
  void cachedReadsOfOneBatchShareTheirFlagLookupsAndEachGetsItsOwnFlags() {
    Reads reads = Reads.prepare(fixtures, api, READS);
    awaitJobs(); // the articles' fan-out jobs run statements of their own

    long before = statements.total();
    JsonNode answer = api.as(reads.reader()).post("/api/batch", reads.batch()).expect(200);
    long spent = statements.total() - before;

    reads.assertOwnFlags(answer);
    // one lookup per read would be two statements each (favorited, following)
    assertThat(spent).isLessThan(READS);
  }

  /** Articles by a followed and an unfollowed author, some favorited, each cached anonymously. */
  record Reads(
      TestUser reader, List<String> slugs, List<Boolean> favorited, List<Boolean> following) {

    static Reads prepare(Fixtures fixtures, Api api, int count) {
      TestUser reader = fixtures.user();
      TestUser followed = fixtures.user();
      TestUser other = fixtures.user();
      fixtures.follow(reader, followed);
      List<String> slugs = new ArrayList<>();
      List<Boolean> favorited = new ArrayList<>();
      List<Boolean> following = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        TestUser author = i % 2 == 0 ? followed : other;
        String slug =
            fixtures.article(author, Fixtures.unique("Flags "), List.of()).path("slug").asString();
        if (i % 3 == 0) {
          fixtures.favorite(reader, slug);
        }
        api.get("/api/articles/" + slug).expect(200); // cached, shared by every reader
        slugs.add(slug);
        favorited.add(i % 3 == 0);
        following.add(author == followed);
      }
      return new Reads(reader, slugs, favorited, following);
    }

    String batch() {
      @SuppressWarnings("unchecked")
      Map<String, Object>[] items =
          slugs.stream().map(slug -> item("GET", "/api/articles/" + slug)).toArray(Map[]::new);
      return Batches.of(items);
    }

    void assertOwnFlags(JsonNode answer) {
      JsonNode responses = answer.path("responses");
      assertThat(responses.size()).isEqualTo(slugs.size());
      for (int i = 0; i < slugs.size(); i++) {
        JsonNode article = responses.get(i).path("body").path("article");
        assertThat(responses.get(i).path("status").asInt()).isEqualTo(200);
        assertThat(article.path("slug").asString()).isEqualTo(slugs.get(i));
        assertThat(article.path("favorited").asBoolean())
            .as("favorited, read %d", i)
            .isEqualTo(favorited.get(i));
        assertThat(article.path("author").path("following").asBoolean())
            .as("following, read %d", i)
            .isEqualTo(following.get(i));
      }
    }
  }
}
