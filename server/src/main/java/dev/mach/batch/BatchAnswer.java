package dev.mach.batch;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code {"responses":[{"status":..,"headers":{..},"body":..}, ...]}} straight to the
 * response stream. A JSON body goes in as the JSON it already is, after a token scan that makes
 * sure one odd body cannot break the whole answer; anything else goes in as a string, and an empty
 * body as null.
 */
final class BatchAnswer {

  private BatchAnswer() {}

  static void write(List<SubResponse> responses, OutputStream out, JsonMapper json) {
    try (JsonGenerator generator = json.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeName("responses");
      generator.writeStartArray();
      for (SubResponse response : responses) {
        generator.writeStartObject();
        generator.writeNumberProperty("status", response.status());
        generator.writeName("headers");
        generator.writeStartObject();
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
          generator.writeStringProperty(header.getKey(), header.getValue());
        }
        generator.writeEndObject();
        generator.writeName("body");
        writeBody(generator, response, json);
        generator.writeEndObject();
      }
      generator.writeEndArray();
      generator.writeEndObject();
    }
  }

  private static void writeBody(JsonGenerator generator, SubResponse response, JsonMapper json) {
    byte[] body = response.body();
    if (body.length == 0) {
      generator.writeNull();
      return;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (isJson(response.headers().get("Content-Type")) && wellFormed(body, json)) {
      generator.writeRawValue(text);
    } else {
      generator.writeString(text);
    }
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return type.isCompatibleWith(MediaType.APPLICATION_JSON)
          || type.getSubtype().endsWith("+json");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Exactly one JSON value, checked token by token without building it. */
  private static boolean wellFormed(byte[] body, JsonMapper json) {
    try (JsonParser parser = json.createParser(body)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (JacksonException e) {
      return false;
    }
  }
}
