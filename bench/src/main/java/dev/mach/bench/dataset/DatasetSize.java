package dev.mach.bench.dataset;

import java.util.Locale;

/**
 * The named dataset sizes. Medium is the one the committed report uses; small and large keep its
 * proportions (20 articles, 100 favorites, 30 follows and 50 comments per user at medium).
 */
public enum DatasetSize {
  SMALL(1_000, 10_000, 100, 50_000, 15_000, 25_000),
  MEDIUM(10_000, 200_000, 1_000, 1_000_000, 300_000, 500_000),
  LARGE(100_000, 2_000_000, 10_000, 10_000_000, 3_000_000, 5_000_000);

  public final int users;
  public final int articles;
  public final int tags;
  public final long favorites;
  public final long follows;
  public final long comments;

  DatasetSize(int users, int articles, int tags, long favorites, long follows, long comments) {
    this.users = users;
    this.articles = articles;
    this.tags = tags;
    this.favorites = favorites;
    this.follows = follows;
    this.comments = comments;
  }

  public static DatasetSize named(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** This size's numbers, as the generator takes them. */
  public Counts counts() {
    return new Counts(users, articles, tags, favorites, follows, comments);
  }

  /**
   * The numbers of a dataset, for a size of one's own (a tiny one for tests, say). Each user can
   * follow up to half the users and favorite up to half the articles, so {@code follows} may be at
   * most {@code users * (users / 2)} and {@code favorites} at most {@code users * (articles / 2)}.
   */
  public record Counts(
      int users, int articles, int tags, long favorites, long follows, long comments) {

    public Counts {
      if (users < 2 || articles < 1 || tags < 4) {
        // an article has up to 4 distinct tags
        throw new IllegalArgumentException(
            "a dataset needs at least 2 users, 1 article and 4 tags: "
                + users
                + "/"
                + articles
                + "/"
                + tags);
      }
      if (favorites < 0 || follows < 0 || comments < 0) {
        throw new IllegalArgumentException("negative count");
      }
      if (follows > (long) users * (users / 2)) {
        throw new IllegalArgumentException(
            follows + " follows are more than " + users + " users can make");
      }
      if (favorites > (long) users * (articles / 2)) {
        throw new IllegalArgumentException(
            favorites + " favorites are more than " + users + " users can make");
      }
    }
  }
}
