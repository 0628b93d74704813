package dev.mach.article;

import static dev.mach.db.Tables.FAVORITES;
import static dev.mach.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiTest;
import dev.mach.support.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * favoritesCount is a denormalized counter moved in the favorite's own transaction; under many
 * concurrent toggles (including the same user racing themself) it must still equal the rows.
 */
class FavoritesCounterConcurrencyTest extends ApiTest {

  private static final int USERS_TOGGLING = 12;
  private static final int THREADS = 16;
  private static final int TOGGLES_PER_THREAD = 40;

  @Autowired DSLContext db;

  @Test
  void favoritesCountEqualsFavoriteRowsAfterConcurrentToggles() throws Exception {
    TestUser author = fixtures.user();
    List<String> slugs = List.of(slug(author), slug(author));
    List<TestUser> users = new ArrayList<>();
    for (int i = 0; i < USERS_TOGGLING; i++) {
      users.add(fixtures.user());
    }

    List<Integer> statuses = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(
            pool.submit(
                () -> {
                  var random = ThreadLocalRandom.current();
                  List<Integer> seen = new ArrayList<>();
                  for (int i = 0; i < TOGGLES_PER_THREAD; i++) {
                    TestUser user = users.get(random.nextInt(users.size()));
                    String path =
                        "/api/articles/" + slugs.get(random.nextInt(slugs.size())) + "/favorite";
                    var response =
                        random.nextBoolean() ? api.as(user).post(path) : api.as(user).delete(path);
                    seen.add(response.status());
                  }
                  return seen;
                }));
      }
      for (var result : results) {
        statuses.addAll(result.get());
      }
    }

    assertThat(statuses).hasSize(THREADS * TOGGLES_PER_THREAD).containsOnly(200);
    for (String slug : slugs) {
      long articleId =
          db.select(dev.mach.db.Tables.ARTICLES.ID)
              .from(dev.mach.db.Tables.ARTICLES)
              .where(dev.mach.db.Tables.ARTICLES.SLUG.eq(slug))
              .fetchOne(dev.mach.db.Tables.ARTICLES.ID);
      int rows = db.fetchCount(FAVORITES, FAVORITES.ARTICLE_ID.eq(articleId));
      int shown =
          api.get("/api/articles/" + slug)
              .expect(200)
              .path("article")
              .path("favoritesCount")
              .asInt();
      assertThat(shown).as("favoritesCount of %s", slug).isEqualTo(rows);
    }
    for (TestUser user : users) {
      long userId =
          db.select(USERS.ID)
              .from(USERS)
              .where(USERS.USERNAME.eq(user.username()))
              .fetchOne(USERS.ID);
      int rows = db.fetchCount(FAVORITES, FAVORITES.USER_ID.eq(userId));
      var favorited = api.get("/api/articles?favorited=" + user.username()).expect(200);
      assertThat(favorited.path("articlesCount").asInt())
          .as("favorites of %s", user.username())
          .isEqualTo(rows);
      assertThat(favorited.path("articles").size()).isEqualTo(rows);
    }
  }

  private String slug(TestUser author) {
    return fixtures.article(author).path("slug").asString();
  }
}
