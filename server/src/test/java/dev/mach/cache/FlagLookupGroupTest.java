package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FlagLookupGroupTest {

  /** Flag true for ids divisible by the viewer's id; counts the lookups it answers. */
  private final AtomicInteger lookups = new AtomicInteger();

  private final FlagLookupGroup.Lookup divisible =
      (viewer, ids) -> {
        lookups.incrementAndGet();
        Map<ViewerFlag.Kind, Set<Long>> found = new EnumMap<>(ViewerFlag.Kind.class);
        ids.forEach(
            (kind, some) -> {
              Set<Long> trueOnes = new HashSet<>();
              some.stream().filter(id -> id % viewer == 0).forEach(trueOnes::add);
              found.put(kind, trueOnes);
            });
        return found;
      };

  private static Map<ViewerFlag.Kind, List<Long>> ids(Long... favorited) {
    return Map.of(
        ViewerFlag.Kind.FAVORITED, List.of(favorited), ViewerFlag.Kind.FOLLOWING, List.of(7L));
  }

  @Test
  void aLookupWhoseSiblingIsBusyElsewhereIsAnsweredAloneAfterTheWait() {
    var group = new FlagLookupGroup(2);
    long start = System.nanoTime();
    var found = group.lookUp(2, ids(1L, 2L, 4L), divisible);
    assertThat(found.get(ViewerFlag.Kind.FAVORITED)).containsExactlyInAnyOrder(2L, 4L);
    assertThat(found.get(ViewerFlag.Kind.FOLLOWING)).isEmpty();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(1_000_000L);
    assertThat(lookups).hasValue(1);
  }

  @Test
  void lookupsOfSeveralViewersEachGetOnlyTheirOwnAnswer() {
    var group = new FlagLookupGroup(3);
    var first = CompletableFuture.supplyAsync(() -> group.lookUp(2, ids(2L, 3L, 6L), divisible));
    var second = CompletableFuture.supplyAsync(() -> group.lookUp(3, ids(3L, 4L, 9L), divisible));
    var third = CompletableFuture.supplyAsync(() -> group.lookUp(2, ids(4L, 5L), divisible));

    assertThat(first.join().get(ViewerFlag.Kind.FAVORITED)).containsExactlyInAnyOrder(2L, 6L);
    assertThat(second.join().get(ViewerFlag.Kind.FAVORITED)).containsExactlyInAnyOrder(3L, 9L);
    assertThat(third.join().get(ViewerFlag.Kind.FAVORITED)).containsExactly(4L);
    assertThat(second.join().get(ViewerFlag.Kind.FOLLOWING)).isEmpty();
  }

  @Test
  void aWorkerThatEndsLetsTheOthersLookUpWithoutWaitingForIt() throws Exception {
    var group = new FlagLookupGroup(2);
    var waiting = CompletableFuture.supplyAsync(() -> group.lookUp(5, ids(5L, 6L), divisible));
    group.workerDone();
    assertThat(waiting.get().get(ViewerFlag.Kind.FAVORITED)).containsExactly(5L);
  }

  @Test
  void aFailedLookupFailsEveryRequestThatWaitedForIt() {
    var group = new FlagLookupGroup(1);
    FlagLookupGroup.Lookup broken =
        (viewer, ids) -> {
          throw new IllegalStateException("database gone");
        };
    assertThatThrownBy(() -> group.lookUp(1, ids(1L), broken))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database gone");
  }
}
