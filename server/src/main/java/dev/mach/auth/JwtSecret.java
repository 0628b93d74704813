package dev.mach.auth;

import dev.mach.config.MachProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Where the token signing key comes from: {@code mach.security.jwt-secret} when set (at least 32
 * bytes); otherwise, except under the {@code prod} profile, a random key kept in the data directory
 * so tokens survive a restart.
 */
final class JwtSecret {

  static final int MIN_BYTES = 32;
  private static final Logger log = LoggerFactory.getLogger(JwtSecret.class);

  private JwtSecret() {}

  static byte[] resolve(MachProperties properties, Environment environment) {
    String configured = properties.security().jwtSecret();
    boolean prod = environment.acceptsProfiles(Profiles.of("prod"));
    if (configured != null && !configured.isBlank()) {
      byte[] key = configured.getBytes(StandardCharsets.UTF_8);
      if (key.length < MIN_BYTES) {
        throw new IllegalStateException(
            "mach.security.jwt-secret (MACH_SECURITY_JWT_SECRET) must be at least "
                + MIN_BYTES
                + " bytes long; it is "
                + key.length);
      }
      return key;
    }
    if (prod) {
      throw new IllegalStateException(
          "The prod profile needs mach.security.jwt-secret (MACH_SECURITY_JWT_SECRET) of at least "
              + MIN_BYTES
              + " bytes; refusing to start with a generated one.");
    }
    return generatedAndKept(properties.dataDir().resolve("jwt-secret"));
  }

  private static byte[] generatedAndKept(Path file) {
    try {
      if (Files.isReadable(file)) {
        byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
        if (key.length >= MIN_BYTES) {
          log.warn("No mach.security.jwt-secret set: signing tokens with the key kept in {}", file);
          return key;
        }
      }
      byte[] key = new byte[64];
      new SecureRandom().nextBytes(key);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, Base64.getEncoder().encodeToString(key));
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the file keeps its default permissions
      }
      log.warn(
          "No mach.security.jwt-secret set: generated a signing key and kept it in {}. "
              + "Set one for any real deployment.",
          file);
      return Arrays.copyOf(key, key.length);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the generated token key in " + file, e);
    }
  }
}
