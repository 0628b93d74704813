package dev.mach.error;

import java.io.IOException;

/** Thrown while reading a request body that goes past {@code mach.http.max-body-size}. */
public class PayloadTooLargeException extends IOException {

  public PayloadTooLargeException() {
    super("request body too large");
  }

  static boolean isCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PayloadTooLargeException) {
        return true;
      }
    }
    return false;
  }
}
