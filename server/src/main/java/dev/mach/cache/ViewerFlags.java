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

  /** The body with the viewer's flags set; the cached bytes themselves if none is set. */
  byte[] overlay(CachedResponse entry, long viewerId) {
    if (entry.flags().length == 0) {
      return entry.body();
    }
    return FlagOverlay.apply(
        entry,
        lookUp(entry, viewerId, ViewerFlag.Kind.FAVORITED),
        lookUp(entry, viewerId, ViewerFlag.Kind.FOLLOWING));
  }

  private Set<Long> lookUp(CachedResponse entry, long viewerId, ViewerFlag.Kind kind) {
    List<Long> ids = new ArrayList<>();
    for (ViewerFlag flag : entry.flags()) {
      if (flag.kind() == kind) {
        ids.add(flag.id());
      }
    }
    return ids.isEmpty() ? Set.of() : sources.get(kind).trueAmong(viewerId, ids);
  }
}
