package dev.mach.bench.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedReadersTest {

  @Test
  void aReaderGetsTheSameDistinctAuthorsOnEveryRunAndNeverAReader() {
    Set<Integer> readers = Set.of(10000, 9999, 9998);

    List<Integer> first = FeedReaders.chosenAuthors(9998, 5000, 10000, readers);
    List<Integer> again = FeedReaders.chosenAuthors(9998, 5000, 10000, readers);

    assertThat(first).hasSize(5000).isEqualTo(again).doesNotContainAnyElementsOf(readers);
    assertThat(new HashSet<>(first)).hasSize(5000);
    assertThat(first).allMatch(id -> id >= 1 && id <= 10000);
  }

  @Test
  void readersOfTheSameCountFollowDifferentAuthors() {
    Set<Integer> readers = Set.of(100, 99);

    List<Integer> one = FeedReaders.chosenAuthors(100, 10, 100, readers);
    List<Integer> other = FeedReaders.chosenAuthors(99, 10, 100, readers);

    assertThat(one).isNotEqualTo(other);
  }
}
