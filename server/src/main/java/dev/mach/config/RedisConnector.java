package dev.mach.config;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mach's one connection to Redis, made when first asked for. Redis being away at startup, or later,
 * never stops Mach: a caller gets no connection (or a command that fails fast) and carries on
 * without Redis. Once made, Lettuce reconnects the connection by itself; until then each ask tries
 * again.
 *
 * <p>Commands are rejected at once while disconnected rather than queued, and time out after the
 * configured bound, so a Redis that is down or hung costs a request at most that bound, once.
 */
public final class RedisConnector implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisConnector.class);

  private final ClientResources resources;
  private final RedisClient client;
  private final String address;
  private volatile StatefulRedisConnection<String, byte[]> connection;
  private boolean failureLogged;

  public RedisConnector(MachProperties.Redis settings) {
    RedisURI uri = RedisURI.create(settings.url());
    uri.setTimeout(settings.commandTimeout());
    this.address = uri.getHost() + ":" + uri.getPort();
    // reconnect attempts back off to at most a second, so a Redis that is back is used soon
    this.resources =
        DefaultClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
            .socketOptions(
                SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
            .build());
  }

  /** The connection (string keys, byte values), or empty while Redis cannot be reached. */
  public Optional<StatefulRedisConnection<String, byte[]>> connection() {
    StatefulRedisConnection<String, byte[]> current = connection;
    if (current != null) {
      return Optional.of(current);
    }
    synchronized (this) {
      if (connection == null) {
        try {
          connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
          log.info("Connected to Redis at {}", address);
        } catch (RuntimeException e) {
          // callers retry every second while Redis is away: say so once, not every second
          if (!failureLogged) {
            log.warn("Redis at {} cannot be reached: {}", address, e.getMessage());
            failureLogged = true;
          } else {
            log.debug("Redis at {} still cannot be reached: {}", address, e.getMessage());
          }
          return Optional.empty();
        }
      }
      return Optional.of(connection);
    }
  }

  @Override
  public void close() {
    StatefulRedisConnection<String, byte[]> current = connection;
    if (current != null) {
      current.close();
    }
    client.shutdown();
    resources.shutdown();
  }
}
