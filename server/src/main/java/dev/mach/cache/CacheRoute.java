package dev.mach.cache;

import dev.mach.config.MachProperties;
import java.time.Duration;

/** The reads the response cache serves, told apart by path alone (before any routing). */
enum CacheRoute {
  LIST("articles"),
  ARTICLE("article"),
  COMMENTS("comments"),
  PROFILE("profile"),
  TAGS("tags"),
  /**
   * A reader's own feed: cached per reader, and only when the feed recorded what it read (it does
   * so when timelines serve it, see the article feature's FeedTimeline).
   */
  FEED("feed");

  /** The route's name in metrics. */
  final String tag;

  CacheRoute(String tag) {
    this.tag = tag;
  }

  Duration ttl(MachProperties.Cache.Ttl ttl) {
    return switch (this) {
      case LIST -> ttl.lists();
      case ARTICLE -> ttl.article();
      case COMMENTS -> ttl.comments();
      case PROFILE -> ttl.profile();
      case TAGS -> ttl.tags();
      case FEED -> ttl.feed();
    };
  }

  /** Whether the response belongs to its reader: keyed by reader and computed as them. */
  boolean personal() {
    return this == FEED;
  }

  /** The route of a request path, or null when responses to it are not cached. */
  static CacheRoute of(String path) {
    if (path.equals("/api/tags")) {
      return TAGS;
    }
    if (path.equals("/api/articles")) {
      return LIST;
    }
    if (path.startsWith("/api/articles/")) {
      String rest = path.substring("/api/articles/".length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        if (rest.equals("feed")) {
          return FEED;
        }
        return rest.isEmpty() ? null : ARTICLE;
      }
      return slash > 0 && rest.substring(slash).equals("/comments") ? COMMENTS : null;
    }
    if (path.startsWith("/api/profiles/")) {
      String rest = path.substring("/api/profiles/".length());
      return rest.isEmpty() || rest.indexOf('/') >= 0 ? null : PROFILE;
    }
    return null;
  }
}
