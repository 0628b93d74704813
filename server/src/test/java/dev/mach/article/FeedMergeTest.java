package dev.mach.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeedMergeTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void mergesNewestFirstAndBreaksTimeTiesByTheHigherId() {
    var a = List.of(row(5, 10), row(2, 10), row(1, 3));
    var b = List.of(row(4, 10), row(3, 7));

    assertThat(ids(FeedMerge.page(List.of(a, b), FeedMerge.NEWEST_FIRST, 0, 10)))
        .containsExactly(5L, 4L, 2L, 3L, 1L);
  }

  @Test
  void takesOnlyTheWindowFromOffset() {
    var a = List.of(row(6, 6), row(4, 4), row(2, 2));
    var b = List.of(row(5, 5), row(3, 3), row(1, 1));

    assertThat(ids(FeedMerge.page(List.of(a, b), FeedMerge.NEWEST_FIRST, 2, 3)))
        .containsExactly(4L, 3L, 2L);
    assertThat(ids(FeedMerge.page(List.of(a, b), FeedMerge.NEWEST_FIRST, 5, 3)))
        .containsExactly(1L);
    assertThat(FeedMerge.page(List.of(a, b), FeedMerge.NEWEST_FIRST, 6, 3)).isEmpty();
    assertThat(FeedMerge.page(List.of(a, b), FeedMerge.NEWEST_FIRST, 0, 0)).isEmpty();
  }

  @Test
  void handlesNoSourcesAndEmptySources() {
    assertThat(FeedMerge.page(List.<List<ArticleRow>>of(), FeedMerge.NEWEST_FIRST, 0, 5)).isEmpty();
    assertThat(
            ids(
                FeedMerge.page(
                    List.of(List.of(), List.of(row(1, 1))), FeedMerge.NEWEST_FIRST, 0, 5)))
        .containsExactly(1L);
  }

  @Test
  void agreesWithSortingEverythingOnRandomSources() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<List<ArticleRow>> sources = new ArrayList<>();
      long id = 0;
      for (int s = random.nextInt(6); s >= 0; s--) {
        List<ArticleRow> source = new ArrayList<>();
        for (int i = random.nextInt(8); i > 0; i--) {
          source.add(row(++id, random.nextInt(5))); // few distinct times: many ties
        }
        source.sort(FeedMerge.NEWEST_FIRST);
        sources.add(source);
      }
      int offset = random.nextInt(10);
      int limit = random.nextInt(10);
      List<ArticleRow> everything =
          sources.stream().flatMap(List::stream).sorted(FeedMerge.NEWEST_FIRST).toList();
      List<ArticleRow> expected = everything.stream().skip(offset).limit(limit).toList();

      assertThat(FeedMerge.page(sources, FeedMerge.NEWEST_FIRST, offset, limit))
          .as("round %d", round)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void worksForAnyOrder() {
    var odd = List.of(1, 3, 5);
    var even = List.of(2, 4);
    assertThat(FeedMerge.page(List.of(odd, even), Comparator.<Integer>naturalOrder(), 1, 3))
        .containsExactly(2, 3, 4);
  }

  private static ArticleRow row(long id, int minute) {
    Instant at = T0.plusSeconds(60L * minute);
    return new ArticleRow(id, "s" + id, "t", "d", null, 1, 0, at, at);
  }

  private static List<Long> ids(List<ArticleRow> rows) {
    return rows.stream().map(ArticleRow::id).toList();
  }
}
