package dev.mach.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for black-box tests against a running Mach. */
public final class Api {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final Map<String, String> headers;

  public Api(String base) {
    this(base, Map.of());
  }

  private Api(String base, Map<String, String> headers) {
    this.base = base;
    this.headers = headers;
  }

  /** The same client sending {@code Authorization: Token <token>}. */
  public Api as(String token) {
    return withHeader("Authorization", "Token " + token);
  }

  public Api as(TestUser user) {
    return as(user.token());
  }

  public Api withHeader(String name, String value) {
    var all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new Api(base, all);
  }

  public ApiResponse get(String path) {
    return send("GET", path, null);
  }

  public ApiResponse post(String path, String json) {
    return send("POST", path, json);
  }

  public ApiResponse post(String path) {
    return send("POST", path, null);
  }

  public ApiResponse put(String path, String json) {
    return send("PUT", path, json);
  }

  public ApiResponse delete(String path) {
    return send("DELETE", path, null);
  }

  public ApiResponse send(String method, String path, String json) {
    var request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new ApiResponse(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
