package dev.mach.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jobrunr.jobs.context.JobContext;
import org.springframework.stereotype.Component;

/** Test-only job: its first attempt for a key fails, later ones succeed; it counts every run. */
@Component
public class FlakyJob {

  static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

  private final JobRunner runner;

  FlakyJob(JobRunner runner) {
    this.runner = runner;
  }

  public void run(String key, JobContext context) throws Exception {
    runner.run(
        context,
        progress -> {
          progress.report(50);
          if (RUNS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1) {
            throw new IllegalStateException("the first attempt fails on purpose");
          }
          return new JobResult("text/plain", "flaky.txt", "done " + key);
        });
  }

  static int runs(String key) {
    return RUNS.getOrDefault(key, new AtomicInteger()).get();
  }
}
