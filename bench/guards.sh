#!/usr/bin/env bash
# What each guard and wrapper of the compiled SQL costs: pgbench -n -M prepared on the seeded bench
# database, per read (Q1, Q2, Q3 and the extra reads in bench/workloads/guards/), the hand-written
# floor, relgraph's compiled statement as the compiler writes it, and the compiled statement with ONE
# guard or wrapper removed (each file's first line says which), INTERLEAVED: every round runs every
# variant once, in a rotated order, so a machine whose load varies (other builds) hits all alike.
# Reports the median tps per variant, its ratio to the floor and to the compiled statement, and the
# load (uptime) before and after; first it checks that every variant returns the compiled statement's
# JSON (the floor: the same values in the same order, its keys differ; files whose first line says
# "changes the answer" are reported, not failed). A line "-- pgoptions: -c name=value" in a file sets
# that variant's session settings (PGOPTIONS), for variants that change a setting, not the SQL.
#
#   bench/guards.sh                       # all reads, 5 rounds x 5 s per variant
#   READS="q1 q3" ROUNDS=7 DURATION=5 bench/guards.sh
#   PGPORT=29532 KEEP=1 bench/guards.sh   # KEEP=1: use (and leave running) a server already seeded there
#
# Options (environment): READS (default: every prefix in bench/workloads/guards), FILTER (a regular
# expression the variants' file names must match; keep the floor and the compiled statement, -0- and -1-:
# FILTER='^q1-(0|1|2)-'), ROUNDS=5,
# DURATION=5, CLIENTS=16, THREADS=2, PGPORT=29532, BENCH_DIR=/tmp/relgraph-guards, KEEP=0,
# OUT=$BENCH_DIR/guards.md (the markdown table; bench/guards-results.md is written by hand from it).
# Needs pgbench, psql, jq, xxd; without KEEP, target/quarkus-app (./mvnw package -DskipTests) for the
# PostgreSQL binaries and the schema's migrations (bench/postgres.sh, as bench/run does).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}; DURATION=${DURATION:-5}; CLIENTS=${CLIENTS:-16}; THREADS=${THREADS:-2}
PGPORT=${PGPORT:-29532}; DIR=${BENCH_DIR:-/tmp/relgraph-guards}; KEEP=${KEEP:-0}; APP_PORT=${APP_PORT:-8095}
G=bench/workloads/guards
READS=${READS:-$(ls $G/*.sql | xargs -n1 basename | cut -d- -f1 | sort -u | xargs)}
OUT=${OUT:-$DIR/guards.md}
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGDATABASE=postgres PGOPTIONS="-c client_min_messages=warning"
mkdir -p "$DIR"

if [ "$KEEP" != 1 ]; then
  echo "== PostgreSQL on $PGPORT, schema (relgraph's migrations), seed"
  trap 'bench/postgres.sh stop "$DIR/pg"' EXIT
  bench/postgres.sh seeded "$PGPORT" "$DIR/pg" "$APP_PORT"
fi

# the JSON a variant returns for the ids given (bytea as hex is decoded); one line per id
answer() { # file ids...
  local f=$1; shift
  for id in "$@"; do
    grep -v '^\\set id ' "$f" | psql -X -qAt -v ON_ERROR_STOP=1 -v id="$id" -f - 2>&1 | tr -d '\n' \
      | { read -r out || true; if [[ $out == '\x'* ]]; then printf '%s' "${out#\\x}" | xxd -r -p; else printf '%s' "$out"; fi; }
    echo
  done
}
values() { jq -c '[paths(scalars) as $p | getpath($p)]'; } # leaf values in order, keys ignored
ids_for() { case $1 in q2) echo "12345 1 99999";; *) echo "1 500 1000";; esac; }

declare -A TPS
VARIANTS=()
echo "== checking answers"
for q in $READS; do
  files=(); for f in $G/$q-*.sql; do [[ $(basename "$f") =~ ${FILTER:-.} ]] && files+=("$f"); done; compiled=$G/$q-1-compiled.sql
  ref=$(answer "$compiled" $(ids_for $q))
  for f in "${files[@]}"; do
    VARIANTS+=("$f")
    [ "$f" = "$compiled" ] && continue
    got=$(answer "$f" $(ids_for $q))
    if [ "$got" = "$ref" ]; then verdict="same JSON"
    elif [ "$(echo "$got" | values 2>/dev/null)" = "$(echo "$ref" | values)" ]; then verdict="same values, other keys"
    elif head -1 "$f" | grep -q 'changes the answer'; then verdict="DIFFERENT JSON (on purpose, see its first line)"
    else verdict="DIFFERENT JSON"; echo "   $f: $verdict"; echo "$got" | head -c 600; echo; echo "$ref" | head -c 600; echo; fi
    echo "   $(basename "$f"): $verdict"
  done
done

LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
echo "== ${#VARIANTS[@]} variants, $ROUNDS rounds x $DURATION s, load before: $LOAD_BEFORE"
n=${#VARIANTS[@]}
for r in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((n - 1))); do
    f=${VARIANTS[$(( (i + r - 1) % n ))]} # each round starts one variant later
    t=$(PGOPTIONS="$PGOPTIONS $(sed -n 's/^-- pgoptions: //p' "$f")" pgbench -n -M prepared -c "$CLIENTS" -j "$THREADS" -T "$DURATION" -f "$f" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p' || true)
    TPS[$f]="${TPS[$f]:-} ${t:-0}"
  done
  echo "   round $r done, load $(uptime | sed 's/.*load average: //')"
done
LOAD_AFTER=$(uptime | sed 's/.*load average: //')

median() { tr ' ' '\n' | awk NF | sort -n | awk '{a[NR] = $1} END {if (NR) print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
{
  echo "$(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)) · $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) · PostgreSQL $(psql -qAt -c 'show server_version') · pgbench -n -M prepared -c $CLIENTS -j $THREADS, $ROUNDS rounds x $DURATION s interleaved"
  echo
  echo "load average before: $LOAD_BEFORE; after: $LOAD_AFTER"
  echo
  echo "| variant | what is removed | median tps | ratio to floor | ratio to compiled | tps per round |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for q in $READS; do
    floor=$(echo "${TPS[$G/$q-0-floor.sql]:-}" | median); comp=$(echo "${TPS[$G/$q-1-compiled.sql]}" | median)
    for f in $G/$q-*.sql; do
      [ -n "${TPS[$f]:-}" ] || continue
      m=$(echo "${TPS[$f]}" | median)
      what=$(head -1 "$f" | sed 's/^-- *//; s/|/\\|/g')
      printf '| %s | %s | %.0f | %s | %.2f× | %s |\n' "$(basename "$f" .sql)" "$what" "$m" \
        "$( [ -n "$floor" ] && awk -v a="$m" -v b="$floor" 'BEGIN {printf "%.2f×", a / b}' || echo -)" \
        "$(awk -v a="$m" -v b="$comp" 'BEGIN {print a / b}')" "$(echo "${TPS[$f]}" | xargs | awk '{for (i = 1; i <= NF; i++) printf "%s%.0f", (i > 1 ? " " : ""), $i}')"
    done
  done
} > "$OUT"
cat "$OUT"
