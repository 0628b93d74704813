package dev.mach.export;

import java.util.List;

/** The JSON document an account export downloads: what the user put into Mach. */
record AccountExport(
    String exportedAt,
    Profile user,
    List<Article> articles,
    List<Comment> comments,
    List<Favorite> favorites,
    List<Follow> following,
    List<Follow> followers) {

  record Profile(String username, String email, String bio, String image, String createdAt) {}

  record Article(
      String slug,
      String title,
      String description,
      String body,
      List<String> tagList,
      int favoritesCount,
      String createdAt,
      String updatedAt) {}

  record Comment(long id, String article, String body, String createdAt) {}

  record Favorite(String slug, String title) {}

  record Follow(String username, String since) {}
}
