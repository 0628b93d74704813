package dev.mach.tag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.TestDatabase;
import dev.mach.support.TestUser;
import java.sql.SQLException;
import java.util.List;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class TagPopularityApiTest extends ApiTest {

  @Autowired TagPopularity popularity;
  @Autowired StorageProvider jobStorage;

  @Test
  void tagsUsedMostWithinTheWindowComeFirstAndOldUsesDoNotCount() {
    var author = fixtures.user();
    String hot = Fixtures.unique("hot");
    String warm = Fixtures.unique("warm");
    String old = Fixtures.unique("old");
    tagArticles(author, hot, 3);
    tagArticles(author, warm, 2);
    tagArticles(author, old, 4);
    ageUses(old);

    popularity.refresh();

    List<String> tags = tagNames("/api/tags");
    assertThat(tags.indexOf(hot)).isNotNegative().isLessThan(tags.indexOf(warm));
    // four uses in all, none lately: after every ranked tag
    assertThat(tags.indexOf(warm)).isLessThan(tags.indexOf(old));
  }

  @Test
  void aRefreshThatChangesTheOrderReplacesTheCachedTagList() {
    var author = fixtures.user();
    String first = Fixtures.unique("first");
    String second = Fixtures.unique("second");
    tagArticles(author, first, 2);
    tagArticles(author, second, 1);
    popularity.refresh();
    List<String> before = tagNames("/api/tags");
    assertThat(before.indexOf(first)).isLessThan(before.indexOf(second));

    // straight in the database: no write through the API marks the cached list stale
    ageUses(first);
    popularity.refresh();

    List<String> after = tagNames("/api/tags");
    assertThat(after.indexOf(second)).isLessThan(after.indexOf(first));
  }

  @Test
  void aNewTagIsListedAtOnceAfterTheRankedOnes() {
    var author = fixtures.user();
    String ranked = Fixtures.unique("ranked");
    tagArticles(author, ranked, 1);
    popularity.refresh();
    tagNames("/api/tags");

    String fresh = Fixtures.unique("fresh");
    tagArticles(author, fresh, 1);

    List<String> tags = tagNames("/api/tags");
    assertThat(tags).contains(fresh);
    assertThat(tags.indexOf(ranked)).isLessThan(tags.indexOf(fresh));
  }

  @Test
  void topKIsTheFirstKOfTheWholeList() {
    var author = fixtures.user();
    tagArticles(author, Fixtures.unique("topk"), 2);
    tagArticles(author, Fixtures.unique("topk"), 1);
    popularity.refresh();

    List<String> all = tagNames("/api/tags");
    assertThat(all.size()).isGreaterThanOrEqualTo(2);

    assertThat(tagNames("/api/tags?top=1")).containsExactlyElementsOf(all.subList(0, 1));
    assertThat(tagNames("/api/tags?top=2")).containsExactlyElementsOf(all.subList(0, 2));
    assertThat(tagNames("/api/tags?top=100"))
        .containsExactlyElementsOf(all.subList(0, Math.min(100, all.size())));
  }

  @Test
  void topOutsideOneToTheMaximumOrNotANumberIsUnprocessable() {
    api.get("/api/tags?top=0").expectError(422, "top", "must be between 1 and 100");
    api.get("/api/tags?top=101").expectError(422, "top", "must be between 1 and 100");
    api.get("/api/tags?top=-3").expectError(422, "top", "must be between 1 and 100");
    api.get("/api/tags?top=ten").expectError(422, "top", "must be an integer");
    api.get("/api/tags?top=").expectError(422, "top", "must be an integer");
  }

  @Test
  void theRefreshIsARecurringBackgroundJob() {
    assertThat(jobStorage.getRecurringJobs())
        .anySatisfy(job -> assertThat(job.getId()).isEqualTo(TagPopularity.RECURRING_ID));
  }

  private void tagArticles(TestUser author, String tag, int articles) {
    for (int i = 0; i < articles; i++) {
      fixtures.article(author, Fixtures.unique("About " + tag + " "), List.of(tag));
    }
  }

  /** Moves a tag's uses out of the popularity window (30 days by default). */
  private static void ageUses(String tag) {
    try (var connection = TestDatabase.shared().connect();
        var st =
            connection.prepareStatement(
                "update article_tags set created_at = created_at - interval '60' day"
                    + " where tag_id = (select id from tags where name = ?)")) {
      st.setString(1, tag);
      assertThat(st.executeUpdate()).isPositive();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> tagNames(String path) {
    return api.get(path).expect(200).path("tags").values().stream()
        .map(JsonNode::asString)
        .toList();
  }
}
