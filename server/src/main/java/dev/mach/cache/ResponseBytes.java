package dev.mach.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/** Entity tags and gzip for response bodies. */
final class ResponseBytes {

  private ResponseBytes() {}

  /** A strong entity tag: 128 bits of the body's SHA-256. */
  static String etag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return '"'
          + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16))
          + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static byte[] gzip(byte[] body) {
    var out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (var gzip = new GZIPOutputStream(out, 8192)) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
