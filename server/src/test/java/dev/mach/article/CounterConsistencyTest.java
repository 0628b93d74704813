package dev.mach.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * articlesCount and favoritesCount come from counters kept on write, never from counting rows on
 * read. After a random mix of every write that moves them, each counter must equal a recount.
 */
class CounterConsistencyTest extends ApiTest {

  private static final int OPERATIONS = 300;

  @Autowired DSLContext db;

  @Test
  void everyKeptCounterEqualsARecountAfterRandomWrites() {
    var random = new Random(42);
    List<TestUser> users = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      users.add(fixtures.user());
    }
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tags.add(Fixtures.unique("ctag"));
    }
    record Owned(TestUser author, String slug) {}
    List<Owned> articles = new ArrayList<>();

    for (int op = 0; op < OPERATIONS; op++) {
      TestUser user = users.get(random.nextInt(users.size()));
      int kind = articles.isEmpty() ? 0 : random.nextInt(6);
      switch (kind) {
        case 0 -> {
          String slug =
              fixtures
                  .article(user, Fixtures.unique("Count "), someOf(tags, random))
                  .path("slug")
                  .asString();
          articles.add(new Owned(user, slug));
        }
        case 1 -> {
          Owned a = articles.get(random.nextInt(articles.size()));
          api.as(a.author())
              .put(
                  "/api/articles/" + a.slug(),
                  Json.wrap("article", "tagList", someOf(tags, random)))
              .expect(200);
        }
        case 2 -> {
          Owned a = articles.remove(random.nextInt(articles.size()));
          api.as(a.author()).delete("/api/articles/" + a.slug()).expect(204);
        }
        case 3, 4 ->
            api.as(user)
                .post(
                    "/api/articles/"
                        + articles.get(random.nextInt(articles.size())).slug()
                        + "/favorite")
                .expect(200);
        default ->
            api.as(user)
                .delete(
                    "/api/articles/"
                        + articles.get(random.nextInt(articles.size())).slug()
                        + "/favorite")
                .expect(200);
      }
    }

    assertThat(
            mismatches(
                """
        select count(*) from tags t
        where t.article_count <> (select count(*) from article_tags x where x.tag_id = t.id)"""))
        .as("tags whose article_count is off")
        .isZero();
    assertThat(
            mismatches(
                """
        select count(*) from users u
        where u.article_count <> (select count(*) from articles a where a.author_id = u.id)
           or u.favorite_count <> (select count(*) from favorites f where f.user_id = u.id)"""))
        .as("users whose article_count or favorite_count is off")
        .isZero();
    assertThat(
            mismatches(
                """
        select count(*) from articles a
        where a.favorites_count <> (select count(*) from favorites f where f.article_id = a.id)"""))
        .as("articles whose favorites_count is off")
        .isZero();
    assertThat(
            mismatches(
                """
        select abs((select sum(val) from counter_stripes where name = 'articles')
                   - (select count(*) from articles))"""))
        .as("site-wide article total minus the rows")
        .isZero();
    assertThat(
            mismatches(
                """
        select abs((select sum(val) from counter_stripes where name = 'users')
                   - (select count(*) from users))"""))
        .as("site-wide user total minus the rows")
        .isZero();
  }

  private long mismatches(String sql) {
    return ((Number) db.fetchValue(sql)).longValue();
  }

  private static List<String> someOf(List<String> tags, Random random) {
    List<String> chosen = new ArrayList<>();
    for (String tag : tags) {
      if (random.nextInt(3) == 0) {
        chosen.add(tag);
      }
    }
    return chosen;
  }
}
