#!/usr/bin/env bash
# Q1 reads with and without one read replica (issue 18): a primary seeded as bench/run seeds it
# (bench/postgres.sh, bench/seed.sql), a streaming replica of it on the next port, and two instances
# of the packaged application side by side on the same primary: A without DB_READ_URL, B with the
# replica. wrk runs Q1 against A and B in turn (A B A B ..., so that a shared machine's drifting load
# hits both alike); each run's statements are counted on each server (pg_stat_statements, the
# department reads only), so the table shows where the reads went. On one machine a replica adds no
# capacity (it shares the cores): the figure is the cost of routing and probing.
#
# The replica is made PostgreSQL's low-level way (pg_backup_start / a copy / pg_backup_stop in one
# psql session): Debian's pg_basebackup may be older than the server, which it refuses.
#
# Options (environment): DURATION=15 WARMUP=15 CONCURRENCY="16 64" ROUNDS=2 PGPORT=29452 (the replica: +1)
# A_PORT=18194 B_PORT=18195 BENCH_DIR=/tmp/relgraph-replica-bench. Needs wrk and psql (installed with
# apt-get when missing and root). Prints a markdown table (for bench/RESULTS.md, "Replica").
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15}; WARMUP=${WARMUP:-15}; CONCURRENCY=${CONCURRENCY:-"16 64"}; ROUNDS=${ROUNDS:-2}
PGPORT=${PGPORT:-29452}; RPORT=$((PGPORT + 1)); A_PORT=${A_PORT:-18194}; B_PORT=${B_PORT:-18195}
DIR=${BENCH_DIR:-/tmp/relgraph-replica-bench}; LOGS=$DIR.logs
export PGPORT PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres PGOPTIONS="-c client_min_messages=warning"

need() { command -v "$1" >/dev/null || { [ "$(id -u)" = 0 ] && { apt-get update -qq >/dev/null; apt-get install -y -qq "$2" >/dev/null; } || { echo "install $2"; exit 1; }; }; }
need wrk wrk; need psql postgresql-client
[ -x target/quarkus-app/relgraph ] || ./mvnw -B -q package -DskipTests
as_server_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }

A=""; B=""
cleanup() {
  for p in $A $B; do kill "$p" 2>/dev/null || true; done
  [ -d "$DIR/replica" ] && as_server_user "$DIR/bin/bin/pg_ctl" stop -D "$DIR/replica" -m fast -w >/dev/null 2>&1 || true
  bench/postgres.sh stop "$DIR"
}
bench/postgres.sh stop "$DIR"; bench/postgres.sh start "$PGPORT" "$DIR"
trap cleanup EXIT
mkdir -p "$DIR/auth" "$LOGS"
for p in $A_PORT $B_PORT; do ! curl -s -o /dev/null "localhost:$p" || { echo "port $p is taken: set A_PORT / B_PORT"; exit 1; }; done

start_app() { # port [DB_READ_URL] -> pid in $STARTED
  DB_URL=postgresql://127.0.0.1:$PGPORT/postgres DB_USER=postgres DB_PASSWORD= DB_READ_URL=${2:-} \
    JAVA_OPTS="-Dquarkus.http.port=$1 -Dquarkus.log.level=WARN -Drelgraph.auth.dir=$DIR/auth" target/quarkus-app/relgraph \
    > "$LOGS/app-$1.log" 2>&1 &
  STARTED=$!
  until curl -sf -o /dev/null "localhost:$1/graphql" -H 'content-type: application/json' -d '{"query":"{ department(id: 1) { id } }"}'; do
    kill -0 $STARTED 2>/dev/null || { cat "$LOGS/app-$1.log"; exit 1; }
    sleep 0.05
  done
}
echo "== primary on $PGPORT: schema (the application's migrations), seed"
start_app "$A_PORT"; kill $STARTED; wait $STARTED 2>/dev/null || true
[ "$(psql -qAt -c "select to_regclass('department_employee_link') is not null")" = t ] || { echo "no schema after the first start"; cat "$LOGS/app-$A_PORT.log"; exit 1; }
psql -q -o /dev/null -f bench/seed.sql
psql -q -c "create extension if not exists pg_stat_statements"

echo "== replica on $RPORT"
mkdir -p "$DIR/replica"; [ "$(id -u)" = 0 ] && chown 65534:65534 "$DIR/replica"; chmod 700 "$DIR/replica"
psql -q -At <<SQL
\o /dev/null
select pg_create_physical_replication_slot('bench_replica', true);
select pg_backup_start('relgraph bench replica', true);
\! cp -a "$DIR/data/." "$DIR/replica/" && rm -rf "$DIR/replica/pg_wal/"* "$DIR/replica/pg_replslot/"* "$DIR/replica/postmaster.pid" "$DIR/replica/postmaster.opts" "$DIR/replica/server.log" && mkdir -p "$DIR/replica/pg_wal/archive_status"
\o $DIR/backup_label
select labelfile from pg_backup_stop(false);
\o
SQL
cp "$DIR/backup_label" "$DIR/replica/backup_label"
touch "$DIR/replica/standby.signal"
printf "primary_conninfo = 'host=127.0.0.1 port=%s user=postgres'\nprimary_slot_name = 'bench_replica'\n" "$PGPORT" >> "$DIR/replica/postgresql.auto.conf"
[ "$(id -u)" = 0 ] && chown -R 65534:65534 "$DIR/replica"
LC_ALL=C as_server_user "$DIR/bin/bin/pg_ctl" start -w -D "$DIR/replica" -l "$DIR/replica/server.log" -o \
  "-p $RPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$DIR/replica' -c max_connections=200 \
   -c shared_buffers=256MB -c shared_preload_libraries=pg_stat_statements" >/dev/null
target=$(psql -qAt -c "select pg_current_wal_insert_lsn()")
until [ "$(psql -p "$RPORT" -qAt -c "select pg_last_wal_replay_lsn() >= '$target'")" = t ]; do sleep 0.2; done
echo "   streaming, replayed $target"

start_app "$A_PORT"; A=$STARTED
start_app "$B_PORT" "postgresql://127.0.0.1:$RPORT/postgres"; B=$STARTED

gql_run() { # port concurrency duration -> RESULT line
  QUERY_FILE=bench/workloads/q1.graphql WORKLOAD=q1 wrk -t2 -c"$2" -d"$3"s --timeout 10s -s bench/workloads/graphql.lua \
    "http://127.0.0.1:$1" | grep '^RESULT'
}
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
reads() { psql -p "$1" -qAt -c "select coalesce(sum(calls),0) from pg_stat_statements where query ilike '%department%' and query not ilike '%pg_stat_statements%'"; }
TICK=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' /proc/$1/stat; }

echo "== warm-up ${WARMUP} s each"
gql_run "$A_PORT" 16 "$WARMUP" >/dev/null; gql_run "$B_PORT" 16 "$WARMUP" >/dev/null
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
ROWS=""
for round in $(seq 1 "$ROUNDS"); do
  for c in $CONCURRENCY; do
    for app in A B; do
      if [ $app = A ]; then port=$A_PORT; pid=$A; else port=$B_PORT; pid=$B; fi
      p0=$(reads "$PGPORT"); r0=$(reads "$RPORT"); j0=$(ticks "$pid")
      r=$(gql_run "$port" "$c" "$DURATION")
      n=$(field "$r" requests)
      jvm=$(awk -v t="$(( $(ticks "$pid") - j0 ))" -v n="$n" -v k="$TICK" 'BEGIN { printf "%.0f", (n > 0 ? t * 1e6 / k / n : 0) }')
      on_primary=$(( $(reads "$PGPORT") - p0 )); on_replica=$(( $(reads "$RPORT") - r0 ))
      label=$([ $app = A ] && echo "without replica" || echo "with 1 replica")
      row="| $round | $c | $label | $(field "$r" rps) | $(field "$r" p50_ms) | $(field "$r" p99_ms) | $(field "$r" errors) | $on_primary | $on_replica | $jvm |"
      echo "$row"; ROWS+="$row"$'\n'
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
B_METRICS=$(curl -s "localhost:$B_PORT/q/metrics" | grep -E '^relgraph_db_(reads_total|replica_skips_total|replica_lag_seconds|replica_up)' | grep -v ' 0.0$' || true)

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)) · $(java -version 2>&1 | head -1) · PostgreSQL $(psql -qAt -c 'show server_version') · load average before $LOAD_BEFORE, after $LOAD_AFTER"
echo
echo "| round | c | instance | req/s | p50 ms | p99 ms | errors | department statements on the primary | on the replica | JVM CPU µs / request |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf "%s" "$ROWS"
echo
echo "Instance B's replica metrics at the end (non-zero):"
echo
echo '```'
echo "$B_METRICS"
echo '```'
