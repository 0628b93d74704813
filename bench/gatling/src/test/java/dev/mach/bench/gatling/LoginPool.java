package dev.mach.bench.gatling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dataset users logged in once, before the measured load, with a plain JDK HTTP client (so these
 * logins never appear in Gatling's statistics). Logged-in virtual users pick one at random.
 */
final class LoginPool {
  /** The password every dataset user has. */
  static final String PASSWORD = "benchmark";

  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
  private static final int PARALLEL_LOGINS = 8;

  /** A logged-in dataset user. */
  record Account(int id, String username, String token) {}

  private volatile List<Account> accounts = List.of();

  /**
   * Logs in {@code size} dataset users spread evenly over {@code user1..userN} (so both prolific
   * and quiet authors are among them). Fails on the first login that does not return a token.
   */
  void logIn(String baseUrl, int users, int size) {
    int poolSize = Math.min(size, users);
    List<Integer> ids = new ArrayList<>(poolSize);
    for (int k = 0; k < poolSize; k++) {
      ids.add(1 + (int) ((long) k * users / poolSize));
    }
    logIn(baseUrl, ids);
  }

  /** Logs in exactly these dataset users. */
  void logIn(String baseUrl, List<Integer> ids) {
    int poolSize = ids.size();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<Account> loggedIn = new ArrayList<>(poolSize);
    try (ExecutorService executor = Executors.newFixedThreadPool(PARALLEL_LOGINS)) {
      List<Future<Account>> futures = new ArrayList<>(poolSize);
      for (int id : ids) {
        futures.add(executor.submit(() -> logIn(client, baseUrl, id)));
      }
      for (Future<Account> future : futures) {
        loggedIn.add(future.get());
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Could not log in the pool of users at " + baseUrl + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while logging in the pool of users", e);
    }
    accounts = List.copyOf(loggedIn);
  }

  private static Account logIn(HttpClient client, String baseUrl, int id)
      throws IOException, InterruptedException {
    String username = "user" + id;
    String body =
        "{\"user\":{\"email\":\""
            + ConduitSimulation.email(username)
            + "\",\"password\":\""
            + PASSWORD
            + "\"}}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/users/login"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    Matcher token = TOKEN.matcher(response.body());
    if (response.statusCode() != 200 || !token.find()) {
      throw new IllegalStateException(
          "login of " + username + " answered " + response.statusCode() + ": " + response.body());
    }
    return new Account(id, username, token.group(1));
  }

  int size() {
    return accounts.size();
  }

  Account pick() {
    List<Account> current = accounts;
    if (current.isEmpty()) {
      throw new IllegalStateException("no user is logged in yet");
    }
    return current.get(ThreadLocalRandom.current().nextInt(current.size()));
  }
}
