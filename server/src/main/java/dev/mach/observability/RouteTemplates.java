package dev.mach.observability;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The route template of a request ({@code /api/articles/{slug}}), the one label that keeps metrics
 * bounded however many slugs and usernames there are.
 *
 * <p>Spring MVC names the template of every request it routes, but requests answered before it, by
 * the response cache or the rate limiter or the load shedder, have none. So the path is matched
 * here against the same templates (those of Spring MVC's handler methods), segment by segment: no
 * regular expression and no allocation, since every request goes through it, cache hits included. A
 * path no template matches is {@link #NOT_FOUND} when it was answered 404, otherwise {@link
 * #UNKNOWN}; raw paths never become labels.
 */
final class RouteTemplates {

  static final String NOT_FOUND = "NOT_FOUND";
  static final String UNKNOWN = "UNKNOWN";

  private static final String PATTERN = HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE;

  private final Supplier<Collection<String>> templates;
  private volatile Node root;

  /**
   * @param templates every mapped path pattern, asked for once, when the first request comes (the
   *     handler mappings are complete by then)
   */
  RouteTemplates(Supplier<Collection<String>> templates) {
    this.templates = templates;
  }

  /**
   * The label of a finished request: the template its path matches (the one Spring MVC names for
   * it, when it reached Spring MVC), else the pattern Spring MVC matched (static resources), else
   * {@link #NOT_FOUND} or {@link #UNKNOWN}. The path is matched first because that is cheaper than
   * asking the request for Spring's attribute, and an API path always has a template.
   */
  String of(HttpServletRequest request, int status) {
    String matched = match(request.getRequestURI());
    if (matched != null) {
      return matched;
    }
    Object pattern = request.getAttribute(PATTERN);
    if (pattern != null) {
      String template = pattern.toString();
      // a 404 under "/**" is the static-resource fallback: Spring had no handler for the path
      if (status != 404 || !template.endsWith("/**")) {
        return template;
      }
    }
    return status == 404 ? NOT_FOUND : UNKNOWN;
  }

  /** The template a path matches, literal segments before variables, or null. */
  String match(String path) {
    Node node = root;
    if (node == null) {
      node = build(templates.get());
      root = node;
    }
    if (path.isEmpty() || path.charAt(0) != '/') {
      return null;
    }
    return node.match(path, 1);
  }

  static Node build(Collection<String> patterns) {
    Node root = new Node();
    for (String pattern : patterns) {
      if (pattern.startsWith("/") && pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
        root.add(pattern, pattern.substring(1).split("/", -1), 0);
      }
    }
    return root;
  }

  /** One path segment's continuations. */
  static final class Node {
    private final List<String> literalNames = new ArrayList<>();
    private final List<Node> literalNodes = new ArrayList<>();
    private String[] names = new String[0];
    private Node[] nodes = new Node[0];
    private Node variable;
    private String template;

    private void add(String pattern, String[] segments, int index) {
      if (index == segments.length) {
        if (template == null) {
          template = pattern;
        }
        return;
      }
      String segment = segments[index];
      Node next;
      if (segment.startsWith("{") && segment.endsWith("}")) {
        if (variable == null) {
          variable = new Node();
        }
        next = variable;
      } else if (segment.contains("{")) {
        // a segment mixing text and a variable ("{name}.json"): not a route Mach has
        return;
      } else {
        int at = literalNames.indexOf(segment);
        if (at < 0) {
          literalNames.add(segment);
          literalNodes.add(new Node());
          at = literalNames.size() - 1;
          names = literalNames.toArray(String[]::new);
          nodes = literalNodes.toArray(Node[]::new);
        }
        next = nodes[at];
      }
      next.add(pattern, segments, index + 1);
    }

    /** Matches the path from {@code start} (just after a slash) to its end. */
    private String match(String path, int start) {
      int end = path.indexOf('/', start);
      boolean last = end < 0;
      if (last) {
        end = path.length();
      }
      int length = end - start;
      for (int i = 0; i < names.length; i++) {
        String name = names[i];
        if (name.length() == length && path.regionMatches(start, name, 0, length)) {
          String found = last ? nodes[i].template : nodes[i].match(path, end + 1);
          if (found != null) {
            return found;
          }
        }
      }
      if (variable != null && length > 0) {
        return last ? variable.template : variable.match(path, end + 1);
      }
      return null;
    }
  }
}
