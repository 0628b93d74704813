package dev.mach.bench.feed;

import dev.mach.bench.BenchLogin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Gives the feed benchmark its readers: the dataset's last users, each made to follow exactly a set
 * number of authors (10, 1,000, 5,000 by default; the generated dataset's heaviest follower follows
 * about 1,500). Follows and unfollows go through the server's API, so whatever the server keeps for
 * the feed (timelines, jobs) is kept as it would be for any user; a second run finds the readers
 * already set and sends nothing.
 */
public final class FeedReaders {

  // a few at a time: each follow takes the author's row lock and enqueues a job in the same pool
  private static final int PARALLEL = 4;

  /** One reader: the dataset user and how many authors it now follows. */
  public record Reader(int followees, int userId) {}

  private final URI baseUrl;
  private final Connection db;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  public FeedReaders(URI baseUrl, Connection db) {
    this.baseUrl = baseUrl;
    this.db = db;
  }

  /** Sets one reader per target, the last user for the first target, and so on backwards. */
  public List<Reader> prepare(List<Integer> targets) throws Exception {
    int users = count("select count(*) from users");
    // the readers themselves are never among the authors: their follows change here
    Set<Integer> readerIds = new HashSet<>();
    IntStream.range(0, targets.size()).forEach(i -> readerIds.add(users - i));
    List<Reader> readers = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      int target = targets.get(i);
      if (target > users - targets.size()) {
        throw new IllegalArgumentException(target + " followees are more than the dataset has");
      }
      readers.add(new Reader(setFollows(users - i, target, users, readerIds), users - i));
    }
    return readers;
  }

  private int setFollows(int reader, int target, int users, Set<Integer> readerIds)
      throws Exception {
    Set<Integer> wanted = new HashSet<>(chosenAuthors(reader, target, users, readerIds));
    Set<Integer> current = followees(reader);
    List<Integer> toFollow = wanted.stream().filter(id -> !current.contains(id)).sorted().toList();
    List<Integer> toUnfollow =
        current.stream().filter(id -> !wanted.contains(id)).sorted().toList();
    long started = System.nanoTime();
    if (!toFollow.isEmpty() || !toUnfollow.isEmpty()) {
      String token = logIn(reader);
      send(token, toFollow, "POST");
      send(token, toUnfollow, "DELETE");
    }
    int now = followees(reader).size();
    System.out.printf(
        "reader user%d follows %d authors (%d followed, %d unfollowed through the API in %.1f s)%n",
        reader, now, toFollow.size(), toUnfollow.size(), (System.nanoTime() - started) / 1e9);
    if (now != target) {
      throw new IllegalStateException("user" + reader + " follows " + now + ", not " + target);
    }
    return now;
  }

  /** The same authors on every run: users ordered by a fixed hash of (reader, author). */
  static List<Integer> chosenAuthors(int reader, int target, int users, Set<Integer> excluded) {
    return IntStream.rangeClosed(1, users)
        .filter(id -> !excluded.contains(id))
        .boxed()
        .sorted(Comparator.comparingLong(id -> mix(reader * 1_000_003L + id)))
        .limit(target)
        .toList();
  }

  /** SplitMix64's finalizer: a cheap, well-spread hash. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private void send(String token, List<Integer> authors, String method) throws Exception {
    try (var executor = Executors.newFixedThreadPool(PARALLEL)) {
      List<Future<?>> done = new ArrayList<>();
      for (int author : authors) {
        done.add(executor.submit(() -> follow(token, author, method)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
  }

  private Void follow(String token, int author, String method) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(baseUrl.resolve("/api/profiles/user" + author + "/follow"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Token " + token)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          method + " follow of user" + author + " answered " + response.statusCode());
    }
    return null;
  }

  private String logIn(int reader) throws Exception {
    return BenchLogin.token(client, baseUrl, "user" + reader + "@bench.mach.dev");
  }

  private Set<Integer> followees(int reader) throws SQLException {
    Set<Integer> ids = new HashSet<>();
    try (var statement =
        db.prepareStatement("select followee_id from follows where follower_id = ?")) {
      statement.setInt(1, reader);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getInt(1));
        }
      }
    }
    return ids;
  }

  private int count(String sql) throws SQLException {
    try (var statement = db.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
