package dev.mach.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.flywaydb.core.Flyway;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reads PostgreSQL's plan for every query a list endpoint runs, on a realistically sized and skewed
 * dataset (100k articles, a hot tag and a hot author among many cold ones), and fails on any
 * sequential scan of the big tables.
 */
@Tag("postgres-only")
class ArticleQueryPlanTest {

  private static final List<String> BIG_TABLES =
      List.of("articles", "article_tags", "favorites", "follows");

  private static Connection connection;
  private static ArticleQueries queries;
  private static final List<String> EXECUTED = new ArrayList<>();

  @BeforeAll
  static void seed() throws SQLException {
    TestDatabase db = TestDatabase.freshPostgres("plans");
    Flyway.configure()
        .dataSource(db.url(), db.user(), db.password())
        .locations("classpath:db/migration", "classpath:db/indexes")
        .load()
        .migrate();
    connection = db.connect();
    try (Statement st = connection.createStatement()) {
      st.execute(
          """
          insert into users (username, email, email_key, password_hash, created_at)
            select 'u' || g, 'u' || g || '@x.test', 'u' || g || '@x.test', 'x', now()
            from generate_series(1, 5000) g;
          -- user 1 is a hot author (a tenth of all articles); the rest spread over 4999 authors
          insert into articles (slug, title, description, body, author_id, created_at, updated_at)
            select 'a-' || g, 'Title ' || g, 'd', 'b',
                   case when g % 10 = 0 then 1 else 2 + (g * 7919) % 4999 end,
                   timestamp '2026-01-01' + g * interval '1 minute',
                   timestamp '2026-01-01' + g * interval '1 minute'
            from generate_series(1, 100000) g;
          -- tag 1 is hot (a fifth of all articles), 999 tags are cold
          insert into tags (name) select 't' || g from generate_series(1, 1000) g;
          insert into article_tags (article_id, tag_id, position, created_at)
            select id, case when id % 5 = 0 then 1 else 2 + (id * 31) % 999 end, 0, created_at
            from articles;
          insert into favorites (user_id, article_id, article_created_at)
            select 1 + (a.id * 13 + k * 101) % 5000, a.id, a.created_at
            from articles a, generate_series(0, 2) k
            on conflict do nothing;
          insert into follows (follower_id, followee_id, created_at)
            select f, 1 + (f * 37 + k * 53) % 5000, now()
            from generate_series(1, 5000) f, generate_series(0, 19) k
            where f <> 1 + (f * 37 + k * 53) % 5000
            on conflict do nothing;
          analyze;
          """);
    }
    var configuration =
        new DefaultConfiguration()
            .set(connection)
            .set(SQLDialect.POSTGRES)
            .set(new DefaultExecuteListenerProvider(new Recorder()));
    queries = new ArticleQueries(DSL.using(configuration));
  }

  @AfterAll
  static void close() throws SQLException {
    if (connection != null) {
      connection.close();
    }
  }

  @Test
  void globalListUsesAnIndex() throws SQLException {
    assertNoSequentialScans(() -> queries.page(ArticleFilter.of(null, null, null), 20, 0));
    assertNoSequentialScans(() -> queries.page(ArticleFilter.of(null, null, null), 20, 5000));
  }

  @Test
  void tagListAndCountUseIndexesForHotAndColdTags() throws SQLException {
    for (String tag : List.of("t1", "t500")) {
      var filter = ArticleFilter.of(tag, null, null);
      assertNoSequentialScans(() -> queries.page(filter, 20, 0));
      assertNoSequentialScans(() -> queries.count(filter));
    }
  }

  @Test
  void authorListAndCountUseIndexesForHotAndColdAuthors() throws SQLException {
    for (String author : List.of("u1", "u2500")) {
      var filter = ArticleFilter.of(null, author, null);
      assertNoSequentialScans(() -> queries.page(filter, 20, 0));
      assertNoSequentialScans(() -> queries.count(filter));
    }
  }

  @Test
  void favoritedListAndCountUseIndexes() throws SQLException {
    var filter = ArticleFilter.of(null, null, "u42");
    assertNoSequentialScans(() -> queries.page(filter, 20, 0));
    assertNoSequentialScans(() -> queries.count(filter));
  }

  @Test
  void combinedFiltersUseIndexes() throws SQLException {
    var filter = ArticleFilter.of("t1", "u1", null);
    assertNoSequentialScans(() -> queries.page(filter, 20, 0));
    assertNoSequentialScans(() -> queries.count(filter));
    var favoritedAndTagged = ArticleFilter.of("t1", null, "u42");
    assertNoSequentialScans(() -> queries.page(favoritedAndTagged, 20, 0));
    assertNoSequentialScans(() -> queries.count(favoritedAndTagged));
  }

  @Test
  void feedAndItsCountUseIndexes() throws SQLException {
    assertNoSequentialScans(() -> queries.feedPage(77, 20, 0));
    assertNoSequentialScans(() -> queries.feedCount(77));
  }

  @Test
  void relationsOfAPageUseIndexes() throws SQLException {
    List<Long> ids = List.of(10L, 20L, 30L, 40L, 50L, 99_990L);
    assertNoSequentialScans(() -> queries.tagNames(ids));
    assertNoSequentialScans(() -> queries.favoritedAmong(42, ids));
    assertNoSequentialScans(() -> queries.findBySlug("a-123"));
  }

  private interface QueryRun {
    Object run();
  }

  private static void assertNoSequentialScans(QueryRun run) throws SQLException {
    EXECUTED.clear();
    run.run();
    assertThat(EXECUTED).as("statements recorded").isNotEmpty();
    for (String sql : EXECUTED) {
      String plan = explain(sql);
      for (String table : BIG_TABLES) {
        assertThat(plan)
            .as("plan of %s%n%s", sql, plan)
            .doesNotContainPattern("Seq Scan on " + table + "\\b");
      }
    }
  }

  private static String explain(String sql) throws SQLException {
    var plan = new StringJoiner("\n");
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("explain " + sql)) {
      while (rs.next()) {
        plan.add(rs.getString(1));
      }
    }
    return plan.toString();
  }

  /** Keeps the SQL of each statement, with its values inlined, so it can be explained. */
  private static final class Recorder implements ExecuteListener {
    @Override
    public void executeStart(ExecuteContext ctx) {
      if (ctx.query() != null) {
        EXECUTED.add(DSL.using(SQLDialect.POSTGRES).renderInlined(ctx.query()));
      }
    }
  }
}
