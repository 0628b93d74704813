package dev.mach.error;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The Conduit error shape: {@code {"errors":{"field":["message"]}}}. */
public record ErrorBody(Map<String, List<String>> errors) {

  public static ErrorBody of(String field, String message) {
    return new ErrorBody(Map.of(field, List.of(message)));
  }

  /** The error for a bare HTTP status, when a request failed before any handler could say more. */
  public static ErrorBody forStatus(int code) {
    HttpStatus status = HttpStatus.resolve(code);
    String message =
        switch (code) {
          case 400 -> "is malformed";
          case 404 -> "not found";
          case 413 -> "is too large";
          case 414 -> "has a URI that is too long";
          case 431 -> "has headers that are too large";
          case 500 -> "internal error";
          default -> status == null ? "failed" : status.getReasonPhrase().toLowerCase(Locale.ROOT);
        };
    return of(code == 404 ? "path" : "request", message);
  }
}
