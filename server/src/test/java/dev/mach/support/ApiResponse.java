package dev.mach.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An HTTP response as the tests see it: status, headers, raw body and the body as JSON. */
public record ApiResponse(int status, HttpHeaders headers, String raw) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public JsonNode json() {
    return raw.isEmpty() ? JSON.missingNode() : JSON.readTree(raw);
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** Asserts the status, showing the body when it differs, and returns the JSON body. */
  public JsonNode expect(int expected) {
    assertThat(status).as("status of response with body %s", raw).isEqualTo(expected);
    return json();
  }

  /** Asserts a Conduit error: the status, and {@code message} among the field's messages. */
  public void expectError(int expected, String field, String message) {
    JsonNode body = expect(expected);
    assertThat(body.path("errors").path(field).isArray())
        .as("errors.%s in %s", field, raw)
        .isTrue();
    assertThat(body.path("errors").path(field).values())
        .extracting(JsonNode::asString)
        .as("errors.%s in %s", field, raw)
        .contains(message);
  }
}
