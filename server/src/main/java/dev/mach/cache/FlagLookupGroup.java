package dev.mach.cache;

import jakarta.servlet.ServletRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * Gathers the viewer-flag lookups of requests that run side by side (the sub-requests of one batch)
 * into one lookup per viewer. Twenty cached article reads in a batch would otherwise ask the
 * database forty times (favorited, following) what one statement per kind answers: it is the N+1
 * pattern, across requests instead of across rows.
 *
 * <p>The runner tells the group how many of its workers are still live; a lookup waits until every
 * live worker is waiting with one too, then one of them asks for all. A worker can be busy
 * elsewhere for a long time (a cache miss running its queries, a permit it waits for), so nobody
 * waits longer than {@link #MAX_WAIT_MILLIS}: then whoever is waiting asks for those waiting. Each
 * answer is exactly what a lookup of its own would have read.
 */
public final class FlagLookupGroup {

  /** The request attribute under which a request carries its group. */
  public static final String ATTRIBUTE = FlagLookupGroup.class.getName();

  static final long MAX_WAIT_MILLIS = 2;

  /** Looks flags up for one viewer: what a request of its own would run. */
  interface Lookup
      extends BiFunction<Long, Map<ViewerFlag.Kind, List<Long>>, Map<ViewerFlag.Kind, Set<Long>>> {}

  private record Pending(
      long viewer,
      Map<ViewerFlag.Kind, List<Long>> ids,
      Lookup lookUp,
      CompletableFuture<Map<ViewerFlag.Kind, Set<Long>>> answer) {}

  private final ReentrantLock lock = new ReentrantLock();
  private int liveWorkers;
  private List<Pending> waiting = new ArrayList<>();

  /** A group for {@code workers} workers, each of which calls {@link #workerDone()} as it ends. */
  public FlagLookupGroup(int workers) {
    this.liveWorkers = workers;
  }

  /** The group a request belongs to; null for a request of its own. */
  static FlagLookupGroup of(ServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof FlagLookupGroup group ? group : null;
  }

  /** A worker has run its last request: those waiting need not wait for it any longer. */
  public void workerDone() {
    List<Pending> due;
    lock.lock();
    try {
      liveWorkers--;
      due = waiting.size() >= liveWorkers ? takeWaiting() : List.of();
    } finally {
      lock.unlock();
    }
    answer(due);
  }

  /**
   * The flags among {@code ids} that are true for {@code viewer}, looked up with {@code lookUp}
   * together with every other lookup of the group waiting at the same time.
   */
  Map<ViewerFlag.Kind, Set<Long>> lookUp(
      long viewer, Map<ViewerFlag.Kind, List<Long>> ids, Lookup lookUp) {
    Pending mine = new Pending(viewer, ids, lookUp, new CompletableFuture<>());
    List<Pending> due;
    lock.lock();
    try {
      waiting.add(mine);
      due = waiting.size() >= liveWorkers ? takeWaiting() : List.of();
    } finally {
      lock.unlock();
    }
    if (due.isEmpty()) {
      try {
        return mine.answer().get(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        lock.lock();
        try {
          due = takeWaiting(); // ours is among them unless someone took it a moment ago
        } finally {
          lock.unlock();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while looking up viewer flags", e);
      } catch (ExecutionException e) {
        throw rethrown(e.getCause());
      }
    }
    answer(due);
    try {
      return mine.answer().join();
    } catch (CompletionException e) {
      throw rethrown(e.getCause());
    }
  }

  /** The lookup's own failure, as a lookup of one's own would have thrown it. */
  private static RuntimeException rethrown(Throwable failure) {
    return failure instanceof RuntimeException e ? e : new CompletionException(failure);
  }

  private List<Pending> takeWaiting() {
    List<Pending> taken = waiting;
    waiting = new ArrayList<>();
    return taken;
  }

  /** One lookup per viewer for the union of what its requests asked, each answered its share. */
  private static void answer(List<Pending> due) {
    if (due.isEmpty()) {
      return;
    }
    Map<Long, List<Pending>> byViewer = new LinkedHashMap<>();
    for (Pending p : due) {
      byViewer.computeIfAbsent(p.viewer(), v -> new ArrayList<>()).add(p);
    }
    byViewer.forEach(
        (viewer, requests) -> {
          try {
            Map<ViewerFlag.Kind, Set<Long>> found =
                requests.getFirst().lookUp().apply(viewer, union(requests));
            for (Pending p : requests) {
              p.answer().complete(share(found, p.ids()));
            }
          } catch (RuntimeException e) {
            requests.forEach(p -> p.answer().completeExceptionally(e));
          }
        });
  }

  private static Map<ViewerFlag.Kind, List<Long>> union(List<Pending> requests) {
    Map<ViewerFlag.Kind, Set<Long>> all = new EnumMap<>(ViewerFlag.Kind.class);
    for (Pending p : requests) {
      p.ids().forEach((kind, ids) -> all.computeIfAbsent(kind, k -> new HashSet<>()).addAll(ids));
    }
    Map<ViewerFlag.Kind, List<Long>> lists = new EnumMap<>(ViewerFlag.Kind.class);
    all.forEach((kind, ids) -> lists.put(kind, List.copyOf(ids)));
    return lists;
  }

  private static Map<ViewerFlag.Kind, Set<Long>> share(
      Map<ViewerFlag.Kind, Set<Long>> found, Map<ViewerFlag.Kind, List<Long>> asked) {
    Map<ViewerFlag.Kind, Set<Long>> mine = new EnumMap<>(ViewerFlag.Kind.class);
    asked.forEach(
        (kind, ids) -> {
          Set<Long> trueOnes = found.getOrDefault(kind, Set.of());
          Set<Long> own = new HashSet<>();
          for (Long id : ids) {
            if (trueOnes.contains(id)) {
              own.add(id);
            }
          }
          mine.put(kind, own);
        });
    return mine;
  }
}
