package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlagOverlayTest {

  private static final ViewerFlag FAV_1 = new ViewerFlag(ViewerFlag.Kind.FAVORITED, 1);
  private static final ViewerFlag FOLLOW_7 = new ViewerFlag(ViewerFlag.Kind.FOLLOWING, 7);
  private static final ViewerFlag FAV_2 = new ViewerFlag(ViewerFlag.Kind.FAVORITED, 2);
  private static final ViewerFlag FOLLOW_8 = new ViewerFlag(ViewerFlag.Kind.FOLLOWING, 8);

  private static final String TWO_ARTICLES =
      "{\"articles\":[{\"title\":\"a \\\"favorited\\\":false b\",\"favorited\":false,"
          + "\"author\":{\"username\":\"x\",\"following\":false}},"
          + "{\"title\":\",\\\"following\\\":false\",\"favorited\":false,"
          + "\"author\":{\"username\":\"y\",\"following\":false}}],\"articlesCount\":2}";

  @Test
  void setsOnlyTheViewersFlagsAndLeavesLookalikesInStringsAlone() {
    CachedResponse entry = entry(TWO_ARTICLES, List.of(FAV_1, FOLLOW_7, FAV_2, FOLLOW_8));

    String mine =
        new String(FlagOverlay.apply(entry, Set.of(2L), Set.of(7L)), StandardCharsets.UTF_8);

    assertThat(mine)
        .isEqualTo(
            TWO_ARTICLES
                .replace(
                    "\"favorited\":false,\"author\":{\"username\":\"y\"",
                    "\"favorited\":true,\"author\":{\"username\":\"y\"")
                .replace(
                    "\"username\":\"x\",\"following\":false",
                    "\"username\":\"x\",\"following\":true"));
  }

  @Test
  void aViewerWithNoFlagsGetsTheCachedBytesThemselves() {
    CachedResponse entry = entry(TWO_ARTICLES, List.of(FAV_1, FOLLOW_7, FAV_2, FOLLOW_8));

    assertThat(FlagOverlay.apply(entry, Set.of(99L), Set.of())).isSameAs(entry.body());
  }

  @Test
  void aBodyThatDoesNotHoldExactlyTheRecordedFlagsCannotBeOverlaid() {
    byte[] body = TWO_ARTICLES.getBytes(StandardCharsets.UTF_8);

    assertThat(FlagOverlay.locate(body, List.of(FAV_1, FOLLOW_7))).isNull();
    assertThat(FlagOverlay.locate(body, List.of(FOLLOW_7, FAV_1, FAV_2, FOLLOW_8))).isNull();
    assertThat(FlagOverlay.locate(body, List.of(FAV_1, FOLLOW_7, FAV_2, FOLLOW_8))).hasSize(4);
  }

  private static CachedResponse entry(String json, List<ViewerFlag> flags) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    int[] offsets = FlagOverlay.locate(body, flags);
    assertThat(offsets).isNotNull();
    return new CachedResponse(
        body,
        null,
        "\"t\"",
        0,
        new String[] {"k"},
        flags.toArray(ViewerFlag[]::new),
        offsets,
        Long.MAX_VALUE);
  }
}
