package dev.mach.cache;

/**
 * Names of the things a cached response can depend on. A read records the names it used; a write
 * bumps the names it changed, and every cached response depending on one of them is stale from then
 * on. Membership keys ({@code list*}) change when a list gains or loses an article; content keys
 * when what is shown of an article or a user changes.
 */
public final class CacheKeys {

  /** Every tag list: {@code GET /api/tags}. */
  public static final String TAGS = "tags";

  /** The global list. */
  public static final String ALL_ARTICLES = "list:all";

  /**
   * Bumped by every article deletion: a favoriter's list loses the article too, and the deletion
   * does not enumerate the favoriters.
   */
  public static final String ANY_DELETION = "list:deleted";

  private CacheKeys() {}

  /** An article's content, counters and existence. */
  public static String article(long id) {
    return "article:" + id;
  }

  /** A user's profile as shown anywhere: username, bio, image. */
  public static String user(long id) {
    return "user:" + id;
  }

  /** Which user, if any, holds a username. */
  public static String username(String username) {
    return "username:" + username;
  }

  /** The articles of an author. */
  public static String authorList(long authorId) {
    return "list:author:" + authorId;
  }

  /** The articles a user has favorited. */
  public static String favoritedList(long userId) {
    return "list:favorited:" + userId;
  }

  /** The articles carrying a tag. */
  public static String tagList(String tag) {
    return "list:tag:" + tag;
  }

  /**
   * Which followed authors every feed pulls and whether timelines serve at all: bumped when an
   * author starts or stops being pulled, and when timelines are rebuilt or found incomplete.
   */
  public static final String FEED_SHAPE = "feed:shape";

  /** What a reader's feed timeline holds: bumped when entries are written for them or removed. */
  public static String timeline(long readerId) {
    return "feed:" + readerId;
  }

  /** An article's comments. */
  public static String comments(long articleId) {
    return "comments:" + articleId;
  }
}
