package dev.mach.batch;

import dev.mach.error.ErrorBody;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A sub-request's answer, as it goes into the batch's: status, headers, body bytes. */
record SubResponse(int status, Map<String, String> headers, byte[] body) {

  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  /**
   * What the sub-request answered. An error sent without a body gets the Conduit error body a
   * direct request would get from the error page.
   */
  static SubResponse of(CapturedResponse response, Function<Object, byte[]> json) {
    Map<String, String> headers = new LinkedHashMap<>();
    response
        .headerMap()
        .forEach(
            (name, value) -> {
              if (HeaderRules.inAnswer(name)) {
                headers.put(name, value);
              }
            });
    byte[] body = response.body();
    if (response.errorSent() && body.length == 0) {
      headers.put("Content-Type", "application/json");
      body = json.apply(ErrorBody.forStatus(response.getStatus()));
    }
    return new SubResponse(response.getStatus(), headers, body);
  }

  /** A Conduit error answered by the batch itself, for an item that did not get to answer. */
  static SubResponse error(
      int status, String field, String message, Function<Object, byte[]> json) {
    return new SubResponse(
        status, JSON, json.apply(new ErrorBody(Map.of(field, List.of(message)))));
  }
}
