package dev.mach.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mach.config.MachProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

/** Tokens are taken on trust only as the very string that checked out, and never past expiry. */
class TokenServiceTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-12-03T12:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final MovableClock clock = new MovableClock();

  @ParameterizedTest(name = "remembering {0} verified tokens")
  @ValueSource(ints = {0, 100})
  void aVerifiedTokenIsAcceptedUntilItExpiresAndNotAfter(int remembered) {
    TokenService tokens = service(remembered);
    String token = tokens.issue(42);
    assertThat(tokens.verify(token)).contains(42L);
    assertThat(tokens.verify(token)).contains(42L);

    clock.now = clock.now.plus(Duration.ofDays(1)).plusSeconds(1);
    assertThat(tokens.verify(token)).isEmpty();
  }

  @Test
  void aTamperedCopyOfARememberedTokenIsRefused() {
    TokenService tokens = service(100);
    String token = tokens.issue(7);
    assertThat(tokens.verify(token)).contains(7L);

    // a character inside the signature (the last one may carry only padding bits)
    int at = token.length() - 10;
    char changed = token.charAt(at) == 'A' ? 'B' : 'A';
    String tampered = token.substring(0, at) + changed + token.substring(at + 1);
    assertThat(tokens.verify(tampered)).isEmpty();
    String otherSignature = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
    assertThat(tokens.verify(otherSignature)).isEmpty();
  }

  @Test
  void aTokenOfAnotherSecretIsRefusedEvenOnceTheOwnIsRemembered() {
    TokenService tokens = service(100);
    String own = tokens.issue(9);
    assertThat(tokens.verify(own)).contains(9L);
    String foreign = service(100, "fedcba9876543210fedcba9876543210").issue(9);
    assertThat(tokens.verify(foreign)).isEmpty();
  }

  private TokenService service(int remembered) {
    return service(remembered, SECRET);
  }

  private TokenService service(int remembered, String secret) {
    var properties =
        SecurityProperties.of(
            Path.of("target"),
            new MachProperties.Security(secret, Duration.ofDays(1), 4, remembered));
    return new TokenService(properties, new MockEnvironment(), clock);
  }
}
