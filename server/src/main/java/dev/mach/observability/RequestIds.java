package dev.mach.observability;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: the caller's {@code X-Request-Id} when it is sane, so one id follows a request
 * through a proxy and Mach, otherwise a new one. Sane means 1 to 64 characters of letters, digits
 * and {@code - _ . : + / =}: it goes into a response header and a log line as it is, so nothing in
 * it may break either.
 */
final class RequestIds {

  static final String HEADER = "X-Request-Id";
  static final int MAX_LENGTH = 64;

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final boolean[] ALLOWED = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      ALLOWED[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      ALLOWED[c] = true;
      ALLOWED[Character.toUpperCase(c)] = true;
    }
    for (char c : "-_.:+/=".toCharArray()) {
      ALLOWED[c] = true;
    }
  }

  private RequestIds() {}

  /** The incoming id if it is sane, else a fresh one. */
  static String accept(String incoming) {
    return sane(incoming) ? incoming : generate();
  }

  static boolean sane(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c >= 128 || !ALLOWED[c]) {
        return false;
      }
    }
    return true;
  }

  /**
   * 64 random bits in 16 hex digits: unique enough across instances, and cheaper than a UUID (no
   * SecureRandom, one small string).
   */
  static String generate() {
    long bits = ThreadLocalRandom.current().nextLong();
    char[] digits = new char[16];
    for (int i = 15; i >= 0; i--) {
      digits[i] = HEX[(int) (bits & 0xF)];
      bits >>>= 4;
    }
    return new String(digits);
  }
}
