# Sourced by ./mvnw before anything else. Maven itself must run on Java 25: jOOQ's code generator
# refuses older JVMs, and the toolchains plugin cannot help because it only switches forked JVMs.
# Picks, in order: JAVA_HOME if it is 25+, the `java` on PATH if it is 25+, the newest 25+ JDK
# installed beside it (or under /usr/lib/jvm). Fails with a clear message when there is none.
mach_required_java=25

mach_java_major() { # $1 = a JDK home; prints its major version, or nothing
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
  fi
}

mach_jdk_ok() { # $1 = a JDK home
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  mach_v=$(mach_java_major "$1")
  [ -n "$mach_v" ] && [ "$mach_v" -ge "$mach_required_java" ]
}

mach_pick_jdk() {
  if [ -n "${JAVA_HOME-}" ] && mach_jdk_ok "$JAVA_HOME"; then
    return 0
  fi
  mach_path_java=$(command -v java 2>/dev/null || true)
  mach_search_dirs="/usr/lib/jvm"
  if [ -n "$mach_path_java" ]; then
    mach_path_home=$(dirname "$(dirname "$(readlink -f "$mach_path_java")")")
    if mach_jdk_ok "$mach_path_home"; then
      JAVA_HOME=$mach_path_home
      return 0
    fi
    mach_search_dirs="$(dirname "$mach_path_home") $mach_search_dirs"
  fi
  mach_best="" mach_best_v=0
  for mach_dir in $mach_search_dirs; do
    for mach_home in "$mach_dir"/*; do
      [ -d "$mach_home" ] && mach_jdk_ok "$mach_home" || continue
      mach_v=$(mach_java_major "$mach_home")
      if [ "$mach_v" -gt "$mach_best_v" ]; then mach_best=$mach_home mach_best_v=$mach_v; fi
    done
  done
  if [ -n "$mach_best" ]; then
    JAVA_HOME=$mach_best
    return 0
  fi
  echo "Mach needs a JDK $mach_required_java or newer to build and run, and found none." >&2
  echo "  JAVA_HOME: ${JAVA_HOME:-<unset>}; java on PATH: ${mach_path_java:-<none>}; searched: $mach_search_dirs" >&2
  echo "  Install one (for example Temurin 25 under /usr/lib/jvm) or point JAVA_HOME at it." >&2
  exit 1
}

mach_pick_jdk
export JAVA_HOME
PATH="$JAVA_HOME/bin:$PATH"
export PATH
