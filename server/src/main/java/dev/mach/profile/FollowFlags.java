package dev.mach.profile;

import dev.mach.cache.ViewerFlag;
import dev.mach.cache.ViewerFlagSource;
import dev.mach.config.RelationLoader;
import java.util.Collection;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Whether a reader follows each of some users, for responses served from the cache. */
@Component
class FollowFlags implements ViewerFlagSource {

  private final ProfileQueries queries;
  private final RelationLoader loader;

  FollowFlags(ProfileQueries queries, RelationLoader loader) {
    this.queries = queries;
    this.loader = loader;
  }

  @Override
  public ViewerFlag.Kind kind() {
    return ViewerFlag.Kind.FOLLOWING;
  }

  @Override
  public Set<Long> trueAmong(long viewerId, Collection<Long> userIds) {
    return loader.loadSet(userIds, chunk -> queries.followedAmong(viewerId, chunk));
  }
}
