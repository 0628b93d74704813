package dev.mach.profile;

/**
 * Published inside the transaction that adds or removes a follow, after the author's follower count
 * moved, for features that keep data derived from follows (the feed's timelines). Listeners run in
 * that transaction; the author's user row is locked until it ends.
 */
public record FollowChanged(long readerId, long authorId, boolean following, int followerCount) {}
