package dev.mach.ratelimit;

import dev.mach.config.MachProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.PathContainer;

/**
 * Chooses the one policy a request counts against: the most specific configured policy matching it,
 * otherwise the default. Candidates are sorted per method once, so a GET on a server whose only
 * overrides are for writes costs a map lookup.
 */
final class Policies {

  static final String DEFAULT = "default";
  static final String LOGIN_FAILURES = "login-failures";

  private static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final Policy fallback;
  private final Policy loginFailures;
  private final List<Policy> all;
  private final Map<String, List<Policy>> candidatesByMethod = new HashMap<>();
  private final List<Policy> anyMethod;

  Policies(MachProperties.RateLimit settings) {
    List<Policy> configured = new ArrayList<>();
    settings
        .policiesOrNone()
        .forEach(
            (name, policy) ->
                configured.add(
                    Policy.of(
                        configured.size(),
                        name,
                        policy.methods(),
                        policy.paths(),
                        policy.limits(),
                        true)));
    this.fallback =
        Policy.of(configured.size(), DEFAULT, null, null, settings.defaultLimits(), true);
    List<String> failures = settings.loginFailureLimits();
    boolean guard = failures != null && failures.stream().anyMatch(s -> !s.isBlank());
    this.loginFailures =
        guard
            ? Policy.of(configured.size() + 1, LOGIN_FAILURES, null, null, failures, false)
            : null;
    List<Policy> bySpecificity = new ArrayList<>(configured);
    bySpecificity.sort(Comparator.comparingInt(Policy::specificity).reversed());
    for (String method : METHODS) {
      candidatesByMethod.put(
          method, bySpecificity.stream().filter(p -> p.coversMethod(method)).toList());
    }
    this.anyMethod = bySpecificity.stream().filter(p -> p.methods().isEmpty()).toList();
    // in index order: per-policy state is kept in arrays indexed by it
    List<Policy> everything = new ArrayList<>(configured);
    everything.add(fallback);
    if (loginFailures != null) {
      everything.add(loginFailures);
    }
    this.all = List.copyOf(everything);
  }

  Policy match(String method, String path) {
    List<Policy> candidates = candidatesByMethod.getOrDefault(method, anyMethod);
    if (candidates.isEmpty()) {
      return fallback;
    }
    PathContainer parsed = PathContainer.parsePath(path);
    for (Policy policy : candidates) {
      if (policy.coversPath(parsed)) {
        return policy;
      }
    }
    return fallback;
  }

  /** The failed-login policy, or null when the guard is off. */
  Policy loginFailures() {
    return loginFailures;
  }

  List<Policy> all() {
    return all;
  }
}
