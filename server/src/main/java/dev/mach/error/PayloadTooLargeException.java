package dev.mach.error;

import java.io.IOException;

/**
 * Thrown while reading a request body that goes past {@code mach.http.max-body-size} (or, for a
 * batch, {@code mach.batch.max-body-size}).
 */
public class PayloadTooLargeException extends IOException {

  private final long maxBytes;

  /** {@code maxBytes}: the bound the body went past (a batch has its own). */
  public PayloadTooLargeException(long maxBytes) {
    super("request body too large");
    this.maxBytes = maxBytes;
  }

  long maxBytes() {
    return maxBytes;
  }

  /** The exception in {@code e}'s causes, or null. */
  static PayloadTooLargeException in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PayloadTooLargeException tooLarge) {
        return tooLarge;
      }
    }
    return null;
  }
}
