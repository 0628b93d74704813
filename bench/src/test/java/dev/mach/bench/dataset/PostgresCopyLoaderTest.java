package dev.mach.bench.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Loads the small dataset with COPY into a fresh database migrated by Mach's own scripts. */
class PostgresCopyLoaderTest {

  private static final String ADMIN_URL =
      env("MACH_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER = env("MACH_TEST_PG_USER", "postgres");
  private static final String PASSWORD = env("MACH_TEST_PG_PASSWORD", "");
  private static final DatasetSize SIZE = DatasetSize.SMALL;

  private static String database;
  private static Connection db;

  @BeforeAll
  static void loadSmall() throws SQLException {
    database = "mach_bench_test_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
        Statement st = admin.createStatement()) {
      st.execute("create database " + database);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is required by this test and is not reachable at "
              + ADMIN_URL
              + " ("
              + e.getMessage()
              + "); set MACH_TEST_PG_URL / MACH_TEST_PG_USER",
          e);
    }
    String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database;
    Flyway.configure()
        .dataSource(url, USER, PASSWORD)
        .locations(
            "filesystem:../server/src/main/resources/db/migration",
            "filesystem:../server/src/main/resources/db/indexes")
        .load()
        .migrate();
    new PostgresCopyLoader(
            DriverManager.getConnection(url, USER, PASSWORD), new DatasetGenerator(SIZE, 7))
        .load();
    db = DriverManager.getConnection(url, USER, PASSWORD);
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    if (db != null) {
      db.close();
    }
    try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
        Statement st = admin.createStatement()) {
      st.execute("drop database if exists " + database + " with (force)");
    }
  }

  @Test
  void everyTableHoldsTheStatedNumberOfRows() throws SQLException {
    assertThat(count("select count(*) from users")).isEqualTo(SIZE.users);
    assertThat(count("select count(*) from tags")).isEqualTo(SIZE.tags);
    assertThat(count("select count(*) from articles")).isEqualTo(SIZE.articles);
    assertThat(count("select count(*) from favorites")).isEqualTo(SIZE.favorites);
    assertThat(count("select count(*) from follows")).isEqualTo(SIZE.follows);
    assertThat(count("select count(*) from comments")).isEqualTo(SIZE.comments);
    assertThat(count("select count(*) from article_tags")).isPositive();
  }

  @Test
  void everyKeptCounterEqualsTheRows() throws SQLException {
    assertThat(
            count(
                """
        select count(*) from users u
        where u.article_count <> (select count(*) from articles a where a.author_id = u.id)
           or u.favorite_count <> (select count(*) from favorites f where f.user_id = u.id)
           or u.follower_count <> (select count(*) from follows f where f.followee_id = u.id)"""))
        .isZero();
    assertThat(
            count(
                """
        select count(*) from articles a
        where a.favorites_count <> (select count(*) from favorites f where f.article_id = a.id)"""))
        .isZero();
    assertThat(
            count(
                """
        select count(*) from tags t
        where t.article_count <> (select count(*) from article_tags x where x.tag_id = t.id)"""))
        .isZero();
    assertThat(count("select sum(val) from counter_stripes where name = 'articles'"))
        .isEqualTo(SIZE.articles);
    assertThat(count("select sum(val) from counter_stripes where name = 'users'"))
        .isEqualTo(SIZE.users);
  }

  @Test
  void theLoadMarksTheFeedTimelinesIncompleteSoTheyAreRebuilt() throws SQLException {
    // migrated, the state is generation 0; an instance that started on the empty database may
    // have marked it complete since, and only a new generation makes the next one rebuild
    assertThat(count("select count(*) from feed_state where not complete and generation = 1"))
        .isEqualTo(1);
  }

  @Test
  void theSharedPasswordVerifiesTheWayMachChecksIt() throws SQLException {
    String hash;
    try (Statement st = db.createStatement();
        var rs = st.executeQuery("select password_hash from users where username = 'user1'")) {
      rs.next();
      hash = rs.getString(1);
    }
    var bcrypt = new BCryptPasswordEncoder();
    assertThat(bcrypt.matches(PostgresCopyLoader.digest(DatasetGenerator.PASSWORD), hash)).isTrue();
    assertThat(bcrypt.matches(PostgresCopyLoader.digest("wrong-password"), hash)).isFalse();
  }

  @Test
  void newRowsGetIdsPastTheLoadedOnes() throws SQLException {
    try (Statement st = db.createStatement();
        var rs = st.executeQuery("select nextval(pg_get_serial_sequence('articles', 'id'))")) {
      rs.next();
      assertThat(rs.getLong(1)).isGreaterThan(SIZE.articles);
    }
  }

  @Test
  void loadingIntoADatabaseThatHasDataIsRefused() throws SQLException {
    String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database;
    var loader =
        new PostgresCopyLoader(
            DriverManager.getConnection(url, USER, PASSWORD), new DatasetGenerator(SIZE, 7));
    try (loader) {
      assertThatThrownBy(loader::load).hasMessageContaining("already has users or articles");
    }
  }

  private static long count(String sql) throws SQLException {
    try (Statement st = db.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
