package dev.mach.article;

import java.time.Instant;

/** An article as stored; {@code body} is null when a list query did not select it. */
record ArticleRow(
    long id,
    String slug,
    String title,
    String description,
    String body,
    long authorId,
    int favoritesCount,
    Instant createdAt,
    Instant updatedAt) {}
