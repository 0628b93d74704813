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
}
