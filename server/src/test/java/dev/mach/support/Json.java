package dev.mach.support;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Builds request bodies: {@code Json.wrap("user", "email", "a@b.c", "password", "x")}. */
public final class Json {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Json() {}

  public static String write(Object value) {
    return JSON.writeValueAsString(value);
  }

  /** {@code {"<wrapper>": {k1: v1, k2: v2, ...}}}; values may be null, lists or maps. */
  public static String wrap(String wrapper, Object... keyValues) {
    Map<String, Object> inner = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      inner.put((String) keyValues[i], keyValues[i + 1]);
    }
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put(wrapper, inner);
    return write(outer);
  }
}
