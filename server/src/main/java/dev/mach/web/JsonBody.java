package dev.mach.web;

import dev.mach.error.ValidationErrors;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Conduit request body (a JSON object wrapped in {@code {"user": {...}}} and the like),
 * recording every missing or mistyped field in one {@link ValidationErrors} so the client gets one
 * complete 422 instead of a 500 or a generic 400.
 */
public final class JsonBody {

  private final JsonNode node;
  private final ValidationErrors errors;

  private JsonBody(JsonNode node, ValidationErrors errors) {
    this.node = node;
    this.errors = errors;
  }

  /** The object under {@code wrapper}; a missing or non-object wrapper is a 422 right away. */
  public static JsonBody unwrap(JsonNode body, String wrapper) {
    JsonNode inner = body == null ? null : body.get(wrapper);
    if (inner == null || inner.isNull()) {
      new ValidationErrors().add(wrapper, "can't be blank").throwIfAny();
    }
    if (!inner.isObject()) {
      new ValidationErrors().add(wrapper, "must be an object").throwIfAny();
    }
    return new JsonBody(inner, new ValidationErrors());
  }

  public ValidationErrors errors() {
    return errors;
  }

  /** A required string: absent, null, non-string or blank are all 422s. */
  public String requiredText(String field) {
    Patch<String> value = optionalText(field);
    if (!errors.has(field)
        && (!(value instanceof Patch.Value<String> v)
            || v.value() == null
            || v.value().isBlank())) {
      errors.add(field, "can't be blank");
      return null;
    }
    return value.orElse(null);
  }

  /** An optional string for a partial update; when sent it must be a string or null. */
  public Patch<String> optionalText(String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      return Patch.absent();
    }
    if (value.isNull()) {
      return Patch.of(null);
    }
    if (!value.isString()) {
      errors.add(field, "must be a string");
      return Patch.absent();
    }
    return Patch.of(value.asString());
  }

  /** An optional array of strings; null is rejected because Conduit gives it no meaning. */
  public Patch<List<String>> optionalTextList(String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      return Patch.absent();
    }
    if (value.isNull()) {
      errors.add(field, "can't be null");
      return Patch.absent();
    }
    if (!value.isArray()) {
      errors.add(field, "must be an array of strings");
      return Patch.absent();
    }
    List<String> items = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (!item.isString()) {
        errors.add(field, "must be an array of strings");
        return Patch.absent();
      }
      items.add(item.asString());
    }
    return Patch.of(items);
  }
}
