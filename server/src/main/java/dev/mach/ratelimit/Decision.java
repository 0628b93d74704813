package dev.mach.ratelimit;

import java.util.concurrent.TimeUnit;

/**
 * The answer for one request against one policy, with what the {@code RateLimit-*} headers tell the
 * client about the window closest to running out.
 *
 * @param window that window's position in the policy
 * @param remaining requests left in it
 * @param resetSeconds seconds until it is full again
 * @param waitNanos when refused, the time until one more request would be allowed
 */
record Decision(
    boolean allowed, Policy policy, int window, long remaining, long resetSeconds, long waitNanos) {

  /**
   * Reads a bucket's state after the operation. {@code waitNanos} is Bucket4j's exact wait for the
   * next token when known, or negative to estimate it from the refill rate.
   */
  static Decision of(boolean allowed, Policy policy, long[] available, long extra, long waitNanos) {
    int tightest = 0;
    for (int i = 1; i < available.length; i++) {
      if (available[i] < available[tightest]) {
        tightest = i;
      }
    }
    Limit window = policy.limits().get(tightest);
    long remaining = Math.max(0, available[tightest]) + extra;
    long missing = Math.max(0, window.capacity() - remaining);
    long resetNanos = missing * (window.period().toNanos() / window.capacity());
    long wait = 0;
    if (!allowed) {
      wait = waitNanos >= 0 ? waitNanos : estimatedWait(policy, available);
    }
    return new Decision(allowed, policy, tightest, remaining, ceilSeconds(resetNanos), wait);
  }

  /** That window's capacity. */
  long limit() {
    return policy.limits().get(window).capacity();
  }

  /** When refused, whole seconds until one more request would be allowed (at least 1). */
  long retryAfterSeconds() {
    return allowed ? 0 : Math.max(1, ceilSeconds(waitNanos));
  }

  /** "retry after N seconds", for the error message of a refusal. */
  String retryText() {
    long seconds = retryAfterSeconds();
    return "retry after " + seconds + (seconds == 1 ? " second" : " seconds");
  }

  /** The capacity as header text, made once per policy. */
  String limitText() {
    return policy.capacityTexts()[window];
  }

  /** The time for one token to come back in every exhausted window (greedy refill). */
  private static long estimatedWait(Policy policy, long[] available) {
    long wait = 0;
    for (int i = 0; i < available.length; i++) {
      if (available[i] < 1) {
        Limit window = policy.limits().get(i);
        wait = Math.max(wait, window.period().toNanos() / window.capacity());
      }
    }
    return wait;
  }

  private static long ceilSeconds(long nanos) {
    return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
  }
}
