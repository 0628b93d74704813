package dev.mach.error;

import dev.mach.config.MachProperties;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure into the Conduit error shape; nothing leaks a stack trace to a client. */
@RestControllerAdvice
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final MachProperties properties;

  public ApiExceptionHandler(MachProperties properties) {
    this.properties = properties;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ErrorBody> api(ApiException e) {
    var response = ResponseEntity.status(e.status());
    if (e.retryAfterSeconds() > 0) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
    }
    return response.body(new ErrorBody(e.errors()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
    PayloadTooLargeException tooLarge = PayloadTooLargeException.in(e);
    if (tooLarge != null) {
      return tooLarge(tooLarge);
    }
    if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
      return error(HttpStatus.UNPROCESSABLE_CONTENT, "body", "can't be blank");
    }
    return error(HttpStatus.BAD_REQUEST, "body", "is not valid JSON");
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ResponseEntity<ErrorBody> tooLarge(PayloadTooLargeException e) {
    return error(
        HttpStatus.CONTENT_TOO_LARGE,
        "body",
        "is too large (maximum is " + e.maxBytes() + " bytes)");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ErrorBody> typeMismatch(MethodArgumentTypeMismatchException e) {
    return error(HttpStatus.UNPROCESSABLE_CONTENT, e.getName(), "is invalid");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException e) {
    return error(HttpStatus.UNPROCESSABLE_CONTENT, e.getParameterName(), "can't be blank");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ErrorBody> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
    var headers = new HttpHeaders();
    if (e.getSupportedHttpMethods() != null) {
      headers.setAllow(e.getSupportedHttpMethods());
    }
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .headers(headers)
        .body(ErrorBody.of("method", "is not allowed"));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ErrorBody> unsupportedMediaType() {
    return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "body", "must be application/json");
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ErrorBody> notAcceptable() {
    return error(HttpStatus.NOT_ACCEPTABLE, "accept", "must allow application/json");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ErrorBody> noSuchPath() {
    return error(HttpStatus.NOT_FOUND, "path", "not found");
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<ErrorBody> duplicate(DuplicateKeyException e) {
    // Services check uniqueness first; this is the rare race between two identical writes.
    log.info("Unique constraint race: {}", e.getMostSpecificCause().getMessage());
    return error(HttpStatus.CONFLICT, "resource", "has already been taken");
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<ErrorBody> integrity(DataIntegrityViolationException e) {
    log.info("Rejected write: {}", e.getMostSpecificCause().getMessage());
    return error(HttpStatus.UNPROCESSABLE_CONTENT, "resource", "is invalid");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ErrorBody> unexpected(Exception e) {
    if (DatabaseBusy.isCause(e)) {
      log.warn("Database busy: {}", e.getMessage());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(
              HttpHeaders.RETRY_AFTER,
              Long.toString(Math.max(1, properties.database().busyRetryAfter().toSeconds())))
          .body(ErrorBody.of("server", "is busy, retry later"));
    }
    log.error("Unexpected failure", e);
    return error(HttpStatus.INTERNAL_SERVER_ERROR, "server", "internal error");
  }

  private static ResponseEntity<ErrorBody> error(HttpStatus status, String field, String message) {
    return ResponseEntity.status(status).body(ErrorBody.of(field, message));
  }

  /** Failures that mean "the database is saturated", which the client should retry later. */
  static final class DatabaseBusy {
    static boolean isCause(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLTransientConnectionException
            || t instanceof SQLTimeoutException
            || t instanceof QueryTimeoutException
            // a deadlock or lock timeout the write's own retries could not get past
            || t instanceof PessimisticLockingFailureException
            || (t instanceof java.sql.SQLException s && "57014".equals(s.getSQLState()))) {
          return true;
        }
      }
      return false;
    }
  }
}
