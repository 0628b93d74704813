package dev.mach.export;

import dev.mach.auth.Auth;
import dev.mach.auth.Viewer;
import dev.mach.jobs.BackgroundJobs;
import dev.mach.jobs.JobAccepted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.jobrunr.jobs.context.JobContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Background jobs")
class ExportController {

  private final BackgroundJobs jobs;

  ExportController(BackgroundJobs jobs) {
    this.jobs = jobs;
  }

  @PostMapping("/api/user/export")
  @Operation(
      summary = "Export the current user's account as JSON, in the background",
      description =
          "Answers 202 with Location /api/jobs/{id}; once that job succeeded its result link"
              + " downloads the profile, articles with tags, comments, favorites, whom the user"
              + " follows and who follows them.",
      security = @SecurityRequirement(name = "Token"))
  ResponseEntity<JobAccepted> export(@Auth Viewer viewer) {
    long userId = viewer.userId();
    UUID id =
        jobs.submit(userId, ExportJob.KIND, (ExportJob job) -> job.run(userId, JobContext.Null));
    return JobAccepted.response(id);
  }
}
