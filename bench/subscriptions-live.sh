#!/usr/bin/env bash
# Live queries under load: N WebSocket subscribers (graphql-transport-ws), each with one live query of
# Q1's shape over D departments (D distinct queries), on one instance of the packaged jar, while
# updateLink mutations at R a second for T s spread over those departments. Measures the latency from
# sending a mutation to a subscriber reading an answer that contains it, whether any subscriber's last
# answer differs from a fresh query at the end (stale), statements run per write
# (relgraph_live_runs_total), the JVM's CPU time and RSS, then writes the "Live queries" section of
# bench/RESULTS.md. Needs Node 20 (bench/subscriptions-live.mjs; `ws` is installed into
# bench/node_modules on first use). About 2 minutes per configuration.
# Settings: CONFIGS="1000x50x200x30" (N x D x R x T, each on a fresh JVM)
#           MIN_INTERVAL=250ms PGPORT=29492 APP_PORT=8194 JAVA_OPTS=...
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIGS=${CONFIGS:-"1000x50x200x30"}
MIN_INTERVAL=${MIN_INTERVAL:-250ms}
PGPORT=${PGPORT:-29492}
APP_PORT=${APP_PORT:-8194}
JAVA_OPTS=${JAVA_OPTS:-"-Xms64m -Xmx256m -XX:+UseParallelGC"}
PGDIR=${PGDIR:-/tmp/relgraph-bench-live-pg}
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

run() {
  local subs=$1 depts=$2 rate=$3 duration=$4
  DB_URL="postgresql://127.0.0.1:$PGPORT/postgres" DB_USER=postgres DB_PASSWORD= \
    java $JAVA_OPTS -Dquarkus.http.port=$APP_PORT -Dquarkus.log.level=WARN -Drelgraph.auth.dir="$PGDIR-auth" \
    -Drelgraph.live.min-interval="$MIN_INTERVAL" -jar target/quarkus-app/quarkus-run.jar > /tmp/relgraph-bench-live.log 2>&1 &
  app=$!
  until curl -sf -o /dev/null "localhost:$APP_PORT/q/health/ready"; do sleep 0.2; done
  export TOKEN; TOKEN=$(cat "$PGDIR-auth/admin.token")
  local idle; idle=$(rss $app)
  echo 0 > /tmp/relgraph-bench-live.rss
  ( max=0; while kill -0 $app 2>/dev/null; do r=$(rss $app 2>/dev/null || echo 0); [ "${r:-0}" -gt "$max" ] && max=$r && echo "$max" > /tmp/relgraph-bench-live.rss; sleep 1; done ) &
  sampler=$!
  local cpu_before; cpu_before=$(cpu $app)
  local result; result=$(URL="http://127.0.0.1:$APP_PORT" SUBSCRIBERS=$subs DEPARTMENTS=$depts RATE=$rate SECONDS=$duration node bench/subscriptions-live.mjs)
  local cpu_used; cpu_used=$(awk -v a="$(cpu $app)" -v b="$cpu_before" 'BEGIN {printf "%.0f", a - b}')
  local peak; peak=$(cat /tmp/relgraph-bench-live.rss)
  kill $app; wait $app 2>/dev/null || true; app=""
  kill $sampler 2>/dev/null || true; sampler=""
  echo "$result" >&2
  echo "| $subs × $depts × $rate/s × ${duration} s | $(field "$result" subscribed) / $(field "$result" liveQueries) | $(field "$result" sent) / $(field "$result" acknowledged) | $(field "$result" runs) | $(field "$result" statementsPerWrite) | $(field "$result" messagesSent) | $(field "$result" stale) | $(field "$result" errors) | $(field "$result" p50ms) | $(field "$result" p99ms) | $(field "$result" maxMs) | $cpu_used | $idle / $peak |"
}

rows=""
for config in $CONFIGS; do
  IFS=x read -r subs depts rate duration <<< "$config"
  rows+="$(run "$subs" "$depts" "$rate" "$duration")"$'\n'
done

machine="$(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)) · $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) · load average before the run: $LOAD · $(java -version 2>&1 | head -1) · Node $(node --version) · JAVA_OPTS=\`$JAVA_OPTS\` · relgraph.live.min-interval=$MIN_INTERVAL · \`bench/subscriptions-live.sh\`"
section="## Live queries

$machine

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

SECTION="$section" node -e '
const fs = require("fs");
const file = "bench/RESULTS.md";
const text = fs.readFileSync(file, "utf8");
const start = text.indexOf("\n## Live queries\n");
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
