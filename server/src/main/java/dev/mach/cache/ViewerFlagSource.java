package dev.mach.cache;

import java.util.Collection;
import java.util.Set;

/** Looks up one kind of viewer flag; the feature that owns the relation implements it. */
public interface ViewerFlagSource {

  ViewerFlag.Kind kind();

  /** Those of {@code ids} for which the flag is true for this viewer. */
  Set<Long> trueAmong(long viewerId, Collection<Long> ids);
}
