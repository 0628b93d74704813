package dev.mach.article;

import dev.mach.cache.CacheKeys;
import dev.mach.cache.Invalidator;
import org.springframework.stereotype.Component;

/**
 * Adds authors to those the feed merges at read time. A cached feed was computed with the set as it
 * was and depends on {@link CacheKeys#FEED_SHAPE} for it, so every change of the set moves that
 * key: an author newly pulled is never fanned out again, and only this change tells the cached
 * feeds of their followers that their next article will come through the pull.
 */
@Component
class PulledAuthors {

  private final FeedQueries queries;
  private final Invalidator invalidator;

  PulledAuthors(FeedQueries queries, Invalidator invalidator) {
    this.queries = queries;
    this.invalidator = invalidator;
  }

  /** The author from now on, unless already pulled. */
  void pull(long authorId) {
    if (queries.addPulled(authorId)) {
      invalidator.changed(CacheKeys.FEED_SHAPE);
    }
  }

  /** Every author above {@code threshold} followers not pulled yet. */
  void pullAllAbove(int threshold) {
    if (queries.pullAllAbove(threshold) > 0) {
      invalidator.changed(CacheKeys.FEED_SHAPE);
    }
  }
}
