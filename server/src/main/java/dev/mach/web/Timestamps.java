package dev.mach.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Mach stores and shows time at millisecond precision in UTC, so a value reads back as the same
 * string every time ({@code 2026-11-24T05:37:04.120Z}), whatever the database.
 */
public final class Timestamps {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  public static String format(Instant instant) {
    return FORMAT.format(instant);
  }
}
