package dev.mach.observability;

import java.util.Arrays;

/**
 * Formats access log entries as JSON lines into one reusable byte buffer, for the writer thread
 * alone. Hand-written rather than through a JSON library or a logging encoder: the fields are few
 * and fixed, and only the path and the client can hold characters that need escaping. Output is
 * ASCII; anything else is written as a {@code \\u} escape.
 *
 * <pre>{"ts":"2026-12-03T16:21:41.123Z","log":"access","request_id":"9f1c…","method":"GET",
 * "route":"/api/articles/{slug}","path":"/api/articles/how-to","status":200,
 * "duration_ms":0.183,"bytes":1234,"client":"user:42","sql":4}</pre>
 */
final class AccessLogLine {

  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private byte[] buffer = new byte[64 * 1024];
  private int length;
  private final IsoMillis timestamps = new IsoMillis();

  void reset() {
    length = 0;
  }

  byte[] bytes() {
    return buffer;
  }

  int length() {
    return length;
  }

  /**
   * Appends one entry's line. {@code nowMillis} and {@code nowNanos} are one reading of the wall
   * clock and of {@link System#nanoTime()}, taken together: the entry's start is placed relative to
   * them.
   */
  void append(AccessLogEntry e, long nowMillis, long nowNanos) {
    ascii("{\"ts\":\"");
    timestamps.append(this, nowMillis - (nowNanos - e.startNanos()) / 1_000_000);
    ascii("\",\"log\":\"access\",\"request_id\":");
    string(e.requestId());
    ascii(",\"method\":");
    string(e.method());
    ascii(",\"route\":");
    string(e.route());
    ascii(",\"path\":");
    string(e.path());
    ascii(",\"status\":");
    number(e.status());
    ascii(",\"duration_ms\":");
    millis(e.nanos());
    if (e.bytes() >= 0) {
      ascii(",\"bytes\":");
      number(e.bytes());
    }
    ascii(",\"client\":");
    if (e.user() >= 0) {
      ascii("\"user:");
      number(e.user());
      put('"');
    } else if (e.client() != null) {
      put('"');
      ascii("ip:");
      escaped(e.client());
      put('"');
    } else {
      ascii("null");
    }
    if (e.statements() >= 0) {
      ascii(",\"sql\":");
      number(e.statements());
    }
    ascii("}\n");
  }

  /** Milliseconds with three decimals (microseconds), from nanoseconds. */
  private void millis(long nanos) {
    long micros = Math.max(0, nanos / 1000);
    number(micros / 1000);
    put('.');
    long fraction = micros % 1000;
    put((byte) ('0' + fraction / 100));
    put((byte) ('0' + fraction / 10 % 10));
    put((byte) ('0' + fraction % 10));
  }

  private void string(String value) {
    if (value == null) {
      ascii("null");
      return;
    }
    put('"');
    escaped(value);
    put('"');
  }

  private void escaped(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        put('\\');
        put((byte) c);
      } else if (c < 0x20 || c >= 0x7f) {
        put('\\');
        put('u');
        put(HEX[(c >> 12) & 0xF]);
        put(HEX[(c >> 8) & 0xF]);
        put(HEX[(c >> 4) & 0xF]);
        put(HEX[c & 0xF]);
      } else {
        put((byte) c);
      }
    }
  }

  void ascii(String text) {
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      buffer[length++] = (byte) text.charAt(i);
    }
  }

  void number(long value) {
    if (value < 0) {
      put('-');
      value = -value;
    }
    if (value < 10) {
      put((byte) ('0' + value));
      return;
    }
    ensure(20);
    int start = length;
    while (value > 0) {
      buffer[length++] = (byte) ('0' + value % 10);
      value /= 10;
    }
    // digits went in backwards
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte t = buffer[i];
      buffer[i] = buffer[j];
      buffer[j] = t;
    }
  }

  void put(char c) {
    put((byte) c);
  }

  void put(byte b) {
    ensure(1);
    buffer[length++] = b;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
