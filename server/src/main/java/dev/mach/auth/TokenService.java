package dev.mach.auth;

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

/** Issues and verifies the HS256 tokens Conduit clients send as {@code Authorization: Token}. */
@Service
public class TokenService {

  private static final String ISSUER = "mach";

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Duration ttl;
  private final Clock clock;

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
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date expiry = claims.getExpirationTime();
      if (!ISSUER.equals(claims.getIssuer())
          || expiry == null
          || !expiry.toInstant().isAfter(clock.instant())) {
        return Optional.empty();
      }
      return Optional.of(Long.parseLong(claims.getSubject()));
    } catch (ParseException | JOSEException | NumberFormatException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
