package dev.mach.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * The user a request's token is valid for, verified once per request: the rate limiter and the
 * response cache both need it before Spring MVC runs, and verifying costs an HMAC.
 */
public final class RequestViewer {

  private static final String ATTRIBUTE = RequestViewer.class.getName();

  private RequestViewer() {}

  /** Empty without an Authorization header or with one that is not a valid token. */
  public static Optional<Long> of(HttpServletRequest request, TokenService tokens) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    Object known = request.getAttribute(ATTRIBUTE);
    if (known instanceof Optional<?> verified) {
      return verified.map(Long.class::cast);
    }
    String token = AuthorizationHeader.tokenOf(header);
    Optional<Long> user = token == null ? Optional.empty() : tokens.verify(token);
    request.setAttribute(ATTRIBUTE, user);
    return user;
  }

  /**
   * The user a valid token named, if something earlier in this request already verified it; -1
   * otherwise. Never verifies: for the access log, which should not pay an HMAC per request.
   */
  public static long verifiedOrNone(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof Optional<?> verified
            && verified.orElse(null) instanceof Long user
        ? user
        : -1;
  }
}
