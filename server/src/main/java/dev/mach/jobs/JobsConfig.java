package dev.mach.jobs;

import java.time.Duration;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** JobRunr wiring of Mach's own: the loopback dashboard and the clean-up of old job records. */
@Configuration(proxyBeanMethods = false)
class JobsConfig {

  static final String CLEANUP = "mach-jobs-cleanup";

  @Bean
  @ConditionalOnProperty(
      name = "mach.jobs.dashboard.enabled",
      havingValue = "true",
      matchIfMissing = true)
  DashboardServer jobRunrDashboardServer(StorageProvider storage, JsonMapper json) {
    return new DashboardServer(storage, json);
  }

  @Bean
  RecurringCleanup recurringJobsCleanup(JobScheduler scheduler) {
    return new RecurringCleanup(scheduler);
  }

  /**
   * Registered (or updated: the id is fixed) by every instance; JobRunr runs it on one. A class,
   * not a record: JobRunr's bytecode reader cannot read the lambda out of a record.
   */
  static final class RecurringCleanup {

    private final JobScheduler scheduler;

    RecurringCleanup(JobScheduler scheduler) {
      this.scheduler = scheduler;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void register() {
      scheduler.<JobsCleanup>scheduleRecurrently(
          CLEANUP, Duration.ofHours(1), cleanup -> cleanup.run());
    }
  }
}
