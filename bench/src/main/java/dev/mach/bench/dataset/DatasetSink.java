package dev.mach.bench.dataset;

import java.time.Instant;

/**
 * Receives a generated dataset row by row, one entity kind after another, in this order: users,
 * tags, articles, follows, favorites, comments. All numbers are 1-based and equal the row ids.
 */
public interface DatasetSink {

  void user(int id, String username, String email, String bio);

  void tag(int id, String name);

  /** {@code tagIds} in the author's order, distinct. */
  void article(
      int id,
      String slug,
      String title,
      String description,
      String body,
      int authorId,
      Instant createdAt,
      int[] tagIds);

  void follow(int followerId, int followeeId);

  void favorite(int userId, int articleId);

  void comment(int id, int articleId, int authorId, String body, Instant createdAt);
}
