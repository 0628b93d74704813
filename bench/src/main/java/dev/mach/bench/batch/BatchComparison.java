package dev.mach.bench.batch;

import dev.mach.bench.BenchLogin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Twenty reads sent one after another over one keep-alive connection, against the same twenty in
 * one {@code POST /api/batch}, alternating (which goes first flips every iteration), so both meet
 * the same machine at the same moments. One HTTP/1.1 client sends everything one request at a time,
 * so the sequential side reuses a single connection, as a browser or app does for a run of requests
 * it cannot send at once.
 */
public final class BatchComparison {

  /** What one side of the comparison took, per iteration, in milliseconds. */
  public record Side(String name, double[] millis, int failures) {

    public double percentile(double p) {
      double[] sorted = millis.clone();
      Arrays.sort(sorted);
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
      return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }

    public double totalSeconds() {
      return Arrays.stream(millis).sum() / 1000;
    }
  }

  public record Result(Side sequential, Side batched) {}

  private static final Pattern SUB_STATUS = Pattern.compile("\"status\"\\s*:\\s*(\\d+)");

  private final URI baseUrl;
  private final List<String> paths;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  public BatchComparison(URI baseUrl, List<String> paths) {
    this.baseUrl = baseUrl;
    this.paths = List.copyOf(paths);
  }

  /** Twenty single-article reads spread over the dataset's articles. */
  public static List<String> articleReads(int articles, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "/api/articles/article-" + (1 + (long) i * articles / count))
        .toList();
  }

  public Result run(String email, int warmUp, int iterations) throws Exception {
    String token = logIn(email);
    String batchBody = batchBody();
    for (int i = 0; i < warmUp; i++) {
      sequential(token);
      batch(token, batchBody);
    }
    double[] sequential = new double[iterations];
    double[] batched = new double[iterations];
    int sequentialFailures = 0;
    int batchFailures = 0;
    for (int i = 0; i < iterations; i++) {
      boolean batchFirst = i % 2 == 1;
      if (batchFirst) {
        batchFailures += timedBatch(token, batchBody, batched, i);
      }
      long start = System.nanoTime();
      sequentialFailures += sequential(token);
      sequential[i] = (System.nanoTime() - start) / 1e6;
      if (!batchFirst) {
        batchFailures += timedBatch(token, batchBody, batched, i);
      }
    }
    return new Result(
        new Side("20-sequential", sequential, sequentialFailures),
        new Side("batch-of-20", batched, batchFailures));
  }

  /** Failed reads among the twenty. */
  private int sequential(String token) throws Exception {
    int failed = 0;
    for (String path : paths) {
      HttpRequest request =
          HttpRequest.newBuilder(baseUrl.resolve(path))
              .header("Authorization", "Token " + token)
              .header("Accept", "application/json")
              .GET()
              .build();
      if (client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() != 200) {
        failed++;
      }
    }
    return failed;
  }

  /**
   * One batch, its time in {@code millis[i]}: the exchange, until its last byte is in, as the
   * sequential side's is; checking its twenty statuses comes after the clock stops, as the
   * sequential side checks each status code without timing a parse either.
   */
  private int timedBatch(String token, String body, double[] millis, int i) throws Exception {
    long start = System.nanoTime();
    HttpResponse<byte[]> response = exchange(token, body);
    millis[i] = (System.nanoTime() - start) / 1e6;
    return failures(response);
  }

  private int batch(String token, String body) throws Exception {
    return failures(exchange(token, body));
  }

  private HttpResponse<byte[]> exchange(String token, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(baseUrl.resolve("/api/batch"))
            .header("Authorization", "Token " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Failed reads among the twenty: all of them when the batch itself failed. */
  private int failures(HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      return paths.size();
    }
    // sub-answers carry their own status; an article body has no "status" field of its own
    List<Integer> statuses = new ArrayList<>();
    Matcher m = SUB_STATUS.matcher(new String(response.body(), StandardCharsets.UTF_8));
    while (m.find()) {
      statuses.add(Integer.parseInt(m.group(1)));
    }
    int ok = (int) statuses.stream().filter(s -> s == 200).count();
    return statuses.size() == paths.size() ? paths.size() - ok : paths.size();
  }

  private String batchBody() {
    StringBuilder json = new StringBuilder("{\"requests\":[");
    for (int i = 0; i < paths.size(); i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"method\":\"GET\",\"path\":\"")
          .append(paths.get(i))
          .append("\"}");
    }
    return json.append("]}").toString();
  }

  private String logIn(String email) throws Exception {
    return BenchLogin.token(client, baseUrl, email);
  }
}
