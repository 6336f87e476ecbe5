#!/usr/bin/env bash
# Start to first answer of the packaged application, started the way the README says
# (target/quarkus-app/relgraph, the launcher): the time from exec to the first GraphQL answer
# (`{ __typename }` would not touch the database, so the probe reads a department), best of N.
#
# Usage: bench/start.sh [external|embedded] [N] [JVM options added through JAVA_OPTS...]
#   external: DB_URL (default postgresql://127.0.0.1:5432/startbench, DB_USER postgres); the
#             database must exist (createdb -h 127.0.0.1 -U postgres startbench); the first run
#             migrates it and is not counted.
#   embedded: a persistent embedded database in a temporary directory, made by an uncounted first run
#             (initdb), then N restarts on it: what a restarted instance pays.
# APP_DIR (default target/quarkus-app) names another packaged copy; JAVA_HOME another Java;
# START_WORK a working directory kept between calls, with WARM=0 (no uncounted first run) to
# interleave two variants run by run (A B A B ...), so that the machine's drifting load hits both.
# Prints one markdown line: every run's wall time and the JVM's CPU time (user + system) until the
# first answer, the best of each, the Java, the machine's load.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-external}; n=${2:-3}; shift $(( $# > 2 ? 2 : $# )) || true
port=${START_PORT:-8093}
app_dir=$(cd "${APP_DIR:-target/quarkus-app}" && pwd)   # another packaged copy to compare
url=${DB_URL:-postgresql://127.0.0.1:5432/startbench}
if [ -n "${START_WORK:-}" ]; then   # a kept working directory (key pair, embedded data): runs of several calls alike
  work=$START_WORK; mkdir -p "$work"
else
  work=$(mktemp -d /tmp/relgraph-start.XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi
probe='{"query":"{ department(id: 1) { id } }"}'
one() {
  local t0 ms app
  t0=$(date +%s%N)
  if [ "$kind" = external ]; then
    (cd "$work" && DB_URL=$url DB_USER=${DB_USER:-postgres} DB_PASSWORD=${DB_PASSWORD:-} \
      JAVA_OPTS="$* -Dquarkus.http.port=$port" exec "$app_dir/relgraph") > "$work/log" 2>&1 &
  else
    (cd "$work" && JAVA_OPTS="$* -Dquarkus.http.port=$port" exec "$app_dir/relgraph") > "$work/log" 2>&1 &
  fi
  app=$!
  until curl -sf -o "$work/answer" "localhost:$port/graphql" -H 'content-type: application/json' -d "$probe"; do
    kill -0 $app 2>/dev/null || { echo "bench/start.sh: relgraph exited before it answered:" >&2; cat "$work/log" >&2; exit 1; }
    sleep 0.01
  done
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  # the JVM's own CPU time (user + system) up to the first answer: less at the mercy of the machine's load
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$app/stat")
  grep -q '"data"' "$work/answer" || { echo "bench/start.sh: not an answer:" >&2; cat "$work/answer" >&2; exit 1; }
  kill $app; wait $app 2>/dev/null || true
  echo "$ms $cpu"
}
[ "${WARM:-1}" = 0 ] || one "$@" > /dev/null   # migrate / initdb / make the key pair, not counted
times=(); cpus=()
for _ in $(seq 1 "$n"); do
  one "$@" > "$work/run"
  read -r ms cpu < "$work/run"; times+=("$ms"); cpus+=("$cpu")
done
best=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
best_cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | head -1)
java_version=$( (${JAVA_HOME:+$JAVA_HOME/bin/}java -version 2>&1 | head -1) )
echo "- start to first answer, $kind database${*:+, JAVA_OPTS=\`$*\`}: best ${best} ms of ${times[*]} ms (JVM CPU best ${best_cpu} ms of ${cpus[*]}) · $java_version · load $(cut -d' ' -f1-3 /proc/loadavg)"
