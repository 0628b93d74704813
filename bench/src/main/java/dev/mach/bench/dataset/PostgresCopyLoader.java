package dev.mach.bench.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Streams a generated dataset into Mach's PostgreSQL schema with COPY, one table after another,
 * then sets every counter Mach keeps (per user, tag and article, and the site totals) from the
 * rows, so the loaded data is exactly what the same writes through the API would have left.
 */
public final class PostgresCopyLoader implements DatasetSink, AutoCloseable {

  private static final int FLUSH_BYTES = 1 << 20;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private final Connection connection;
  private final DatasetGenerator generator;
  private final String passwordHash;
  private final int[][] articleTags;
  private final StringBuilder rows = new StringBuilder(FLUSH_BYTES + 4096);
  private String table;
  private CopyIn copy;

  public PostgresCopyLoader(Connection connection, DatasetGenerator generator) {
    this.connection = connection;
    this.generator = generator;
    this.articleTags = new int[generator.size().articles + 1][];
    // every user's password is the same; hash it once, the way Mach does (bcrypt over SHA-256)
    this.passwordHash = new BCryptPasswordEncoder(10).encode(digest(DatasetGenerator.PASSWORD));
  }

  /** Loads the whole dataset into an empty, migrated schema. */
  public void load() throws SQLException {
    requireEmpty();
    connection.setAutoCommit(false);
    generator.generate(this);
    into("article_tags (article_id, tag_id, position, created_at)");
    for (int a = 1; a < articleTags.length; a++) {
      String createdAt = TIME.format(generator.articleCreatedAt(a));
      for (int p = 0; p < articleTags[a].length; p++) {
        row(a, articleTags[a][p], p, createdAt);
      }
    }
    finish();
    settleCounters();
    connection.commit();
    connection.setAutoCommit(true);
    // Freeze and analyze now, so every configuration measured later starts from the same settled
    // tables: otherwise the first reads set hint bits on every page they touch (writes, on the
    // server's core) and autovacuum, where it is on, wakes mid-run to do the same work.
    try (Statement st = connection.createStatement()) {
      st.execute("vacuum (freeze, analyze)");
    }
  }

  @Override
  public void user(int id, String username, String email, String bio) {
    into("users (id, username, email, email_key, password_hash, bio, created_at)");
    row(
        id,
        username,
        email,
        email.toLowerCase(Locale.ROOT),
        passwordHash,
        bio,
        "2024-12-31T00:00:00.000Z");
  }

  @Override
  public void tag(int id, String name) {
    into("tags (id, name)");
    row(id, name);
  }

  @Override
  public void article(
      int id,
      String slug,
      String title,
      String description,
      String body,
      int authorId,
      Instant createdAt,
      int[] tagIds) {
    into("articles (id, slug, title, description, body, author_id, created_at, updated_at)");
    String at = TIME.format(createdAt);
    row(id, slug, title, description, body, authorId, at, at);
    articleTags[id] = tagIds;
  }

  @Override
  public void follow(int followerId, int followeeId) {
    into("follows (follower_id, followee_id, created_at)");
    row(followerId, followeeId, "2025-06-01T00:00:00.000Z");
  }

  @Override
  public void favorite(int userId, int articleId) {
    into("favorites (user_id, article_id, article_created_at)");
    row(userId, articleId, TIME.format(generator.articleCreatedAt(articleId)));
  }

  @Override
  public void comment(int id, int articleId, int authorId, String body, Instant createdAt) {
    into("comments (id, article_id, author_id, body, created_at, updated_at)");
    String at = TIME.format(createdAt);
    row(id, articleId, authorId, body, at, at);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  private void requireEmpty() throws SQLException {
    try (Statement st = connection.createStatement();
        var rs =
            st.executeQuery(
                "select (select count(*) from users) + (select count(*) from articles)")) {
      rs.next();
      if (rs.getLong(1) != 0) {
        throw new IllegalStateException(
            "The target database already has users or articles; load into a freshly migrated one");
      }
    }
  }

  /** The counters Mach moves on every write, set once from the loaded rows. */
  private void settleCounters() throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(
          """
          update users u set article_count = c.n
            from (select author_id, count(*) n from articles group by author_id) c
            where c.author_id = u.id""");
      st.execute(
          """
          update users u set favorite_count = c.n
            from (select user_id, count(*) n from favorites group by user_id) c
            where c.user_id = u.id""");
      // the feed decides per author whether to fan out by it
      st.execute(
          """
          update users u set follower_count = c.n
            from (select followee_id, count(*) n from follows group by followee_id) c
            where c.followee_id = u.id""");
      // follows and articles came without fan-out: the instance that migrated the empty database
      // found its (empty) timelines complete, so the first one with fan-out on must rebuild them
      st.execute("update feed_state set complete = false, generation = generation + 1");
      st.execute(
          """
          update articles a set favorites_count = c.n
            from (select article_id, count(*) n from favorites group by article_id) c
            where c.article_id = a.id""");
      st.execute(
          """
          update tags t set article_count = c.n
            from (select tag_id, count(*) n from article_tags group by tag_id) c
            where c.tag_id = t.id""");
      st.execute(
          """
          update counter_stripes set val = case when stripe = 0
            then (select count(*) from articles) else 0 end where name = 'articles'""");
      st.execute(
          """
          update counter_stripes set val = case when stripe = 0
            then (select count(*) from users) else 0 end where name = 'users'""");
      // rows came with explicit ids: move the identity sequences past them
      for (String t : new String[] {"users", "articles", "tags", "comments"}) {
        st.execute(
            "select setval(pg_get_serial_sequence('"
                + t
                + "', 'id'), (select max(id) from "
                + t
                + "))");
      }
    }
  }

  private void into(String target) {
    if (!target.equals(table)) {
      finish();
      start(target);
    }
  }

  private void start(String target) {
    try {
      table = target;
      copy =
          connection
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn("COPY " + target + " FROM STDIN (FORMAT csv)");
    } catch (SQLException e) {
      throw new IllegalStateException("COPY into " + target + " failed to start", e);
    }
  }

  private void finish() {
    if (copy == null) {
      return;
    }
    try {
      flush();
      copy.endCopy();
      copy = null;
      table = null;
    } catch (SQLException e) {
      throw new IllegalStateException("COPY into " + table + " failed", e);
    }
  }

  private void row(Object... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        rows.append(',');
      }
      Object v = values[i];
      if (v instanceof String s) {
        rows.append('"').append(s.replace("\"", "\"\"")).append('"');
      } else if (v != null) {
        rows.append(
            v); // numbers; a null stays an empty unquoted field, which CSV COPY reads as NULL
      }
    }
    rows.append('\n');
    if (rows.length() >= FLUSH_BYTES) {
      flush();
    }
  }

  private void flush() {
    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
    rows.setLength(0);
    try {
      copy.writeToCopy(bytes, 0, bytes.length);
    } catch (SQLException e) {
      throw new IllegalStateException("COPY into " + table + " failed", e);
    }
  }

  /** Mach's password digest (server: user.PasswordHasher); bcrypt is applied over it. */
  static String digest(String password) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
