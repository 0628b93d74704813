package dev.mach.cache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Finds the viewer flags in a cached body and writes a signed-in reader's own values into a copy.
 *
 * <p>A flag is found as the exact bytes {@code "favorited":false} (or {@code following}) right
 * after {@code ,} or <code>{</code>. Inside a JSON string a quote is always escaped, so those bytes
 * there would read {@code ,\"favorited\"...}: only the real member matches.
 */
final class FlagOverlay {

  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

  private FlagOverlay() {}

  /**
   * Where each recorded flag sits in {@code body}, in order; null when the body does not hold
   * exactly the recorded flags (the entry then serves anonymous readers only).
   */
  static int[] locate(byte[] body, List<ViewerFlag> flags) {
    int[] offsets = new int[flags.size()];
    int from = 0;
    for (int i = 0; i < flags.size(); i++) {
      int at = next(body, from, flags.get(i).kind());
      if (at < 0 || nextOfAnyKind(body, from) != at) {
        return null;
      }
      offsets[i] = at;
      from = at + flags.get(i).kind().anonymous.length;
    }
    return nextOfAnyKind(body, from) < 0 ? offsets : null;
  }

  /**
   * The body with {@code true} at every flag the viewer holds; the cached bytes themselves when the
   * viewer holds none.
   */
  static byte[] apply(CachedResponse entry, Set<Long> favorited, Set<Long> following) {
    ViewerFlag[] flags = entry.flags();
    ByteArrayOutputStream out = null;
    int copied = 0;
    byte[] body = entry.body();
    for (int i = 0; i < flags.length; i++) {
      ViewerFlag flag = flags[i];
      boolean set =
          flag.kind() == ViewerFlag.Kind.FAVORITED
              ? favorited.contains(flag.id())
              : following.contains(flag.id());
      if (!set) {
        continue;
      }
      if (out == null) {
        out = new ByteArrayOutputStream(body.length);
      }
      int valueAt = entry.flagOffsets()[i] + flag.kind().anonymous.length - "false".length();
      out.write(body, copied, valueAt - copied);
      out.write(TRUE, 0, TRUE.length);
      copied = valueAt + "false".length();
    }
    if (out == null) {
      return body;
    }
    out.write(body, copied, body.length - copied);
    return out.toByteArray();
  }

  private static int nextOfAnyKind(byte[] body, int from) {
    int best = -1;
    for (ViewerFlag.Kind kind : ViewerFlag.Kind.values()) {
      int at = next(body, from, kind);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    return best;
  }

  private static int next(byte[] body, int from, ViewerFlag.Kind kind) {
    byte[] pattern = kind.anonymous;
    outer:
    for (int i = Math.max(from, 1); i <= body.length - pattern.length; i++) {
      if (body[i] != '"' || (body[i - 1] != ',' && body[i - 1] != '{')) {
        continue;
      }
      for (int j = 1; j < pattern.length; j++) {
        if (body[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
