package dev.mach.profile;

import dev.mach.auth.Auth;
import dev.mach.auth.Viewer;
import dev.mach.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
@Tag(name = "Profile")
class ProfileController {

  static final int DEFAULT_PER_PAGE = 10;
  static final int MAX_PER_PAGE = 100;

  private final ProfileService profiles;

  ProfileController(ProfileService profiles) {
    this.profiles = profiles;
  }

  @GetMapping("/profiles/{username}")
  @Operation(summary = "Get a profile")
  ProfileView get(@PathVariable String username, @Auth(required = false) Viewer viewer) {
    return new ProfileView(profiles.profile(username, viewer));
  }

  @PostMapping("/profiles/{username}/follow")
  @Operation(summary = "Follow a user", security = @SecurityRequirement(name = "Token"))
  ProfileView follow(@Auth Viewer viewer, @PathVariable String username) {
    return new ProfileView(profiles.follow(viewer, username));
  }

  @DeleteMapping("/profiles/{username}/follow")
  @Operation(summary = "Unfollow a user", security = @SecurityRequirement(name = "Token"))
  ProfileView unfollow(@Auth Viewer viewer, @PathVariable String username) {
    return new ProfileView(profiles.unfollow(viewer, username));
  }

  /** Mach extension (from the seed articles): every user's public profile, a page at a time. */
  @GetMapping("/users")
  @Operation(summary = "List public profiles, paginated (Mach extension)")
  UserDirectory directory(
      @RequestParam(required = false) String page,
      @RequestParam(name = "per_page", required = false) String perPage,
      @Auth(required = false) Viewer viewer) {
    var size = PageRequest.of(perPage, null, DEFAULT_PER_PAGE, MAX_PER_PAGE, "per_page", "page");
    long pageNumber = pageNumber(page);
    var request = new PageRequest(size.limit(), (pageNumber - 1) * size.limit());
    var result = profiles.directory(request, viewer);
    return new UserDirectory(result.users(), result.usersCount(), pageNumber, size.limit());
  }

  private static long pageNumber(String page) {
    if (page == null) {
      return 1;
    }
    try {
      long n = Long.parseLong(page.strip());
      if (n >= 1 && n <= Integer.MAX_VALUE) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw dev.mach.error.ApiException.invalid("page", "must be an integer of 1 or more");
  }

  record ProfileView(Profile profile) {}

  record UserDirectory(java.util.List<Profile> users, long usersCount, long page, int perPage) {}
}
