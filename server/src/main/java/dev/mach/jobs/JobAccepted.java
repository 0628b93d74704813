package dev.mach.jobs;

import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;

/** The 202 answer to a request that started a job: where to follow it, in body and header. */
public record JobAccepted(Body job) {

  public record Body(String id, String status, String location) {}

  public static ResponseEntity<JobAccepted> response(UUID id) {
    String location = BackgroundJobs.location(id);
    return ResponseEntity.accepted()
        .location(URI.create(location))
        .body(new JobAccepted(new Body(id.toString(), "queued", location)));
  }
}
