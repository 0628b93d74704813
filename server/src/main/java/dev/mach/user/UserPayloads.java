package dev.mach.user;

/**
 * The request bodies of the user endpoints, as documented in the OpenAPI description. Requests are
 * read field by field (see {@code JsonBody}) so that every mistake gets its own 422 message.
 */
final class UserPayloads {

  private UserPayloads() {}

  record Registration(NewUser user) {
    record NewUser(String username, String email, String password) {}
  }

  record Login(Credentials user) {
    record Credentials(String email, String password) {}
  }

  record Update(Changes user) {
    record Changes(String email, String username, String password, String bio, String image) {}
  }
}
