package dev.mach.auth;

/** Reads the token out of an {@code Authorization} header. */
public final class AuthorizationHeader {

  private AuthorizationHeader() {}

  /**
   * The token of {@code Token <jwt>} (Conduit's scheme) or {@code Bearer <jwt>}; null for any other
   * shape.
   */
  public static String tokenOf(String header) {
    if (header == null) {
      return null;
    }
    String value = header.strip();
    int space = value.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String scheme = value.substring(0, space);
    String token = value.substring(space + 1).strip();
    boolean known = scheme.equalsIgnoreCase("Token") || scheme.equalsIgnoreCase("Bearer");
    return known && !token.isEmpty() ? token : null;
  }
}
