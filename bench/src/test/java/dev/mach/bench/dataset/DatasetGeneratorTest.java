package dev.mach.bench.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatasetGeneratorTest {

  private static final DatasetSize SIZE = DatasetSize.SMALL;
  private static Tally small;

  @BeforeAll
  static void generateSmall() throws Exception {
    small = new Tally();
    new DatasetGenerator(SIZE, 42).generate(small);
  }

  @Test
  void theSameSeedGivesTheSameRowsAndAnotherSeedOtherRows() throws Exception {
    var again = new Tally();
    new DatasetGenerator(SIZE, 42).generate(again);
    var other = new Tally();
    new DatasetGenerator(SIZE, 43).generate(other);

    assertThat(again.fingerprint()).isEqualTo(small.fingerprint());
    assertThat(other.fingerprint()).isNotEqualTo(small.fingerprint());
  }

  @Test
  void smallHasExactlyTheStatedCounts() {
    assertThat(small.users).isEqualTo(SIZE.users);
    assertThat(small.tags).isEqualTo(SIZE.tags);
    assertThat(small.articles).isEqualTo(SIZE.articles);
    assertThat(small.favoritePairs).hasSize((int) SIZE.favorites);
    assertThat(small.followPairs).hasSize((int) SIZE.follows);
    assertThat(small.comments).isEqualTo(SIZE.comments);
    assertThat(small.duplicates).as("repeated favorite or follow pairs").isZero();
  }

  @Test
  void customCountsGiveExactlyThoseCountsAndTheNamedSizeTheSameRows() throws Exception {
    var tiny = new Tally();
    new DatasetGenerator(new DatasetSize.Counts(20, 50, 8, 120, 40, 60), 42).generate(tiny);
    assertThat(tiny.users).isEqualTo(20);
    assertThat(tiny.tags).isEqualTo(8);
    assertThat(tiny.articles).isEqualTo(50);
    assertThat(tiny.favoritePairs).hasSize(120);
    assertThat(tiny.followPairs).hasSize(40);
    assertThat(tiny.comments).isEqualTo(60);
    assertThat(tiny.duplicates + tiny.selfFollows + tiny.badTagLists).isZero();

    // fingerprint() consumes the digest, so compare two fresh tallies rather than `small`
    var viaCounts = new Tally();
    new DatasetGenerator(SIZE.counts(), 42).generate(viaCounts);
    var viaSize = new Tally();
    new DatasetGenerator(SIZE, 42).generate(viaSize);
    assertThat(viaCounts.fingerprint()).isEqualTo(viaSize.fingerprint());
    assertThatThrownBy(() -> new DatasetGenerator(SIZE.counts(), 42).size())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new DatasetSize.Counts(20, 50, 8, 120, 20 * 10 + 1, 60))
        .hasMessageContaining("follows");
  }

  @Test
  void everyReferenceIsToARowThatExistsAndNobodyFollowsThemself() {
    assertThat(small.badReferences).isZero();
    assertThat(small.selfFollows).isZero();
    assertThat(small.badTagLists).as("tag lists with repeats or over 4 tags").isZero();
  }

  @Test
  void namesAreTheOnesLoadGeneratorsAddressRowsBy() {
    assertThat(small.firstUser).isEqualTo("user1 user1@bench.mach.dev");
    assertThat(small.firstArticle).isEqualTo("article-1 Article 1");
    assertThat(small.firstTag).isEqualTo("tag1");
  }

  @Test
  void articlesAreNewerAsTheirNumberGrows() {
    assertThat(small.outOfOrderArticles).isZero();
    assertThat(small.commentsBeforeTheirArticle).isZero();
  }

  @Test
  void popularityIsSkewedWithAFewHotKeysAndALongColdTail() {
    int tagUses = small.articlesPerTag.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(small.articlesPerTag.get(1))
        .as("articles with tag1")
        .isGreaterThan(tagUses * 15 / 100);

    int[] perAuthor =
        small.articlesPerAuthor.values().stream().mapToInt(Integer::intValue).sorted().toArray();
    int topOnePercent =
        Arrays.stream(perAuthor, perAuthor.length - SIZE.users / 100, perAuthor.length).sum();
    assertThat(topOnePercent)
        .as("articles by the top 1% of authors")
        .isGreaterThan(SIZE.articles * 30 / 100);
    long authorsWithFewArticles =
        SIZE.users - small.articlesPerAuthor.values().stream().filter(n -> n > 3).count();
    assertThat(authorsWithFewArticles)
        .as("users with 3 articles or fewer")
        .isGreaterThan(SIZE.users / 2);
  }

  /** Counts, checks and fingerprints whatever the generator emits. */
  private static final class Tally implements DatasetSink {
    int users, tags, articles, comments, duplicates, badReferences, selfFollows, badTagLists;
    int outOfOrderArticles, commentsBeforeTheirArticle;
    String firstUser, firstArticle, firstTag;
    final Set<Long> favoritePairs = new HashSet<>();
    final Set<Long> followPairs = new HashSet<>();
    final Map<Integer, Integer> articlesPerTag = new HashMap<>();
    final Map<Integer, Integer> articlesPerAuthor = new HashMap<>();
    final Map<Integer, Instant> articleTimes = new HashMap<>();
    private final MessageDigest digest;
    private Instant lastArticle = Instant.MIN;

    Tally() throws Exception {
      digest = MessageDigest.getInstance("SHA-256");
    }

    private String fingerprint;

    /** The digest of every row seen; reading it ends the tally (a digest can be taken once). */
    String fingerprint() {
      if (fingerprint == null) {
        fingerprint = HexFormat.of().formatHex(digest.digest());
      }
      return fingerprint;
    }

    private void feed(Object... values) {
      digest.update(Arrays.deepToString(values).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void user(int id, String username, String email, String bio) {
      feed(id, username, email, bio);
      users++;
      if (id == 1) {
        firstUser = username + " " + email;
      }
    }

    @Override
    public void tag(int id, String name) {
      feed(id, name);
      tags++;
      if (id == 1) {
        firstTag = name;
      }
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
      feed(id, slug, title, description, body, authorId, createdAt, tagIds);
      articles++;
      if (id == 1) {
        firstArticle = slug + " " + title;
      }
      if (!createdAt.isAfter(lastArticle)) {
        outOfOrderArticles++;
      }
      lastArticle = createdAt;
      articleTimes.put(id, createdAt);
      checkUser(authorId);
      articlesPerAuthor.merge(authorId, 1, Integer::sum);
      if (tagIds.length > 4 || Arrays.stream(tagIds).distinct().count() != tagIds.length) {
        badTagLists++;
      }
      for (int tag : tagIds) {
        if (tag < 1 || tag > tags) {
          badReferences++;
        }
        articlesPerTag.merge(tag, 1, Integer::sum);
      }
    }

    @Override
    public void follow(int followerId, int followeeId) {
      feed("f", followerId, followeeId);
      checkUser(followerId);
      checkUser(followeeId);
      if (followerId == followeeId) {
        selfFollows++;
      }
      if (!followPairs.add(((long) followerId << 32) | followeeId)) {
        duplicates++;
      }
    }

    @Override
    public void favorite(int userId, int articleId) {
      feed("v", userId, articleId);
      checkUser(userId);
      checkArticle(articleId);
      if (!favoritePairs.add(((long) userId << 32) | articleId)) {
        duplicates++;
      }
    }

    @Override
    public void comment(int id, int articleId, int authorId, String body, Instant createdAt) {
      feed(id, articleId, authorId, body, createdAt);
      comments++;
      checkUser(authorId);
      checkArticle(articleId);
      if (articleTimes.containsKey(articleId) && !createdAt.isAfter(articleTimes.get(articleId))) {
        commentsBeforeTheirArticle++;
      }
    }

    private void checkUser(int id) {
      if (id < 1 || id > SIZE.users) {
        badReferences++;
      }
    }

    private void checkArticle(int id) {
      if (id < 1 || id > SIZE.articles) {
        badReferences++;
      }
    }
  }
}
