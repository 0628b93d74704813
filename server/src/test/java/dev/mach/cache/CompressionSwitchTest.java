package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.Fixtures;
import dev.mach.support.MachInstance;
import dev.mach.support.TestUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code server.compression.enabled=false} switches gzip off for cached answers too. */
class CompressionSwitchTest {

  @Test
  void withCompressionOffNeitherTheFillNorTheHitIsGzipped() throws Exception {
    try (var mach = MachInstance.start(Map.of("server.compression.enabled", "false"));
        var http = HttpClient.newHttpClient()) {
      Fixtures fixtures = new Fixtures(mach.api());
      TestUser author = fixtures.user();
      for (int i = 0; i < 5; i++) {
        fixtures.article(author);
      }
      var request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://localhost:"
                          + mach.port()
                          + "/api/articles?author="
                          + author.username()))
              .header("Accept-Encoding", "gzip")
              .build();

      var fill = http.send(request, HttpResponse.BodyHandlers.ofString());
      var hit = http.send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(hit.headers().firstValue("ETag")).as("the second read is a cache hit").isPresent();
      assertThat(hit.body()).hasSizeGreaterThan(1024).isEqualTo(fill.body());
      assertThat(fill.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(hit.headers().firstValue("Content-Encoding")).isEmpty();
    }
  }
}
