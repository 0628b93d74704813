package dev.mach.user;

import dev.mach.config.MachProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt over a SHA-256 digest of the password. bcrypt alone reads only the first 72 bytes, which
 * would reject (or silently truncate) long and non-ASCII passwords; the digest is 44 ASCII bytes
 * whatever the password, so every character counts.
 */
@Component
class PasswordHasher {

  private final BCryptPasswordEncoder bcrypt;

  PasswordHasher(MachProperties properties) {
    this.bcrypt = new BCryptPasswordEncoder(properties.security().bcryptStrength());
  }

  String hash(String password) {
    return bcrypt.encode(digest(password));
  }

  boolean matches(String password, String hash) {
    return bcrypt.matches(digest(password), hash);
  }

  private static String digest(String password) {
    try {
      byte[] sha =
          MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
