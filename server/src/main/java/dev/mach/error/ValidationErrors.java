package dev.mach.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Collects every problem with a request body so the client learns them all in one 422. */
public final class ValidationErrors {

  private final Map<String, List<String>> errors = new LinkedHashMap<>();

  public ValidationErrors add(String field, String message) {
    errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    return this;
  }

  public boolean has(String field) {
    return errors.containsKey(field);
  }

  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, Map.copyOf(errors));
    }
  }
}
