package dev.mach.article;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mach.profile.Profile;
import java.util.List;

/** An article as Conduit shows it. List items leave {@code body} out. */
public record ArticleView(
    String slug,
    String title,
    String description,
    @JsonInclude(JsonInclude.Include.NON_NULL) String body,
    List<String> tagList,
    String createdAt,
    String updatedAt,
    boolean favorited,
    int favoritesCount,
    Profile author) {

  public record Single(ArticleView article) {}

  public record Page(List<ArticleView> articles, long articlesCount) {}
}
