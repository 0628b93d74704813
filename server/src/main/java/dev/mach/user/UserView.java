package dev.mach.user;

/** The authenticated user as Conduit shows it: {@code {"user": {...}}}. */
public record UserView(Body user) {

  public record Body(String email, String token, String username, String bio, String image) {}

  static UserView of(UserRow row, String token) {
    return new UserView(new Body(row.email(), token, row.username(), row.bio(), row.image()));
  }
}
