#!/usr/bin/env bash
# Checks Mach's shipped monitoring against a real Mach and a real Prometheus:
#   1. installs Prometheus (and promtool) from Debian's packages when missing;
#   2. `promtool check config` on ops/prometheus/prometheus.yml and `promtool check rules` on
#      ops/prometheus/alerts.yml;
#   3. builds the jar and starts Mach on the embedded H2 default (or uses the Mach whose Actuator
#      URL is given), and sends it a few requests;
#   4. runs Prometheus in the background with the shipped scrape job and alert rules, pointed at
#      that Mach, and queries metrics through Prometheus's HTTP API: any query that returns
#      nothing fails the check.
#
#   ops/check-monitoring.sh                          # build, start Mach, check
#   ops/check-monitoring.sh http://127.0.0.1:8081    # an already running Mach's Actuator port
#
# Ports (all on 127.0.0.1): MACH_CHECK_API_PORT (18580), MACH_CHECK_MANAGEMENT_PORT (18581),
# MACH_CHECK_PROMETHEUS_PORT (18590). MACH_CHECK_SKIP_BUILD=1 uses the jar already built.
# Everything it starts is stopped when it ends; its files are in a temporary folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
api_port=${MACH_CHECK_API_PORT:-18580}
management_port=${MACH_CHECK_MANAGEMENT_PORT:-18581}
prometheus_port=${MACH_CHECK_PROMETHEUS_PORT:-18590}
mach_url=${1:-}
work=$(mktemp -d -t mach-monitoring.XXXXXX)
mach_pid=
prometheus_pid=

say() { printf '== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
cleanup() {
  local status=$?
  set +e
  if [[ -n $prometheus_pid ]]; then kill "$prometheus_pid" 2>/dev/null; wait "$prometheus_pid" 2>/dev/null; fi
  if [[ -n $mach_pid ]]; then kill "$mach_pid" 2>/dev/null; wait "$mach_pid" 2>/dev/null; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

# --- 1. Prometheus from Debian's packages ----------------------------------------------------------
if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then
  say "installing prometheus (Debian package; brings promtool)"
  [[ $(id -u) == 0 ]] || fail "installing packages needs root (or install 'prometheus' first)"
  # keep the package's init script from starting a Prometheus service of its own
  created_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    created_policy=1
  fi
  apt-get update -q >"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log"; fail "apt-get update"; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus \
    >>"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log"; fail "apt-get install prometheus"; }
  [[ $created_policy == 1 ]] && rm -f /usr/sbin/policy-rc.d
fi
prometheus --version 2>&1 | head -1

# --- 2. promtool --------------------------------------------------------------------------------
say "promtool check config ops/prometheus/prometheus.yml"
promtool check config "$root/ops/prometheus/prometheus.yml" || fail "promtool check config"
say "promtool check rules ops/prometheus/alerts.yml"
promtool check rules "$root/ops/prometheus/alerts.yml" || fail "promtool check rules"

# --- 3. Mach ------------------------------------------------------------------------------------
if [[ -z $mach_url ]]; then
  # shellcheck source=../.mvn/select-jdk.sh
  . "$root/.mvn/select-jdk.sh"
  if [[ ${MACH_CHECK_SKIP_BUILD:-0} != 1 ]]; then
    say "building the jar"
    (cd "$root" && ./mvnw -B -q -pl server -DskipTests package) >"$work/build.log" 2>&1 \
      || { tail -30 "$work/build.log"; fail "build"; }
  fi
  jar=$(ls "$root"/server/target/mach-*.jar | grep -v '\.original$' | head -1)
  say "starting Mach on the H2 default (API :$api_port, Actuator :$management_port)"
  "$JAVA_HOME/bin/java" -jar "$jar" --server.port="$api_port" \
    --management.server.port="$management_port" --mach.data-dir="$work/data" \
    --mach.observability.access-log.path="$work/access.log" >"$work/mach.log" 2>&1 &
  mach_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$api_port/readyz" >/dev/null && break
    kill -0 "$mach_pid" 2>/dev/null || { tail -30 "$work/mach.log"; fail "Mach did not start"; }
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$api_port/readyz" >/dev/null || fail "Mach did not become ready"
  mach_url=http://127.0.0.1:$management_port
  api=http://127.0.0.1:$api_port/api
  say "sending requests"
  json='Content-Type: application/json'
  token=$(curl -sf -X POST "$api/users" -H "$json" \
    -d '{"user":{"username":"monitor","email":"monitor@example.test","password":"monitoring"}}' \
    | sed -E 's/.*"token":"([^"]+)".*/\1/')
  curl -sf -X POST "$api/articles" -H "$json" -H "Authorization: Token $token" \
    -d '{"article":{"title":"Watching","description":"d","body":"b","tagList":["ops"]}}' >/dev/null
  for _ in 1 2 3; do
    for path in articles articles/watching articles/watching/comments tags profiles/monitor; do
      curl -s -o /dev/null "$api/$path"
    done
  done
  curl -s -o /dev/null -H "Authorization: Token $token" "$api/articles/feed"
  curl -s -o /dev/null "$api/articles/no-such-article"
  curl -s -o /dev/null "$api/no/such/path"
  printf 'access log lines so far: %s\n' "$(wc -l <"$work/access.log" 2>/dev/null || echo 0)"
fi
mach_url=${mach_url%/}
curl -sf "$mach_url/actuator/prometheus" >/dev/null || fail "no metrics at $mach_url/actuator/prometheus"
target=${mach_url#*://}

# --- 4. Prometheus with the shipped job and rules, against that Mach -----------------------------
# The shipped file, with the target replaced by this Mach and intervals short enough for a check.
sed -e "s#\"127.0.0.1:8081\"#\"$target\"#" \
  -e 's#scrape_interval: 15s#scrape_interval: 1s#' \
  -e 's#evaluation_interval: 15s#evaluation_interval: 1s#' \
  -e 's#scrape_timeout: 10s#scrape_timeout: 1s#' \
  -e "s#- alerts.yml#- $root/ops/prometheus/alerts.yml#" \
  "$root/ops/prometheus/prometheus.yml" >"$work/prometheus.yml"
promtool check config "$work/prometheus.yml" >/dev/null || fail "promtool check config (check copy)"
say "starting Prometheus on :$prometheus_port, scraping $target"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
prom=http://127.0.0.1:$prometheus_port
for _ in $(seq 1 60); do
  curl -sf "$prom/-/ready" >/dev/null && break
  kill -0 "$prometheus_pid" 2>/dev/null || { tail -20 "$work/prometheus.log"; fail "Prometheus did not start"; }
  sleep 0.5
done

# query EXPR: prints each series as labels => value; fails when the result is empty
query() {
  local expr=$1 body
  body=$(curl -sf "$prom/api/v1/query" --data-urlencode "query=$expr") || fail "query $expr"
  python3 - "$expr" "$body" <<'PY' || exit 1
import json, sys
expr, body = sys.argv[1], json.loads(sys.argv[2])
series = body.get("data", {}).get("result", [])
if body.get("status") != "success" or not series:
    print(f"FAILED: no data for {expr}: {body}", file=sys.stderr)
    sys.exit(1)
print(f"{expr}")
for s in series[:8]:
    labels = ",".join(f'{k}="{v}"' for k, v in sorted(s["metric"].items()) if k not in ("job", "instance"))
    print(f"    {{{labels}}} => {s['value'][1]}")
if len(series) > 8:
    print(f"    ... {len(series)} series")
PY
}

say "waiting for scrapes"
for _ in $(seq 1 30); do
  up=$(curl -sf "$prom/api/v1/query" --data-urlencode 'query=up{job="mach"}' \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")')
  [[ $up == 1 ]] && break
  sleep 1
done
[[ $up == 1 ]] || { tail -20 "$work/prometheus.log"; fail "Prometheus could not scrape $target"; }
# rate() needs two scrapes after the traffic; the rules need an evaluation
sleep 4
if [[ -n $mach_pid ]]; then
  for _ in 1 2 3; do curl -s -o /dev/null "$api/articles/watching"; curl -s -o /dev/null "$api/tags"; done
  sleep 3
fi

say "queries through Prometheus's HTTP API"
query 'up{job="mach"}'
query 'sum by (method, uri, status) (http_server_requests_seconds_count{job="mach"})'
query 'histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{job="mach"}[1m])))'
query 'sum by (route, result) (mach_cache_requests_total{job="mach",result=~"hit|miss"})'
query 'sum by (policy, result) (mach_ratelimit_decisions_total{job="mach"})'
query 'hikaricp_connections_active{job="mach"} + hikaricp_connections_idle{job="mach"}'
query 'hikaricp_connections_max{job="mach"}'
query 'sum by (type) (mach_sql_statements_seconds_count{job="mach"})'
query 'sum by (method, uri) (mach_request_sql_statements_sum{job="mach"}) / sum by (method, uri) (mach_request_sql_statements_count{job="mach"})'
query 'sum by (area) (jvm_memory_used_bytes{job="mach"})'
query 'jvm_threads_virtual_live_threads{job="mach"}'
query 'mach:http_requests:rate5m'

say "rule groups loaded by Prometheus"
curl -sf "$prom/api/v1/rules" | python3 -c '
import json, sys
groups = json.load(sys.stdin)["data"]["groups"]
bad = [r["name"] for g in groups for r in g["rules"] if r.get("health") != "ok"]
for g in groups:
    name, rules = g["name"], g["rules"]
    print(f"    {name}: {len(rules)} rules, health ok")
if not groups or bad:
    print(f"FAILED: rules not loaded or unhealthy: {bad}", file=sys.stderr)
    sys.exit(1)
'
say "monitoring check passed"
