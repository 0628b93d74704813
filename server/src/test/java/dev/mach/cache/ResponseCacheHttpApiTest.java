package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.ApiResponse;
import dev.mach.support.ApiTest;
import dev.mach.support.TestUser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Conditional requests, compression and CORS on responses the cache answers. */
class ResponseCacheHttpApiTest extends ApiTest {

  private static final HttpClient RAW = HttpClient.newHttpClient();

  @Test
  void aMatchingIfNoneMatchIsAnswered304WithoutABody() {
    TestUser author = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    var first = api.get("/api/articles/" + slug);
    String etag = first.header("ETag");
    assertThat(etag).startsWith("\"").endsWith("\"");

    var again = api.withHeader("If-None-Match", etag).get("/api/articles/" + slug);

    assertThat(again.status()).isEqualTo(304);
    assertThat(again.raw()).isEmpty();
    assertThat(again.header("ETag")).isEqualTo(etag);
  }

  @Test
  void anOutdatedEtagGetsTheNewBodyAfterAWrite() {
    TestUser author = fixtures.user();
    TestUser fan = fixtures.user();
    String slug = fixtures.article(author).path("slug").asString();
    String etag = api.get("/api/articles/" + slug).header("ETag");

    fixtures.favorite(fan, slug);
    var after = api.withHeader("If-None-Match", etag).get("/api/articles/" + slug);

    assertThat(after.status()).isEqualTo(200);
    assertThat(after.json().path("article").path("favoritesCount").asInt()).isEqualTo(1);
    assertThat(after.header("ETag")).isNotEqualTo(etag);
  }

  @Test
  void gzipIsServedToClientsThatAcceptItAndDecompressesToTheSameJson() throws Exception {
    TestUser author = fixtures.user();
    for (int i = 0; i < 5; i++) {
      fixtures.article(author);
    }
    String path = "/api/articles?author=" + author.username();
    String plain = api.get(path).expect(200).toString();

    HttpResponse<byte[]> zipped = raw(path, "gzip, deflate");
    HttpResponse<byte[]> refused = raw(path, "gzip;q=0, identity");

    assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(api.get(path).json().toString()).isEqualTo(plain);
    assertThat(new ApiResponse(200, null, gunzip(zipped.body())).json().toString())
        .isEqualTo(plain);
    assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(zipped.headers().firstValue("ETag"))
        .isNotEqualTo(refused.headers().firstValue("ETag"));
  }

  @Test
  void crossOriginReadsGetCorsHeadersWhenAnsweredFromTheCache() throws Exception {
    api.get("/api/tags").expect(200);
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tags"))
            .header("Origin", "https://conduit.example")
            .build();
    var response = RAW.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("https://conduit.example");
  }

  private HttpResponse<byte[]> raw(String path, String acceptEncoding)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept-Encoding", acceptEncoding)
            .build();
    return RAW.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String gunzip(byte[] body) throws IOException {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
