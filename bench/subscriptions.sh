#!/usr/bin/env bash
# Subscriptions under load, on one instance of the packaged jar and an external PostgreSQL 17:
# - events: N WebSocket subscribers (graphql-transport-ws) of linkChanged, all with the same
#   selection, while R updateLink mutations a second run for T s. Measures events delivered and lost
#   (every acknowledged update must reach every subscriber), delivery latency (from the mutation being
#   sent to the event being read by the subscriber), events answered by the server, the JVM's CPU time
#   and RSS; writes the "Subscriptions" section of bench/RESULTS.md.
# - live: N subscribers, each with one live query of Q1's shape over D departments (D distinct
#   queries), while R updateLink mutations a second for T s spread over those departments. Measures the
#   latency from a mutation to a subscriber reading an answer that contains it, whether any subscriber's
#   last answer differs from a fresh query at the end (stale), statements per write
#   (relgraph_live_runs_total), the JVM's CPU time and RSS; writes the "Live queries" section.
# Each configuration runs on a fresh JVM. Needs Node 20 (the client, bench/subscriptions.mjs; the `ws`
# package is installed into bench/node_modules on first use). About 2 minutes per configuration when
# the instance keeps up, 10 when it is overloaded.
# Settings: EVENTS="1000x200x30 1000x5x30" (N x R x T)   LIVE="1000x50x200x30" (N x D x R x T)
#           (an empty list skips that kind and leaves its section of RESULTS.md as it is)
#           MIN_INTERVAL=250ms PGPORT=29491 APP_PORT=8193 APP_DIR=target/quarkus-app JAVA_OPTS=... BENCH_LOG=/tmp/...log
set -euo pipefail
cd "$(dirname "$0")/.."
# the issue's loads, and one this machine sustains
EVENTS=${EVENTS-"1000x200x30 1000x5x30"}
LIVE=${LIVE-"1000x50x200x30"}
MIN_INTERVAL=${MIN_INTERVAL:-250ms}
PGPORT=${PGPORT:-29491}
APP_PORT=${APP_PORT:-8193}
APP_DIR=${APP_DIR:-target/quarkus-app}
JAVA_OPTS=${JAVA_OPTS:-"-Xms64m -Xmx256m -XX:+UseParallelGC"}
PGDIR=${PGDIR:-/tmp/relgraph-bench-subscriptions-pg}
LOG=${BENCH_LOG:-/tmp/relgraph-bench-subscriptions.log}
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

[ -f "$APP_DIR/quarkus-run.jar" ] || ./mvnw -B -q package -DskipTests
[ -d bench/node_modules/ws ] || npm install --prefix bench --no-save --no-package-lock --silent ws@8.23.0

bench/postgres.sh start "$PGPORT" "$PGDIR"
app=""
sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null || true
  bench/postgres.sh stop "$PGDIR"
  rm -rf "$PGDIR-auth"
}
trap cleanup EXIT

rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
cpu() { awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$1/stat"; }
field() { node -e "const r = JSON.parse(process.argv[1]); console.log(r[process.argv[2]])" "$1" "$2"; }

# One configuration on a fresh JVM: sets $result (the client's JSON), $cpu_used, $idle, $peak, $after.
measure() {
  local kind=$1; shift
  DB_URL="postgresql://127.0.0.1:$PGPORT/postgres" DB_USER=postgres DB_PASSWORD= \
    java $JAVA_OPTS -Dquarkus.http.port=$APP_PORT -Dquarkus.log.level=WARN -Drelgraph.auth.dir="$PGDIR-auth" \
    -Drelgraph.live.min-interval="$MIN_INTERVAL" -jar "$APP_DIR/quarkus-run.jar" > "$LOG" 2>&1 &
  app=$!
  until curl -sf -o /dev/null "localhost:$APP_PORT/q/health/ready"; do sleep 0.2; done
  # the writer's mutations need a token: the admin token the application made in its key directory
  export TOKEN; TOKEN=$(cat "$PGDIR-auth/admin.token")
  idle=$(rss $app)
  echo 0 > "$LOG.rss"
  # the largest RSS seen while the clients are connected
  ( max=0; while kill -0 $app 2>/dev/null; do r=$(rss $app 2>/dev/null || echo 0); [ "${r:-0}" -gt "$max" ] && max=$r && echo "$max" > "$LOG.rss"; sleep 1; done ) &
  sampler=$!
  local cpu_before; cpu_before=$(cpu $app)
  result=$(env URL="http://127.0.0.1:$APP_PORT" KIND=$kind "$@" node bench/subscriptions.mjs)
  cpu_used=$(awk -v a="$(cpu $app)" -v b="$cpu_before" 'BEGIN {printf "%.0f", a - b}')
  after=$(rss $app)
  peak=$(cat "$LOG.rss")
  kill $app; wait $app 2>/dev/null || true; app=""
  kill $sampler 2>/dev/null || true; sampler=""
  echo "$result" >&2
}

f() { field "$result" "$1"; }

# replace one section of RESULTS.md (from its heading to the next "## " or the end)
write_section() {
  HEADING="$1" SECTION="$2" node -e '
const fs = require("fs");
const file = "bench/RESULTS.md";
const text = fs.readFileSync(file, "utf8");
const start = text.indexOf("\n## " + process.env.HEADING + "\n");
let out;
if (start < 0) {
  out = text.replace(/\n*$/, "\n\n") + process.env.SECTION;
} else {
  const next = text.indexOf("\n## ", start + 1);
  out = text.slice(0, start + 1) + process.env.SECTION + (next < 0 ? "" : text.slice(next));
}
fs.writeFileSync(file, out);
'
  echo "$2"
}

machine="$(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)) · $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) · load average before the run: $LOAD · $(java -version 2>&1 | head -1) · Node $(node --version) · JAVA_OPTS=\`$JAVA_OPTS\` · \`bench/subscriptions.sh\`"

if [ -n "$EVENTS" ]; then
  rows=""
  for config in $EVENTS; do
    IFS=x read -r subs rate duration <<< "$config"
    measure events SUBSCRIBERS=$subs RATE=$rate SECONDS=$duration
    per_event=$(awk -v c="$cpu_used" -v d="$(f delivered)" 'BEGIN {printf "%.1f", (d > 0 ? c * 1e6 / d : 0)}')
    rows+="| $subs × $rate/s × ${duration} s | $(f sent) / $(f acknowledged) | $(f expected) | $(f delivered) | $(f lost) | $(f duplicates) | $(f answers) | $(f p50ms) | $(f p99ms) | $(f maxMs) | $(f overflows) | $cpu_used | $per_event | $idle / $peak / $after |"$'\n'
  done
  write_section "Subscriptions" "## Subscriptions

$machine

Each row: a fresh JVM of the packaged jar on an external PostgreSQL 17 (same machine); N WebSocket clients
(graphql-transport-ws, Node \`ws\`, in 2 worker threads), each with one \`linkChanged(departmentId)\`
subscription selecting \`kind employeeId extraData\` (one selection, shared); a writer sends R \`updateLink\`
mutations a second for T s over HTTP, in turn over 200 links of that department. Every acknowledged update
must reach every subscriber: lost = expected - delivered, counted at most 10 s after the last update.
Answered: events the server answered (\`relgraph_events_answers_total\`: one per event and distinct
selection, not per subscriber). Latency: from sending the mutation to the subscriber reading the event
(one clock). JVM CPU: CPU seconds the server used during the client's run (seeding 200 links,
subscribing, writing, delivering); per delivered event: that divided by the events delivered.

| N × R × T | updates sent / acknowledged | events expected | delivered | lost | duplicates | answered | p50 ms | p99 ms | max ms | subscriptions ended (overflow) | JVM CPU s | JVM CPU µs per delivered event | RSS idle / peak / after MiB |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows}"
fi

if [ -n "$LIVE" ]; then
  rows=""
  for config in $LIVE; do
    IFS=x read -r subs depts rate duration <<< "$config"
    measure live SUBSCRIBERS=$subs DEPARTMENTS=$depts RATE=$rate SECONDS=$duration
    rows+="| $subs × $depts × $rate/s × ${duration} s | $(f subscribed) / $(f liveQueries) | $(f sent) / $(f acknowledged) | $(f runs) | $(f statementsPerWrite) | $(f messagesSent) | $(f stale) | $(f errors) | $(f p50ms) | $(f p99ms) | $(f maxMs) | $cpu_used | $idle / $peak |"$'\n'
  done
  write_section "Live queries" "## Live queries

$machine · relgraph.live.min-interval=$MIN_INTERVAL

Each row: a fresh JVM of the packaged jar on an external PostgreSQL 17 (same machine); N WebSocket clients
(graphql-transport-ws, Node \`ws\`, in 2 worker threads), client i with one live query of Q1's shape
(\`department(id) { id name employeeLinks(first: 50) { extraData employee { id name } } }\`) on department
i mod D, so D distinct live queries of N / D subscribers each (10 links per department); a writer sends R
\`updateLink\` mutations a second for T s over HTTP, spread over the D departments. Latency: from sending a
mutation to a subscriber reading an answer that contains it (one clock; updates superseded within an
interval are never shown, by design). Stale: subscribers whose last answer, 5 s after the last write,
differs from a fresh query; errors: subscriptions refused or ended with an error (not counted as stale);
subscribed: live subscribers the server held once all had their first message. Statements: live query runs (\`relgraph_live_runs_total\`) during the writes and
the settling, per acknowledged write (the writes' own statements are not counted).

| N × D × R × T | subscribed / live queries | writes sent / acknowledged | live statements | per write | messages sent | stale | errors | p50 ms | p99 ms | max ms | JVM CPU s | RSS idle / peak MiB |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows}"
fi
