package dev.mach.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mach.config.MachProperties;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Issues and verifies the HS256 tokens Conduit clients send as {@code Authorization: Token}.
 *
 * <p>A token whose signature checked out is remembered (up to {@code
 * mach.security.verified-tokens}), so a client's next requests, and every item of a batch that
 * carries the caller's token, skip the parse and the HMAC. The key is the whole token, signature
 * included, so only the very same string is taken on trust; its expiry is checked on every use.
 */
@Service
public class TokenService {

  private static final String ISSUER = "mach";

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Duration ttl;
  private final Clock clock;
  private final Cache<String, Verified> verified;

  /** What a token whose signature, issuer and form checked out says. */
  private record Verified(long userId, Instant expiry) {}

  public TokenService(MachProperties properties, Environment environment, Clock clock) {
    byte[] key = JwtSecret.resolve(properties, environment);
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("Unusable token key", e);
    }
    this.ttl = properties.security().tokenTtl();
    this.clock = clock;
    int remembered = properties.security().verifiedTokens();
    this.verified = remembered > 0 ? Caffeine.newBuilder().maximumSize(remembered).build() : null;
  }

  public String issue(long userId) {
    Instant now = clock.instant();
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(Long.toString(userId))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            // a fresh id per token: a changed username or email always yields a new token
            .jwtID(UUID.randomUUID().toString())
            .build();
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign a token", e);
    }
    return jwt.serialize();
  }

  /** The user id a token was issued for, when its signature, issuer and expiry all check out. */
  public Optional<Long> verify(String token) {
    Verified known = verified == null ? null : verified.getIfPresent(token);
    if (known == null) {
      known = check(token);
      if (known == null) {
        return Optional.empty();
      }
      if (verified != null) {
        verified.put(token, known);
      }
    }
    return known.expiry().isAfter(clock.instant()) ? Optional.of(known.userId()) : Optional.empty();
  }

  /** The token's claims if its algorithm, signature, issuer and form are right; expiry aside. */
  private Verified check(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return null;
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date expiry = claims.getExpirationTime();
      if (!ISSUER.equals(claims.getIssuer()) || expiry == null) {
        return null;
      }
      return new Verified(Long.parseLong(claims.getSubject()), expiry.toInstant());
    } catch (ParseException | JOSEException | NumberFormatException | NullPointerException e) {
      return null;
    }
  }
}
