package dev.mach.ratelimit;

/** Where token buckets live: in this process, or in Redis shared by every instance. */
interface Buckets {

  /** Takes one token from the client's bucket of this policy, if it has one. */
  Decision take(Policy policy, String clientKey);

  /** Gives back a token taken by {@link #take}, for a request that turned out not to count. */
  void refund(Policy policy, String clientKey);
}
