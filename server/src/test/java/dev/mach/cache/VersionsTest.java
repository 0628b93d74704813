package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void anEntryGoesStaleWhenADependencyChangesAfterItsSnapshot() {
    var versions = new Versions(100);
    long snapshot = versions.snapshot();

    assertThat(versions.unchangedSince(new String[] {"article:1"}, snapshot)).isTrue();
    versions.bump(List.of("article:1"));

    assertThat(versions.unchangedSince(new String[] {"article:1"}, snapshot)).isFalse();
    assertThat(versions.unchangedSince(new String[] {"article:2"}, snapshot)).isTrue();
    assertThat(versions.unchangedSince(new String[] {"article:1"}, versions.snapshot())).isTrue();
  }

  @Test
  void aChangeAppliedLateNeverMovesAKeyBackInTime() {
    var versions = new Versions(100);
    versions.apply(List.of("k"), 5);
    versions.apply(List.of("k"), 3);

    assertThat(versions.unchangedSince(new String[] {"k"}, 4)).isFalse();
    assertThat(versions.snapshot()).isEqualTo(5);
  }

  @Test
  void forgottenKeysCountAsChangedAtTheFloor() {
    var versions = new Versions(10);
    long before = versions.snapshot();
    for (int i = 0; i < 1000; i++) {
      versions.bump(List.of("key:" + i));
    }
    versions.cleanUp();

    // some keys were evicted; an entry older than their changes must not look fresh
    long stale = 0;
    for (int i = 0; i < 1000; i++) {
      if (versions.unchangedSince(new String[] {"key:" + i}, before)) {
        stale++;
      }
    }
    assertThat(stale).isZero();
    assertThat(versions.unchangedSince(new String[] {"never-changed"}, versions.snapshot()))
        .isTrue();
  }

  @Test
  void aRaisedFloorMakesEveryOlderEntryStaleKnownKeyOrNot() {
    var versions = new Versions(100);
    versions.apply(List.of("k"), 2);
    long before = versions.snapshot();

    versions.raiseFloor(10);

    assertThat(versions.unchangedSince(new String[] {"k"}, before)).isFalse();
    assertThat(versions.unchangedSince(new String[] {"never-changed"}, before)).isFalse();
    assertThat(versions.unchangedSince(new String[0], before)).isFalse();
    assertThat(versions.snapshot()).isEqualTo(10);
    assertThat(versions.unchangedSince(new String[] {"k"}, versions.snapshot())).isTrue();
  }
}
