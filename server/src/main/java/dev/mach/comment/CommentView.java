package dev.mach.comment;

import dev.mach.profile.Profile;
import java.util.List;

/** A comment as Conduit shows it. */
public record CommentView(
    long id, String createdAt, String updatedAt, String body, Profile author) {

  public record Single(CommentView comment) {}

  public record Many(List<CommentView> comments) {}
}
