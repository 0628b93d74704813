package dev.mach.batch;

import dev.mach.config.MachProperties;
import dev.mach.error.ValidationErrors;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/**
 * A sub-request's {@code path}: an {@code /api/} path with an optional query, held to what Jetty
 * would let through on a real request (no dot segments, no encoded slashes, no control characters)
 * so that a batch cannot reach what a direct request cannot. A batch inside a batch is refused.
 */
record SubPath(String raw, String decoded, String query) {

  private static final int MAX_LENGTH = 2048;
  // RFC 3986 path characters, without ';': Spring would read it as matrix variables, and a
  // nested "/api/batch;x" would then slip past the nesting check
  private static final String PATH_CHARS = "-._~!$&'()*+,=:@/%";

  static SubPath parse(JsonNode node, String at, ValidationErrors errors) {
    if (node == null || node.isNull()) {
      errors.add(at, "can't be blank");
      return null;
    }
    if (!node.isString()) {
      errors.add(at, "must be a string");
      return null;
    }
    String text = node.asString();
    if (!text.startsWith("/api/")) {
      errors.add(at, "must start with /api/");
      return null;
    }
    if (text.length() > MAX_LENGTH) {
      errors.add(at, "is too long (maximum is " + MAX_LENGTH + " characters)");
      return null;
    }
    int mark = text.indexOf('?');
    String raw = mark < 0 ? text : text.substring(0, mark);
    String query = mark < 0 || mark == text.length() - 1 ? null : text.substring(mark + 1);
    String decoded = decodedPath(raw);
    if (decoded == null || (query != null && !validQuery(query))) {
      errors.add(at, "is not a valid path");
      return null;
    }
    if (decoded.equals(MachProperties.Batch.PATH)
        || decoded.startsWith(MachProperties.Batch.PATH + "/")) {
      errors.add(at, "can't be a batch");
      return null;
    }
    return new SubPath(raw, decoded, query);
  }

  /** The decoded path, or null when a real request with it would be refused or ambiguous. */
  private static String decodedPath(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128) && PATH_CHARS.indexOf(c) < 0) {
        return null;
      }
    }
    String[] segments = raw.substring(1).split("/", -1);
    StringBuilder decoded = new StringBuilder(raw.length());
    for (int i = 0; i < segments.length; i++) {
      String segment;
      try {
        segment = UriUtils.decode(segments[i], StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      boolean last = i == segments.length - 1;
      if ((segment.isEmpty() && !last)
          || segment.equals(".")
          || segment.equals("..")
          || segment.indexOf('/') >= 0
          || !HeaderRules.isValue(segment)
          || segment.indexOf('\\') >= 0) {
        return null;
      }
      decoded.append('/').append(segment);
    }
    return decoded.toString();
  }

  private static boolean validQuery(String query) {
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c <= ' ' || c == '#' || c == 0x7f) {
        return false;
      }
    }
    try {
      URLDecoder.decode(query, StandardCharsets.UTF_8);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
