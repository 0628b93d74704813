package dev.mach.observability;

/**
 * The SQL statements of one request, counted by the statement listener while the request runs. It
 * is bound as a {@link ScopedValue} only around requests that pass the response cache (see {@link
 * SqlTallyFilter}), so a cache hit pays nothing for it.
 */
final class SqlTally {

  static final ScopedValue<SqlTally> CURRENT = ScopedValue.newInstance();

  /** Request attribute under which the finished tally is left for the access log. */
  static final String ATTRIBUTE = SqlTally.class.getName();

  final String requestId;
  final String method;
  final String path;
  // one request runs its statements one after another, on its own thread
  int statements;

  SqlTally(String requestId, String method, String path) {
    this.requestId = requestId;
    this.method = method;
    this.path = path;
  }

  /** The tally of the request running on this thread, or null. */
  static SqlTally current() {
    return CURRENT.isBound() ? CURRENT.get() : null;
  }
}
