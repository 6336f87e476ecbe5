#!/usr/bin/env bash
# Subscriptions under load: N WebSocket subscribers (graphql-transport-ws) of linkChanged on one
# instance of the packaged jar while R updateLink mutations a second run for T s. Measures events
# delivered and lost (every acknowledged update must reach every subscriber), delivery latency (from
# the mutation being sent to the event being read by the subscriber), the JVM's CPU time and RSS, then
# writes the "Subscriptions" section of bench/RESULTS.md. Needs Node 20 (the client,
# bench/subscriptions.mjs; the `ws` package is installed into bench/node_modules on first use).
# About 4 minutes.
# Settings: CONFIGS="1000x200x30 1000x5x30" (N x R x T, each on a fresh JVM)
#           PGPORT=55491 APP_PORT=8193 JAVA_OPTS=...
set -euo pipefail
cd "$(dirname "$0")/.."
# the issue's load, and one this machine sustains
CONFIGS=${CONFIGS:-"1000x200x30 1000x5x30"}
PGPORT=${PGPORT:-55491}
APP_PORT=${APP_PORT:-8193}
JAVA_OPTS=${JAVA_OPTS:-"-Xms64m -Xmx256m -XX:+UseParallelGC"}
PGDIR=${PGDIR:-/tmp/relgraph-bench-subscriptions-pg}
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
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

# One configuration on a fresh JVM: prints one row of the results table (the client's JSON on stderr).
run() {
  local subs=$1 rate=$2 duration=$3
  DB_URL="postgresql://127.0.0.1:$PGPORT/postgres" DB_USER=postgres DB_PASSWORD= \
    java $JAVA_OPTS -Dquarkus.http.port=$APP_PORT -Dquarkus.log.level=WARN -Drelgraph.auth.dir="$PGDIR-auth" \
    -jar target/quarkus-app/quarkus-run.jar > /tmp/relgraph-bench-subscriptions.log 2>&1 &
  app=$!
  until curl -sf -o /dev/null "localhost:$APP_PORT/q/health/ready"; do sleep 0.2; done
  # the writer's mutations need a token: the admin token the application made in its key directory
  export TOKEN; TOKEN=$(cat "$PGDIR-auth/admin.token")
  local idle; idle=$(rss $app)
  echo 0 > /tmp/relgraph-bench-subscriptions.rss
  # the largest RSS seen while the clients are connected
  ( max=0; while kill -0 $app 2>/dev/null; do r=$(rss $app 2>/dev/null || echo 0); [ "$r" -gt "$max" ] && max=$r && echo "$max" > /tmp/relgraph-bench-subscriptions.rss; sleep 1; done ) &
  sampler=$!
  local cpu_before; cpu_before=$(cpu $app)
  local result; result=$(URL="http://127.0.0.1:$APP_PORT" SUBSCRIBERS=$subs RATE=$rate SECONDS=$duration node bench/subscriptions.mjs)
  local cpu_used; cpu_used=$(awk -v a="$(cpu $app)" -v b="$cpu_before" 'BEGIN {printf "%.0f", a - b}')
  local after; after=$(rss $app)
  local peak; peak=$(cat /tmp/relgraph-bench-subscriptions.rss)
  kill $app; wait $app 2>/dev/null || true; app=""
  kill $sampler 2>/dev/null || true; sampler=""
  echo "$result" >&2
  echo "| $subs × $rate/s × ${duration} s | $(field "$result" sent) / $(field "$result" acknowledged) | $(field "$result" expected) | $(field "$result" delivered) | $(field "$result" lost) | $(field "$result" duplicates) | $(field "$result" p50ms) | $(field "$result" p99ms) | $(field "$result" maxMs) | $(field "$result" overflows) | $cpu_used | $idle / $peak / $after |"
}

rows=""
for config in $CONFIGS; do
  IFS=x read -r subs rate duration <<< "$config"
  rows+="$(run "$subs" "$rate" "$duration")"$'\n'
done

machine="$(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)) · $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) · load average before the run: $LOAD · $(java -version 2>&1 | head -1) · Node $(node --version) · JAVA_OPTS=\`$JAVA_OPTS\` · \`bench/subscriptions.sh\`"
section="## Subscriptions

$machine

Each row: a fresh JVM of the packaged jar on an external PostgreSQL 17 (same machine); N WebSocket clients
(graphql-transport-ws, Node \`ws\`, in 2 worker threads), each with one \`linkChanged(departmentId)\`
subscription selecting \`kind employeeId extraData\`; a writer sends R \`updateLink\` mutations a second
for T s over HTTP, in turn over 200 links of that department. Every acknowledged update must reach
every subscriber: lost = expected - delivered, counted at most 10 s after the last update. Latency:
from sending the mutation to the subscriber reading the event (one clock). JVM CPU: CPU seconds the
server used during the client's run (seeding 200 links, subscribing, writing, delivering).

| N × R × T | updates sent / acknowledged | events expected | delivered | lost | duplicates | p50 ms | p99 ms | max ms | subscriptions ended (overflow) | JVM CPU s | RSS idle / peak / after MiB |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows}"

# replace the Subscriptions section of RESULTS.md (from its heading to the next "## " or the end)
SECTION="$section" node -e '
const fs = require("fs");
const file = "bench/RESULTS.md";
const text = fs.readFileSync(file, "utf8");
const start = text.indexOf("\n## Subscriptions\n");
let out;
if (start < 0) {
  out = text.replace(/\n*$/, "\n\n") + process.env.SECTION;
} else {
  const next = text.indexOf("\n## ", start + 1);
  out = text.slice(0, start + 1) + process.env.SECTION + (next < 0 ? "" : text.slice(next));
}
fs.writeFileSync(file, out);
'
echo "$section"
