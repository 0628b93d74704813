package dev.mach.article;

import dev.mach.config.MachProperties;
import dev.mach.config.SqlStatementCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether this instance serves the feed from timelines. They are used only once the state row says
 * they are complete; until then (fan-out just turned on over existing data, or off for a while) the
 * feed is the pull query, and a rebuild job per generation of incompleteness fills them. Exported
 * as the gauge {@code mach_feed_timelines_ready}.
 */
@Component
class FeedState implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(FeedState.class);
  private static final long CHECK_EVERY_MS = 1000;

  private final FeedQueries queries;
  // resolved on first use: the scheduler's storage must not be set up before Flyway has migrated
  // (or, with --reset, cleaned) the database
  private final ObjectProvider<JobScheduler> jobs;
  private final PulledAuthors pulled;
  private final boolean enabled;
  private final int threshold;
  private final ScheduledExecutorService checker =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("feed-state").factory());

  private volatile boolean ready;
  private long rebuildEnqueuedFor = -1;

  FeedState(
      FeedQueries queries,
      ObjectProvider<JobScheduler> jobs,
      MachProperties properties,
      PulledAuthors pulled,
      MeterRegistry registry) {
    this.queries = queries;
    this.pulled = pulled;
    this.jobs = jobs;
    this.enabled = properties.feed().fanOut().enabled();
    this.threshold = properties.feed().fanOut().pullThreshold();
    Gauge.builder("mach.feed.timelines.ready", this, state -> state.ready ? 1 : 0)
        .description("1 while the feed is served from complete timelines, else 0")
        .register(registry);
  }

  boolean ready() {
    return ready;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!enabled) {
      return;
    }
    SqlStatementCounter.uncounted(
        () -> {
          // a bulk load or a lowered threshold leaves authors above it unpulled; a raised one
          // leaves pulled authors that can be pushed again
          pulled.pullAllAbove(threshold);
          queries
              .pulledAtOrBelow(threshold)
              .forEach(a -> jobs.getObject().<FanOutJobs>enqueue(j -> j.promote(a)));
        });
    check();
  }

  /** Reads the state row until it says complete, making sure its generation is being rebuilt. */
  private synchronized void check() {
    try {
      var read = new AtomicReference<FeedQueries.State>();
      SqlStatementCounter.uncounted(() -> read.set(queries.state()));
      var state = read.get();
      if (state.complete()) {
        ready = true;
        log.info("Feed timelines complete: the feed reads them");
        return;
      }
      if (state.generation() != rebuildEnqueuedFor) {
        long generation = state.generation();
        UUID id =
            UUID.nameUUIDFromBytes(
                ("mach-feed-rebuild-" + generation).getBytes(StandardCharsets.UTF_8));
        try {
          jobs.getObject().<FanOutJobs>enqueue(id, j -> j.rebuild(generation));
          log.info("Feed timelines incomplete: rebuilding (generation {})", generation);
        } catch (RuntimeException alreadyThere) {
          // another instance enqueued this generation's rebuild first
          log.info("Feed timelines rebuild (generation {}) already enqueued", generation);
        }
        rebuildEnqueuedFor = generation;
      }
    } catch (RuntimeException e) {
      log.warn("Could not read the feed state; trying again", e);
    }
    if (!ready && !checker.isShutdown()) {
      checker.schedule(this::check, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void destroy() {
    checker.shutdownNow();
  }
}
