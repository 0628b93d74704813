package dev.mach.error;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure the client caused or must know about, rendered in the Conduit error shape {@code
 * {"errors":{"field":["message"]}}}.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final Map<String, List<String>> errors;
  private final long retryAfterSeconds;

  public ApiException(HttpStatus status, Map<String, List<String>> errors) {
    this(status, errors, 0);
  }

  private ApiException(
      HttpStatus status, Map<String, List<String>> errors, long retryAfterSeconds) {
    super(status + " " + errors, null, false, false);
    this.status = status;
    this.errors = errors;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ApiException(HttpStatus status, String field, String message) {
    this(status, Map.of(field, List.of(message)));
  }

  public HttpStatus status() {
    return status;
  }

  public Map<String, List<String>> errors() {
    return errors;
  }

  /** Seconds for the {@code Retry-After} header; 0 when the client should not simply retry. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** 429: the client is over a rate limit and may try again after the given time. */
  public static ApiException tooManyRequests(String field, String message, long retryAfterSeconds) {
    return new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        Map.of(field, List.of(message)),
        Math.max(1, retryAfterSeconds));
  }

  public static ApiException notFound(String resource) {
    return new ApiException(HttpStatus.NOT_FOUND, resource, "not found");
  }

  public static ApiException forbidden(String resource) {
    return new ApiException(HttpStatus.FORBIDDEN, resource, "forbidden");
  }

  public static ApiException tokenMissing() {
    return new ApiException(HttpStatus.UNAUTHORIZED, "token", "is missing");
  }

  public static ApiException tokenInvalid() {
    return new ApiException(HttpStatus.UNAUTHORIZED, "token", "is invalid");
  }

  public static ApiException taken(String field) {
    return new ApiException(HttpStatus.CONFLICT, field, "has already been taken");
  }

  public static ApiException invalid(String field, String message) {
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, field, message);
  }
}
