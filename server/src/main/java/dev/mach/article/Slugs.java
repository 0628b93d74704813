package dev.mach.article;

import java.text.Normalizer;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** URL slugs from titles: "Hello, Wörld!" becomes "hello-world". */
final class Slugs {

  private static final int MAX_BASE = 200;

  private Slugs() {}

  static String base(String title) {
    String ascii =
        Normalizer.normalize(title, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT);
    String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_BASE) {
      slug = slug.substring(0, MAX_BASE).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "article" : slug;
  }

  /** A variant for when the base slug is taken: a random suffix makes a clash very unlikely. */
  static String variant(String base) {
    long n = ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36);
    return base + "-" + Long.toString(n, 36);
  }
}
