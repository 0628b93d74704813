package dev.mach.web;

import dev.mach.error.ValidationErrors;

/** A validated limit/offset pair; bad or out-of-range values are 422s, never silently clamped. */
public record PageRequest(int limit, long offset) {

  public static PageRequest of(
      String limit,
      String offset,
      int defaultLimit,
      int maxLimit,
      String limitName,
      String offsetName) {
    var errors = new ValidationErrors();
    int l = defaultLimit;
    long o = 0;
    if (limit != null) {
      try {
        l = Integer.parseInt(limit.strip());
        if (l < 1 || l > maxLimit) {
          errors.add(limitName, "must be between 1 and " + maxLimit);
        }
      } catch (NumberFormatException e) {
        errors.add(limitName, "must be an integer");
      }
    }
    if (offset != null) {
      try {
        o = Long.parseLong(offset.strip());
        if (o < 0) {
          errors.add(offsetName, "must be 0 or more");
        }
      } catch (NumberFormatException e) {
        errors.add(offsetName, "must be an integer");
      }
    }
    errors.throwIfAny();
    return new PageRequest(l, o);
  }
}
