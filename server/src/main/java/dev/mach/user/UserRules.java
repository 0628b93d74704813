package dev.mach.user;

import dev.mach.error.ValidationErrors;
import java.util.regex.Pattern;

/** What makes a username, email or password acceptable. */
final class UserRules {

  static final int MIN_PASSWORD = 8;
  // any length hashes fully (see PasswordHasher); the cap only bounds the work a request can cause
  static final int MAX_PASSWORD = 256;
  static final int MAX_USERNAME = 64;
  static final int MAX_EMAIL = 255;
  static final int MAX_IMAGE = 2048;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
  // usernames are path segments (/api/profiles/{username}): nothing a URL would reinterpret
  private static final Pattern USERNAME = Pattern.compile("^[^\\s/?#%;\\\\]+$");
  private static final Pattern ONLY_DOTS = Pattern.compile("^\\.+$");

  private UserRules() {}

  static void checkUsername(String username, ValidationErrors errors) {
    if (username == null || username.isBlank()) {
      errors.add("username", "can't be blank");
    } else if (username.length() > MAX_USERNAME) {
      errors.add("username", "is too long (maximum is " + MAX_USERNAME + " characters)");
    } else if (!USERNAME.matcher(username).matches() || ONLY_DOTS.matcher(username).matches()) {
      errors.add("username", "is invalid");
    }
  }

  static void checkEmail(String email, ValidationErrors errors) {
    if (email == null || email.isBlank()) {
      errors.add("email", "can't be blank");
    } else if (email.length() > MAX_EMAIL) {
      errors.add("email", "is too long (maximum is " + MAX_EMAIL + " characters)");
    } else if (!EMAIL.matcher(email.strip()).matches()) {
      errors.add("email", "is invalid");
    }
  }

  static void checkPassword(String password, ValidationErrors errors) {
    if (password == null || password.isBlank()) {
      errors.add("password", "can't be blank");
    } else if (password.length() < MIN_PASSWORD) {
      errors.add("password", "is too short (minimum is " + MIN_PASSWORD + " characters)");
    } else if (password.length() > MAX_PASSWORD) {
      errors.add("password", "is too long (maximum is " + MAX_PASSWORD + " characters)");
    }
  }

  static void checkImage(String image, ValidationErrors errors) {
    if (image != null && image.length() > MAX_IMAGE) {
      errors.add("image", "is too long (maximum is " + MAX_IMAGE + " characters)");
    }
  }

  /** Conduit clients clear bio and image by sending "" as well as null. */
  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
