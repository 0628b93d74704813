package dev.mach.user;

import dev.mach.auth.TokenService;
import dev.mach.cache.CacheKeys;
import dev.mach.cache.Invalidator;
import dev.mach.error.ApiException;
import dev.mach.error.ValidationErrors;
import dev.mach.totals.TotalsQueries;
import dev.mach.totals.TotalsQueries.Total;
import dev.mach.web.Patch;
import dev.mach.web.Timestamps;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Registration, login and the current user's own account. */
@Service
public class UserService {

  private final UserQueries queries;
  private final TotalsQueries totals;
  private final PasswordHasher passwords;
  private final TokenService tokens;
  private final TransactionTemplate tx;
  private final Invalidator invalidator;
  private final Clock clock;
  // compared against when the email is unknown, so a miss costs as long as a wrong password
  private final String decoyHash;

  UserService(
      UserQueries queries,
      TotalsQueries totals,
      PasswordHasher passwords,
      TokenService tokens,
      TransactionTemplate tx,
      Invalidator invalidator,
      Clock clock) {
    this.queries = queries;
    this.totals = totals;
    this.passwords = passwords;
    this.tokens = tokens;
    this.tx = tx;
    this.invalidator = invalidator;
    this.clock = clock;
    this.decoyHash = passwords.hash("decoy-password-never-matches");
  }

  public UserView register(NewUser request) {
    var errors = new ValidationErrors();
    UserRules.checkUsername(request.username(), errors);
    UserRules.checkEmail(request.email(), errors);
    UserRules.checkPassword(request.password(), errors);
    errors.throwIfAny();
    String email = request.email().strip();
    rejectTaken(request.username(), email, -1);
    String hash = passwords.hash(request.password());
    try {
      long id =
          tx.execute(
              status -> {
                long newId =
                    queries.insert(
                        request.username(), email, hash, Timestamps.truncate(clock.instant()));
                totals.add(Total.USERS, 1);
                invalidator.changed(CacheKeys.username(request.username()));
                return newId;
              });
      return UserView.of(
          new UserRow(id, request.username(), email, hash, null, null), tokens.issue(id));
    } catch (DuplicateKeyException race) {
      rejectTaken(request.username(), email, -1);
      throw race;
    }
  }

  public UserView login(String email, String password) {
    var errors = new ValidationErrors();
    if (email == null || email.isBlank()) {
      errors.add("email", "can't be blank");
    }
    if (password == null || password.isEmpty()) {
      errors.add("password", "can't be blank");
    }
    errors.throwIfAny();
    var user = queries.findByEmail(email);
    boolean matches =
        passwords.matches(password, user.map(UserRow::passwordHash).orElse(decoyHash));
    if (user.isEmpty() || !matches) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "credentials", "invalid");
    }
    return UserView.of(user.get(), tokens.issue(user.get().id()));
  }

  public UserView current(long userId, String token) {
    return UserView.of(existing(userId), token);
  }

  public UserView update(long userId, UserChanges changes) {
    UserRow current = existing(userId);
    var errors = new ValidationErrors();
    changes.username().ifPresent(u -> UserRules.checkUsername(u, errors));
    changes.email().ifPresent(e -> UserRules.checkEmail(e, errors));
    changes.password().ifPresent(p -> UserRules.checkPassword(p, errors));
    changes.image().ifPresent(i -> UserRules.checkImage(i, errors));
    errors.throwIfAny();
    String username = changes.username().orElse(current.username());
    String email = changes.email().map(String::strip).orElse(current.email());
    rejectTaken(
        username.equals(current.username()) ? null : username,
        email.equalsIgnoreCase(current.email()) ? null : email,
        userId);
    String hash = changes.password().map(passwords::hash).orElse(current.passwordHash());
    var updated =
        new UserRow(
            userId,
            username,
            email,
            hash,
            UserRules.blankToNull(changes.bio().orElse(current.bio())),
            UserRules.blankToNull(changes.image().orElse(current.image())));
    try {
      tx.executeWithoutResult(
          status -> {
            queries.update(updated);
            invalidator.changed(
                CacheKeys.user(userId),
                CacheKeys.username(current.username()),
                CacheKeys.username(username));
          });
    } catch (DuplicateKeyException race) {
      rejectTaken(username, email, userId);
      throw race;
    }
    return UserView.of(updated, tokens.issue(userId));
  }

  private UserRow existing(long userId) {
    // a validly signed token for a user that no longer exists is no longer a valid token
    return queries.findById(userId).orElseThrow(ApiException::tokenInvalid);
  }

  private void rejectTaken(String username, String email, long exceptUserId) {
    Map<String, List<String>> taken = new LinkedHashMap<>();
    if (username != null && queries.usernameTaken(username, exceptUserId)) {
      taken.put("username", List.of("has already been taken"));
    }
    if (email != null && queries.emailTaken(email, exceptUserId)) {
      taken.put("email", List.of("has already been taken"));
    }
    if (!taken.isEmpty()) {
      throw new ApiException(HttpStatus.CONFLICT, taken);
    }
  }

  public record NewUser(String username, String email, String password) {}

  /** A partial update of the current user: absent fields keep their stored value. */
  public record UserChanges(
      Patch<String> username,
      Patch<String> email,
      Patch<String> password,
      Patch<String> bio,
      Patch<String> image) {}
}
