package dev.mach.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.config.SqlStatementCounter;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.TestUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * No N+1: every list endpoint runs the same number of SQL statements for a page of 1, 20 or 100
 * items (the page, its tags, its authors with following flags, the viewer's favorites, the count).
 */
// the database path itself: with the response cache on, repeated reads would never reach it
@TestPropertySource(properties = "mach.cache.enabled=false")
class StatementCountTest extends ApiTest {

  private static final int ARTICLES = 100;
  private static final int MAX_STATEMENTS_PER_LIST = 5;

  @Autowired SqlStatementCounter statements;

  private static boolean seeded;
  private static String tag;
  private static TestUser reader;
  private static TestUser busyAuthor;
  private static String commentedSlug;
  private static String fewCommentsSlug;

  @BeforeEach
  void seedOnce() {
    if (seeded) {
      return;
    }
    tag = Fixtures.unique("hot");
    reader = fixtures.user();
    List<TestUser> authors = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      authors.add(fixtures.user());
    }
    busyAuthor = authors.getFirst();
    for (int i = 0; i < ARTICLES; i++) {
      // one author writes every other article so ?author= also has 100 matches with many authors
      // around
      TestUser author = i % 2 == 0 ? busyAuthor : authors.get(1 + i % 4);
      String slug =
          fixtures
              .article(author, Fixtures.unique("Counted "), List.of(tag, Fixtures.unique("own")))
              .path("slug")
              .asString();
      fixtures.favorite(reader, slug);
    }
    for (int i = 0; i < ARTICLES / 2; i++) {
      fixtures.article(busyAuthor, Fixtures.unique("Solo "), List.of());
    }
    authors.forEach(a -> fixtures.follow(reader, a));
    commentedSlug = fixtures.article(busyAuthor).path("slug").asString();
    for (int i = 0; i < 40; i++) {
      fixtures.comment(authors.get(i % authors.size()), commentedSlug, "comment " + i);
    }
    fewCommentsSlug = fixtures.article(busyAuthor).path("slug").asString();
    fixtures.comment(reader, fewCommentsSlug, "only one");
    seeded = true;
  }

  @Test
  void listEndpointsRunTheSameStatementsForPagesOf1And20And100() {
    Map<String, String> lists = new LinkedHashMap<>();
    lists.put("global", "/api/articles?limit=");
    lists.put("tag", "/api/articles?tag=" + tag + "&limit=");
    lists.put("author", "/api/articles?author=" + busyAuthor.username() + "&limit=");
    lists.put("favorited", "/api/articles?favorited=" + reader.username() + "&limit=");
    lists.put(
        "tag+author", "/api/articles?tag=" + tag + "&author=" + busyAuthor.username() + "&limit=");
    lists.put("feed", "/api/articles/feed?limit=");

    for (var list : lists.entrySet()) {
      for (boolean signedIn : List.of(false, true)) {
        if (list.getKey().equals("feed") && !signedIn) {
          continue;
        }
        List<Long> counts = new ArrayList<>();
        for (int size : List.of(1, 20, 100)) {
          long before = statements.total();
          var response = (signedIn ? api.as(reader) : api).get(list.getValue() + size).expect(200);
          counts.add(statements.total() - before);
          int expectedItems = list.getKey().equals("tag+author") ? Math.min(size, 50) : size;
          assertThat(response.path("articles").size())
              .as("%s page of %d", list.getKey(), size)
              .isEqualTo(expectedItems);
        }
        assertThat(counts)
            .as(
                "statements for %s (signed in: %s) at page sizes 1, 20, 100",
                list.getKey(), signedIn)
            .allMatch(c -> c.equals(counts.getFirst()))
            .allMatch(c -> c <= MAX_STATEMENTS_PER_LIST);
      }
    }
  }

  @Test
  void commentListRunsTheSameStatementsForOneOrFortyComments() {
    long before = statements.total();
    assertThat(
            api.as(reader)
                .get("/api/articles/" + fewCommentsSlug + "/comments")
                .expect(200)
                .path("comments")
                .size())
        .isEqualTo(1);
    long few = statements.total() - before;

    before = statements.total();
    assertThat(
            api.as(reader)
                .get("/api/articles/" + commentedSlug + "/comments")
                .expect(200)
                .path("comments")
                .size())
        .isEqualTo(40);
    long many = statements.total() - before;

    assertThat(many).isEqualTo(few);
  }
}
