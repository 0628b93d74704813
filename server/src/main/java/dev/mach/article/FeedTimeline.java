package dev.mach.article;

import dev.mach.cache.CacheKeys;
import dev.mach.cache.CacheRecording;
import dev.mach.config.MachProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The read side of the feed: hybrid push/pull. Articles of most followed authors are read from the
 * reader's timeline ({@code feed_entries}, written by {@link FanOutJobs}); articles of the authors
 * the timeline may be incomplete for are pulled from {@code articles}, each author's newest in one
 * index range, and all of it is merged with a bounded k-way merge ({@link FeedMerge}).
 *
 * <p><b>Invariant.</b> While {@code feed_state} says complete, for every follow (R, A) and every
 * article X of A, the entry (R, X) exists unless A is pulled for R, or X's fan-out job has not run
 * yet (the only lag: up to one job poll interval). A is pulled for R when A has more followers than
 * the threshold, or A is in {@code feed_pull_authors}, or (R, A) is in {@code
 * feed_pending_follows}. It holds because:
 *
 * <ul>
 *   <li>a fan-out skips A only while A is above the threshold, and A is put into {@code
 *       feed_pull_authors} in the same transaction that moves A's follower count above it (or by
 *       the skipping job itself); only {@link FanOutJobs#promote} takes A out again, after writing
 *       all of A's entries, with A's user row locked so no follow, unfollow or publication of A
 *       commits in between;
 *   <li>a follow inserts its pending row in its own transaction; the backfill job deletes it in the
 *       transaction that wrote A's entries for R;
 *   <li>every job is enqueued after its write committed and re-reads follows and articles when it
 *       runs, so a follow or article that is committed before a job's statement is seen by it, and
 *       one committed after has a job of its own that runs later;
 *   <li>a job lost between its write's commit and its enqueue (a crash) is enqueued again by {@link
 *       FeedSweep}: the write left a pending row in its own transaction ({@code
 *       feed_pending_articles}, {@code feed_pending_follows}) that only its job deletes. Until then
 *       the article is one "whose fan-out job has not run yet", for longer.
 * </ul>
 *
 * Entries the invariant does not require may exist: of an author since unfollowed (until the
 * removal job ran, or for ever if a removal and a fan-out crossed), or of a pulled author. The read
 * never shows them: it joins entries to the reader's current follows and leaves pulled authors out.
 * Deleted articles take their entries with them (foreign key cascade). So the feed shows exactly
 * what the pull query shows, except articles younger than their fan-out job.
 *
 * <p>While timelines are incomplete (see {@link FeedState}), or with fan-out off, the feed is the
 * pull query. The count is the sum of followed authors' article counters either way: exact, and
 * bounded by follows rather than articles.
 */
@Service
class FeedTimeline {

  private final FeedQueries feed;
  private final ArticleQueries articles;
  private final FeedState state;
  private final int threshold;

  FeedTimeline(
      FeedQueries feed, ArticleQueries articles, FeedState state, MachProperties properties) {
    this.feed = feed;
    this.articles = articles;
    this.state = state;
    this.threshold = properties.feed().fanOut().pullThreshold();
  }

  record Page(List<ArticleRow> rows, long count) {}

  Page page(long readerId, int limit, long offset) {
    if (!state.ready()) {
      return pulled(readerId, limit, offset);
    }
    var followees = feed.followees(readerId, threshold);
    recordDependencies(readerId, followees.pulled());
    if (followees.articleCount() == 0 || limit == 0) {
      return new Page(List.of(), followees.articleCount());
    }
    int wanted = (int) Math.min(offset + limit, Integer.MAX_VALUE);
    Map<Long, List<ArticleRow>> bySource = new LinkedHashMap<>();
    for (var row : feed.sources(readerId, followees.pulled(), wanted)) {
      bySource.computeIfAbsent(row.source(), s -> new ArrayList<>()).add(row.row());
    }
    // a union does not promise its branches' order; each source is short and nearly always
    // already in order, which the sort notices in one pass
    List<List<ArticleRow>> sources = new ArrayList<>(bySource.values());
    sources.forEach(source -> source.sort(FeedMerge.NEWEST_FIRST));
    return new Page(
        FeedMerge.page(sources, FeedMerge.NEWEST_FIRST, offset, limit), followees.articleCount());
  }

  /**
   * What the response cache must watch to keep this reader's feed: their timeline (fan-out jobs,
   * their follows), their favorites (the flags), deletions (the count), which authors are pulled,
   * and each pulled author's articles. The page's articles and authors are recorded where they are
   * read. The pull query records none of this, so it is never kept.
   */
  private static void recordDependencies(long readerId, Collection<Long> pulled) {
    if (!CacheRecording.active()) {
      return;
    }
    CacheRecording.dependsOn(CacheKeys.timeline(readerId));
    CacheRecording.dependsOn(CacheKeys.favoritedList(readerId));
    CacheRecording.dependsOn(CacheKeys.ANY_DELETION);
    CacheRecording.dependsOn(CacheKeys.FEED_SHAPE);
    pulled.forEach(author -> CacheRecording.dependsOn(CacheKeys.authorList(author)));
    CacheRecording.readerComplete();
  }

  /** The feed without timelines: the followees' articles in one ordered query. */
  Page pulled(long readerId, int limit, long offset) {
    return new Page(articles.feedPage(readerId, limit, offset), articles.feedCount(readerId));
  }
}
