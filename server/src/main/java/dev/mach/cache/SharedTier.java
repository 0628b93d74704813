package dev.mach.cache;

import dev.mach.config.MachProperties;
import dev.mach.config.RedisConnector;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cache's state in Redis, shared by every instance: one change sequence, when each dependency
 * last changed, a stream of the changes in order, and the ready responses themselves (L2).
 *
 * <p>A write's changes get their sequence number, their per-key versions and their stream entry in
 * one script, so no instance can see the number without the change. Every method throws a {@link
 * RedisException} when Redis does not answer; the caller decides what that means.
 */
final class SharedTier {

  /** One write's changes as the stream holds them; {@code floor} marks "everything changed". */
  record Change(long sequence, boolean floor, List<String> keys) {}

  private static final String PUBLISH =
      """
      local seq = redis.call('INCR', KEYS[1])
      local fields = {}
      for i = 3, #KEYS do
        redis.call('SET', KEYS[i], seq, 'PX', ARGV[1])
        fields[#fields + 1] = tostring(i - 3)
        fields[#fields + 1] = ARGV[i]
      end
      redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], seq .. '-0', unpack(fields))
      return seq
      """;

  /** Also lifts the sequence past a number an instance already holds (Redis lost its state). */
  private static final String RAISE_FLOOR =
      """
      local current = tonumber(redis.call('GET', KEYS[1]) or '0')
      if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
      local seq = redis.call('INCR', KEYS[1])
      redis.call('SET', KEYS[2], seq)
      redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[2], seq .. '-0', 'floor', '1')
      return seq
      """;

  private static final String UNLOCK =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """;

  private final RedisConnector connector;
  private final String prefix;
  private final String sequenceKey;
  private final String floorKey;
  private final String streamKey;
  private final byte[] versionTtlMillis;
  private final byte[] streamLength;
  private final long lockMillis;
  private final byte[] lockToken = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);

  SharedTier(RedisConnector connector, MachProperties.Cache settings) {
    this.connector = connector;
    this.prefix = settings.redis().keyPrefix();
    this.sequenceKey = prefix + "seq";
    this.floorKey = prefix + "floor";
    this.streamKey = prefix + "changes";
    // a change matters only while an entry filled before it can still be alive
    this.versionTtlMillis = bytes(settings.ttl().longest().toMillis() + 60_000);
    this.streamLength = bytes(settings.redis().changeStreamLength());
    this.lockMillis = settings.redis().lockTimeout().toMillis();
  }

  /** Records a write's changed keys; the sequence number they got. */
  long publish(List<String> keys) {
    String[] redisKeys = new String[keys.size() + 2];
    byte[][] args = new byte[keys.size() + 2][];
    redisKeys[0] = sequenceKey;
    redisKeys[1] = streamKey;
    args[0] = versionTtlMillis;
    args[1] = streamLength;
    for (int i = 0; i < keys.size(); i++) {
      redisKeys[i + 2] = versionKey(keys.get(i));
      args[i + 2] = bytes(keys.get(i));
    }
    return commands().eval(PUBLISH, ScriptOutputType.INTEGER, redisKeys, args);
  }

  /**
   * Marks everything as changed now, at a sequence number above {@code atLeast}; that number. An
   * instance does this when it joins, since it cannot know what changed while it was away.
   */
  long raiseFloor(long atLeast) {
    return commands()
        .eval(
            RAISE_FLOOR,
            ScriptOutputType.INTEGER,
            new String[] {sequenceKey, floorKey, streamKey},
            bytes(atLeast),
            streamLength);
  }

  /** The newest sequence number handed out. */
  long sequence() {
    return number(commands().get(sequenceKey));
  }

  /** The changes after {@code sequence}, oldest first (fewer when the stream was trimmed). */
  List<Change> changesAfter(long sequence) {
    List<StreamMessage<String, byte[]>> messages =
        commands().xrange(streamKey, Range.create((sequence + 1) + "-0", "+"));
    List<Change> changes = new ArrayList<>(messages.size());
    for (StreamMessage<String, byte[]> message : messages) {
      String id = message.getId();
      long seq = Long.parseLong(id.substring(0, id.indexOf('-')));
      Map<String, byte[]> body = message.getBody();
      if (body.containsKey("floor")) {
        changes.add(new Change(seq, true, List.of()));
        continue;
      }
      List<String> keys = new ArrayList<>(body.size());
      for (int i = 0; i < body.size(); i++) {
        keys.add(new String(body.get(Integer.toString(i)), StandardCharsets.UTF_8));
      }
      changes.add(new Change(seq, false, keys));
    }
    return changes;
  }

  /** The shared entry for {@code key} if none of its dependencies changed since it was filled. */
  CachedResponse load(String key) {
    RedisCommands<String, byte[]> redis = commands();
    byte[] stored = redis.get(entryKey(key));
    CachedResponse entry = stored == null ? null : EntryCodec.decode(stored);
    if (entry == null) {
      return null;
    }
    String[] keys = new String[entry.dependencies().length + 1];
    keys[0] = floorKey;
    for (int i = 0; i < entry.dependencies().length; i++) {
      keys[i + 1] = versionKey(entry.dependencies()[i]);
    }
    for (KeyValue<String, byte[]> version : redis.mget(keys)) {
      if (version.hasValue() && number(version.getValue()) > entry.snapshot()) {
        return null;
      }
    }
    return entry;
  }

  void store(String key, CachedResponse entry) {
    long ttlMillis = (entry.expiresAtNanos() - System.nanoTime()) / 1_000_000;
    if (ttlMillis > 0) {
      commands().set(entryKey(key), EntryCodec.encode(entry), SetArgs.Builder.px(ttlMillis));
    }
  }

  /** Takes the right to compute {@code key} for every instance; false if another holds it. */
  boolean lock(String key) {
    return "OK"
        .equals(commands().set(lockKey(key), lockToken, SetArgs.Builder.nx().px(lockMillis)));
  }

  void unlock(String key) {
    commands().eval(UNLOCK, ScriptOutputType.INTEGER, new String[] {lockKey(key)}, lockToken);
  }

  private RedisCommands<String, byte[]> commands() {
    return connector
        .connection()
        .orElseThrow(() -> new RedisException("Redis cannot be reached"))
        .sync();
  }

  private String versionKey(String dependency) {
    return prefix + "v:" + dependency;
  }

  private String entryKey(String key) {
    return prefix + "e:" + key;
  }

  private String lockKey(String key) {
    return prefix + "lock:" + key;
  }

  private static byte[] bytes(Object value) {
    return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
  }

  private static long number(byte[] value) {
    return value == null ? 0 : Long.parseLong(new String(value, StandardCharsets.UTF_8));
  }
}
