package dev.mach.bench.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Load on a Conduit server (Mach or any other: only the public API under {@code /api} is used).
 *
 * <p>Open workload: {@code bench.rate} new virtual users per second for {@code bench.duration}
 * seconds, each doing one operation from the {@code bench.mix}. Every request is named after its
 * endpoint and must answer 2xx, anything else counts as KO. A pool of dataset users is logged in
 * beforehand, outside the statistics. See bench/README.md for every property.
 */
public class ConduitSimulation extends Simulation {

  private static final String LIST_PAGE = "limit=20&offset=";
  private static final double FIRST_PAGE_SHARE = 0.7;
  private static final int LIST_PAGE_SIZE = 20;
  private static final int DEEPEST_LIST_PAGE = 5;

  private final BenchSettings settings = BenchSettings.fromSystemProperties();
  private final Operation.Mix mix = Operation.mix(settings.mix());
  private final KeyPicker userKeys =
      new KeyPicker(settings.users(), settings.hotFraction(), settings.hotShare());
  private final KeyPicker articleKeys =
      new KeyPicker(settings.articles(), settings.hotFraction(), settings.hotShare());
  private final KeyPicker tagKeys =
      new KeyPicker(settings.tags(), settings.hotFraction(), settings.hotShare());
  private final LoginPool pool = new LoginPool();

  {
    HttpProtocolBuilder protocol =
        http.baseUrl(settings.baseUrl())
            .shareConnections()
            .disableWarmUp()
            .acceptHeader("application/json")
            .userAgentHeader("mach-bench-gatling");
    if (settings.gzip()) {
      protocol = protocol.acceptEncodingHeader("gzip, deflate");
    }

    // A fresh Gatling JVM is itself cold: its first second of requests measured up to 170 ms
    // against nginx. So each run first sends the same mix, silently (kept out of the statistics),
    // at a low rate, and only then the measured load.
    ScenarioBuilder clientWarmUp =
        scenario("client-warm-up").exec(this::prepare).exec(dispatch(true));
    ScenarioBuilder conduit =
        scenario("conduit-" + settings.mix()).exec(this::prepare).exec(dispatch(false));

    setUp(
            clientWarmUp
                .injectOpen(
                    constantUsersPerSec(Math.min(settings.rate(), settings.clientWarmUpRate()))
                        .during(Duration.ofSeconds(settings.clientWarmUpSeconds())))
                .andThen(
                    conduit.injectOpen(
                        constantUsersPerSec(settings.rate())
                            .during(Duration.ofSeconds(settings.durationSeconds())))))
        .protocols(protocol)
        // a bound even if the server stops answering: the run's own length plus the request timeout
        .maxDuration(
            Duration.ofSeconds(settings.clientWarmUpSeconds() + settings.durationSeconds() + 120L));
  }

  @Override
  public void before() {
    System.out.printf(
        "Conduit load: %s mix at %s users/s for %d s against %s (users=%d articles=%d tags=%d)%n",
        settings.mix(),
        settings.rate(),
        settings.durationSeconds(),
        settings.baseUrl(),
        settings.users(),
        settings.articles(),
        settings.tags());
    long started = System.nanoTime();
    if (settings.readers().isEmpty()) {
      pool.logIn(settings.baseUrl(), settings.users(), settings.loginPool());
    } else {
      pool.logIn(settings.baseUrl(), settings.readers());
    }
    System.out.printf(
        "Logged in %d users in %d ms%n",
        pool.size(), Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  static String email(String username) {
    return username + "@bench.mach.dev";
  }

  /** Picks this virtual user's operation, identity and keys. */
  private Session prepare(Session session) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Operation operation = mix.next();
    boolean loggedIn =
        switch (operation.auth) {
          case ALWAYS -> true;
          case NEVER -> false;
          case MAYBE -> random.nextDouble() < settings.loggedInShare();
        };
    int me = 0;
    if (loggedIn) {
      LoginPool.Account account = pool.pick();
      me = account.id();
      session = session.set("token", account.token());
    }
    int user = userKeys.pick();
    if (user == me) {
      // nobody follows themselves; the next user over is as good a pick
      user = user % settings.users() + 1;
    }
    int offset =
        random.nextDouble() < FIRST_PAGE_SHARE
            ? 0
            : LIST_PAGE_SIZE * (1 + random.nextInt(DEEPEST_LIST_PAGE));
    String unique = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    return session
        .set("op", operation.key())
        .set("offset", offset)
        .set("user", "user" + user)
        .set("tag", "tag" + tagKeys.pick())
        .set("slug", "article-" + articleKeys.pickNewest())
        .set("unique", unique);
  }

  private ChainBuilder dispatch(boolean silent) {
    String articles = "/api/articles";
    String article = articles + "/#{slug}";
    String firstPage = LIST_PAGE + "0";
    List<Choice.WithKey> cases =
        List.of(
            onCase("list")
                .then(anyone(http("list").get(articles + "?" + LIST_PAGE + "#{offset}"), silent)),
            onCase("tag")
                .then(anyone(http("tag").get(articles + "?tag=#{tag}&" + firstPage), silent)),
            onCase("author")
                .then(
                    anyone(http("author").get(articles + "?author=#{user}&" + firstPage), silent)),
            onCase("favorited")
                .then(
                    anyone(
                        http("favorited").get(articles + "?favorited=#{user}&" + firstPage),
                        silent)),
            onCase("feed")
                .then(exec(signed(http("feed").get(articles + "/feed?" + firstPage), silent))),
            onCase("article").then(anyone(http("article").get(article), silent)),
            onCase("comments").then(anyone(http("comments").get(article + "/comments"), silent)),
            onCase("profile").then(anyone(http("profile").get("/api/profiles/#{user}"), silent)),
            onCase("tags").then(anyone(http("tags").get("/api/tags"), silent)),
            onCase("favorite")
                .then(
                    exec(
                        signed(http("favorite").post(article + "/favorite"), silent),
                        signed(http("unfavorite").delete(article + "/favorite"), silent))),
            onCase("comment")
                .then(
                    exec(
                        signed(
                            http("comment")
                                .post(article + "/comments")
                                .body(
                                    StringBody(
                                        "{\"comment\":{\"body\":\"A benchmark comment #{unique}\"}}"))
                                .asJson(),
                            silent))),
            onCase("follow")
                .then(
                    exec(
                        signed(http("follow").post("/api/profiles/#{user}/follow"), silent),
                        signed(http("unfollow").delete("/api/profiles/#{user}/follow"), silent))),
            onCase("create")
                .then(
                    exec(
                        signed(
                            http("create")
                                .post(articles)
                                .body(
                                    StringBody(
                                        "{\"article\":{\"title\":\"bench #{unique}\","
                                            + "\"description\":\"Written under load\","
                                            + "\"body\":\"A benchmark article, #{unique}.\","
                                            + "\"tagList\":[\"#{tag}\"]}}"))
                                .asJson(),
                            silent))),
            onCase("register")
                .then(
                    exec(
                        checked(
                            http("register")
                                .post("/api/users")
                                .body(
                                    StringBody(
                                        "{\"user\":{\"username\":\"g#{unique}\","
                                            + "\"email\":\"g#{unique}@bench.mach.dev\","
                                            + "\"password\":\""
                                            + LoginPool.PASSWORD
                                            + "\"}}"))
                                .asJson(),
                            silent),
                        checked(
                            http("login")
                                .post("/api/users/login")
                                .body(
                                    StringBody(
                                        "{\"user\":{\"email\":\"g#{unique}@bench.mach.dev\","
                                            + "\"password\":\""
                                            + LoginPool.PASSWORD
                                            + "\"}}"))
                                .asJson(),
                            silent))));
    return doSwitch("#{op}").on(cases);
  }

  private static HttpRequestActionBuilder checked(
      HttpRequestActionBuilder request, boolean silent) {
    return (silent ? request.silent() : request)
        .check(
            status()
                .validate(
                    "2xx",
                    (status, session) -> {
                      if (status == null || status < 200 || status > 299) {
                        throw new IllegalStateException("found " + status);
                      }
                      return status;
                    }));
  }

  private static HttpRequestActionBuilder signed(HttpRequestActionBuilder request, boolean silent) {
    return checked(request, silent).header("Authorization", "Token #{token}");
  }

  /** Sends the token when this virtual user has one, nothing otherwise. */
  private static ChainBuilder anyone(HttpRequestActionBuilder request, boolean silent) {
    return doIfOrElse(session -> session.contains("token"))
        .then(exec(signed(request, silent)))
        .orElse(exec(checked(request, silent)));
  }
}
