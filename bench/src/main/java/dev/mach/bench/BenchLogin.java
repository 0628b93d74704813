package dev.mach.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Logs a dataset user in (every one has the password {@code benchmark}) and returns its token. */
public final class BenchLogin {

  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

  private BenchLogin() {}

  public static String token(HttpClient client, URI baseUrl, String email) throws Exception {
    String body = "{\"user\":{\"email\":\"" + email + "\",\"password\":\"benchmark\"}}";
    HttpRequest request =
        HttpRequest.newBuilder(baseUrl.resolve("/api/users/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    Matcher token = TOKEN.matcher(response.body());
    if (response.statusCode() != 200 || !token.find()) {
      throw new IllegalStateException("login of " + email + ": " + response.statusCode());
    }
    return token.group(1);
  }
}
