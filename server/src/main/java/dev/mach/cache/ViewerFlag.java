package dev.mach.cache;

/**
 * A per-reader boolean inside a shared response: whether the reader favorited an article or follows
 * a user. Cached bodies hold {@code false}; a signed-in reader gets their own values.
 */
public record ViewerFlag(Kind kind, long id) {

  public enum Kind {
    FAVORITED("\"favorited\":false"),
    FOLLOWING("\"following\":false");

    final byte[] anonymous;

    Kind(String anonymous) {
      this.anonymous = anonymous.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
  }
}
