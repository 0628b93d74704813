package dev.mach.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void aSaneIncomingIdIsKept() {
    assertThat(RequestIds.accept("abc-123_x.y:z")).isEqualTo("abc-123_x.y:z");
    assertThat(RequestIds.accept("7f9c8a0e-2b1d-4c3e-9f00-aa11bb22cc33"))
        .isEqualTo("7f9c8a0e-2b1d-4c3e-9f00-aa11bb22cc33");
    assertThat(RequestIds.accept("a".repeat(64))).isEqualTo("a".repeat(64));
  }

  @Test
  void anythingElseIsReplacedByAFreshId() {
    for (String bad :
        new String[] {
          null,
          "",
          "a".repeat(65),
          "has space",
          "quote\"",
          "new\nline",
          "caf\u00e9",
          "<script>",
          "{x}"
        }) {
      String id = RequestIds.accept(bad);
      assertThat(id).isNotEqualTo(bad).matches("[0-9a-f]{16}");
    }
  }

  @Test
  void freshIdsDoNotRepeat() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(RequestIds.generate());
    }
    assertThat(ids).hasSize(100_000);
  }
}
