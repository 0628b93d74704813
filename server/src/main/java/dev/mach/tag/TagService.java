package dev.mach.tag;

import dev.mach.cache.CacheKeys;
import dev.mach.cache.CacheRecording;
import dev.mach.config.MachProperties;
import dev.mach.error.ValidationErrors;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;

/** The tag vocabulary and how many articles use each tag (the count behind {@code ?tag=}). */
@Service
public class TagService {

  private final TagQueries queries;
  private final int maxTop;

  TagService(TagQueries queries, MachProperties properties) {
    this.queries = queries;
    this.maxTop = properties.tags().maxTop();
  }

  /**
   * Tags in use, the most used lately first (see {@link TagPopularity}); tags the ranking does not
   * know yet follow, so a tag shows the moment an article uses it. {@code top} (as given, or null
   * for all) keeps the first K.
   */
  public List<String> tagsInUse(String top) {
    Integer limit = top == null ? null : parseTop(top);
    CacheRecording.dependsOn(CacheKeys.TAGS);
    return queries.inUse(limit);
  }

  private int parseTop(String top) {
    var errors = new ValidationErrors();
    int k = 0;
    try {
      k = Integer.parseInt(top.strip());
      if (k < 1 || k > maxTop) {
        errors.add("top", "must be between 1 and " + maxTop);
      }
    } catch (NumberFormatException e) {
      errors.add("top", "must be an integer");
    }
    errors.throwIfAny();
    return k;
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
