package dev.mach.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a run's {@code meta.json} says about it. Only {@code plan}, {@code configs} and {@code
 * sloP99Ms} must be there; any other field may be missing (null here, or its default) and fields
 * this does not know are ignored.
 *
 * @param plan the plan's name, e.g. {@code medium}
 * @param date the run's date as written, or null
 * @param sloP99Ms the latency bound: a step meets the SLO when its p99 is at most this
 * @param maxErrorRate the error bound (0..1): a step meets the SLO when its error rate is below it
 * @param machine CPU count, CPU model, memory and kernel, each possibly null
 * @param jdk the server's JDK, or null
 * @param pinning how server and load generator were placed on cores, or null
 * @param load how the server was warmed up and loaded, or null
 * @param serverJvm the server's JVM options, or null
 * @param serverArgs the server arguments every configuration was started with, before its own, or
 *     null
 * @param dataset the dataset's size, seed and counts (only the ones present)
 * @param database the database's description, or null
 * @param redis the Redis a configuration used (version and address), or null
 * @param manyClients how many client addresses the many-clients wrk runs ({@code +clients}) sent
 *     requests from, or null
 * @param baseline the configuration the others are compared with
 * @param configs the configurations measured, in the order given
 */
record RunMeta(
    String plan,
    String date,
    double sloP99Ms,
    double maxErrorRate,
    Machine machine,
    String jdk,
    String pinning,
    String load,
    String serverJvm,
    String serverArgs,
    Dataset dataset,
    String database,
    String redis,
    Long manyClients,
    String baseline,
    List<Config> configs) {

  static final double DEFAULT_MAX_ERROR_RATE = 0.001;
  static final String DEFAULT_BASELINE = "all-on";

  /** The machine, each field possibly null. */
  record Machine(String cpus, String cpuModel, String memory, String kernel) {}

  /**
   * The dataset: its size name and seed (possibly null) and the entity counts present, keyed users,
   * articles, tags, favorites, follows, comments, in that order.
   */
  record Dataset(String size, String seed, SequencedMap<String, Long> counts) {}

  /**
   * A configuration.
   *
   * @param name as in the measurements' {@code config} column
   * @param technique what it switches off, {@code all} for everything, null for the baseline and
   *     for a configuration that only adds something
   * @param args how it was started, or null
   * @param adds what it adds to the baseline (e.g. a Redis tier), or null
   * @param redisKeys keys the run left in Redis under its prefix when this configuration stopped,
   *     or null when not counted (0: the server did not use Redis)
   */
  record Config(String name, String technique, String args, String adds, Long redisKeys) {

    Config(String name, String technique, String args) {
      this(name, technique, args, null, null);
    }
  }

  private static final List<String> COUNTS =
      List.of("users", "articles", "tags", "favorites", "follows", "comments");

  static RunMeta read(Path json) throws IOException {
    JsonNode root;
    try {
      root = JsonMapper.builder().build().readTree(Files.readString(json));
    } catch (JacksonException e) {
      throw new IllegalArgumentException(json + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(json + " must hold a JSON object");
    }
    String plan = text(root.path("plan"));
    if (plan == null) {
      throw new IllegalArgumentException(json + " lacks plan");
    }
    JsonNode slo = root.path("sloP99Ms");
    if (!slo.isNumber()) {
      throw new IllegalArgumentException(json + " lacks a numeric sloP99Ms");
    }
    JsonNode configsNode = root.path("configs");
    if (!configsNode.isArray()) {
      throw new IllegalArgumentException(json + " lacks the configs array");
    }
    List<Config> configs = new ArrayList<>();
    for (JsonNode config : configsNode.values()) {
      String name = text(config.path("name"));
      if (name == null) {
        throw new IllegalArgumentException(json + ": a config without a name: " + config);
      }
      JsonNode keys = config.path("redisKeys");
      configs.add(
          new Config(
              name,
              text(config.path("technique")),
              text(config.path("args")),
              text(config.path("adds")),
              keys.isNumber() ? keys.longValue() : null));
    }
    JsonNode errors = root.path("maxErrorRate");
    JsonNode manyClients = root.path("manyClients");
    JsonNode machine = root.path("machine");
    String baseline = text(root.path("baseline"));
    if (baseline == null) {
      baseline =
          configs.stream()
              .filter(config -> config.technique() == null)
              .map(Config::name)
              .findFirst()
              .orElse(DEFAULT_BASELINE);
    }
    return new RunMeta(
        plan,
        text(root.path("date")),
        slo.doubleValue(),
        errors.isNumber() ? errors.doubleValue() : DEFAULT_MAX_ERROR_RATE,
        new Machine(
            text(machine.path("cpus")),
            text(machine.path("cpuModel")),
            text(machine.path("memory")),
            text(machine.path("kernel"))),
        text(root.path("jdk")),
        text(root.path("pinning")),
        text(root.path("load")),
        text(root.path("serverJvm")),
        text(root.path("serverArgs")),
        dataset(root.path("dataset")),
        text(root.path("database")),
        text(root.path("redis")),
        manyClients.isNumber() ? manyClients.longValue() : null,
        baseline,
        List.copyOf(configs));
  }

  /** The named configuration, if the metadata lists it. */
  Config config(String name) {
    return configs.stream().filter(config -> config.name().equals(name)).findFirst().orElse(null);
  }

  private static Dataset dataset(JsonNode node) {
    SequencedMap<String, Long> counts = new LinkedHashMap<>();
    for (String key : COUNTS) {
      JsonNode count = node.path(key);
      if (count.isNumber()) {
        counts.put(key, count.longValue());
      }
    }
    return new Dataset(text(node.path("size")), text(node.path("seed")), counts);
  }

  /** A scalar field as text; null when missing, null, blank or not a scalar. */
  private static String text(JsonNode node) {
    if (node == null || !node.isValueNode() || node.isNull()) {
      return null;
    }
    String text = node.asString().strip();
    return text.isEmpty() ? null : text;
  }
}
