package dev.mach.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.config.SqlStatementCounter;
import dev.mach.support.ApiTest;
import dev.mach.support.Fixtures;
import dev.mach.support.TestUser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a read answered from the cache costs the database. */
class ResponseCacheStatementCountTest extends ApiTest {

  @Autowired SqlStatementCounter statements;

  @Test
  void anAnonymousHitRunsNoStatementAndASignedInHitOnlyItsTwoFlagLookups() {
    TestUser author = fixtures.user();
    TestUser reader = fixtures.user();
    String tag = Fixtures.unique("count");
    for (int i = 0; i < 20; i++) {
      fixtures.article(author, Fixtures.unique("Cached "), List.of(tag));
    }
    String list = "/api/articles?tag=" + tag;
    api.get(list).expect(200);

    long before = statements.total();
    api.get(list).expect(200);
    assertThat(statements.total() - before).isZero();

    before = statements.total();
    api.as(reader).get(list).expect(200);
    assertThat(statements.total() - before).isEqualTo(2);
  }
}
