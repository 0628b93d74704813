package dev.mach.cache;

/**
 * A response body ready to send again, with what decides whether it still may be.
 *
 * @param body the JSON, as the anonymous reader got it
 * @param gzipped the same, gzip-compressed once at fill time, or null when too small to gain
 * @param etag strong entity tag of {@code body} (the gzip form's tag adds {@code -gzip})
 * @param snapshot the change sequence number taken before the read that produced it
 * @param dependencies what the read used; a change to any of them after the snapshot makes it stale
 * @param flags the viewer flags in the body, in order, or null when they could not be located (then
 *     the entry serves anonymous readers only)
 * @param flagOffsets where each flag's {@code "name":false} starts in {@code body}
 * @param expiresAtNanos the safety-net expiry, on {@link System#nanoTime()}
 */
record CachedResponse(
    byte[] body,
    byte[] gzipped,
    String etag,
    long snapshot,
    String[] dependencies,
    ViewerFlag[] flags,
    int[] flagOffsets,
    long expiresAtNanos) {

  /** Bytes held, for the cache's size bound. */
  int weight() {
    int weight = 128 + body.length + (gzipped == null ? 0 : gzipped.length);
    for (String dependency : dependencies) {
      weight += 48 + dependency.length();
    }
    return weight + (flags == null ? 0 : flags.length * 40);
  }

  boolean expired(long nowNanos) {
    return nowNanos - expiresAtNanos >= 0;
  }
}
