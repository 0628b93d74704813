package dev.mach.bench.dataset;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a Conduit dataset deterministically from a seed: the same size and seed always give the
 * same rows, in the same order. Popularity is skewed the way real sites are: a few authors write
 * most articles and draw most followers, a few tags are on most articles, a few articles get most
 * favorites and comments, and a long tail of users, tags and articles stays cold.
 *
 * <p>Names are fixed so a load generator can address any row without reading the data: user i is
 * {@code user<i>} with email {@code user<i>@bench.mach.dev} and password {@value #PASSWORD}, tag j
 * is {@code tag<j>} (tag1 the most used), article k has slug {@code article-<k>} (a higher k is
 * newer).
 */
public final class DatasetGenerator {

  public static final String PASSWORD = "benchmark";
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration SPAN = Duration.ofDays(365);
  private static final String[] WORDS = {
    "api",
    "cache",
    "latency",
    "thread",
    "query",
    "index",
    "pool",
    "batch",
    "stream",
    "vector",
    "design",
    "system",
    "server",
    "client",
    "request",
    "response",
    "network",
    "memory",
    "cpu",
    "disk",
    "queue",
    "event",
    "schema",
    "table",
    "column",
    "row",
    "join",
    "scan",
    "plan",
    "lock",
    "commit",
    "rollback",
    "shard",
    "replica",
    "leader",
    "follower",
    "token",
    "session",
    "cookie",
    "header",
    "payload",
    "json",
    "parser",
    "buffer",
    "socket",
    "kernel",
    "signal",
    "metric",
    "trace",
    "log",
    "alert",
    "deploy",
    "release",
    "build",
    "test",
    "bench",
    "profile",
    "heap",
    "garbage",
    "collector",
    "compiler",
    "runtime",
    "module",
    "package",
    "library",
    "framework",
    "pattern",
    "refactor",
    "review",
    "merge",
    "branch",
    "feature",
    "fix",
    "bug",
    "patch",
    "version",
    "upgrade",
    "migrate",
    "backup",
    "restore",
    "monitor",
    "scale",
    "limit",
    "rate",
    "burst",
    "window",
    "retry",
    "timeout",
    "circuit",
    "fallback",
    "health",
    "probe",
    "ready",
    "live",
    "graceful",
    "shutdown",
    "start",
    "fast",
    "slow",
    "simple",
    "clear",
    "honest"
  };

  private final DatasetSize named;
  private final DatasetSize.Counts size;
  private final long seed;
  private final long articleSpacingMillis;

  public DatasetGenerator(DatasetSize size, long seed) {
    this(size, size.counts(), seed);
  }

  /** A dataset of any numbers; the same counts and seed always give the same rows. */
  public DatasetGenerator(DatasetSize.Counts counts, long seed) {
    this(null, counts, seed);
  }

  private DatasetGenerator(DatasetSize named, DatasetSize.Counts counts, long seed) {
    this.named = named;
    this.size = counts;
    this.seed = seed;
    this.articleSpacingMillis = Math.max(1, SPAN.toMillis() / counts.articles());
  }

  /** The named size; a generator made from custom counts has none, see {@link #counts()}. */
  public DatasetSize size() {
    if (named == null) {
      throw new IllegalStateException("this dataset has custom counts, not a named size");
    }
    return named;
  }

  public DatasetSize.Counts counts() {
    return size;
  }

  public static String username(int user) {
    return "user" + user;
  }

  public static String email(int user) {
    return "user" + user + "@bench.mach.dev";
  }

  public static String tagName(int tag) {
    return "tag" + tag;
  }

  public static String slug(int article) {
    return "article-" + article;
  }

  /** Articles are spread evenly over a year, in id order, so ids and times agree. */
  public Instant articleCreatedAt(int article) {
    return START.plusMillis(article * articleSpacingMillis);
  }

  public void generate(DatasetSink sink) {
    var random = new SplittableRandom(seed);
    users(sink, random.split());
    for (int t = 1; t <= size.tags(); t++) {
      sink.tag(t, tagName(t));
    }
    articles(sink, random.split());
    follows(sink, random.split());
    favorites(sink, random.split());
    comments(sink, random.split());
  }

  private void users(DatasetSink sink, SplittableRandom random) {
    for (int u = 1; u <= size.users(); u++) {
      String bio = random.nextInt(3) == 0 ? sentence(random, 5, 20) : null;
      sink.user(u, username(u), email(u), bio);
    }
  }

  private void articles(DatasetSink sink, SplittableRandom random) {
    var authors = new Zipf(size.users(), 1.0);
    var tags = new Zipf(size.tags(), 1.0);
    for (int a = 1; a <= size.articles(); a++) {
      int author = authors.next(random) + 1;
      int[] tagIds = distinctTags(tags, random, random.nextInt(5));
      sink.article(
          a,
          slug(a),
          "Article " + a,
          sentence(random, 6, 16),
          paragraphs(random),
          author,
          articleCreatedAt(a),
          tagIds);
    }
  }

  /**
   * Each user follows a number of others that varies by user; popular authors are followed most.
   */
  private void follows(DatasetSink sink, SplittableRandom random) {
    var followees = new Zipf(size.users(), 1.0);
    int[] quota = Quotas.split(size.follows(), size.users(), size.users() / 2, random);
    for (int u = 1; u <= size.users(); u++) {
      Set<Integer> chosen = new HashSet<>();
      chosen.add(u); // nobody follows themself
      for (int i = 0; i < quota[u - 1]; i++) {
        int followee = pick(followees, null, size.users(), chosen, random);
        sink.follow(u, followee);
      }
    }
  }

  /** Some users favorite a lot, most a little; hot articles (anywhere in time) collect most. */
  private void favorites(DatasetSink sink, SplittableRandom random) {
    var popularity = new Zipf(size.articles(), 1.0);
    int[] byPopularity = permutation(size.articles(), random);
    int[] quota = Quotas.split(size.favorites(), size.users(), size.articles() / 2, random);
    for (int u = 1; u <= size.users(); u++) {
      Set<Integer> chosen = new HashSet<>();
      for (int i = 0; i < quota[u - 1]; i++) {
        sink.favorite(u, pick(popularity, byPopularity, size.articles(), chosen, random));
      }
    }
  }

  private void comments(DatasetSink sink, SplittableRandom random) {
    var popularity = new Zipf(size.articles(), 1.0);
    int[] byPopularity = permutation(size.articles(), random);
    for (int c = 1; c <= size.comments(); c++) {
      int article = byPopularity[popularity.next(random)];
      int author = 1 + random.nextInt(size.users());
      Instant at =
          articleCreatedAt(article).plusMillis(1 + random.nextLong(Duration.ofDays(30).toMillis()));
      sink.comment(c, article, author, sentence(random, 4, 40), at);
    }
  }

  /**
   * A key drawn by popularity that is not yet in {@code chosen}. Popular keys run out for heavy
   * users, so after a few misses it walks from a random key to the next free one.
   */
  private static int pick(
      Zipf popularity, int[] order, int n, Set<Integer> chosen, SplittableRandom random) {
    for (int attempt = 0; attempt < 16; attempt++) {
      int rank = popularity.next(random);
      int key = order == null ? rank + 1 : order[rank];
      if (chosen.add(key)) {
        return key;
      }
    }
    int key = 1 + random.nextInt(n);
    while (!chosen.add(key)) {
      key = key % n + 1;
    }
    return key;
  }

  private static int[] distinctTags(Zipf tags, SplittableRandom random, int count) {
    int[] chosen = new int[count];
    int found = 0;
    while (found < count) {
      int tag = tags.next(random) + 1;
      boolean seen = false;
      for (int i = 0; i < found; i++) {
        seen |= chosen[i] == tag;
      }
      if (!seen) {
        chosen[found++] = tag;
      }
    }
    return chosen;
  }

  /** 1..n in a random order: rank r of a popularity draw maps to key order[r]. */
  private static int[] permutation(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i + 1;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  private static String sentence(SplittableRandom random, int minWords, int maxWords) {
    int words = minWords + random.nextInt(maxWords - minWords + 1);
    var text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String word = WORDS[random.nextInt(WORDS.length)];
      text.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
      text.append(i == words - 1 ? "." : " ");
    }
    return text.toString();
  }

  private static String paragraphs(SplittableRandom random) {
    int count = 1 + random.nextInt(4);
    var text = new StringBuilder();
    for (int p = 0; p < count; p++) {
      if (p > 0) {
        text.append("\n\n");
      }
      for (int s = 0, sentences = 2 + random.nextInt(5); s < sentences; s++) {
        text.append(s == 0 ? "" : " ").append(sentence(random, 6, 18));
      }
    }
    return text.toString();
  }
}
