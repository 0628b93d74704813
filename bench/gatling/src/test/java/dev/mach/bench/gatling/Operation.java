package dev.mach.bench.gatling;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * What one virtual user does, with its weight (percent of virtual users) in the {@code read} mix.
 * The reads add up to 95%, the writes to 5%. The toggles and register+login send two requests,
 * every other operation one.
 */
enum Operation {
  LIST(25, Auth.MAYBE),
  TAG(15, Auth.MAYBE),
  AUTHOR(10, Auth.MAYBE),
  FAVORITED(5, Auth.MAYBE),
  FEED(10, Auth.ALWAYS),
  ARTICLE(15, Auth.MAYBE),
  COMMENTS(8, Auth.MAYBE),
  PROFILE(5, Auth.MAYBE),
  TAGS(2, Auth.MAYBE),
  /**
   * POST then DELETE /api/articles/{slug}/favorite, named {@code favorite} and {@code unfavorite}.
   */
  FAVORITE(2.0, Auth.ALWAYS),
  COMMENT(1.0, Auth.ALWAYS),
  /**
   * POST then DELETE /api/profiles/{username}/follow, named {@code follow} and {@code unfollow}.
   */
  FOLLOW(1.0, Auth.ALWAYS),
  CREATE(0.7, Auth.ALWAYS),
  /** POST /api/users then POST /api/users/login, named {@code register} and {@code login}. */
  REGISTER(0.3, Auth.NEVER);

  /** Whether the virtual user sends a token. */
  enum Auth {
    ALWAYS,
    MAYBE,
    NEVER
  }

  final double readMixWeight;
  final Auth auth;

  Operation(double readMixWeight, Auth auth) {
    this.readMixWeight = readMixWeight;
    this.auth = auth;
  }

  /** The name used for {@code bench.mix} and, for single-request operations, for the request. */
  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Picks operations for a {@code bench.mix} value: {@code read} or one operation's key. */
  interface Mix {
    Operation next();
  }

  static Mix mix(String name) {
    if (name.equals("read")) {
      Operation[] operations = values();
      double[] cumulative = new double[operations.length];
      double total = 0;
      for (int i = 0; i < operations.length; i++) {
        total += operations[i].readMixWeight;
        cumulative[i] = total;
      }
      double sum = total;
      return () -> {
        double roll = ThreadLocalRandom.current().nextDouble(sum);
        for (int i = 0; i < cumulative.length; i++) {
          if (roll < cumulative[i]) {
            return operations[i];
          }
        }
        return operations[operations.length - 1];
      };
    }
    for (Operation operation : values()) {
      if (operation.key().equals(name)) {
        return () -> operation;
      }
    }
    throw new IllegalArgumentException(
        "bench.mix must be read or one of " + String.join(", ", keys()) + ", not " + name);
  }

  static List<String> keys() {
    return Arrays.stream(values()).map(Operation::key).collect(Collectors.toList());
  }
}
