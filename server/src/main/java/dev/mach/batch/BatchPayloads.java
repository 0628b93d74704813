package dev.mach.batch;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** The shapes of a batch and its answer, as documented in the OpenAPI description. */
final class BatchPayloads {

  private BatchPayloads() {}

  record Batch(
      @Schema(description = "At most mach.batch.max-requests (100) sub-requests")
          List<Request> requests,
      @Schema(
              description = "Run in order in one transaction; all or nothing",
              defaultValue = "false")
          Boolean atomic) {}

  record Request(
      @Schema(allowableValues = {"GET", "POST", "PUT", "DELETE"}) String method,
      @Schema(
              description = "Under /api/, with an optional query; not /api/batch",
              example = "/api/articles?limit=5")
          String path,
      @Schema(description = "String values; Authorization overrides the caller's token")
          Map<String, String> headers,
      @Schema(description = "Any JSON value, sent as the application/json body") Object body) {}

  record Answer(List<Response> responses) {}

  record Response(
      int status,
      @Schema(description = "Repeated values joined with \", \"") Map<String, String> headers,
      @Schema(description = "The JSON body; a string if it was not JSON, null if empty")
          Object body) {}
}
