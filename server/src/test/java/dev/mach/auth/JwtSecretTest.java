package dev.mach.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mach.config.MachProperties;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class JwtSecretTest {

  @TempDir Path dataDir;

  @Test
  void theProdProfileRefusesToStartWithoutASecret() {
    var prod = new MockEnvironment();
    prod.setActiveProfiles("prod");
    assertThatThrownBy(() -> JwtSecret.resolve(properties(""), prod))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("prod profile needs mach.security.jwt-secret");
  }

  @Test
  void aSecretShorterThan32BytesIsRefused() {
    assertThatThrownBy(() -> JwtSecret.resolve(properties("short-secret"), new MockEnvironment()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void theProdProfileAcceptsALongEnoughSecret() {
    var prod = new MockEnvironment();
    prod.setActiveProfiles("prod");
    String secret = "0123456789abcdef0123456789abcdef";
    assertThat(JwtSecret.resolve(properties(secret), prod)).hasSize(32);
  }

  @Test
  void withoutASecretOneIsGeneratedOnceAndReused() {
    byte[] first = JwtSecret.resolve(properties(""), new MockEnvironment());
    byte[] second = JwtSecret.resolve(properties(""), new MockEnvironment());
    assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second);
    assertThat(dataDir.resolve("jwt-secret")).exists();
  }

  private MachProperties properties(String secret) {
    return SecurityProperties.of(
        dataDir, new MachProperties.Security(secret, Duration.ofDays(1), 4, 0));
  }
}
