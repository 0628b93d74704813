package dev.mach.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One read of {@code /actuator/prometheus}, parsed from Prometheus's text format. */
public record Scrape(List<Sample> samples) {

  /** One line: a metric name, its labels and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** Reads Actuator's Prometheus endpoint through its own port. */
  public static Scrape of(Api management) {
    ApiResponse response = management.get("/actuator/prometheus");
    assertThat(response.status()).as("scrape status").isEqualTo(200);
    return parse(response.raw());
  }

  /**
   * Scrapes until the predicate holds (at most 5 s), and returns the last scrape either way. A
   * request is recorded as it finishes, which can be just after its client has the whole response.
   */
  public static Scrape awaiting(Api management, java.util.function.Predicate<Scrape> ready) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    Scrape scrape = of(management);
    while (!ready.test(scrape) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      scrape = of(management);
    }
    return scrape;
  }

  public static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      samples.add(sample(line));
    }
    return new Scrape(samples);
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    int rest;
    if (brace >= 0 && brace < space) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int equals = line.indexOf('=', i);
        String key = line.substring(i, equals);
        var value = new StringBuilder();
        int j = equals + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      rest = i + 1;
    } else {
      name = line.substring(0, space);
      rest = space;
    }
    String[] tail = line.substring(rest).strip().split(" ");
    return new Sample(name, labels, Double.parseDouble(tail[0]));
  }

  /** Every metric name in the scrape (histogram series keep their suffix). */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  /** The sum of the samples of a name whose labels include all the given ones (0 if none). */
  public double value(String name, String... labelPairs) {
    double sum = 0;
    for (Sample sample : samples) {
      if (sample.name().equals(name) && matches(sample.labels(), labelPairs)) {
        sum += sample.value();
      }
    }
    return sum;
  }

  /** Every value the label takes across the samples of a name. */
  public Set<String> labelValues(String name, String label) {
    Set<String> values = new TreeSet<>();
    for (Sample sample : samples) {
      if (sample.name().equals(name) && sample.labels().containsKey(label)) {
        values.add(sample.labels().get(label));
      }
    }
    return values;
  }

  private static boolean matches(Map<String, String> labels, String... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
        return false;
      }
    }
    return true;
  }
}
