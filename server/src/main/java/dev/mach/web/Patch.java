package dev.mach.web;

import java.util.function.Function;

/**
 * One field of a partial update: absent (keep the stored value), explicitly null, or a value. A
 * plain nullable field cannot tell the first two apart, and Conduit's PUT rules need both.
 */
public sealed interface Patch<T> {

  record Absent<T>() implements Patch<T> {}

  record Value<T>(T value) implements Patch<T> {}

  @SuppressWarnings("unchecked")
  static <T> Patch<T> absent() {
    return (Patch<T>) ABSENT;
  }

  static <T> Patch<T> of(T value) {
    return new Value<>(value);
  }

  Absent<?> ABSENT = new Absent<>();

  default boolean isPresent() {
    return this instanceof Value;
  }

  /** The new value if one was sent (possibly null), else the current one. */
  default T orElse(T current) {
    return this instanceof Value<T> v ? v.value() : current;
  }

  default void ifPresent(java.util.function.Consumer<T> action) {
    if (this instanceof Value<T> v) {
      action.accept(v.value());
    }
  }

  default <R> Patch<R> map(Function<T, R> mapper) {
    return this instanceof Value<T> v ? of(mapper.apply(v.value())) : absent();
  }
}
