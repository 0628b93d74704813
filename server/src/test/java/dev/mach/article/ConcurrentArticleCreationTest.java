package dev.mach.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiResponse;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.Json;
import dev.mach.support.TestUser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Authors publishing at the same moment with the same brand-new tags, listed in different orders,
 * all succeed, keep the slug their title gives, and leave exact tag counts.
 */
class ConcurrentArticleCreationTest extends ApiTest {

  private static final int THREADS = 8;
  private static final int ARTICLES_PER_THREAD = 6;

  @Test
  void concurrentPublishingWithOverlappingNewTagsNeverFailsOrSuffixesASlug() throws Exception {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tags.add(Fixtures.unique("race"));
    }
    List<TestUser> authors = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      authors.add(fixtures.user());
    }

    record Published(String title, List<String> tags, ApiResponse response) {}
    List<Published> published = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<Future<List<Published>>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        TestUser author = authors.get(t);
        long seed = t;
        work.add(
            pool.submit(
                () -> {
                  var random = new Random(seed);
                  List<Published> mine = new ArrayList<>();
                  for (int i = 0; i < ARTICLES_PER_THREAD; i++) {
                    List<String> chosen = new ArrayList<>(tags);
                    Collections.shuffle(chosen, random);
                    chosen = chosen.subList(0, 2 + random.nextInt(4));
                    String title = Fixtures.unique("Race ");
                    var response =
                        api.as(author)
                            .post(
                                "/api/articles",
                                Json.wrap(
                                    "article",
                                    "title",
                                    title,
                                    "description",
                                    "d",
                                    "body",
                                    "b",
                                    "tagList",
                                    chosen));
                    mine.add(new Published(title, chosen, response));
                  }
                  return mine;
                }));
      }
      for (var w : work) {
        published.addAll(w.get());
      }
    }

    Map<String, Integer> expectedPerTag = new HashMap<>();
    for (Published p : published) {
      var article = p.response().expect(201).path("article");
      assertThat(article.path("slug").asString()).isEqualTo(Slugs.base(p.title()));
      p.tags().forEach(tag -> expectedPerTag.merge(tag, 1, Integer::sum));
    }
    for (String tag : tags) {
      assertThat(api.get("/api/articles?tag=" + tag).expect(200).path("articlesCount").asInt())
          .as("articles tagged %s", tag)
          .isEqualTo(expectedPerTag.getOrDefault(tag, 0));
    }
  }
}
