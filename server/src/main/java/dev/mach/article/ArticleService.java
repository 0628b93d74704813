package dev.mach.article;

import dev.mach.auth.Viewer;
import dev.mach.cache.CacheKeys;
import dev.mach.cache.Invalidator;
import dev.mach.error.ApiException;
import dev.mach.tag.TagService;
import dev.mach.totals.TotalsQueries;
import dev.mach.totals.TotalsQueries.Total;
import dev.mach.web.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write side of articles. Every counter a write affects (favoritesCount, the per-author,
 * per-tag, per-favoriter and site-wide article counts) moves in the same transaction as the rows.
 */
@Service
public class ArticleService {

  private static final int WRITE_ATTEMPTS = 4;

  private final ArticleQueries queries;
  private final TagService tags;
  private final TotalsQueries totals;
  private final TransactionTemplate tx;
  private final Invalidator invalidator;
  private final Clock clock;
  private final FeedWrites feed;

  ArticleService(
      ArticleQueries queries,
      TagService tags,
      TotalsQueries totals,
      TransactionTemplate tx,
      Invalidator invalidator,
      Clock clock,
      FeedWrites feed) {
    this.feed = feed;
    this.queries = queries;
    this.tags = tags;
    this.totals = totals;
    this.tx = tx;
    this.invalidator = invalidator;
    this.clock = clock;
  }

  /** The id of the article with this slug, for features that hang things off articles. */
  public Optional<Long> idOf(String slug) {
    return queries.idBySlug(slug);
  }

  String create(Viewer author, NewArticle article) {
    Instant now = Timestamps.truncate(clock.instant());
    return withFreshSlug(
        Slugs.base(article.title()),
        slug ->
            tx.execute(
                status -> {
                  long id = queries.insert(slug, article, author.userId(), now);
                  List<Long> tagIds = tags.idsFor(article.tagList());
                  queries.replaceTags(id, tagIds, now);
                  tags.countArticles(tagIds, 1);
                  queries.addToAuthorArticleCount(author.userId(), 1);
                  totals.add(Total.ARTICLES, 1);
                  feed.published(id);
                  invalidator.changed(
                      membership(author.userId(), article.tagList(), CacheKeys.ALL_ARTICLES));
                  return slug;
                }));
  }

  String update(Viewer editor, String slug, ArticleChanges changes) {
    ArticleRow current = owned(editor, slug);
    String title = changes.title().orElse(current.title());
    // updatedAt must move even when an edit lands within the millisecond of the last write
    Instant now = Timestamps.truncate(clock.instant());
    Instant updatedAt = now.isAfter(current.updatedAt()) ? now : current.updatedAt().plusMillis(1);
    String base = title.equals(current.title()) ? current.slug() : Slugs.base(title);
    return withFreshSlug(
        base,
        newSlug ->
            tx.execute(
                status -> {
                  queries.update(
                      new ArticleRow(
                          current.id(),
                          newSlug,
                          title,
                          changes.description().orElse(current.description()),
                          changes.body().orElse(current.body()),
                          current.authorId(),
                          current.favoritesCount(),
                          current.createdAt(),
                          updatedAt));
                  changes.tagList().ifPresent(names -> retag(current, names));
                  invalidator.changed(CacheKeys.article(current.id()));
                  return newSlug;
                }),
        current.slug());
  }

  void delete(Viewer editor, String slug) {
    ArticleRow article = owned(editor, slug);
    tx.executeWithoutResult(
        status -> {
          queries.lockArticle(article.id());
          invalidator.changed(
              membership(
                  article.authorId(),
                  tagNamesOf(article.id()),
                  CacheKeys.ALL_ARTICLES,
                  CacheKeys.ANY_DELETION,
                  CacheKeys.article(article.id()),
                  CacheKeys.comments(article.id())));
          queries.uncountFavoritesOf(article.id());
          tags.countArticles(queries.tagIdsOf(article.id()), -1);
          queries.addToAuthorArticleCount(article.authorId(), -1);
          totals.add(Total.ARTICLES, -1);
          queries.delete(article.id()); // its tags, favorites and comments go with it
        });
  }

  void favorite(Viewer viewer, String slug) {
    ArticleRow article = existing(slug);
    tx.executeWithoutResult(
        status -> {
          queries.lockArticle(article.id());
          if (queries.addFavorite(viewer.userId(), article)) {
            queries.countFavorite(viewer.userId(), article.id(), 1);
            invalidator.changed(
                CacheKeys.article(article.id()), CacheKeys.favoritedList(viewer.userId()));
          }
        });
  }

  void unfavorite(Viewer viewer, String slug) {
    ArticleRow article = existing(slug);
    tx.executeWithoutResult(
        status -> {
          queries.lockArticle(article.id());
          if (queries.removeFavorite(viewer.userId(), article.id())) {
            queries.countFavorite(viewer.userId(), article.id(), -1);
            invalidator.changed(
                CacheKeys.article(article.id()), CacheKeys.favoritedList(viewer.userId()));
          }
        });
  }

  private void retag(ArticleRow article, List<String> names) {
    List<String> touched = new ArrayList<>(tagNamesOf(article.id()));
    touched.addAll(names);
    invalidator.changed(membership(article.authorId(), touched));
    List<Long> before = queries.tagIdsOf(article.id());
    List<Long> after = tags.idsFor(names);
    tags.countArticles(before.stream().filter(id -> !after.contains(id)).toList(), -1);
    tags.countArticles(after.stream().filter(id -> !before.contains(id)).toList(), 1);
    queries.replaceTags(article.id(), after, article.createdAt());
  }

  private List<String> tagNamesOf(long articleId) {
    return queries.tagNames(List.of(articleId)).getOrDefault(articleId, List.of());
  }

  /** The lists an article of this author with these tags is a member of, plus {@code more}. */
  private static List<String> membership(long authorId, List<String> tagNames, String... more) {
    List<String> keys = new ArrayList<>(List.of(more));
    keys.add(CacheKeys.authorList(authorId));
    keys.add(CacheKeys.TAGS);
    tagNames.forEach(name -> keys.add(CacheKeys.tagList(name)));
    return keys;
  }

  private ArticleRow existing(String slug) {
    return queries.findBySlug(slug).orElseThrow(() -> ApiException.notFound("article"));
  }

  private ArticleRow owned(Viewer editor, String slug) {
    ArticleRow article = existing(slug);
    if (article.authorId() != editor.userId()) {
      throw ApiException.forbidden("article");
    }
    return article;
  }

  private String withFreshSlug(String base, java.util.function.Function<String, String> write) {
    return withFreshSlug(base, write, null);
  }

  /**
   * Runs {@code write} in its own transaction with the base slug, or with a free random variant of
   * it when another article holds the base. A write that loses a race (another writer took the slug
   * or created the same new tag a moment earlier, or the database broke a deadlock) is rolled back
   * and tried again, looking at the slug afresh, so a race never costs a suffixed slug.
   */
  private String withFreshSlug(
      String base, java.util.function.Function<String, String> write, String ownSlug) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      String slug = base;
      while (!slug.equals(ownSlug) && queries.slugTaken(slug)) {
        slug = Slugs.variant(base);
      }
      try {
        return write.apply(slug);
      } catch (DuplicateKeyException | PessimisticLockingFailureException raced) {
        last = raced;
      }
    }
    throw last;
  }
}
