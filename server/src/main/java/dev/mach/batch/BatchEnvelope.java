package dev.mach.batch;

import dev.mach.config.MachProperties;
import dev.mach.error.ApiException;
import dev.mach.error.ValidationErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /api/batch}, checked whole before anything runs: a batch with one bad
 * item is refused (422, every problem named by its JSON path) rather than half run, and one with
 * too many items is refused with 413.
 */
record BatchEnvelope(List<BatchItem> items, boolean atomic) {

  static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");
  private static final Set<String> ENVELOPE_FIELDS = Set.of("requests", "atomic");
  private static final Set<String> ITEM_FIELDS = Set.of("method", "path", "headers", "body");

  static BatchEnvelope parse(JsonNode body, MachProperties.Batch settings, JsonMapper json) {
    var errors = new ValidationErrors();
    if (body == null || !body.isObject()) {
      errors.add("body", "must be an object").throwIfAny();
    }
    body.propertyNames().stream()
        .filter(name -> !ENVELOPE_FIELDS.contains(name))
        .forEach(name -> errors.add(name, "is not a known field"));
    JsonNode atomic = body.get("atomic");
    if (atomic != null && !atomic.isNull() && !atomic.isBoolean()) {
      errors.add("atomic", "must be true or false");
    }
    JsonNode requests = body.get("requests");
    if (requests == null || requests.isNull()) {
      errors.add("requests", "can't be blank").throwIfAny();
    }
    if (!requests.isArray()) {
      errors.add("requests", "must be an array").throwIfAny();
    }
    if (requests.isEmpty()) {
      errors.add("requests", "can't be empty").throwIfAny();
    }
    if (requests.size() > settings.maxRequests()) {
      throw new ApiException(
          HttpStatus.CONTENT_TOO_LARGE,
          "requests",
          "are too many (maximum is " + settings.maxRequests() + " per batch)");
    }
    List<BatchItem> items = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      BatchItem item = item(i, requests.get(i), errors, json);
      if (item != null) {
        items.add(item);
      }
    }
    errors.throwIfAny();
    return new BatchEnvelope(List.copyOf(items), atomic != null && atomic.asBoolean(false));
  }

  private static BatchItem item(
      int index, JsonNode node, ValidationErrors errors, JsonMapper json) {
    String at = "requests[" + index + "]";
    if (!node.isObject()) {
      errors.add(at, "must be an object");
      return null;
    }
    node.propertyNames().stream()
        .filter(name -> !ITEM_FIELDS.contains(name))
        .forEach(name -> errors.add(at + "." + name, "is not a known field"));
    String method = method(node.get("method"), at + ".method", errors);
    SubPath path = SubPath.parse(node.get("path"), at + ".path", errors);
    Map<String, String> headers = headers(node.get("headers"), at + ".headers", errors);
    JsonNode body = node.get("body");
    byte[] bytes = body == null || body.isNull() ? null : json.writeValueAsBytes(body);
    if (method == null || path == null || headers == null) {
      return null;
    }
    return new BatchItem(index, method, path.raw(), path.decoded(), path.query(), headers, bytes);
  }

  private static String method(JsonNode node, String at, ValidationErrors errors) {
    if (node == null || node.isNull()) {
      errors.add(at, "can't be blank");
      return null;
    }
    String method = node.isString() ? node.asString().toUpperCase(Locale.ROOT) : null;
    if (method == null || !METHODS.contains(method)) {
      errors.add(at, "must be one of GET, POST, PUT, DELETE");
      return null;
    }
    return method;
  }

  private static Map<String, String> headers(JsonNode node, String at, ValidationErrors errors) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return headers;
    }
    if (!node.isObject()) {
      errors.add(at, "must be an object of strings");
      return null;
    }
    boolean valid = true;
    for (var entry : node.properties()) {
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (!HeaderRules.isToken(name)) {
        errors.add(at + "." + name, "is not a valid header name");
        valid = false;
      } else if (!value.isString()) {
        errors.add(at + "." + name, "must be a string");
        valid = false;
      } else if (!HeaderRules.isValue(value.asString())) {
        errors.add(at + "." + name, "must not hold control characters");
        valid = false;
      } else {
        headers.put(name, value.asString());
      }
    }
    return valid ? headers : null;
  }
}
