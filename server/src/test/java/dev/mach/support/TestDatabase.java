package dev.mach.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The database a test run talks to: a brand-new PostgreSQL database (created on the server at
 * {@code MACH_TEST_PG_URL}, dropped when the JVM exits) or a private in-memory H2 database, chosen
 * by the {@code mach.test.db} system property ({@code postgres} or {@code h2}).
 *
 * <p>A PostgreSQL server that cannot be reached fails the run with a message that says so; tests
 * never skip silently.
 */
public final class TestDatabase {

  public static final String BACKEND = System.getProperty("mach.test.db", "postgres");
  private static final String PG_URL =
      env("MACH_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String PG_USER = env("MACH_TEST_PG_USER", "postgres");
  private static final String PG_PASSWORD = env("MACH_TEST_PG_PASSWORD", "");

  private static TestDatabase shared;

  private final String url;
  private final String user;
  private final String password;

  private TestDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /** The one database this test JVM's Spring contexts share. */
  public static synchronized TestDatabase shared() {
    if (shared == null) {
      shared = fresh("run");
    }
    return shared;
  }

  /** A new, empty database of the configured backend. */
  public static TestDatabase fresh(String purpose) {
    return isPostgres() ? freshPostgres(purpose) : freshH2(purpose);
  }

  public static boolean isPostgres() {
    return switch (BACKEND) {
      case "postgres" -> true;
      case "h2" -> false;
      default -> throw new IllegalStateException("mach.test.db must be postgres or h2: " + BACKEND);
    };
  }

  /** A new, empty PostgreSQL database whatever the configured backend (for PostgreSQL checks). */
  public static TestDatabase freshPostgres(String purpose) {
    String name =
        ("mach_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT);
    try (Connection admin = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement st = admin.createStatement()) {
      st.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is required by the integration tests and is not reachable at "
              + PG_URL
              + " as "
              + PG_USER
              + " ("
              + e.getMessage()
              + "). Start it, or point MACH_TEST_PG_URL / MACH_TEST_PG_USER at one.",
          e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
    return new TestDatabase(withDatabase(PG_URL, name), PG_USER, PG_PASSWORD);
  }

  private static TestDatabase freshH2(String purpose) {
    String name = "mach_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
    return new TestDatabase(
        "jdbc:h2:mem:"
            + name
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1",
        "sa",
        "");
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  private static void drop(String name) {
    try (Connection admin = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement st = admin.createStatement()) {
      st.execute("drop database if exists " + name + " with (force)");
    } catch (SQLException e) {
      System.err.println("Could not drop test database " + name + ": " + e.getMessage());
    }
  }

  private static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String params = query < 0 ? "" : url.substring(query);
    return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
