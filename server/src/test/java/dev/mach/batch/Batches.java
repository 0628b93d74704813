package dev.mach.batch;

import dev.mach.support.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds batch bodies for the tests. */
final class Batches {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Batches() {}

  static Map<String, Object> item(String method, String path) {
    return item(method, path, Map.of(), null);
  }

  static Map<String, Object> item(
      String method, String path, Map<String, String> headers, String jsonBody) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("method", method);
    item.put("path", path);
    if (!headers.isEmpty()) {
      item.put("headers", headers);
    }
    if (jsonBody != null) {
      item.put("body", JSON.readTree(jsonBody));
    }
    return item;
  }

  @SafeVarargs
  static String of(Map<String, Object>... items) {
    return Json.write(Map.of("requests", List.of(items)));
  }

  @SafeVarargs
  static String atomic(Map<String, Object>... items) {
    return Json.write(Map.of("requests", List.of(items), "atomic", true));
  }

  static List<Integer> statuses(JsonNode answer) {
    return answer.path("responses").values().stream().map(r -> r.path("status").asInt()).toList();
  }
}
