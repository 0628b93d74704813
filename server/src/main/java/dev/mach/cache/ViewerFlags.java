package dev.mach.cache;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A signed-in reader's own flags for the articles and users in a cached body. */
final class ViewerFlags {

  private final Map<ViewerFlag.Kind, ViewerFlagSource> sources =
      new EnumMap<>(ViewerFlag.Kind.class);

  ViewerFlags(List<ViewerFlagSource> sources) {
    for (ViewerFlagSource source : sources) {
      this.sources.put(source.kind(), source);
    }
  }

  /** Whether every kind of flag can be looked up; without that, signed-in reads are not served. */
  boolean complete() {
    return sources.size() == ViewerFlag.Kind.values().length;
  }

  /**
   * The body with the viewer's flags set; the cached bytes themselves if none is set. With a {@code
   * group}, the lookups go together with those of the group's other requests.
   */
  byte[] overlay(CachedResponse entry, long viewerId, FlagLookupGroup group) {
    if (entry.flags().length == 0) {
      return entry.body();
    }
    Map<ViewerFlag.Kind, List<Long>> ids = new EnumMap<>(ViewerFlag.Kind.class);
    for (ViewerFlag flag : entry.flags()) {
      ids.computeIfAbsent(flag.kind(), k -> new ArrayList<>()).add(flag.id());
    }
    Map<ViewerFlag.Kind, Set<Long>> found =
        group == null ? lookUp(viewerId, ids) : group.lookUp(viewerId, ids, this::lookUp);
    return FlagOverlay.apply(
        entry,
        found.getOrDefault(ViewerFlag.Kind.FAVORITED, Set.of()),
        found.getOrDefault(ViewerFlag.Kind.FOLLOWING, Set.of()));
  }

  private Map<ViewerFlag.Kind, Set<Long>> lookUp(
      long viewerId, Map<ViewerFlag.Kind, List<Long>> ids) {
    Map<ViewerFlag.Kind, Set<Long>> found = new EnumMap<>(ViewerFlag.Kind.class);
    ids.forEach((kind, some) -> found.put(kind, sources.get(kind).trueAmong(viewerId, some)));
    return found;
  }
}
