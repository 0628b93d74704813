package dev.mach.observability;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes epoch milliseconds as ISO-8601 UTC ({@code 2026-12-03T16:21:41.123Z}). The part up to the
 * seconds is formatted once per second and reused, since a batch of log lines shares it.
 */
final class IsoMillis {

  private long second = Long.MIN_VALUE;
  private String prefix = "";

  void append(AccessLogLine line, long epochMillis) {
    long s = Math.floorDiv(epochMillis, 1000);
    if (s != second) {
      second = s;
      LocalDateTime time = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
      prefix =
          String.format(
              "%04d-%02d-%02dT%02d:%02d:%02d.",
              time.getYear(),
              time.getMonthValue(),
              time.getDayOfMonth(),
              time.getHour(),
              time.getMinute(),
              time.getSecond());
    }
    line.ascii(prefix);
    int millis = (int) Math.floorMod(epochMillis, 1000);
    line.put((byte) ('0' + millis / 100));
    line.put((byte) ('0' + millis / 10 % 10));
    line.put((byte) ('0' + millis % 10));
    line.put('Z');
  }
}
