package dev.mach.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Redis server the tests use ({@code MACH_TEST_REDIS_URL}, by default the local one). Each test
 * that uses it gets its own key prefix, deleted when the JVM exits, so runs never see each other's
 * keys. A Redis that cannot be reached fails the test with a message saying so; nothing skips.
 */
public final class TestRedis {

  public static final String URL = env("MACH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0");

  private TestRedis() {}

  /** A key prefix no other test uses, checked reachable first. */
  public static String freshPrefix(String purpose) {
    String prefix =
        "mach-test:" + purpose + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    try (var connection = connect()) {
      connection.sync().ping();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Redis is required by the shared-cache tests and is not reachable at "
              + URL
              + " ("
              + e.getMessage()
              + "). Start it, or point MACH_TEST_REDIS_URL at one.",
          e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteKeys(prefix)));
    return prefix;
  }

  /** A plain connection, for tests that look at what Mach wrote. */
  public static Session connect() {
    RedisURI uri = RedisURI.create(URL);
    uri.setTimeout(Duration.ofSeconds(2));
    RedisClient client = RedisClient.create(uri);
    try {
      return new Session(client, client.connect());
    } catch (RuntimeException e) {
      client.shutdown();
      throw e;
    }
  }

  /** A client and its one connection, closed together. */
  public record Session(RedisClient client, StatefulRedisConnection<String, String> connection)
      implements AutoCloseable {

    public RedisCommands<String, String> sync() {
      return connection.sync();
    }

    @Override
    public void close() {
      connection.close();
      client.shutdown();
    }
  }

  public static String host() {
    return RedisURI.create(URL).getHost();
  }

  public static int port() {
    return RedisURI.create(URL).getPort();
  }

  private static void deleteKeys(String prefix) {
    try (var connection = connect()) {
      List<String> keys = new ArrayList<>();
      ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + "*").limit(1000))
          .forEachRemaining(keys::add);
      if (!keys.isEmpty()) {
        connection.sync().unlink(keys.toArray(String[]::new));
      }
    } catch (RuntimeException e) {
      System.err.println("Could not delete test keys " + prefix + "*: " + e.getMessage());
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
