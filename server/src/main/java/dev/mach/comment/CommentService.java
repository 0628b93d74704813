package dev.mach.comment;

import dev.mach.article.ArticleService;
import dev.mach.auth.Viewer;
import dev.mach.cache.CacheKeys;
import dev.mach.cache.CacheRecording;
import dev.mach.cache.Invalidator;
import dev.mach.cache.ViewerFlag;
import dev.mach.error.ApiException;
import dev.mach.profile.Profile;
import dev.mach.profile.ProfileService;
import dev.mach.web.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Comments on articles; listing one article's comments costs three statements at any length. */
@Service
public class CommentService {

  static final int MAX_BODY = 20_000;

  private final CommentQueries queries;
  private final ArticleService articles;
  private final ProfileService profiles;
  private final Invalidator invalidator;
  private final Clock clock;

  CommentService(
      CommentQueries queries,
      ArticleService articles,
      ProfileService profiles,
      Invalidator invalidator,
      Clock clock) {
    this.queries = queries;
    this.articles = articles;
    this.profiles = profiles;
    this.invalidator = invalidator;
    this.clock = clock;
  }

  CommentView.Many list(String slug, Viewer viewer) {
    long articleId = articleId(slug);
    CacheRecording.dependsOn(CacheKeys.article(articleId));
    CacheRecording.dependsOn(CacheKeys.comments(articleId));
    var rows = queries.ofArticle(articleId);
    if (CacheRecording.active()) {
      rows.forEach(r -> CacheRecording.flag(ViewerFlag.Kind.FOLLOWING, r.authorId()));
    }
    Map<Long, Profile> authors =
        profiles.profilesOf(
            rows.stream().map(CommentQueries.CommentRow::authorId).toList(), viewer);
    return new CommentView.Many(
        rows.stream().map(r -> view(r, authors.get(r.authorId()))).toList());
  }

  CommentView.Single add(Viewer author, String slug, String body) {
    if (body.length() > MAX_BODY) {
      throw ApiException.invalid("body", "is too long (maximum is " + MAX_BODY + " characters)");
    }
    long articleId = articleId(slug);
    Instant now = Timestamps.truncate(clock.instant());
    long id = queries.insert(articleId, author.userId(), body, now);
    invalidator.changed(CacheKeys.comments(articleId));
    var row = new CommentQueries.CommentRow(id, articleId, author.userId(), body, now, now);
    Profile profile = profiles.profilesOf(List.of(author.userId()), author).get(author.userId());
    return new CommentView.Single(view(row, profile));
  }

  void delete(Viewer viewer, String slug, long commentId) {
    var comment =
        queries
            .find(articleId(slug), commentId)
            .orElseThrow(() -> ApiException.notFound("comment"));
    if (comment.authorId() != viewer.userId()) {
      throw ApiException.forbidden("comment");
    }
    queries.delete(commentId);
    invalidator.changed(CacheKeys.comments(comment.articleId()));
  }

  private long articleId(String slug) {
    return articles.idOf(slug).orElseThrow(() -> ApiException.notFound("article"));
  }

  private static CommentView view(CommentQueries.CommentRow r, Profile author) {
    return new CommentView(
        r.id(),
        Timestamps.format(r.createdAt()),
        Timestamps.format(r.updatedAt()),
        r.body(),
        author);
  }
}
