package dev.mach.profile;

import dev.mach.auth.Viewer;
import dev.mach.cache.CacheKeys;
import dev.mach.cache.CacheRecording;
import dev.mach.cache.ViewerFlag;
import dev.mach.config.RelationLoader;
import dev.mach.error.ApiException;
import dev.mach.totals.TotalsQueries;
import dev.mach.totals.TotalsQueries.Total;
import dev.mach.web.PageRequest;
import dev.mach.web.Timestamps;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Profiles and follows; also the batch profile lookup that articles and comments use. */
@Service
public class ProfileService {

  private final ProfileQueries queries;
  private final TotalsQueries totals;
  private final RelationLoader loader;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  ProfileService(
      ProfileQueries queries,
      TotalsQueries totals,
      RelationLoader loader,
      Clock clock,
      ApplicationEventPublisher events) {
    this.queries = queries;
    this.totals = totals;
    this.loader = loader;
    this.clock = clock;
    this.events = events;
  }

  public Profile profile(String username, Viewer viewer) {
    CacheRecording.dependsOn(CacheKeys.username(username));
    var found = require(username, viewer);
    CacheRecording.dependsOn(CacheKeys.user(found.id()));
    CacheRecording.flag(ViewerFlag.Kind.FOLLOWING, found.id());
    return found.profile();
  }

  /** The id of the user holding a username, if any. */
  public java.util.Optional<Long> idOf(String username) {
    return queries.findByUsername(username, null).map(ProfileQueries.ProfileRow::id);
  }

  @Transactional
  public Profile follow(Viewer viewer, String username) {
    var target = require(username, viewer);
    if (target.id() == viewer.userId()) {
      throw ApiException.invalid("profile", "cannot follow yourself");
    }
    if (queries.follow(viewer.userId(), target.id(), Timestamps.truncate(clock.instant()))) {
      int followers = queries.countFollower(target.id(), 1);
      events.publishEvent(new FollowChanged(viewer.userId(), target.id(), true, followers));
    }
    return withFollowing(target.profile(), true);
  }

  @Transactional
  public Profile unfollow(Viewer viewer, String username) {
    var target = require(username, viewer);
    if (queries.unfollow(viewer.userId(), target.id())) {
      int followers = queries.countFollower(target.id(), -1);
      events.publishEvent(new FollowChanged(viewer.userId(), target.id(), false, followers));
    }
    return withFollowing(target.profile(), false);
  }

  /** Profiles of many users, keyed by user id, with a constant number of statements. */
  public Map<Long, Profile> profilesOf(Collection<Long> userIds, Viewer viewer) {
    Long viewerId = viewer == null ? null : viewer.userId();
    if (CacheRecording.active()) {
      userIds.forEach(id -> CacheRecording.dependsOn(CacheKeys.user(id)));
    }
    return loader.load(userIds, chunk -> queries.findByIds(chunk, viewerId));
  }

  public ProfilePage directory(PageRequest page, Viewer viewer) {
    var profiles =
        queries.page(page.limit(), page.offset(), viewer == null ? null : viewer.userId());
    return new ProfilePage(profiles, totals.get(Total.USERS));
  }

  private ProfileQueries.ProfileRow require(String username, Viewer viewer) {
    return queries
        .findByUsername(username, viewer == null ? null : viewer.userId())
        .orElseThrow(() -> ApiException.notFound("profile"));
  }

  private static Profile withFollowing(Profile p, boolean following) {
    return new Profile(p.username(), p.bio(), p.image(), following);
  }

  public record ProfilePage(java.util.List<Profile> users, long usersCount) {}
}
