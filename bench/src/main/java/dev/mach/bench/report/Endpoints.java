package dev.mach.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The endpoints the benchmark knows, in report order, with what each one requests. */
final class Endpoints {

  /** The mixed scenario's endpoint name. */
  static final String MIX = "read";

  /**
   * Appended to an endpoint's name for the same request sent with {@code Accept-Encoding: gzip}
   * (wrk sends none unless told).
   */
  static final String GZIP_SUFFIX = "+gzip";

  /**
   * Appended to an endpoint's name for the same request sent from many clients: each carries an
   * {@code X-Forwarded-For} address out of many, in turn, so a rate limiter keeps one bucket per
   * address (the plain request comes from one address, one bucket).
   */
  static final String CLIENTS_SUFFIX = "+clients";

  private static final List<Map.Entry<String, String>> KNOWN =
      List.of(
          Map.entry("list", "global list, `GET /api/articles`"),
          Map.entry("tag", "by tag, `GET /api/articles?tag=`"),
          Map.entry("author", "by author, `GET /api/articles?author=`"),
          Map.entry("favorited", "favorited by, `GET /api/articles?favorited=`"),
          Map.entry("feed", "feed, `GET /api/articles/feed`"),
          Map.entry("article", "single article, `GET /api/articles/{slug}`"),
          Map.entry("comments", "comments, `GET /api/articles/{slug}/comments`"),
          Map.entry("profile", "profile, `GET /api/profiles/{username}`"),
          Map.entry("tags", "tags, `GET /api/tags`"),
          Map.entry("favorite", "favorite toggle, `POST` + `DELETE /api/articles/{slug}/favorite`"),
          Map.entry(MIX, "the read mix (every request of the run)"));

  /** The known endpoints in report order. */
  static final List<String> ORDER = KNOWN.stream().map(Map.Entry::getKey).toList();

  /**
   * The report order with each endpoint's variants right below it: the same request from a client
   * that takes gzip, then from many clients.
   */
  static final List<String> ORDER_WITH_VARIANTS = withVariants();

  private Endpoints() {}

  /** What a known endpoint requests, or null. */
  static String description(String endpoint) {
    return KNOWN.stream()
        .filter(known -> known.getKey().equals(endpoint))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static List<String> withVariants() {
    List<String> order = new ArrayList<>();
    for (String endpoint : ORDER) {
      order.add(endpoint);
      order.add(endpoint + GZIP_SUFFIX);
      order.add(endpoint + CLIENTS_SUFFIX);
    }
    return List.copyOf(order);
  }
}
