package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EntryCodecTest {

  @Test
  void anEntryComesBackAsItWentInWithItsRemainingLifetime() {
    byte[] body = "{\"article\":{\"favorited\":false}}".getBytes(StandardCharsets.UTF_8);
    var entry =
        new CachedResponse(
            body,
            ResponseBytes.gzip(body),
            ResponseBytes.etag(body),
            42,
            new String[] {"article:7", "user:3"},
            new ViewerFlag[] {new ViewerFlag(ViewerFlag.Kind.FAVORITED, 7)},
            new int[] {12},
            System.nanoTime() + 60_000_000_000L);

    CachedResponse back = EntryCodec.decode(EntryCodec.encode(entry));

    assertThat(back.body()).isEqualTo(entry.body());
    assertThat(back.gzipped()).isEqualTo(entry.gzipped());
    assertThat(back.etag()).isEqualTo(entry.etag());
    assertThat(back.snapshot()).isEqualTo(42);
    assertThat(back.dependencies()).containsExactly("article:7", "user:3");
    assertThat(back.flags()).containsExactly(new ViewerFlag(ViewerFlag.Kind.FAVORITED, 7));
    assertThat(back.flagOffsets()).containsExactly(12);
    assertThat((back.expiresAtNanos() - System.nanoTime()) / 1_000_000_000.0).isBetween(58.0, 60.0);
  }

  @Test
  void anEntryWithoutGzipOrFlagsKeepsThemAbsent() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    var entry =
        new CachedResponse(
            body, null, ResponseBytes.etag(body), 1, new String[0], null, null, System.nanoTime());

    CachedResponse back = EntryCodec.decode(EntryCodec.encode(entry));

    assertThat(back.gzipped()).isNull();
    assertThat(back.flags()).isNull();
    assertThat(back.flagOffsets()).isNull();
  }

  @Test
  void bytesOfAnotherFormatAreNotAnEntry() {
    assertThat(EntryCodec.decode(new byte[] {9, 1, 2})).isNull();
    assertThat(EntryCodec.decode(new byte[0])).isNull();
  }
}
