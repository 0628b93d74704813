package dev.mach.article;

/** The filters of {@code GET /api/articles}; a null field does not filter. */
record ArticleFilter(String tag, String author, String favoritedBy) {

  static ArticleFilter of(String tag, String author, String favorited) {
    return new ArticleFilter(blankToNull(tag), blankToNull(author), blankToNull(favorited));
  }

  int activeFilters() {
    return (tag != null ? 1 : 0) + (author != null ? 1 : 0) + (favoritedBy != null ? 1 : 0);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
