#!/usr/bin/env bash
# Footprint of the packaged application on a fresh JVM, started the way the README says
# (target/quarkus-app/relgraph, the launcher): start to first answer, RSS when idle, RSS after
# 1,000 requests. Usage: bench/footprint.sh DB_URL [JVM options added through JAVA_OPTS...];
# prints a markdown line.
set -euo pipefail
cd "$(dirname "$0")/.."
url=$1; shift
port=${FOOTPRINT_PORT:-8092}
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
t0=$(date +%s%N)
DB_URL=$url DB_USER=${DB_USER:-postgres} DB_PASSWORD=${DB_PASSWORD:-} JAVA_OPTS="$* -Dquarkus.http.port=$port -Dquarkus.log.level=WARN" \
  target/quarkus-app/relgraph > /tmp/relgraph-footprint.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "localhost:$port/graphql" -H 'content-type: application/json' -d '{"query":"{ __typename }"}'; do sleep 0.02; done
start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
sleep 5
idle=$(rss $app)
body='{"query":"query Q1($id: ID!) { department(id: $id) { id name employeeLinks(first: 50) { extraData employee { id name } } } }","variables":{"id":1}}'
for _ in $(seq 1 1000); do printf '%s\n' "$body"; done | xargs -d '\n' -P 4 -I{} curl -sf -o /dev/null "localhost:$port/graphql" -H 'content-type: application/json' -d {}
after=$(rss $app)
echo "- Footprint of a fresh JVM (\`target/quarkus-app/relgraph\`${*:+, JAVA_OPTS=\`$*\`}): start to first answer ${start_ms} ms; RSS idle ${idle} MiB, after 1,000 Q1 requests ${after} MiB"
