package dev.mach.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of a run's {@code response-sizes.tsv}: the body of one read endpoint as a configuration
 * sent it to a client that did or did not accept gzip.
 *
 * @param config the configuration's name
 * @param endpoint {@code list}, {@code article}, ...
 * @param acceptEncoding what the client sent: {@code identity} (no {@code Accept-Encoding}) or
 *     {@code gzip}
 * @param contentEncoding what the server answered with: {@code identity} or {@code gzip}
 * @param status the HTTP status
 * @param bytes the body's length as sent (compressed when {@code contentEncoding} is gzip), NaN
 *     when not measured
 */
record ResponseSize(
    String config,
    String endpoint,
    String acceptEncoding,
    String contentEncoding,
    int status,
    double bytes) {

  static final String FILE = "response-sizes.tsv";
  static final String GZIP = "gzip";
  static final String IDENTITY = "identity";

  /** The columns the file must have, by name (their order is free). */
  static final List<String> COLUMNS =
      List.of("config", "endpoint", "accept_encoding", "content_encoding", "status", "bytes");

  boolean compressed() {
    return contentEncoding.equals(GZIP);
  }

  boolean ok() {
    return status >= 200 && status < 300 && bytes >= 0;
  }

  /** The rows of {@code tsv}; none when the file does not exist (runs from before it). */
  static List<ResponseSize> read(Path tsv) throws IOException {
    if (!Files.exists(tsv)) {
      return List.of();
    }
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    Map<String, Integer> index = null;
    int width = 0;
    List<ResponseSize> rows = new ArrayList<>();
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1);
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = List.of(line.split("\t", -1)).stream().map(String::strip).toList();
      if (index == null) {
        index = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
          index.put(fields.get(i), i);
        }
        for (String column : COLUMNS) {
          if (!index.containsKey(column)) {
            throw new IllegalArgumentException(
                tsv + ": the header lacks the column " + column + "; it has " + fields);
          }
        }
        width = fields.size();
        continue;
      }
      String where = tsv + ":" + number;
      if (fields.size() != width) {
        throw new IllegalArgumentException(
            where + ": " + fields.size() + " fields where the header has " + width);
      }
      rows.add(
          new ResponseSize(
              fields.get(index.get("config")),
              fields.get(index.get("endpoint")),
              encoding(fields.get(index.get("accept_encoding"))),
              encoding(fields.get(index.get("content_encoding"))),
              (int) number(fields.get(index.get("status")), "status", where, 0),
              number(fields.get(index.get("bytes")), "bytes", where, Double.NaN)));
    }
    return List.copyOf(rows);
  }

  /** An encoding in lower case; an empty one is {@code identity}. */
  private static String encoding(String value) {
    return value.isEmpty() ? IDENTITY : value.toLowerCase(Locale.ROOT);
  }

  private static double number(String value, String column, String where, double missing) {
    if (value.isEmpty() || value.equals("-") || value.equalsIgnoreCase("nan")) {
      return missing;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": " + column + " is not a number: " + value, e);
    }
  }
}
