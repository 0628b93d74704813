package dev.mach.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Every Mach setting under {@code mach.*}; each is documented in the README. */
@ConfigurationProperties("mach")
public record MachProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("false") boolean reset,
    @DefaultValue Security security,
    @DefaultValue Database database,
    @DefaultValue Batching batching,
    @DefaultValue Http http,
    @DefaultValue Cache cache,
    @DefaultValue Redis redis,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue Overload overload,
    @DefaultValue Observability observability,
    @DefaultValue Batch batch,
    @DefaultValue Tags tags,
    @DefaultValue Jobs jobs,
    @DefaultValue Feed feed) {

  public record Security(
      /* HMAC secret for tokens; blank on the embedded default means "generate and keep one". */
      @DefaultValue("") String jwtSecret,
      @DefaultValue("30d") Duration tokenTtl,
      /* bcrypt work factor: 10 costs ~60 ms per hash here; tests lower it. */
      @DefaultValue("10") int bcryptStrength,
      /* Tokens remembered once their signature checked out (expiry is still checked on each
      use); 0 checks the signature of every request. */
      @DefaultValue("10000") int verifiedTokens) {}

  public record Database(
      /* Upper bound for every statement; a query past it fails with 503 instead of hanging. */
      @DefaultValue("5s") Duration statementTimeout,
      /* Retry-After sent with a 503 when no pooled connection frees in time. */
      @DefaultValue("1s") Duration busyRetryAfter) {}

  public record Batching(
      /* Load the relations of a page (tags, authors, favorites) for many articles per statement. */
      @DefaultValue("true") boolean enabled, @DefaultValue("500") int chunkSize) {

    /** Rows per relation query: the whole chunk when batching, one (the N+1 pattern) when not. */
    public int effectiveChunkSize() {
      return enabled ? Math.max(1, chunkSize) : 1;
    }
  }

  public record Http(
      @DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("*") List<String> corsOrigins) {}

  public record Cache(
      /* Serve repeated reads from memory (see "Caching" in the README); off, every read runs. */
      @DefaultValue("true") boolean enabled,
      /* Bound of the in-process tier, in bytes of cached responses. */
      @DefaultValue("64MB") DataSize maxSize,
      /* Safety-net lifetimes per route; writes invalidate what they change long before. */
      @DefaultValue Ttl ttl,
      /* Responses at least this large are also kept gzip-compressed. */
      @DefaultValue("1KB") DataSize gzipMinSize,
      /* How long concurrent misses of one key wait for the request computing it. */
      @DefaultValue("5s") Duration singleFlightWait,
      /* How many changed keys are remembered one by one; past it, older changes share a floor. */
      @DefaultValue("500000") long maxTrackedKeys,
      /* The shared tier in Redis, used when mach.redis.url is set. */
      @DefaultValue Shared redis) {

    public record Shared(
        /* Off: each instance caches alone, and must then be the only one writing. */
        @DefaultValue("true") boolean enabled,
        /* Every key the cache writes in Redis starts with this. */
        @DefaultValue("mach:cache:") String keyPrefix,
        /* How long one instance may hold the right to compute an entry for all instances. */
        @DefaultValue("2s") Duration lockTimeout,
        /* How many changes the change stream keeps for instances catching up. */
        @DefaultValue("100000") long changeStreamLength,
        /* While Redis is away, how often an instance tries to rejoin it. */
        @DefaultValue("1s") Duration retryInterval) {}

    public record Ttl(
        @DefaultValue("1m") Duration lists,
        @DefaultValue("10m") Duration article,
        @DefaultValue("5m") Duration comments,
        @DefaultValue("10m") Duration profile,
        @DefaultValue("1h") Duration tags,
        @DefaultValue("1m") Duration feed) {

      /** The longest any entry can live: how long a change must be remembered. */
      public Duration longest() {
        Duration longest = lists;
        for (Duration each : List.of(article, comments, profile, tags, feed)) {
          longest = each.compareTo(longest) > 0 ? each : longest;
        }
        return longest;
      }
    }
  }

  public record Redis(
      /* redis://host:port/db; unset means no Redis (the embedded default). */
      String url,
      @DefaultValue("1s") Duration connectTimeout,
      /* A command not answered in this time counts as Redis being away. */
      @DefaultValue("250ms") Duration commandTimeout) {}

  /**
   * Per-client token buckets (see "Rate limiting" in the README). A limit is written {@code
   * capacity/period}, e.g. {@code 50/1s}; a policy with several limits enforces all of them.
   */
  public record RateLimit(
      @DefaultValue("true") boolean enabled,
      /* Peers whose X-Forwarded-For / Forwarded headers are believed: addresses or CIDR ranges. */
      List<String> trustedProxies,
      /* What every /api request may do when no policy below matches it. */
      @DefaultValue({"50/1s", "2000/1h", "20000/1d"}) List<String> defaultLimits,
      /* Named overrides, matched by method and path; the most specific match wins. */
      Map<String, Policy> policies,
      /* Failed logins allowed per account from one client; blank turns the guard off. */
      @DefaultValue("5/15m") List<String> loginFailureLimits,
      /* Bound of the in-memory buckets; a bucket unused for its longest period is full anyway. */
      @DefaultValue("200000") long maxTrackedClients,
      /* Buckets in Redis, used when mach.redis.url is set. */
      @DefaultValue Shared redis) {

    public List<String> trustedProxiesOrNone() {
      return trustedProxies == null ? List.of() : trustedProxies;
    }

    public Map<String, Policy> policiesOrNone() {
      return policies == null ? Map.of() : policies;
    }

    /** Requests matching the methods (any when empty) and path patterns (any when empty). */
    public record Policy(List<String> methods, List<String> paths, List<String> limits) {}

    public record Shared(
        /* Off: each instance limits alone, so N instances allow N times the limit. */
        @DefaultValue("true") boolean enabled,
        @DefaultValue("mach:rate:") String keyPrefix,
        /* A busy client's tokens are taken from Redis up to this many at a time. */
        @DefaultValue("64") int maxLease,
        /* Tokens taken ahead and not used within this time are dropped. */
        @DefaultValue("200ms") Duration leaseTime,
        /* While Redis is away, buckets are local and Redis is tried again this often. */
        @DefaultValue("1s") Duration retryInterval,
        /* Policies decided on local copies and reconciled with Redis in the background. */
        @DefaultValue("default") List<String> syncedPolicies,
        /* How often those copies and Redis exchange what each side spent. */
        @DefaultValue("1s") Duration syncInterval) {

      public Set<String> syncedPolicyNames() {
        return syncedPolicies == null
            ? Set.of()
            : syncedPolicies.stream()
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toSet());
      }
    }
  }

  /** Load shedding: what protects the server itself, whoever the clients are. */
  public record Overload(
      @DefaultValue("true") boolean enabled,
      /* Requests allowed past the response cache at once; more wait briefly, then get 503. */
      @DefaultValue("256") int maxInFlight,
      @DefaultValue("100ms") Duration queueWait,
      @DefaultValue("1s") Duration retryAfter) {}

  /** Metrics, access log and slow-query log (see "Operations" in the README). */
  public record Observability(
      @DefaultValue Metrics metrics,
      @DefaultValue AccessLog accessLog,
      /* Statements running longer are logged at WARN with their SQL; negative turns it off. */
      @DefaultValue("200ms") Duration slowQueryThreshold,
      @DefaultValue Tracing tracing) {

    /** Whether slow statements are logged at all. */
    public boolean logsSlowQueries() {
      return !slowQueryThreshold.isNegative();
    }

    public record Metrics(
        /* Per-route request timers and SQL statement meters; JVM, pool and cache meters stay. */
        @DefaultValue("true") boolean enabled) {}

    public record Tracing(
        /* Spans through Micrometer Tracing (OpenTelemetry), exported over OTLP when
        management.opentelemetry.tracing.export.otlp.endpoint is set. Off: no span is made. */
        @DefaultValue("false") boolean enabled) {}

    public record AccessLog(
        @DefaultValue("true") boolean enabled,
        /* A file to append to; empty writes to standard output. */
        @DefaultValue("") String path,
        /* Lines waiting for the writer; past it new lines are dropped (and counted). */
        @DefaultValue("65536") int queueSize,
        /* How long the writer waits between batches when there is nothing to write. */
        @DefaultValue("20ms") Duration flushInterval) {}
  }

  /** {@code POST /api/batch} (see "Batch requests" in the README). */
  public record Batch(
      /* Off: /api/batch is not mapped and answers 404. */
      @DefaultValue("true") boolean enabled,
      /* Sub-requests one batch may hold; more are refused with 413 before any runs. */
      @DefaultValue("100") int maxRequests,
      /* The whole batch body, sub-request bodies included; it replaces mach.http.max-body-size
      for POST /api/batch (each sub-request's own body is still held to that one). */
      @DefaultValue("1MB") DataSize maxBodySize,
      /* Sub-requests of one batch running at once, each on its own virtual thread: enough for a
      page-sized batch (20) to run, and so look its flags up, in one wave. */
      @DefaultValue("32") int concurrency,
      /* Signed-in reads served from the cache look their flags up together, one lookup per batch
      wave instead of one per read; off, each looks up its own, as sent alone. */
      @DefaultValue("true") boolean coalesceFlagLookups) {

    public static final String PATH = "/api/batch";
  }

  /** Tag popularity, ranked by a recurring background job (see "Background jobs"). */
  public record Tags(
      /* Uses of a tag by articles created within this window count towards its rank. */
      @DefaultValue("30d") Duration popularityWindow,
      /* How often the ranking is computed again. JobRunr's floor for a recurring job is 5s. */
      @DefaultValue("15m") Duration popularityRefresh,
      /* Largest K accepted by GET /api/tags?top=K. */
      @DefaultValue("100") int maxTop) {}

  /**
   * Background jobs run by JobRunr in Mach's own database (see "Background jobs" in the README).
   * application.yml hands these to JobRunr's own jobrunr.* settings.
   */
  public record Jobs(
      /* Run a background job server in this instance; off, it only enqueues for the others. */
      @DefaultValue("true") boolean enabled,
      /* Attempts after the first failed one. */
      @DefaultValue("5") int retries,
      /* The n-th retry waits seed^n seconds (3: 3 s, 9 s, 27 s, 81 s, 243 s). */
      @DefaultValue("3") int retryBackoffSeed,
      /* How long a finished job's status and result (an export) are kept. */
      @DefaultValue("7d") Duration retention,
      @DefaultValue Dashboard dashboard) {

    public record Dashboard(
        /* JobRunr's dashboard on the management port (Actuator's), under /dashboard. */
        @DefaultValue("true") boolean enabled) {}
  }

  /** The feed's timelines (see "The feed" in the README). */
  public record Feed(@DefaultValue FanOut fanOut) {

    public record FanOut(
        /* Publishing, following and unfollowing write readers' timelines through background jobs;
        off, the feed is the pull query and each such write marks timelines incomplete. */
        @DefaultValue("true") boolean enabled,
        /* Authors with more followers are not fanned out: their articles are merged at read time. */
        @DefaultValue("1000") int pullThreshold,
        /* Readers whose timelines one statement of a rebuild fills (keeps it within the timeout). */
        @DefaultValue("20") int rebuildBatch,
        /* How often the sweep looks for feed jobs a crash may have lost (JobRunr's floor: 5s). */
        @DefaultValue("1m") Duration sweepEvery,
        /* How long a publication or follow waits for its job before the sweep enqueues it again. */
        @DefaultValue("2m") Duration sweepAfter) {}
  }
}
