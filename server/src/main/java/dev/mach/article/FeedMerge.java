package dev.mach.article;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A bounded k-way merge of sources that are each already in feed order: a heap holds one cursor per
 * source, so a page costs O((offset + limit) log k) comparisons, however long the sources are and
 * however many there are.
 */
final class FeedMerge {

  /** Feed order: newest first, the higher id first among articles of the same millisecond. */
  static final Comparator<ArticleRow> NEWEST_FIRST =
      Comparator.comparing(ArticleRow::createdAt).thenComparingLong(ArticleRow::id).reversed();

  private FeedMerge() {}

  /** Items offset to offset + limit of the merged order. */
  static <T> List<T> page(List<List<T>> sources, Comparator<T> order, long offset, int limit) {
    PriorityQueue<Cursor<T>> heads =
        new PriorityQueue<>(
            Math.max(1, sources.size()),
            (a, b) -> order.compare(a.source.get(a.next), b.source.get(b.next)));
    for (List<T> source : sources) {
      if (!source.isEmpty()) {
        heads.add(new Cursor<>(source));
      }
    }
    List<T> page = new ArrayList<>(Math.max(0, limit));
    for (long taken = 0; taken < offset + limit && !heads.isEmpty(); taken++) {
      Cursor<T> head = heads.poll();
      if (taken >= offset) {
        page.add(head.source.get(head.next));
      }
      if (++head.next < head.source.size()) {
        heads.add(head);
      }
    }
    return page;
  }

  private static final class Cursor<T> {
    final List<T> source;
    int next;

    Cursor(List<T> source) {
      this.source = source;
    }
  }
}
