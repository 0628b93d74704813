package dev.mach.user;

import dev.mach.auth.Auth;
import dev.mach.auth.Viewer;
import dev.mach.ratelimit.LoginGuard;
import dev.mach.web.JsonBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api")
@Tag(name = "User and Authentication")
class UserController {

  private final UserService users;
  private final LoginGuard loginGuard;

  UserController(UserService users, LoginGuard loginGuard) {
    this.users = users;
    this.loginGuard = loginGuard;
  }

  @PostMapping("/users")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Register a user")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = UserPayloads.Registration.class)))
  UserView register(@RequestBody JsonNode body) {
    JsonBody user = JsonBody.unwrap(body, "user");
    var request =
        new UserService.NewUser(
            user.requiredText("username"),
            user.requiredText("email"),
            user.requiredText("password"));
    user.errors().throwIfAny();
    return users.register(request);
  }

  @PostMapping("/users/login")
  @Operation(summary = "Log in with email and password")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = UserPayloads.Login.class)))
  UserView login(@RequestBody JsonNode body, HttpServletRequest request) {
    JsonBody user = JsonBody.unwrap(body, "user");
    String email = user.requiredText("email");
    String password = user.requiredText("password");
    user.errors().throwIfAny();
    LoginGuard.Attempt attempt = loginGuard.begin(request, email);
    UserView signedIn = users.login(email, password);
    attempt.succeeded();
    return signedIn;
  }

  @GetMapping("/user")
  @Operation(summary = "Get the current user", security = @SecurityRequirement(name = "Token"))
  UserView current(@Auth Viewer viewer) {
    return users.current(viewer.userId(), viewer.token());
  }

  @PutMapping("/user")
  @Operation(
      summary = "Update the current user (partial: omitted fields keep their value)",
      security = @SecurityRequirement(name = "Token"))
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = UserPayloads.Update.class)))
  UserView update(@Auth Viewer viewer, @RequestBody JsonNode body) {
    JsonBody user = JsonBody.unwrap(body, "user");
    var changes =
        new UserService.UserChanges(
            user.optionalText("username"),
            user.optionalText("email"),
            user.optionalText("password"),
            user.optionalText("bio"),
            user.optionalText("image"));
    user.errors().throwIfAny();
    return users.update(viewer.userId(), changes);
  }
}
