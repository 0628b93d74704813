package dev.mach.cache;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the read that fills a cache entry used. The response cache starts a recording around the
 * request it is about to cache; read services add to it. Outside a recording every call is a no-op,
 * so reads cost nothing extra when nothing is being cached.
 *
 * <p>Viewer flags ({@code favorited}, {@code following}) are recorded in the order they appear in
 * the response body, so the cache can later set them for a signed-in reader.
 */
public final class CacheRecording {

  private static final ThreadLocal<CacheRecording> CURRENT = new ThreadLocal<>();

  private final Set<String> keys = new LinkedHashSet<>();
  private final List<ViewerFlag> flags = new ArrayList<>();
  private boolean readerComplete;

  CacheRecording() {}

  /** Whether a cache entry is being recorded, so a read can skip work only the cache needs. */
  public static boolean active() {
    return CURRENT.get() != null;
  }

  public static void dependsOn(String key) {
    CacheRecording recording = CURRENT.get();
    if (recording != null) {
      recording.keys.add(key);
    }
  }

  /** The next viewer flag in the body belongs to this article or user. */
  public static void flag(ViewerFlag.Kind kind, long id) {
    CacheRecording recording = CURRENT.get();
    if (recording != null) {
      recording.flags.add(new ViewerFlag(kind, id));
    }
  }

  /**
   * A personal read (the feed) recorded everything its reader's answer depends on, their own
   * follows and favorites included. Without this, a personal answer is never kept: reads that
   * cannot name all they depend on (the pull feed over thousands of authors) stay uncached.
   */
  public static void readerComplete() {
    CacheRecording recording = CURRENT.get();
    if (recording != null) {
      recording.readerComplete = true;
    }
  }

  static CacheRecording start() {
    CacheRecording recording = new CacheRecording();
    CURRENT.set(recording);
    return recording;
  }

  void stop() {
    CURRENT.remove();
  }

  Set<String> keys() {
    return keys;
  }

  boolean isReaderComplete() {
    return readerComplete;
  }

  List<ViewerFlag> flags() {
    return flags;
  }
}
