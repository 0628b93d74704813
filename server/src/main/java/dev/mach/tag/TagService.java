package dev.mach.tag;

import dev.mach.cache.CacheKeys;
import dev.mach.cache.CacheRecording;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;

/** The tag vocabulary and how many articles use each tag (the count behind {@code ?tag=}). */
@Service
public class TagService {

  private final TagQueries queries;

  TagService(TagQueries queries) {
    this.queries = queries;
  }

  public List<String> tagsInUse() {
    CacheRecording.dependsOn(CacheKeys.TAGS);
    return queries.inUse();
  }

  /** Ids of the given tag names in the same order, creating tags seen for the first time. */
  public List<Long> idsFor(List<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    var ids = queries.ensure(names);
    return names.stream().map(ids::get).toList();
  }

  /** Moves the article count of each tag; call in the transaction that tags or untags. */
  public void countArticles(Collection<Long> tagIds, int delta) {
    if (!tagIds.isEmpty()) {
      queries.addToArticleCounts(tagIds, delta);
    }
  }
}
