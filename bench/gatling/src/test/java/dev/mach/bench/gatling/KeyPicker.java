package dev.mach.bench.gatling;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks dataset keys the hot/cold way: a share of the picks ({@code hotShare}, 80% by default) come
 * uniformly from the hottest keys ({@code hotFraction} of the key space, 1% by default, at least
 * one key), the rest uniformly from all keys, so hot and cold keys are both exercised.
 *
 * <p>Keys are numbered 1..count with 1 the hottest; {@link #pickNewest()} turns that around for
 * articles, whose hot end is the newest (highest) number.
 */
final class KeyPicker {
  private final int count;
  private final int hot;
  private final double hotShare;

  KeyPicker(int count, double hotFraction, double hotShare) {
    this.count = count;
    this.hot = Math.max(1, (int) (count * hotFraction));
    this.hotShare = hotShare;
  }

  /** A key in 1..count, 1 being the hottest. */
  int pick() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int range = random.nextDouble() < hotShare ? hot : count;
    return 1 + random.nextInt(range);
  }

  /** A key in 1..count, count being the hottest. */
  int pickNewest() {
    return count + 1 - pick();
  }
}
