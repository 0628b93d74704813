package dev.mach.article;

import dev.mach.auth.Auth;
import dev.mach.auth.Viewer;
import dev.mach.error.ValidationErrors;
import dev.mach.web.JsonBody;
import dev.mach.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/articles")
@Tag(name = "Articles")
class ArticleController {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private final ArticleService articles;
  private final ArticleReadService reads;

  ArticleController(ArticleService articles, ArticleReadService reads) {
    this.articles = articles;
    this.reads = reads;
  }

  @GetMapping
  @Operation(summary = "Newest articles, optionally by tag, author or favoriter")
  ArticleView.Page list(
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) String author,
      @RequestParam(required = false) String favorited,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String offset,
      @Auth(required = false) Viewer viewer) {
    return reads.list(ArticleFilter.of(tag, author, favorited), page(limit, offset), viewer);
  }

  @GetMapping("/feed")
  @Operation(
      summary = "Newest articles by followed authors",
      security = @SecurityRequirement(name = "Token"))
  ArticleView.Page feed(
      @Auth Viewer viewer,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String offset) {
    return reads.feed(viewer, page(limit, offset));
  }

  @GetMapping("/{slug}")
  @Operation(summary = "One article")
  ArticleView.Single get(@PathVariable String slug, @Auth(required = false) Viewer viewer) {
    return reads.single(slug, viewer);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Publish an article", security = @SecurityRequirement(name = "Token"))
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = ArticlePayloads.Create.class)))
  ArticleView.Single create(@Auth Viewer viewer, @RequestBody JsonNode body) {
    JsonBody article = JsonBody.unwrap(body, "article");
    ValidationErrors errors = article.errors();
    var title = ArticleRules.required(article.optionalText("title"));
    var description = ArticleRules.required(article.optionalText("description"));
    var text = ArticleRules.required(article.optionalText("body"));
    ArticleRules.checkText("title", title, ArticleRules.MAX_TITLE, errors);
    ArticleRules.checkText("description", description, ArticleRules.MAX_DESCRIPTION, errors);
    ArticleRules.checkText("body", text, 0, errors);
    var tags = ArticleRules.normalizeTags(article.optionalTextList("tagList"), errors);
    errors.throwIfAny();
    var created =
        new NewArticle(
            title.orElse(null),
            description.orElse(null),
            text.orElse(null),
            tags.orElse(List.of()));
    return reads.single(articles.create(viewer, created), viewer);
  }

  @PutMapping("/{slug}")
  @Operation(
      summary = "Edit your article (partial)",
      security = @SecurityRequirement(name = "Token"))
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = ArticlePayloads.Update.class)))
  ArticleView.Single update(
      @Auth Viewer viewer, @PathVariable String slug, @RequestBody JsonNode body) {
    JsonBody article = JsonBody.unwrap(body, "article");
    ValidationErrors errors = article.errors();
    var changes =
        new ArticleChanges(
            article.optionalText("title"),
            article.optionalText("description"),
            article.optionalText("body"),
            ArticleRules.normalizeTags(article.optionalTextList("tagList"), errors));
    ArticleRules.checkText("title", changes.title(), ArticleRules.MAX_TITLE, errors);
    ArticleRules.checkText(
        "description", changes.description(), ArticleRules.MAX_DESCRIPTION, errors);
    ArticleRules.checkText("body", changes.body(), 0, errors);
    errors.throwIfAny();
    return reads.single(articles.update(viewer, slug, changes), viewer);
  }

  @DeleteMapping("/{slug}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete your article", security = @SecurityRequirement(name = "Token"))
  void delete(@Auth Viewer viewer, @PathVariable String slug) {
    articles.delete(viewer, slug);
  }

  @PostMapping("/{slug}/favorite")
  @Operation(summary = "Favorite an article", security = @SecurityRequirement(name = "Token"))
  ArticleView.Single favorite(@Auth Viewer viewer, @PathVariable String slug) {
    articles.favorite(viewer, slug);
    return reads.single(slug, viewer);
  }

  @DeleteMapping("/{slug}/favorite")
  @Operation(summary = "Unfavorite an article", security = @SecurityRequirement(name = "Token"))
  ArticleView.Single unfavorite(@Auth Viewer viewer, @PathVariable String slug) {
    articles.unfavorite(viewer, slug);
    return reads.single(slug, viewer);
  }

  private static PageRequest page(String limit, String offset) {
    return PageRequest.of(limit, offset, DEFAULT_LIMIT, MAX_LIMIT, "limit", "offset");
  }
}
