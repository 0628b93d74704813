package dev.mach.ratelimit;

import dev.mach.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * Brute-force protection for logins: failed attempts are counted per account <em>and</em> client
 * address. Guessing one account's password from one address stops after a few failures, while its
 * owner, logging in from their own address, is not locked out by it. An attacker spreading guesses
 * over many addresses meets each address's own login limit (the {@code login} policy) first.
 *
 * <p>An attempt takes a token before the password is checked, so concurrent guesses cannot slip
 * past the count, and a successful login gives its token back.
 */
public final class LoginGuard {

  private final Policy policy;
  private final ClientAddress addresses;
  private final Buckets buckets;
  private final RateLimitMetrics metrics;

  /** {@code policy} is the failed-login policy, or null when the guard is off. */
  LoginGuard(Policy policy, ClientAddress addresses, Buckets buckets, RateLimitMetrics metrics) {
    this.policy = policy;
    this.addresses = addresses;
    this.buckets = buckets;
    this.metrics = metrics;
  }

  /** Counts an attempt to log in as {@code email}; refuses with 429 once failures are used up. */
  public Attempt begin(HttpServletRequest request, String email) {
    if (policy == null || email == null) {
      return () -> {};
    }
    String key =
        "account:" + email.strip().toLowerCase(Locale.ROOT) + "|ip:" + addresses.of(request);
    Decision decision = buckets.take(policy, key);
    metrics.count(decision);
    if (!decision.allowed()) {
      throw ApiException.tooManyRequests(
          "credentials",
          "too many failed attempts; " + decision.retryText(),
          decision.retryAfterSeconds());
    }
    return () -> buckets.refund(policy, key);
  }

  /** One login attempt in progress. */
  @FunctionalInterface
  public interface Attempt {
    /** The password was right: the attempt does not count as a failure. */
    void succeeded();
  }
}
