package dev.mach.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting for an instance to serve the feed from complete timelines (a rebuild job fills them). */
public final class Timelines {

  private static final long DEADLINE_NANOS = 60_000_000_000L;

  private Timelines() {}

  public static void awaitReady(MachInstance on) {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (Scrape.of(on.management()).value("mach_feed_timelines_ready") != 1) {
      assertThat(System.nanoTime()).as("timelines ready within 60 s").isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
