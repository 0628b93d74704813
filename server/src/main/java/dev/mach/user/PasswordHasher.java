package dev.mach.user;

import dev.mach.config.MachProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt over a SHA-256 digest of the password. bcrypt alone reads only the first 72 bytes, which
 * would reject (or silently truncate) long and non-ASCII passwords; the digest is 44 ASCII bytes
 * whatever the password, so every character counts.
 *
 * <p>A hash costs tens of milliseconds of pure CPU. Run on a request's virtual thread it would hold
 * a carrier thread that long, and the virtual-thread scheduler does not preempt: with one carrier
 * per core, every other request on that core waits behind it (the benchmark saw p99 jump by the
 * length of a hash). So hashes run on their own platform threads, which the operating system
 * time-slices fairly, while the request's virtual thread parks.
 */
@Component
class PasswordHasher implements DisposableBean {

  private final BCryptPasswordEncoder bcrypt;
  private final ExecutorService hashing =
      Executors.newFixedThreadPool(
          Runtime.getRuntime().availableProcessors(),
          Thread.ofPlatform().name("password-hash-", 0).daemon().factory());

  PasswordHasher(MachProperties properties) {
    this.bcrypt = new BCryptPasswordEncoder(properties.security().bcryptStrength());
  }

  String hash(String password) {
    return offCarrier(() -> bcrypt.encode(digest(password)));
  }

  boolean matches(String password, String hash) {
    return offCarrier(() -> bcrypt.matches(digest(password), hash));
  }

  private <T> T offCarrier(Callable<T> work) {
    try {
      return hashing.submit(work).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while hashing a password", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("password hashing failed", e.getCause());
    }
  }

  @Override
  public void destroy() {
    hashing.shutdownNow();
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
