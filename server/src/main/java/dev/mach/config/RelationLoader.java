package dev.mach.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Loads what a page of rows refers to (tags, authors, favorites) in chunks of {@code
 * mach.batching.chunk-size} keys per statement. With batching switched off the chunk is one key,
 * which is the classic N+1 pattern, so the benchmark can measure exactly what batching saves.
 */
@Component
public class RelationLoader {

  private final int chunkSize;

  public RelationLoader(MachProperties properties) {
    this.chunkSize = properties.batching().effectiveChunkSize();
  }

  public <K, V> Map<K, V> load(Collection<K> keys, Function<List<K>, Map<K, V>> query) {
    List<K> distinct = keys.stream().distinct().toList();
    if (distinct.isEmpty()) {
      return Map.of();
    }
    if (distinct.size() <= chunkSize) {
      return query.apply(distinct);
    }
    Map<K, V> all = new HashMap<>();
    for (int from = 0; from < distinct.size(); from += chunkSize) {
      all.putAll(query.apply(distinct.subList(from, Math.min(from + chunkSize, distinct.size()))));
    }
    return all;
  }

  /** For relations where only membership matters (for example "which of these did I favorite"). */
  public <K> java.util.Set<K> loadSet(Collection<K> keys, Function<List<K>, Collection<K>> query) {
    Map<K, Boolean> found =
        load(
            keys,
            chunk -> {
              Map<K, Boolean> m = new HashMap<>();
              query.apply(chunk).forEach(k -> m.put(k, Boolean.TRUE));
              return m;
            });
    return found.keySet();
  }
}
