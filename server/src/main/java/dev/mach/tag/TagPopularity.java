package dev.mach.tag;

import dev.mach.cache.CacheKeys;
import dev.mach.cache.Invalidator;
import dev.mach.config.MachProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.scheduling.JobScheduler;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ranks tags by their uses over a recent window, as a recurring background job, so listing tags
 * never counts: {@code GET /api/tags} reads the stored ranking, and the response cache serves it
 * from memory until a refresh changes the order.
 */
@Component
public class TagPopularity {

  static final String RECURRING_ID = "tag-popularity";

  private final TagQueries queries;
  private final Invalidator invalidator;
  private final TransactionTemplate tx;
  private final JobScheduler scheduler;
  private final Clock clock;
  private final MachProperties.Tags settings;

  TagPopularity(
      TagQueries queries,
      Invalidator invalidator,
      TransactionTemplate tx,
      JobScheduler scheduler,
      Clock clock,
      MachProperties properties) {
    this.queries = queries;
    this.invalidator = invalidator;
    this.tx = tx;
    this.scheduler = scheduler;
    this.clock = clock;
    this.settings = properties.tags();
  }

  /**
   * Every instance registers the recurring job (the id is fixed, so this updates it); JobRunr runs
   * each occurrence on one instance. A database without a ranking yet gets one at once.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void schedule() {
    Duration every = settings.popularityRefresh();
    scheduler.<TagPopularity>scheduleRecurrently(RECURRING_ID, every, job -> job.refresh());
    if (queries.ranking().isEmpty()) {
      scheduler.<TagPopularity>enqueue(job -> job.refresh());
    }
  }

  /**
   * Computes the ranking again and stores it. Idempotent: running it twice stores the same ranking,
   * and the cached tag lists are invalidated only when the order changed.
   */
  @Job(name = "Tag popularity refresh")
  public void refresh() {
    var since = clock.instant().minus(settings.popularityWindow());
    tx.executeWithoutResult(
        status -> {
          var ranking = queries.recentUses(since);
          var stored = queries.ranking();
          if (ranking.equals(stored)) {
            return;
          }
          queries.replaceRanking(ranking);
          // the lists show names only: new use counts in the same order leave them as they were
          if (!tagIds(ranking).equals(tagIds(stored))) {
            invalidator.changed(CacheKeys.TAGS);
          }
        });
  }

  private static List<Long> tagIds(List<TagQueries.RankedTag> ranking) {
    return ranking.stream().map(TagQueries.RankedTag::tagId).toList();
  }
}
