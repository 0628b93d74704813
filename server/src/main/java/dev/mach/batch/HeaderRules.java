package dev.mach.batch;

import java.util.Locale;
import java.util.Set;

/** Which headers a sub-request may carry, and which of a sub-response's are passed on. */
final class HeaderRules {

  private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

  /**
   * Dropped from a sub-request: they describe the outer connection or body, not the item's. The
   * forwarding headers are the outer request's (the client address is the caller's, whatever an
   * item claims), and gzip is the outer response's business alone.
   */
  private static final Set<String> NOT_FROM_ITEM =
      Set.of(
          "accept-encoding",
          "connection",
          "content-length",
          "expect",
          "forwarded",
          "host",
          "keep-alive",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "x-forwarded-for",
          "x-forwarded-host",
          "x-forwarded-port",
          "x-forwarded-proto");

  /** Taken from the outer request, so that a sub-request comes from the same client. */
  static final Set<String> FROM_OUTER =
      Set.of(
          "forwarded",
          "host",
          "x-forwarded-for",
          "x-forwarded-host",
          "x-forwarded-port",
          "x-forwarded-proto");

  /** Not shown in a sub-response: hop-by-hop, or meaningless inside the batch's own body. */
  private static final Set<String> NOT_IN_ANSWER =
      Set.of(
          "connection",
          "content-length",
          "keep-alive",
          "proxy-authenticate",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private HeaderRules() {}

  static boolean fromItem(String name) {
    return !NOT_FROM_ITEM.contains(name.toLowerCase(Locale.ROOT));
  }

  static boolean inAnswer(String name) {
    return !NOT_IN_ANSWER.contains(name.toLowerCase(Locale.ROOT));
  }

  /** An HTTP token (RFC 9110), as header names are. */
  static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c < 128 && Character.isLetterOrDigit(c)) && TOKEN_CHARS.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** No control characters other than tab. */
  static boolean isValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < ' ' && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
