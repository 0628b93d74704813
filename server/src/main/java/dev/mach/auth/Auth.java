package dev.mach.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link Viewer} controller parameter. Required by default: a request without a token then
 * fails with 401 before the handler runs (so 401 wins over 404). With {@code required = false} the
 * parameter is null for anonymous callers; a token that is present but invalid is still a 401.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Auth {
  boolean required() default true;
}
