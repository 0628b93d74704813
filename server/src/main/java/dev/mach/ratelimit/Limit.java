package dev.mach.ratelimit;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/** One window of a policy: {@code capacity} requests per {@code period}, refilled smoothly. */
record Limit(long capacity, Duration period) {

  Limit {
    if (capacity < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a limit needs a positive capacity and period");
    }
  }

  /** Parses {@code 50/1s}, {@code 2000/1h}, {@code 5/15m}. */
  static Limit parse(String text) {
    String value = text.strip();
    int slash = value.indexOf('/');
    try {
      if (slash < 0) {
        throw new IllegalArgumentException("no '/'");
      }
      long capacity = Long.parseLong(value.substring(0, slash).strip());
      Duration period = DurationStyle.detectAndParse(value.substring(slash + 1).strip());
      return new Limit(capacity, period);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Rate limit '" + text + "' is not of the form capacity/period, e.g. 50/1s or 2000/1h", e);
    }
  }

  /** The window in whole seconds, as the {@code w} parameter of {@code RateLimit-Policy}. */
  long windowSeconds() {
    return Math.max(1, period.toSeconds());
  }
}
