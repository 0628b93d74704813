package dev.mach.article;

import dev.mach.cache.ViewerFlag;
import dev.mach.cache.ViewerFlagSource;
import dev.mach.config.RelationLoader;
import java.util.Collection;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Whether a reader favorited each of some articles, for responses served from the cache. */
@Component
class FavoriteFlags implements ViewerFlagSource {

  private final ArticleQueries queries;
  private final RelationLoader loader;

  FavoriteFlags(ArticleQueries queries, RelationLoader loader) {
    this.queries = queries;
    this.loader = loader;
  }

  @Override
  public ViewerFlag.Kind kind() {
    return ViewerFlag.Kind.FAVORITED;
  }

  @Override
  public Set<Long> trueAmong(long viewerId, Collection<Long> articleIds) {
    return loader.loadSet(articleIds, chunk -> queries.favoritedAmong(viewerId, chunk));
  }
}
