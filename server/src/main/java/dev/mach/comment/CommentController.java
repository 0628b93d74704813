package dev.mach.comment;

import dev.mach.auth.Auth;
import dev.mach.auth.Viewer;
import dev.mach.web.JsonBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/articles/{slug}/comments")
@Tag(name = "Comments")
class CommentController {

  private final CommentService comments;

  CommentController(CommentService comments) {
    this.comments = comments;
  }

  @GetMapping
  @Operation(summary = "Comments on an article, newest first")
  CommentView.Many list(@PathVariable String slug, @Auth(required = false) Viewer viewer) {
    return comments.list(slug, viewer);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Comment on an article", security = @SecurityRequirement(name = "Token"))
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = NewCommentPayload.class)))
  CommentView.Single add(
      @Auth Viewer viewer, @PathVariable String slug, @RequestBody JsonNode body) {
    JsonBody comment = JsonBody.unwrap(body, "comment");
    String text = comment.requiredText("body");
    comment.errors().throwIfAny();
    return comments.add(viewer, slug, text);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete your comment", security = @SecurityRequirement(name = "Token"))
  void delete(@Auth Viewer viewer, @PathVariable String slug, @PathVariable String id) {
    long commentId;
    try {
      commentId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw dev.mach.error.ApiException.notFound("comment"); // no comment has such an id
    }
    comments.delete(viewer, slug, commentId);
  }

  /** The request body, as documented in the OpenAPI description. */
  record NewCommentPayload(Body comment) {
    record Body(String body) {}
  }
}
