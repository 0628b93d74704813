package dev.mach.jobs;

import dev.mach.auth.Auth;
import dev.mach.auth.Viewer;
import dev.mach.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Background jobs")
class JobController {

  private final BackgroundJobs jobs;

  JobController(BackgroundJobs jobs) {
    this.jobs = jobs;
  }

  @GetMapping("/api/jobs/{id}")
  @Operation(
      summary = "A job's status, progress and result link (the Location of a 202); owner only",
      description =
          "status is queued, running, retrying, succeeded or failed; progress is a percentage;"
              + " result is set once the job succeeded. Another user's job answers 404.",
      security = @SecurityRequirement(name = "Token"))
  JobStatus status(@Auth Viewer viewer, @PathVariable String id) {
    return jobs.status(viewer.userId(), parse(id));
  }

  @GetMapping("/api/jobs/{id}/result")
  @Operation(
      summary = "Download what a succeeded job produced (an account export); owner only",
      security = @SecurityRequirement(name = "Token"))
  ResponseEntity<byte[]> result(@Auth Viewer viewer, @PathVariable String id) {
    JobResult result = jobs.result(viewer.userId(), parse(id));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(result.mediaType()))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(result.fileName()).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .body(result.body().getBytes(StandardCharsets.UTF_8));
  }

  /** Not a job id is "not found" too: it names no job, so it tells a prober nothing more. */
  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("job");
    }
  }
}
