package dev.mach.article;

import dev.mach.auth.Viewer;
import dev.mach.cache.CacheKeys;
import dev.mach.cache.CacheRecording;
import dev.mach.cache.ViewerFlag;
import dev.mach.config.RelationLoader;
import dev.mach.error.ApiException;
import dev.mach.profile.Profile;
import dev.mach.profile.ProfileService;
import dev.mach.totals.TotalsQueries;
import dev.mach.totals.TotalsQueries.Total;
import dev.mach.web.PageRequest;
import dev.mach.web.Timestamps;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The read side of articles: returns ready views. A page costs a constant number of statements
 * whatever its size: the page, its tags, its authors (with the viewer's following flags), the
 * viewer's favorites among it, and the count.
 */
@Service
public class ArticleReadService {

  private final ArticleQueries queries;
  private final TotalsQueries totals;
  private final ProfileService profiles;
  private final RelationLoader loader;
  private final FavoriteFlags favorites;
  private final FeedTimeline feed;

  ArticleReadService(
      ArticleQueries queries,
      TotalsQueries totals,
      ProfileService profiles,
      RelationLoader loader,
      FavoriteFlags favorites,
      FeedTimeline feed) {
    this.feed = feed;
    this.queries = queries;
    this.totals = totals;
    this.profiles = profiles;
    this.loader = loader;
    this.favorites = favorites;
  }

  ArticleView.Page list(ArticleFilter filter, PageRequest page, Viewer viewer) {
    recordListDependencies(filter);
    var rows = queries.page(filter, page.limit(), page.offset());
    long count = filter.activeFilters() == 0 ? totals.get(Total.ARTICLES) : queries.count(filter);
    return new ArticleView.Page(views(rows, viewer), count);
  }

  ArticleView.Page feed(Viewer reader, PageRequest page) {
    var found = feed.page(reader.userId(), page.limit(), page.offset());
    return new ArticleView.Page(views(found.rows(), reader), found.count());
  }

  ArticleView.Single single(String slug, Viewer viewer) {
    var row = queries.findBySlug(slug).orElseThrow(() -> ApiException.notFound("article"));
    return new ArticleView.Single(views(List.of(row), viewer).getFirst());
  }

  /** What a list's membership depends on, for the response cache. */
  private void recordListDependencies(ArticleFilter filter) {
    if (!CacheRecording.active()) {
      return;
    }
    if (filter.activeFilters() == 0) {
      CacheRecording.dependsOn(CacheKeys.ALL_ARTICLES);
    }
    if (filter.tag() != null) {
      CacheRecording.dependsOn(CacheKeys.tagList(filter.tag()));
    }
    if (filter.author() != null) {
      CacheRecording.dependsOn(CacheKeys.username(filter.author()));
      profiles
          .idOf(filter.author())
          .map(CacheKeys::authorList)
          .ifPresent(CacheRecording::dependsOn);
    }
    if (filter.favoritedBy() != null) {
      CacheRecording.dependsOn(CacheKeys.username(filter.favoritedBy()));
      CacheRecording.dependsOn(CacheKeys.ANY_DELETION);
      profiles
          .idOf(filter.favoritedBy())
          .map(CacheKeys::favoritedList)
          .ifPresent(CacheRecording::dependsOn);
    }
  }

  private List<ArticleView> views(List<ArticleRow> rows, Viewer viewer) {
    if (rows.isEmpty()) {
      return List.of();
    }
    if (CacheRecording.active()) {
      for (ArticleRow row : rows) {
        CacheRecording.dependsOn(CacheKeys.article(row.id()));
        CacheRecording.flag(ViewerFlag.Kind.FAVORITED, row.id());
        CacheRecording.flag(ViewerFlag.Kind.FOLLOWING, row.authorId());
      }
    }
    var ids = rows.stream().map(ArticleRow::id).toList();
    Map<Long, List<String>> tags = loader.load(ids, queries::tagNames);
    Map<Long, Profile> authors =
        profiles.profilesOf(rows.stream().map(ArticleRow::authorId).toList(), viewer);
    Set<Long> favorited = viewer == null ? Set.of() : favorites.trueAmong(viewer.userId(), ids);
    return rows.stream()
        .map(
            r ->
                new ArticleView(
                    r.slug(),
                    r.title(),
                    r.description(),
                    r.body(),
                    tags.getOrDefault(r.id(), List.of()),
                    Timestamps.format(r.createdAt()),
                    Timestamps.format(r.updatedAt()),
                    favorited.contains(r.id()),
                    r.favoritesCount(),
                    authors.get(r.authorId())))
        .toList();
  }
}
