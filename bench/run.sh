#!/usr/bin/env bash
# Mach's benchmark: one command runs a plan and writes bench/results/<date>-<plan>/report.md.
#
#   bench/run.sh quick            # small dataset, short steps: a check in a few minutes
#   bench/run.sh medium           # the committed report: medium dataset, every technique off in turn
#   bench/run.sh large
#
# Environment: MACH_BENCH_PG_URL (default jdbc:postgresql://127.0.0.1:5432), MACH_BENCH_PG_USER
# (postgres), MACH_BENCH_CONFIGS (a subset of config names), MACH_BENCH_ENDPOINT_CONFIGS (the
# configs that also step each endpoint alone), MACH_BENCH_REDIS_URL (the Redis of `cache-redis`,
# default redis://127.0.0.1:6379/0), MACH_BENCH_RELOAD=1 (reload the dataset even if its database
# exists), MACH_BENCH_PEER_URL (also run the scenarios against another Conduit server already
# filled with `load-api`, see bench/README.md), MACH_BENCH_SIDE_CONFIGS (the configs whose servers
# take the wrk peaks of cached reads side by side, for the rate limiter's and observability's cost;
# MACH_BENCH_RATE_LIMIT_CONFIGS is its older name), MACH_BENCH_SIDE_BY_SIDE_ONLY=1 (only those peaks,
# no Gatling; or MACH_BENCH_RATE_LIMIT_ONLY=1), MACH_BENCH_SIDE_ROUNDS (the recorded rounds of those
# peaks, or MACH_BENCH_RATE_LIMIT_ROUNDS; by default the plan's, rounded up to balance the order).
#
# On this 2-core machine the system under test (Mach and PostgreSQL) runs on core 0 and the load
# generators (Gatling, wrk) on core 1; PostgreSQL's (and a local Redis's) affinity is restored at the end.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
plan=${1:-quick}
case $plan in
  quick)  size=small;  seed=42; steps="25 50 100 200 400 800 1600"; step_s=8;  warm_rounds=3; wrk_s=4;  endpoint_runs="list article"; side_rounds=3; side_s=4 ;;
  medium) size=medium; seed=42; steps="25 50 100 200 300 400 600 800 1200 1600 2400 3200 6400"; step_s=20; warm_rounds=15; wrk_s=8; endpoint_runs="list tag feed article favorite"; side_rounds=6; side_s=5 ;;
  large)  size=large;  seed=42; steps="25 50 100 200 300 400 600 800 1200 1600 2400 3200 6400"; step_s=30; warm_rounds=20; wrk_s=10; endpoint_runs="list tag feed article favorite"; side_rounds=6; side_s=5 ;;
  *) echo "unknown plan '$plan': quick, medium or large" >&2; exit 2 ;;
esac
slo_ms=50
max_errors=0.001
wrk_connections=64
port=18080
ceiling_port=18081
# the side-by-side configurations run at once, on ports from this one up (see side_by_side)
side_port=18090
# Each Mach's Actuator (the readiness check below) listens on its own port, this far above the
# server's: the observability branch moves Actuator to port 8081 by default, where servers started
# side by side would collide, and a port equal to the server's is refused while that branch sets a
# management address. An idle second listener costs nothing measurable.
management_offset=1000
server_core=0
load_core=1

pg_base=${MACH_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432}
pg_user=${MACH_BENCH_PG_USER:-postgres}
pg_host=$(sed -E 's#jdbc:postgresql://([^:/]+).*#\1#' <<<"$pg_base")
pg_port=$(sed -E 's#jdbc:postgresql://[^:/]+:?([0-9]*).*#\1#' <<<"$pg_base"); pg_port=${pg_port:-5432}
database=mach_bench_$size
jdbc_url=$pg_base/$database
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" "$@"; }

# MACH_BENCH_RUN_NAME names the results folder (default <date>-<plan>), so a second run of a plan on
# one day, e.g. only the peaks side by side, need not replace the first one's report
out=$root/bench/results/${MACH_BENCH_RUN_NAME:-$(date -u +%F)-$plan}
work=$out/work
mkdir -p "$work"
measurements=$out/measurements.tsv
sizes=$out/response-sizes.tsv
# MACH_BENCH_APPEND=1 adds configurations to today's run of this plan instead of starting afresh
[[ ${MACH_BENCH_APPEND:-0} == 1 ]] || rm -f "$measurements" "$sizes"
log() { printf '%s %s\n' "$(date -u +%T)" "$*" | tee -a "$out/run.log"; }

# --- Redis (the second cache tier of `cache-redis`) ---------------------------------------------
redis_url=${MACH_BENCH_REDIS_URL:-redis://127.0.0.1:6379/0}
# every Redis key of this run starts with it (the rate limiter's buckets with "${redis_prefix}rate:"),
# so a run neither reads nor deletes anyone else's keys
redis_prefix="mach:bench:$plan:$(date -u +%Y%m%dT%H%M%SZ):"

# --- rate limiting -------------------------------------------------------------------------------
# Every configuration runs with rate limiting on (unless it switches it off), but with limits no load
# here reaches: each request still takes a token from its bucket, so the limiter does its full work,
# and none is refused. The load generator is a trusted proxy, so a request's X-Forwarded-For names
# its client (the many-clients peaks below use that); without the header the client is 127.0.0.1.
unreachable=1000000000/1s
# the default policy keeps the shape of the shipped one (three windows), so each decision does the
# work a default deployment's does
common_args="--mach.rate-limit.default-limits=$unreachable,2000000000/1h,3000000000/1d --mach.rate-limit.policies.login.limits=$unreachable --mach.rate-limit.policies.register.limits=$unreachable --mach.rate-limit.policies.writes.limits=$unreachable --mach.rate-limit.policies.batch.limits=$unreachable --mach.rate-limit.login-failure-limits=$unreachable --mach.rate-limit.trusted-proxies=127.0.0.1"
# --- side by side -------------------------------------------------------------------------------
# The cost of rate limiting, and of observability (per-route metrics and the access log), on cached
# reads: wrk peaks of these endpoints from one client (one bucket) and from $many_clients clients (one
# bucket each), with the configurations' servers side by side, in $side_rounds rounds of ${side_s}s
# runs (see side_by_side). One set of servers serves both comparisons: `all-on`'s runs are set
# against `no-rate-limit`'s for one and against `no-observability`'s for the other.
side_endpoints="list article tags profile"
many_clients=10000
# the older names of these settings (from when only the rate limiter ran side by side) still work
side_rounds_set=${MACH_BENCH_SIDE_ROUNDS:-${MACH_BENCH_RATE_LIMIT_ROUNDS:-}}
[[ -z $side_rounds_set || $side_rounds_set =~ ^[1-9][0-9]*$ ]] ||
  { echo "MACH_BENCH_SIDE_ROUNDS must be a whole number from 1, got '$side_rounds_set'" >&2; exit 2; }
# MACH_BENCH_SIDE_BY_SIDE_ONLY=1: only those peaks (their servers warmed up with wrk rounds only)
side_only=${MACH_BENCH_SIDE_BY_SIDE_ONLY:-${MACH_BENCH_RATE_LIMIT_ONLY:-0}}

# --- feed fan-out and batch requests -------------------------------------------------------------
# The feed with fan-out on (all-on) and off (fan-out-off), both servers side by side, for readers who
# follow each of these numbers of authors, at one constant Gatling arrival rate, in rounds that take
# turns; then 20 reads one by one against one batch of 20 (see feed_and_batch).
# MACH_BENCH_FEED_BATCH_ONLY=1 runs this phase alone; MACH_BENCH_FEED_ROUNDS sets its rounds;
# MACH_BENCH_BATCH_ONLY=1 runs only its batch comparison.
feed_targets="10 1000 5000"
feed_rate=1000
feed_rounds=${MACH_BENCH_FEED_ROUNDS:-$([[ $plan == quick ]] && echo 1 || echo 3)}
[[ $feed_rounds =~ ^[1-9][0-9]*$ ]] ||
  { echo "MACH_BENCH_FEED_ROUNDS must be a whole number from 1, got '$feed_rounds'" >&2; exit 2; }
batch_only=${MACH_BENCH_BATCH_ONLY:-0}
feed_only=${MACH_BENCH_FEED_BATCH_ONLY:-$batch_only}
if ((feed_only)); then side_only=0; fi

# --- the configurations: name | technique switched off | server arguments | what it adds ----------
all_configs=(
  "all-on||"
  "no-batching|batching|--mach.batching.enabled=false"
  "no-indexes|indexes|"
  "pool-2|connection pool|--spring.datasource.hikari.maximum-pool-size=2"
  "platform-threads|virtual threads|--spring.threads.virtual.enabled=false --server.jetty.threads.max=200"
  "no-compression|compression|--server.compression.enabled=false"
  "no-cache|response cache|--mach.cache.enabled=false"
  "cache-redis||--mach.redis.url=$redis_url --mach.cache.redis.enabled=true --mach.cache.redis.key-prefix=$redis_prefix --mach.rate-limit.redis.enabled=false|Redis second cache tier"
  "no-rate-limit|rate limiting|--mach.rate-limit.enabled=false"
  "rate-limit-redis||--mach.redis.url=$redis_url --mach.cache.redis.enabled=false --mach.rate-limit.redis.key-prefix=${redis_prefix}rate:|rate-limit buckets in Redis"
  "no-observability|metrics and access log|--mach.observability.metrics.enabled=false --mach.observability.access-log.enabled=false"
  "fan-out-off|feed fan-out|--mach.feed.fan-out.enabled=false"
  "all-off|all|--mach.batching.enabled=false --spring.datasource.hikari.maximum-pool-size=2 --spring.threads.virtual.enabled=false --server.jetty.threads.max=200 --server.compression.enabled=false --mach.cache.enabled=false --mach.rate-limit.enabled=false"
)
# the configurations whose servers run side by side (in a run of them alone, the default set): the
# rate limiter's three, and `no-observability` against the same `all-on`
side_names=${MACH_BENCH_SIDE_CONFIGS:-${MACH_BENCH_RATE_LIMIT_CONFIGS:-all-on no-rate-limit rate-limit-redis no-observability}}
wanted=${MACH_BENCH_CONFIGS:-}
[[ -z $wanted && $side_only == 1 ]] && wanted=$side_names
[[ -z $wanted && $feed_only == 1 ]] && wanted="all-on fan-out-off"
known=" ${all_configs[*]%%|*} "
for name in $wanted; do
  [[ $known == *" $name "* ]] || { echo "unknown config '$name' in MACH_BENCH_CONFIGS; known:$known" >&2; exit 2; }
done
configs=()
for c in "${all_configs[@]}"; do
  name=${c%%|*}
  if [[ -z $wanted || " $wanted " == *" $name "* ]]; then configs+=("$c"); fi
done
# the configurations that also step each endpoint of $endpoint_runs alone (the read mix runs for all):
# the baseline, and the cache's, so the cache comparison has every endpoint, not only the mix
endpoint_configs=${MACH_BENCH_ENDPOINT_CONFIGS:-all-on no-cache cache-redis}
drops_indexes() { [[ $1 == no-indexes || $1 == all-off ]]; }
# this run's configurations whose servers run side by side: one database serves them all at once,
# so none of them may drop its indexes
side_configs=()
for c in "${configs[@]}"; do
  name=${c%%|*}
  [[ " $side_names " == *" $name "* ]] || continue
  if drops_indexes "$name"; then
    echo "'$name' drops indexes, so it cannot run side by side in MACH_BENCH_SIDE_CONFIGS" >&2; exit 2
  fi
  side_configs+=("$c")
done
# The recorded rounds side by side: the plan's count, rounded up to whole periods of the order the
# servers take turns in (see side_by_side), which for n servers repeats every n turns (n even) or
# 2n (n odd). quick only rounds up to a multiple of n, which puts each server first in each cell
# equally often. So with the 4 default servers quick takes 4 rounds and medium 8, with 3 servers 3
# and 6. MACH_BENCH_SIDE_ROUNDS is taken as given.
side_n=${#side_configs[@]}
if [[ -n $side_rounds_set ]]; then
  side_rounds=$side_rounds_set
elif ((side_n)); then
  side_period=$side_n
  [[ $plan != quick ]] && ((side_n % 2)) && side_period=$((2 * side_n))
  side_rounds=$(((side_rounds + side_period - 1) / side_period * side_period))
fi
uses_redis() { [[ $1 == *--mach.redis.url=* ]]; } # $1 = server arguments
any_redis=0
for c in "${configs[@]}"; do
  IFS='|' read -r _ _ args _ <<<"$c"
  if uses_redis "$args"; then any_redis=1; fi
done
# wrk peaks for gzip-accepting clients too: wrk sends no Accept-Encoding unless told
gzip_endpoints="list article comments tags"

# --- tools -------------------------------------------------------------------------------------
ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || missing+=(nginx)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v taskset >/dev/null || missing+=(util-linux)
  ((any_redis)) && { command -v redis-cli >/dev/null || missing+=(redis-tools); }
  if ((${#missing[@]})); then
    log "installing ${missing[*]} from Debian's packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build() {
  log "building Mach, the harness and the Gatling simulation"
  (cd "$root" && ./mvnw -q -B -DskipTests package)
  (cd "$root" && ./mvnw -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$work/bench.cp")
  (cd "$root" && ./mvnw -q -B -f bench/gatling/pom.xml test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$work/gatling.cp")
  # the JDK 25 that ./mvnw picks (see .mvn/select-jdk.sh) runs everything here too
  java_bin=$(. "$root/.mvn/select-jdk.sh" && echo "$JAVA_HOME/bin/java")
  jcmd_bin=${java_bin%/java}/jcmd
  # the run starts Mach from its own copies, so a rebuild of server/ during a long run cannot
  # change what it measures
  cp "$root/server/target/mach-0.1.0-SNAPSHOT.jar" "$work/mach.jar"
  cp "$root/server/src/main/resources/db/indexes/V2__indexes.sql" "$work/indexes.sql"
  server_jar=$work/mach.jar
  index_sql=$work/indexes.sql
  bench_cp=$root/bench/target/classes:$(cat "$work/bench.cp")
  gatling_cp=$root/bench/gatling/target/test-classes:$(cat "$work/gatling.cp")
}

bench_cli() { "$java_bin" -cp "$bench_cp" dev.mach.bench.BenchCli "$@"; }

# --- PostgreSQL on the server's core -------------------------------------------------------------
pg_pids() { pgrep -x postgres || pgrep -f 'postgres:' || true; }
pin_postgres() { for p in $(pg_pids); do taskset -a -p -c "$1" "$p" >/dev/null 2>&1 || true; done; }
# a Redis on this machine is part of the system under test too (a remote one is left alone)
redis_local() { [[ $redis_url =~ ^rediss?://([^@/]*@)?(127\.0\.0\.1|localhost|\[::1\])(:|/|$) ]]; }
pin_redis() {
  ((any_redis)) && redis_local || return 0
  for p in $(pgrep -x redis-server || true); do taskset -a -p -c "$1" "$p" >/dev/null 2>&1 || true; done
}
restore() {
  stop_mach
  stop_side
  stop_nginx
  pin_postgres 0-$(($(nproc) - 1))
  pin_redis 0-$(($(nproc) - 1))
}
trap restore EXIT

# --- Mach ----------------------------------------------------------------------------------------
# The JVM on one core picks the Serial collector. Spring's startup objects (tens of MB) are
# long-lived, but with the default tenuring threshold of 15 each young collection copied them
# between the survivor spaces again: 57 ms pauses every few seconds for the first 15 collections,
# 3 ms after. Promoting whatever survives two collections ends that early. The old generation is
# sized for what an overloaded step promotes (requests queued for seconds): with 256 MB it filled and
# a 600 ms full collection landed in the next endpoint's measurement.
mach_jvm_args="-Xms2g -Xmx2g -Xmn1g -XX:MaxTenuringThreshold=2 -XX:MetaspaceSize=256m"
mach_pid=
mach_name=
# on $port, or on the port of an on_port call it runs within. The access log (a JSON line per
# request, on by default) goes to a file of its own, not into Mach's log: tens of MB a second at the
# wrk peaks. stop_mach (stop_side) reports its size and deletes it.
start_mach() { # $1 = config name (names its logs), $2.. = server arguments
  local name=$1; shift
  # shellcheck disable=SC2086
  MACH_DB_URL=$jdbc_url MACH_DB_USER=$pg_user \
    taskset -c $server_core "$java_bin" $mach_jvm_args -Xlog:gc:file="$work/gc-$name.log":uptime \
    -jar "$server_jar" \
    --spring.profiles.active=postgres --server.port=$port \
    --management.server.port=$((port + management_offset)) \
    --mach.observability.access-log.path="$work/access-$name.log" \
    --mach.security.jwt-secret=benchmark-secret-benchmark-secret-0123 $common_args "$@" \
    >"$work/mach-$name.log" 2>&1 &
  mach_pid=$!
  mach_name=$name
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$((port + management_offset))/actuator/health/readiness" >/dev/null && return 0
    kill -0 $mach_pid 2>/dev/null || { tail -30 "$work/mach-$name.log"; return 1; }
    sleep 0.5
  done
  echo "Mach did not become ready; see $work/mach-$name.log" >&2
  return 1
}
stop_mach() {
  [[ -n $mach_pid ]] || return 0
  kill "$mach_pid" 2>/dev/null || true
  wait "$mach_pid" 2>/dev/null || true
  mach_pid=
  drop_access_log "$mach_name"
}
# logs the size of a stopped server's access log (none: the server wrote no access log) and deletes it
drop_access_log() { # $1 = the name start_mach was given
  local file=$work/access-$1.log
  if [[ -f $file ]]; then
    log "  access log of $1: $(stat -c %s "$file" | awk '{ printf "%.1f MB", $1 / 1e6 }'), deleted"
    rm -f "$file"
  else
    log "  access log of $1: none"
  fi
}
# Runs a command against the server on another port: bash's locals are seen by the functions a
# function calls, so everything below that talks to "$port" (start_mach, warm_up, wrk_shape...)
# talks to this one instead while it runs.
on_port() { # $1 = port, $2.. = command
  local port=$1
  shift
  "$@"
}
# the servers started side by side (see side_by_side), by config name
declare -A side_pids side_ports
stop_side() {
  local name
  for name in "${!side_pids[@]}"; do kill "${side_pids[$name]}" 2>/dev/null || true; done
  for name in "${!side_pids[@]}"; do wait "${side_pids[$name]}" 2>/dev/null || true; done
  for name in "${!side_pids[@]}"; do drop_access_log "side-by-side-$name"; done
  side_pids=()
}

# --- Redis keys of this run ---------------------------------------------------------------------
redis() { redis-cli -u "$redis_url" "$@"; }
redis_check() {
  [[ $(redis ping 2>&1) == PONG ]] || { echo "no Redis answers at $redis_url (MACH_BENCH_REDIS_URL)" >&2; exit 1; }
}
redis_count() { redis --scan --pattern "${redis_prefix}*" | wc -l || true; }
# deletes this run's keys, 500 per UNLINK (keys are one per line; -d keeps quotes and spaces literal)
redis_clear() {
  redis --scan --pattern "${redis_prefix}*" | xargs -r -d '\n' -n 500 redis-cli -u "$redis_url" unlink >/dev/null ||
    log "  could not delete every key under '$redis_prefix' from Redis"
}
declare -A redis_keys

# --- dataset -------------------------------------------------------------------------------------
prepare_database() {
  local exists
  exists=$(psql_db -d postgres -Atc "select 1 from pg_database where datname = '$database'")
  if [[ $exists == 1 && ${MACH_BENCH_RELOAD:-0} != 1 ]] &&
     [[ $(psql_db -d "$database" -Atc "select count(*) from articles" 2>/dev/null || echo 0) -gt 0 ]]; then
    log "reusing the loaded $size dataset in database $database (MACH_BENCH_RELOAD=1 reloads it)"
    return
  fi
  psql_db -d postgres -c "drop database if exists $database with (force)" -c "create database $database"
  log "migrating $database (Mach creates its schema on start)"
  start_mach migrate
  stop_mach
  log "loading the $size dataset (seed $seed) with COPY"
  bench_cli load-copy --size "$size" --seed "$seed" --jdbc-url "$jdbc_url" --user "$pg_user" | tee -a "$out/run.log"
}

# the previous configuration's writes leave dead rows and unset hint bits; each starts settled
settle_database() {
  psql_db -d "$database" -c "vacuum analyze" -c checkpoint
}

drop_indexes() { # $index_sql: the run's copy (see build)
  log "dropping the secondary indexes"
  sed -nE 's/^create index ([a-z_]+) .*/drop index if exists \1;/p' "$index_sql" | psql_db -d "$database"
}
create_indexes() {
  log "re-creating the secondary indexes"
  sed -E 's/^create index /create index if not exists /' "$index_sql" | psql_db -d "$database"
  psql_db -d "$database" -c analyze
}

# --- load generators ---------------------------------------------------------------------------
gatling() { # $1 = results dir, $2 = mix, $3 = rate, $4 = seconds, $5 = base url
  local counts
  counts=$(dataset_properties)
  # shellcheck disable=SC2086
  # --add-opens: Gatling needs it when launched directly (its Maven plugin adds it itself);
  # a small login pool: each login costs a bcrypt hash on the server, before the measurement
  taskset -c $load_core "$java_bin" -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED \
    -cp "$gatling_cp" $counts -Dbench.loginPool=20 \
    -Dbench.baseUrl="$5" -Dbench.mix="$2" -Dbench.rate="$3" -Dbench.duration="$4" \
    io.gatling.app.Gatling -s dev.mach.bench.gatling.ConduitSimulation -rf "$1" \
    >"$1.log" 2>&1 || true
}
# the dataset's generated article count (the batch comparison reads twenty spread over them)
dataset_articles() { dataset_properties | sed -E 's/.*bench.articles=([0-9]+).*/\1/'; }
dataset_properties() {
  case $size in
    small)  echo "-Dbench.users=1000 -Dbench.articles=10000 -Dbench.tags=100" ;;
    medium) echo "-Dbench.users=10000 -Dbench.articles=200000 -Dbench.tags=1000" ;;
    large)  echo "-Dbench.users=100000 -Dbench.articles=2000000 -Dbench.tags=10000" ;;
  esac
}

# steps a scenario up the rates until p99 or errors break the SLO well past it
step_up() { # $1 = config, $2 = mix, $3 = base url
  local rate dir p99 ko requests
  # the previous series may have ended in overload; its queued requests' garbage is collected now,
  # not in the middle of this series' first step
  [[ -n $mach_pid && $3 == "http://127.0.0.1:$port" ]] && { "$jcmd_bin" "$mach_pid" GC.run >/dev/null 2>&1 || true; }
  for rate in $steps; do
    dir=$work/gatling/$1/$2/$rate
    mkdir -p "$dir"
    gatling "$dir" "$2" "$rate" "$step_s" "$3"
    if ! bench_cli gatling-row --config "$1" --endpoint "$2" --offered "$rate" --run "$dir" \
         --seconds "$step_s" --out "$measurements"; then
      log "  $2 at $rate/s: no Gatling report (see $dir.log)"; break
    fi
    read -r requests ko p99 < <(tail -1 "$measurements" | awk -F'\t' '{print $5, $7, $11}')
    log "  $1 $2 at $rate/s: $requests requests, $ko errors, p99 ${p99} ms"
    if awk -v p="$p99" -v k="$ko" -v n="$requests" -v slo="$slo_ms" \
         'BEGIN { exit !(p == "NaN" || p > 4 * slo || (n > 0 && k / n > 0.05)) }'; then
      break
    fi
  done
}

# On one core the JIT competes with the application for a long time: measured here, the read
# endpoints went from 70 to 700 req/s over 70 s of closed-loop load, and C2 compilations of
# paths the warm-up had missed (logins, writes) stalled the first seconds of the next measured run
# for up to 2.8 s. So each configuration is warmed until it is steady: the read endpoints,
# closed-loop, in 10 s rounds until two rounds in a row agree within 10% (at least 4 rounds, at
# most $warm_rounds); then the whole mix, writes and logins included, at a low rate for 30 s.
warm_up() { # $1 = config, $2 = reads (wrk rounds only: the server will meet no other path)
  local token
  token=$(reader_token)
  log "  warming up $1"
  MACH_TOKEN=$token steady_rounds "$1 warm-up" "$root/bench/warm-up.lua" \
    "${paths[list]}" "${paths[tag]}" "${paths[author]}" "${paths[favorited]}" "${paths[feed]}" \
    "${paths[article]}" "${paths[comments]}" "${paths[profile]}" "${paths[tags]}"
  # (the servers side by side measure wrk peaks of reads alone)
  [[ ${2:-} == reads ]] || gatling "$work/warmup-$1" read 20 30 "http://127.0.0.1:$port"
}
# wrk rounds of 10 s with the script $2 (and its arguments) until two agree within 10%, at least
# four, at most $warm_rounds; $1 names them in the log
steady_rounds() {
  local label=$1 script=$2 round rate previous=0 steady=0
  shift 2
  for round in $(seq 1 "$warm_rounds"); do
    rate=$(taskset -c $load_core wrk -t1 -c16 -d10s -s "$script" "http://127.0.0.1:$port" -- "$@" 2>/dev/null |
      sed -n 's/^Requests\/sec: *//p')
    rate=${rate:-0}
    log "  $label round $round: $rate req/s"
    if awk -v a="$rate" -v b="$previous" 'BEGIN { exit !(b > 0 && a > 0 && a / b > 0.9 && a / b < 1.1) }'; then
      steady=$((steady + 1))
    else
      steady=0
    fi
    ((round >= 4 && steady >= 1)) && break
    previous=$rate
  done
}

warm_up_batches() { # batches of the batch comparison's twenty reads, until their rate is steady
  local articles i reads=()
  articles=$(dataset_articles)
  for i in $(seq 0 19); do reads+=("/api/articles/article-$((1 + i * articles / 20))"); done
  log "  warming up the batch path"
  MACH_TOKEN=$(reader_token) steady_rounds "batch path warm-up" "$root/bench/batch-warm-up.lua" "${reads[@]}"
}

# wrk peaks: fixed concurrency, closed loop
declare -A paths
set_paths() {
  local newest hot_article
  # the newest generated article: the write share adds articles whose slugs the generator did not name
  newest=$(psql_db -d "$database" -Atc "select max(id) from articles where slug = 'article-' || id")
  hot_article=$(psql_db -d "$database" -Atc "select id from articles order by favorites_count desc limit 1")
  paths=(
    [list]="/api/articles?limit=20&offset=0"
    [tag]="/api/articles?tag=tag1&limit=20&offset=0"
    [author]="/api/articles?author=user1&limit=20&offset=0"
    [favorited]="/api/articles?favorited=user2&limit=20&offset=0"
    [feed]="/api/articles/feed?limit=20&offset=0"
    [article]="/api/articles/article-$newest"
    [comments]="/api/articles/article-$hot_article/comments"
    [profile]="/api/profiles/user1"
    [tags]="/api/tags"
  )
}
reader_token() {
  curl -sf -X POST "http://127.0.0.1:$port/api/users/login" -H 'Content-Type: application/json' \
    -d '{"user":{"email":"user3@bench.mach.dev","password":"benchmark"}}' |
    sed -E 's/.*"token":"([^"]+)".*/\1/'
}
wrk_all() { # $1 = config, $2 = endpoints to leave out (measured in the side-by-side rounds instead)
  local endpoint file token
  token=$(reader_token)
  for endpoint in list tag author favorited feed article comments profile tags; do
    [[ " ${2:-} " == *" $endpoint "* ]] && continue
    file=$work/wrk/$1-$endpoint.txt
    mkdir -p "$work/wrk"
    if [[ $endpoint == feed ]]; then
      taskset -c $load_core wrk -t1 -c$wrk_connections -d${wrk_s}s --latency \
        -H "Authorization: Token $token" "http://127.0.0.1:$port${paths[$endpoint]}" >"$file" 2>&1 || true
    else
      taskset -c $load_core wrk -t1 -c$wrk_connections -d${wrk_s}s --latency \
        "http://127.0.0.1:$port${paths[$endpoint]}" >"$file" 2>&1 || true
    fi
    bench_cli wrk-row --config "$1" --tool wrk --endpoint "$endpoint" --concurrency $wrk_connections \
      --file "$file" --out "$measurements" || log "  wrk $endpoint: unreadable output ($file)"
    log "  wrk $1 $endpoint: $(sed -n 's/^Requests\/sec: *//p' "$file") req/s"
  done
  # the same for a client that takes gzip, as browsers and Gatling do (row endpoint `<name>+gzip`)
  for endpoint in $gzip_endpoints; do
    file=$work/wrk/$1-$endpoint-gzip.txt
    taskset -c $load_core wrk -t1 -c$wrk_connections -d${wrk_s}s --latency -H 'Accept-Encoding: gzip' \
      "http://127.0.0.1:$port${paths[$endpoint]}" >"$file" 2>&1 || true
    bench_cli wrk-row --config "$1" --tool wrk --endpoint "$endpoint+gzip" --concurrency $wrk_connections \
      --file "$file" --out "$measurements" || log "  wrk $endpoint+gzip: unreadable output ($file)"
    log "  wrk $1 $endpoint+gzip: $(sed -n 's/^Requests\/sec: *//p' "$file") req/s"
  done
}

# What rate limiting and observability cost cached reads: wrk peaks of $side_endpoints from one
# client (no X-Forwarded-For: every request in the bucket of 127.0.0.1, the hot key) and from
# $many_clients clients (many-clients.lua: each request with the next of $many_clients
# X-Forwarded-For addresses, a bucket each; row `<endpoint>+clients`). Each cost is a few percent,
# and on this shared machine throughput drifted by as much between configurations measured one after
# another, so the configurations of $side_configs run side by side: their servers start together,
# each on its own port from $side_port, all pinned to the server's core (an idle server holds its heap
# but takes next to no CPU from the one under load), and each is warmed up with wrk in turn. Then, in
# each of $side_rounds rounds, every cell (an endpoint from one client or from many) runs against each
# server in turn, in an order that changes from cell to cell and from round to round (side_order).
# Each row carries its round, and the report compares configurations only within a round. Round 0 is
# not recorded: the warm-up drives neither these rates (over 50,000 req/s on quick, where the JIT kept
# gaining for a minute) nor the XFF path.
side_by_side() {
  local c name technique args adds i=0 n round first_round cell turn k endpoint shape row file
  local redis_used=0
  local -a names=()
  ((${#side_configs[@]})) || return 0
  for c in "${side_configs[@]}"; do
    IFS='|' read -r name _ args _ <<<"$c"
    names+=("$name")
    if uses_redis "$args"; then redis_used=1; fi
  done
  n=${#names[@]}
  log "side by side: ${names[*]}, $side_rounds rounds"
  settle_database
  if ((redis_used)); then
    log "  deleting $(redis_count) keys under '$redis_prefix' from Redis"
    redis_clear
  fi
  for c in "${side_configs[@]}"; do
    IFS='|' read -r name technique args adds <<<"$c"
    side_ports[$name]=$((side_port + i))
    i=$((i + 1))
    # start_mach's readiness check would take another server on the port for this one
    for k in "${side_ports[$name]}" $((side_ports[$name] + management_offset)); do
      if curl -s -o /dev/null "http://127.0.0.1:$k/"; then
        echo "port $k is taken; stop what listens there" >&2; exit 1
      fi
    done
    log "  starting $name${technique:+ (off: $technique)}${adds:+ (adds: $adds)} on port ${side_ports[$name]}"
    # shellcheck disable=SC2086
    on_port "${side_ports[$name]}" start_mach "side-by-side-$name" $args
    side_pids[$name]=$mach_pid
    mach_pid=
  done
  for name in "${names[@]}"; do
    on_port "${side_ports[$name]}" warm_up "$name" reads
    on_port "${side_ports[$name]}" limiter_headers "$name"
  done
  mkdir -p "$work/wrk"
  # a run that MACH_BENCH_APPEND adds to numbers its rounds after the earlier run's, so the report
  # never pairs runs of two runs
  first_round=$(last_round)
  for round in $(seq 0 "$side_rounds"); do
    cell=0
    for endpoint in $side_endpoints; do
      for shape in one many; do
        row=$endpoint
        [[ $shape == many ]] && row=$endpoint+clients
        turn=$((round + cell))
        for k in $(side_order "$turn" "$n"); do
          name=${names[$k]}
          file=$work/wrk/$name-side-$round-$row.txt
          on_port "${side_ports[$name]}" wrk_shape "$name" "$shape" "$endpoint" "$file"
          if ((round > 0)); then
            bench_cli wrk-row --config "$name" --tool wrk --endpoint "$row" --concurrency $wrk_connections \
              --round $((first_round + round)) --file "$file" --out "$measurements" ||
              log "  wrk $row: unreadable output ($file)"
          fi
          log "  wrk $name $row (round $round$( ((round)) || echo ', not recorded')): $(sed -n 's/^Requests\/sec: *//p' "$file") req/s$(
            sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/, \1 non-2xx/p; s/^ *Socket errors: *\(.*\)/, socket errors: \1/p' "$file")"
        done
        cell=$((cell + 1))
      done
    done
  done
  # counted while the servers run: the limiter's buckets expire from Redis seconds after their last
  # use (the configurations here that use Redis share the run's prefix, so each gets their total)
  for c in "${side_configs[@]}"; do
    IFS='|' read -r name _ args _ <<<"$c"
    if uses_redis "$args"; then
      redis_keys[$name]=$(redis_count)
      log "  Redis held ${redis_keys[$name]} keys under '$redis_prefix'$( ((redis_keys[$name])) || echo ": $name did not use Redis")"
    fi
  done
  stop_side
  if ((redis_used)); then redis_clear; fi
}
# The servers' order in turn $1 (a round plus a cell) as indexes into the $2 = n servers: a Williams
# design. Turn t runs server t + b_k (mod n) k-th, for the base row b = 0, 1, n-1, 2, n-2, 3, ...
# (4 servers: 0 1 3 2, 1 2 0 3, 2 3 1 0, 3 0 2 1), so each server goes first once in any n turns in
# a row, and with n even any n turns in a row are a Latin square: each server in each place once.
# The order matters beyond the place: a server leaves work behind for the next one (the limiter's
# expired buckets, Redis's expiring keys, the access log's pages reaching the disk, all on the same
# core). The steps between neighbours in b, 1, -2, 3, -4, ..., are all different mod n when n is even,
# so in those n turns each server is also followed by each other server once. With n odd they are
# not, so every other stretch of n turns runs the rows backwards (t - b_k): over 2n turns each server
# is then in each place twice and followed by each other server twice (3 servers: their 6 orders).
# A cell's rounds are consecutive turns, so a whole number of n (n odd: 2n) rounds balances each cell.
side_order() { # $1 = turn, $2 = n; prints n indexes
  local turn=$1 n=$2 k b sign=1
  if ((n % 2 && (turn / n) % 2)); then sign=-1; fi
  for ((k = 0; k < n; k++)); do
    if ((k % 2)); then b=$(((k + 1) / 2)); else b=$(((n - k / 2) % n)); fi
    printf '%s ' $((((turn + sign * b) % n + n) % n))
  done
}
# the highest round in $measurements (0 when it has none)
last_round() {
  [[ -f $measurements ]] || { echo 0; return; }
  awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "round") col = i; next }
    col && $col ~ /^[0-9]+$/ && $col + 0 > max { max = $col + 0 } END { print max + 0 }' "$measurements"
}
wrk_shape() { # $1 = config, $2 = one|many, $3 = endpoint, $4 = output file
  local url="http://127.0.0.1:$port${paths[$3]}"
  if [[ $2 == many ]]; then
    taskset -c $load_core wrk -t1 -c$wrk_connections -d${side_s}s --latency \
      -s "$root/bench/many-clients.lua" "$url" -- "${paths[$3]}" "$many_clients" >"$4" 2>&1 || true
  else
    taskset -c $load_core wrk -t1 -c$wrk_connections -d${side_s}s --latency "$url" >"$4" 2>&1 || true
  fi
}
# what the limiter answers with, in the log: shows the limits the server took (none when it is off)
limiter_headers() { # $1 = config
  local headers
  headers=$(curl -s -o /dev/null -D - "http://127.0.0.1:$port${paths[list]}" | tr -d '\r' |
    sed -nE 's/^(ratelimit-[a-z]+): */\1 /Ip' | paste -sd ';' -)
  log "  $1 rate-limit headers: ${headers:-none}"
}

# bytes of each read endpoint's body as sent, without and with Accept-Encoding: gzip (curl does not
# decode it); a first request fills the cache, the second is measured
response_sizes() { # $1 = config
  local endpoint accept token bytes status encoding
  local -a opts
  token=$(reader_token)
  [[ -f $sizes ]] || printf 'config\tendpoint\taccept_encoding\tcontent_encoding\tstatus\tbytes\n' >"$sizes"
  for endpoint in list tag author favorited feed article comments profile tags; do
    for accept in identity gzip; do
      opts=(-s -o /dev/null -D "$work/headers.txt")
      [[ $accept == gzip ]] && opts+=(-H 'Accept-Encoding: gzip')
      [[ $endpoint == feed ]] && opts+=(-H "Authorization: Token $token")
      curl "${opts[@]}" "http://127.0.0.1:$port${paths[$endpoint]}" || true
      read -r status bytes < <(curl "${opts[@]}" -w '%{http_code} %{size_download}\n' \
        "http://127.0.0.1:$port${paths[$endpoint]}" || echo "000 NaN")
      encoding=$(tr -d '\r' <"$work/headers.txt" | sed -nE 's/^content-encoding: *//Ip' | tail -1)
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$endpoint" "$accept" "${encoding:-identity}" \
        "$status" "$bytes" >>"$sizes"
    done
    log "  bytes $1 $endpoint: $(tail -2 "$sizes" | awk -F'\t' '{printf "%s %s (%s)  ", $3, $6, $4}')"
  done
}

# the ceiling: nginx on the server's core serving the bytes Mach answered with
nginx_pid=
ceiling() {
  local docroot=$work/ceiling endpoint token
  mkdir -p "$docroot/logs"
  token=$(reader_token)
  for endpoint in "${!paths[@]}"; do
    if [[ $endpoint == feed ]]; then
      curl -sf -H "Authorization: Token $token" "http://127.0.0.1:$port${paths[$endpoint]}" >"$docroot/$endpoint.json"
    else
      curl -sf "http://127.0.0.1:$port${paths[$endpoint]}" >"$docroot/$endpoint.json"
    fi
  done
  stop_mach
  cat >"$docroot/nginx.conf" <<CONF
worker_processes 1;
daemon off;
error_log $docroot/logs/error.log warn;
pid $docroot/logs/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$ceiling_port; root $docroot; }
}
CONF
  taskset -c $server_core nginx -c "$docroot/nginx.conf" -p "$docroot" &
  nginx_pid=$!
  sleep 1
  for endpoint in "${!paths[@]}"; do
    file=$work/wrk/ceiling-$endpoint.txt
    taskset -c $load_core wrk -t1 -c$wrk_connections -d${wrk_s}s --latency \
      "http://127.0.0.1:$ceiling_port/$endpoint.json" >"$file" 2>&1 || true
    bench_cli wrk-row --config ceiling --tool nginx --endpoint "$endpoint" --concurrency $wrk_connections \
      --file "$file" --out "$measurements" || true
    log "  nginx ceiling $endpoint: $(sed -n 's/^Requests\/sec: *//p' "$file") req/s"
  done
  stop_nginx
}
stop_nginx() {
  [[ -n $nginx_pid ]] || return 0
  kill "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=
}

without_password() { sed -E 's#(rediss?://)[^@/ ]*@#\1#g' <<<"$1"; }
write_meta() {
  local configs_json="" c name technique args adds extra redis_used=0 redis_names="" pinning load side_list
  for c in "${all_configs[@]}"; do
    IFS='|' read -r name technique args adds <<<"$c"
    # every configuration with rows in this run's measurements (MACH_BENCH_APPEND adds to them)
    cut -f1 "$measurements" | grep -qx "$name" || continue
    drops_indexes "$name" && args="${args:+$args }(secondary indexes dropped)"
    args=$(without_password "$args")
    extra=${adds:+,\"adds\":\"$adds\"}
    if uses_redis "$args"; then
      redis_used=1
      redis_names+="$name "
      # keys under the run's prefix when the configuration stopped: 0 means the server ignored Redis
      [[ -n ${redis_keys[$name]:-} ]] && extra+=",\"redisKeys\":${redis_keys[$name]}"
    fi
    configs_json+=$(printf '%s{"name":"%s","technique":%s,"args":"%s"%s}' "${configs_json:+,}" \
      "$name" "$([[ -n $technique ]] && printf '"%s"' "$technique" || echo null)" "${args:-defaults}" "$extra")
  done
  pinning="Mach and PostgreSQL on core $server_core (taskset), Gatling and wrk on core $load_core; nginx (ceiling) on core $server_core with Mach stopped"
  if ((redis_used)) && redis_local; then
    pinning="Mach, PostgreSQL and Redis (${redis_names% }) on core $server_core (taskset), Gatling and wrk on core $load_core; nginx (ceiling) on core $server_core with Mach stopped"
  fi
  read -r n_users n_articles n_tags n_favorites n_follows n_comments <<<"$dataset_counts"
  load="after a warm-up (wrk -c16 over the read endpoints in 10 s rounds until two agree within 10%, at most $warm_rounds rounds"
  if ((feed_only)); then
    load+="), only the feed and batch comparisons (MACH_BENCH_FEED_BATCH_ONLY=1)"
    ((batch_only)) && load+=", and of those only the batch comparison (MACH_BENCH_BATCH_ONLY=1)"
  elif ((side_only)); then
    load+="), only the peaks side by side (MACH_BENCH_SIDE_BY_SIDE_ONLY=1)"
  else
    load+="; then the whole mix at 20/s for 30 s), Gatling open model with each rate held ${step_s}s after 5 s of unmeasured client warm-up; wrk -t1 -c$wrk_connections for ${wrk_s}s"
  fi
  if cut -f3 "$measurements" | grep -q '+clients$'; then
    side_list=$(printf '%s ' "${side_configs[@]%%|*}")
    load+="; peaks side by side (${side_list% }: their servers running at once, each on its own port, all on core $server_core, each warmed up with the wrk rounds alone): $side_rounds rounds, each running $side_endpoints from one client and from $many_clients clients (X-Forwarded-For) against every server in turn, in an order that changes with each round and cell, wrk -t1 -c$wrk_connections for ${side_s}s, after one unrecorded round"
  fi
  if [[ -f $work/feed-readers.tsv ]]; then
    load+="; feed: Gatling open model at $feed_rate req/s held ${step_s}s per reader after 5 s of unmeasured client warm-up at the same rate (users $(cut -f2 "$work/feed-readers.tsv" | paste -sd, -) following $(cut -f1 "$work/feed-readers.tsv" | paste -sd, -) authors), fan-out on and off side by side on core $server_core, each run starting once the server of the run before has used under 10% of a core for a second, $feed_rounds recorded rounds after one unrecorded; batch: its server warmed up with the read rounds and then with rounds of the same batch of twenty (wrk -c16, 10 s, until two agree within 10%), then 400 iterations after 200 warm-up iterations per round, $feed_rounds recorded rounds after one unrecorded"
  elif ((batch_only)); then
    load+="; batch: its server warmed up with the read rounds and then with rounds of the same batch of twenty (wrk -c16, 10 s, until two agree within 10%), then 400 iterations after 200 warm-up iterations per round, $feed_rounds recorded rounds after one unrecorded"
  fi
  cat >"$out/meta.json" <<JSON
{"plan":"$plan","date":"$(date -u +%F)","sloP99Ms":$slo_ms,"maxErrorRate":$max_errors,
 "machine":{"cpus":$(nproc),"cpuModel":"$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)",
            "memory":"$(free -g | awk '/Mem:/ {print $2}') GiB","kernel":"$(uname -r)"},
 "jdk":"$("$java_bin" -version 2>&1 | head -1 | tr -d '"')",
 "database":"$(psql_db -d postgres -Atc 'show server_version')",
 "pinning":"$pinning",
 "load":"$load",
 "serverJvm":"$mach_jvm_args",
 "serverArgs":"--management.server.port=<server port + $management_offset> --mach.observability.access-log.path=work/access-<config>.log (deleted when it stops) $common_args","manyClients":$many_clients,
 "dataset":{"size":"$size","seed":$seed,"users":$n_users,"articles":$n_articles,"tags":$n_tags,
            "favorites":$n_favorites,"follows":$n_follows,"comments":$n_comments},
 "redis":$( ((redis_used)) && printf '"%s at %s"' "$(redis info server | sed -n 's/^redis_version://p' | tr -d '\r')" "$(without_password "${redis_url%%\?*}")" || echo null),
 "baseline":"all-on","configs":[$configs_json],"peers":[${MACH_BENCH_PEER_URL:+\"$MACH_BENCH_PEER_URL\"}]}
JSON
}

# --- feed fan-out and batch requests -------------------------------------------------------------
scrape() { curl -sf "http://127.0.0.1:$(($1 + management_offset))/actuator/prometheus"; } # $1 = port
# 0 once timelines are complete and no job waits or runs (a scheduled recurring job may wait)
jobs_pending() { # $1 = port
  local metrics
  metrics=$(scrape "$1") || { echo unreachable; return; }
  grep -q '^mach_feed_timelines_ready 1' <<<"$metrics" || { echo "timelines not ready"; return; }
  awk '/^jobrunr_jobs_by_state\{/ && /state="(ENQUEUED|PROCESSING)"/ { n += $NF } END { print n + 0 }' <<<"$metrics"
}
wait_until_idle() { # $1 = port: until its server has used under 10% of a core for a second (at most 5 min)
  local pid started=$SECONDS before after
  pid=$(ss -ltnpH "sport = :$1" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1)
  [[ -n $pid ]] || return 0
  while ((SECONDS - started < 300)); do
    # utime + stime, in clock ticks (100 a second)
    before=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) || return 0
    sleep 1
    after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) || return 0
    if ((after - before < 10)); then
      ((SECONDS - started > 1)) && log "  port $1 idle after $((SECONDS - started)) s"
      return 0
    fi
  done
  log "  port $1 still busy after 300 s"
}
wait_for_timelines() { # $1 = port
  local pending started=$SECONDS
  while :; do
    pending=$(jobs_pending "$1")
    [[ $pending == 0 ]] && break
    ((SECONDS - started > 1800)) && { log "  timelines not ready after 30 min ($pending)"; return 1; }
    sleep 2
  done
  log "  timelines ready and no job pending after $((SECONDS - started)) s"
}
feed_side_by_side() { # $on, $off: the ports feed_and_batch gives
  local round reader target order config p file
  log "feed fan-out: readers of $feed_targets authors at $feed_rate req/s, fan-out on and off side by side, $feed_rounds rounds"
  settle_database
  on_port $on start_mach feed-all-on
  side_pids[all-on]=$mach_pid
  mach_pid=
  # a database that has not had timelines yet gets them built first (the rebuild's statements and
  # the readers' follows would otherwise compete for the pool)
  wait_for_timelines $on
  # follows go through the API of the server that fans out, so its jobs keep the timelines
  bench_cli feed-readers --base-url "http://127.0.0.1:$on" --jdbc-url "$jdbc_url" --user "$pg_user" \
    --targets "$(tr ' ' ',' <<<"$feed_targets")" --out "$work/feed-readers.tsv" | tee -a "$out/run.log"
  wait_for_timelines $on
  # shellcheck disable=SC2086
  on_port $off start_mach feed-fan-out-off --mach.feed.fan-out.enabled=false
  side_pids[fan-out-off]=$mach_pid
  mach_pid=
  for p in $on $off; do on_port $p warm_up "feed-$p" reads; done
  for round in $(seq 0 "$feed_rounds"); do
    while read -r target reader; do
      order="all-on fan-out-off"
      (((round + target) % 2)) && order="fan-out-off all-on"
      for config in $order; do
        p=$on; [[ $config == fan-out-off ]] && p=$off
        file=$work/gatling/$config/feed-$target/$round
        mkdir -p "$file"
        # the client warms up at the measured rate, not the usual 20/s: a Gatling JVM warmed at
        # 20/s spent the first seconds at 1,000/s compiling, and its own stalls became the feed's
        # p99 (486 and 866 ms against 5 and 6 ms warmed at 1,000/s, alternated on one warm
        # server; in a run like the former its access log timed every request under 6 ms)
        # shellcheck disable=SC2086
        taskset -c $load_core "$java_bin" -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED \
          -cp "$gatling_cp" $(dataset_properties) -Dbench.readers="$reader" \
          -Dbench.baseUrl="http://127.0.0.1:$p" -Dbench.mix=feed -Dbench.rate=$feed_rate -Dbench.clientWarmUpRate=$feed_rate \
          -Dbench.duration="$step_s" io.gatling.app.Gatling -s dev.mach.bench.gatling.ConduitSimulation \
          -rf "$file" >"$file.log" 2>&1 || true
        if ((round > 0)); then
          bench_cli gatling-row --tool feed --config "$config" --endpoint "feed-$target" --offered $feed_rate \
            --run "$file" --seconds "$step_s" --round "$round" --out "$measurements" ||
            { log "  feed-$target $config: no Gatling report (see $file.log)"; continue; }
          log "  feed of user$reader ($target authors) $config, round $round: $(tail -1 "$measurements" |
            awk -F'\t' '{printf "%s requests, %s errors, p50 %s ms, p99 %s ms", $5, $7, $9, $11}')"
        fi
        # the pull server keeps working through the connections and requests it had taken in long
        # after Gatling stops; the next run, on either server, shares its core, so it waits for that
        # to end (a run that did not wait measured p99 30 ms for the 5,000-author reader next to it,
        # and the pull server's next Gatling could not even log in). Its in-flight gauge is no
        # guide: it read 0 while the server still burnt the core, so this watches its CPU time.
        wait_until_idle $p
      done
    done <"$work/feed-readers.tsv"
  done
  stop_side
}
feed_and_batch() {
  local on=$side_port off=$((side_port + 1)) round
  [[ " ${configs[*]%%|*} " == *" fan-out-off "* ]] || return 0
  ((batch_only)) || feed_side_by_side
  log "batch requests: 20 reads one by one against one batch of 20, $feed_rounds rounds"
  ((batch_only)) && settle_database
  on_port $on start_mach batch
  # a freshly loaded database gets its timelines built first: the rebuild's statements would
  # otherwise share the server core with the batches being timed
  ((batch_only)) && wait_for_timelines $on
  # warmed like every other server: started cold, its first round measured the JIT (one by one
  # 25.5 ms against 9.3-11.3 ms in the next rounds)
  on_port $on warm_up batch reads
  # and its batch path as well: the reads above never send a batch, so every round measured a batch
  # path still being compiled (batch p50 2.80, 2.10, 2.13, 1.99, 1.86 and 1.42 ms in six rounds,
  # while the twenty reads one by one held at 8.4-10.3 ms)
  on_port $on warm_up_batches
  # round 0 is still not recorded, as in the feed: it is the client's own warm-up
  for round in $(seq 0 "$feed_rounds"); do
    taskset -c $load_core "$java_bin" -cp "$bench_cp" dev.mach.bench.BenchCli batch-compare \
      --base-url "http://127.0.0.1:$on" --articles "$(dataset_articles)" \
      --config all-on --round "$round" --out "$( ((round > 0)) && echo "$measurements" || echo "$work/batch-round-0.tsv")" |
      tee -a "$out/run.log"
  done
  stop_mach
}

# --- the run -------------------------------------------------------------------------------------
ensure_tools
((any_redis)) && redis_check
build
log "plan $plan: $size dataset, configs: $(printf '%s ' "${configs[@]%%|*}")"
((any_redis)) && log "Redis: $redis_url, keys of this run under '$redis_prefix'"
prepare_database
# the dataset as loaded (the runs' write share adds rows; the report states what was loaded)
dataset_counts=$(psql_db -d "$database" -Atc "select (select count(*) from users),
    (select count(*) from articles where slug = 'article-' || id), (select count(*) from tags),
    (select count(*) from favorites), (select count(*) from follows), (select count(*) from comments)" | tr '|' ' ')
pin_postgres $server_core
pin_redis $server_core
set_paths
for c in "${configs[@]}"; do
  IFS='|' read -r name technique args adds <<<"$c"
  # a run of the peaks side by side alone has nothing to measure on its own for any configuration
  if ((side_only)); then
    [[ " $side_names " == *" $name "* ]] ||
      log "config $name: skipped (MACH_BENCH_SIDE_BY_SIDE_ONLY=1 and not in MACH_BENCH_SIDE_CONFIGS)"
    continue
  fi
  # fan-out-off differs from all-on only in the feed, which feed_and_batch measures side by side
  if ((feed_only)) || [[ $name == fan-out-off ]]; then
    continue
  fi
  log "config $name${technique:+ (off: $technique)}${adds:+ (adds: $adds)}"
  drops_indexes "$name" && drop_indexes
  settle_database
  if uses_redis "$args"; then
    log "  deleting $(redis_count) keys under '$redis_prefix' from Redis"
    redis_clear
  fi
  # shellcheck disable=SC2086
  start_mach "$name" $args
  warm_up "$name"
  step_up "$name" read "http://127.0.0.1:$port"
  if [[ " $endpoint_configs " == *" $name "* ]]; then
    for endpoint in $endpoint_runs; do step_up "$name" "$endpoint" "http://127.0.0.1:$port"; done
  fi
  response_sizes "$name"
  # a side-by-side configuration's plain peaks of $side_endpoints are its one-client runs side by
  # side (below), so every run of those cells alternated with the other configurations' runs
  if [[ " $side_names " == *" $name "* ]]; then
    wrk_all "$name" "$side_endpoints"
  else
    wrk_all "$name"
  fi
  # counted while Mach runs: the limiter's buckets expire from Redis seconds after their last use
  # (the side-by-side configurations count again after their peaks side by side)
  if uses_redis "$args"; then
    redis_keys[$name]=$(redis_count)
    log "  Redis held ${redis_keys[$name]} keys under '$redis_prefix'$( ((redis_keys[$name])) || echo ': the server did not use Redis')"
  fi
  if [[ $name == all-on ]]; then
    ceiling
  fi
  stop_mach
  uses_redis "$args" && redis_clear
  drops_indexes "$name" && create_indexes
done
# the peaks side by side come last: their configurations' servers run at once, so each is started
# again for them, alone in a run of MACH_BENCH_SIDE_BY_SIDE_ONLY=1
((feed_only)) || side_by_side
feed_and_batch
if [[ -n ${MACH_BENCH_PEER_URL:-} ]]; then
  log "peer $MACH_BENCH_PEER_URL"
  step_up peer read "$MACH_BENCH_PEER_URL"
  for endpoint in $endpoint_runs; do step_up peer "$endpoint" "$MACH_BENCH_PEER_URL"; done
fi
write_meta
# Gatling's HTML reports of the baseline's read mix go with the report (the rest stay in work/)
mkdir -p "$out/gatling"
cp -r "$work/gatling/all-on/read" "$out/gatling/" 2>/dev/null || true
bench_cli report --dir "$out"
log "report: $out/report.md"
