#!/usr/bin/env bash
# Checks that each read workload's hand-written floor (bench/workloads/q*.sql, what bench/run measures
# relgraph against) returns exactly the JSON relgraph answers to the same request: the whole response,
# {"data": ...}, both normalized by jq (whitespace only: the keys in their order, the values, the order of
# lists must be the same). Mutations (q4, q4h) are skipped: their floor writes. Exits 1 on a difference.
#
#   bench/floors.sh                              # own PostgreSQL (bench/postgres.sh), schema, seed, relgraph; all stopped after
#   WORKLOADS="q5 q6" bench/floors.sh
#   KEEP=1 PGPORT=29432 APP_PORT=8090 bench/floors.sh   # a seeded server and a relgraph already running there (bench/run does this)
#
# Options (environment): WORKLOADS (default: every bench/workloads/q*.graphql that is a query), PGPORT=29632,
# APP_PORT=8096, BENCH_DIR=/tmp/relgraph-floors, KEEP=0. Needs psql, jq, curl, xxd; without KEEP, target/quarkus-app
# (./mvnw package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${PGPORT:-29632}; APP_PORT=${APP_PORT:-8096}; DIR=${BENCH_DIR:-/tmp/relgraph-floors}; KEEP=${KEEP:-0}
WORKLOADS=${WORKLOADS:-$(for f in bench/workloads/q*.graphql; do grep -q '^query' "$f" && basename "$f" .graphql; done | xargs)}
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGDATABASE=postgres PGOPTIONS="-c client_min_messages=warning"

if [ "$KEEP" != 1 ]; then
  mkdir -p "$DIR"
  echo "== PostgreSQL on $PGPORT, schema (relgraph's migrations), seed, relgraph on $APP_PORT"
  APP=""
  trap '[ -z "$APP" ] || kill $APP 2>/dev/null || true; bench/postgres.sh stop "$DIR/pg"' EXIT
  bench/postgres.sh seeded "$PGPORT" "$DIR/pg" "$APP_PORT"
  DB_URL=postgresql://127.0.0.1:$PGPORT/postgres DB_USER=postgres DB_PASSWORD= \
    JAVA_OPTS="-Dquarkus.http.port=$APP_PORT -Dquarkus.log.level=WARN" target/quarkus-app/relgraph > "$DIR/app.log" 2>&1 &
  APP=$!
  until curl -sf -o /dev/null "localhost:$APP_PORT/graphql" -H 'content-type: application/json' -d '{"query":"{ __typename }"}'; do
    kill -0 $APP 2>/dev/null || { cat "$DIR/app.log"; exit 1; }; sleep 0.2
  done
fi

# the variables bench/workloads/graphql.lua sends, for a few ids (none: the workload has no variables)
ids_for() { case $1 in q1) echo "1 500 1000";; q2) echo "1 12345 99999";; *) echo "-";; esac; }
relgraph() { # workload id
  local vars='{}'; [ "$2" = - ] || vars="{\"id\":$2}"
  jq -n --rawfile q "bench/workloads/$1.graphql" --argjson v "$vars" '{query: $q, variables: $v}' \
    | curl -sf "localhost:$APP_PORT/graphql" -H 'content-type: application/json' --data-binary @- | jq -c .
}
floor() { # workload id (pgbench's \set replaced by psql's -v; a bytea answer decoded)
  grep -v '^\\set ' "bench/workloads/$1.sql" | psql -X -qAt -v ON_ERROR_STOP=1 -v id="$2" -f - | tr -d '\n' \
    | { read -r out || true; if [[ $out == '\x'* ]]; then printf '%s' "${out#\\x}" | xxd -r -p; else printf '%s' "$out"; fi; } | jq -c .
}

failed=0
for w in $WORKLOADS; do
  for id in $(ids_for "$w"); do
    label=$w; [ "$id" = - ] || label="$w id=$id"
    got=$(relgraph "$w" "$id"); want=$(floor "$w" "$id")
    if echo "$got" | jq -e '.errors' >/dev/null; then
      failed=1; echo "   $label: relgraph answered errors: ${got:0:600}"
    elif [ "$got" = "$want" ]; then
      echo "   $label: same JSON ($(printf '%s' "$got" | wc -c) bytes)"
    else
      failed=1
      echo "   $label: DIFFERENT JSON"; echo "     relgraph: ${got:0:600}"; echo "     floor:    ${want:0:600}"
    fi
  done
done
exit $failed
