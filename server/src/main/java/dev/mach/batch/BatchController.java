package dev.mach.batch;

import dev.mach.config.MachProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Batch")
@ConditionalOnProperty(name = "mach.batch.enabled", havingValue = "true", matchIfMissing = true)
class BatchController {

  private final BatchExecutor executor;
  private final MachProperties.Batch settings;
  private final JsonMapper json;

  BatchController(BatchExecutor executor, MachProperties properties, JsonMapper json) {
    this.executor = executor;
    this.settings = properties.batch();
    this.json = json;
  }

  @PostMapping(MachProperties.Batch.PATH)
  @Operation(
      summary = "Run many API requests in one",
      description =
          "Each sub-request runs as if sent alone (token, validation, response cache, rate limits:"
              + " a batch of 100 costs 100) and is answered with its own status, headers and body,"
              + " in request order. The caller's Authorization applies to every sub-request that"
              + " does not bring its own. They run concurrently; with \"atomic\": true they run in"
              + " order in one transaction, and the first answered 400 or more rolls all back (the"
              + " others are then answered 424). A bad batch is refused whole before anything"
              + " runs.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = BatchPayloads.Batch.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Every sub-request's answer, in request order",
      content = @Content(schema = @Schema(implementation = BatchPayloads.Answer.class)))
  @ApiResponse(responseCode = "400", description = "The body is not JSON (Conduit error shape)")
  @ApiResponse(
      responseCode = "413",
      description =
          "More sub-requests than mach.batch.max-requests, or a body over"
              + " mach.batch.max-body-size (Conduit error shape)")
  @ApiResponse(
      responseCode = "422",
      description =
          "A malformed batch; every problem is named by its JSON path, e.g."
              + " requests[2].method (Conduit error shape)")
  void batch(HttpServletRequest request, HttpServletResponse response, @RequestBody JsonNode body)
      throws IOException {
    BatchEnvelope batch = BatchEnvelope.parse(body, settings, json);
    List<SubResponse> answers = executor.run(request, batch, response.getHeader("X-Request-Id"));
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    BatchAnswer.write(answers, response.getOutputStream(), json);
  }
}
