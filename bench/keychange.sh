#!/usr/bin/env bash
# Times changeDepartmentId on a department with 10,000 links against the raw SQL floor
# (UPDATE department SET id = ... with the same ON UPDATE CASCADE), on the same data.
#
# Needs: psql, a PostgreSQL server (default 127.0.0.1:5432, user postgres; PGHOST/PGPORT/PGUSER
# override), and the packaged jar (./mvnw package -DskipTests). Writes bench/keychange-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
LINKS=${LINKS:-10000}
ROUNDS=${ROUNDS:-5}
PORT=${PORT:-8089}
export PGOPTIONS="-c client_min_messages=warning" PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=relgraph_bench_keychange
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests

psql -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
DB_URL=postgresql://$PGHOST:$PGPORT/$DB DB_USER=$PGUSER DB_PASSWORD= java -Dquarkus.http.port=$PORT -jar "$JAR" > /tmp/relgraph-bench-keychange.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "localhost:$PORT/graphql/schema.graphql" && break; sleep 0.2; done

psql -q -o /dev/null -d $DB <<SQL
insert into department (id, name) overriding system value values (1, 'Big');
insert into employee (name) select 'e' || g from generate_series(1, $LINKS) g;
insert into department_employee_link (department_id, employee_id, extra_data) select 1, id, 'part-time' from employee;
select setval(pg_get_serial_sequence('department', 'id'), 1000000);
analyze;
SQL

gql() {
  curl -s -o /tmp/relgraph-bench-out.json -w '%{time_total}' "localhost:$PORT/graphql" -H 'content-type: application/json' \
    -d "{\"query\":\"mutation { changeDepartmentId(id: $1, newId: $2) { department { id } cascaded { rows } } }\"}"
}
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }

api=(); raw=()
cur=1
for r in $(seq 1 "$ROUNDS"); do
  next=$((cur + 1))
  t=$(gql $cur $next); api+=("$(ms "$t")"); cur=$next
  grep -q "\"rows\":$LINKS" /tmp/relgraph-bench-out.json || { echo "unexpected answer: $(cat /tmp/relgraph-bench-out.json)"; exit 1; }
  next=$((cur + 1))
  t=$(psql -d $DB -qAt -c '\timing on' -c "update department set id = $next where id = $cur" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
  raw+=("$t"); cur=$next
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
API=$(median "${api[@]}"); RAW=$(median "${raw[@]}")
{
  echo "# changeDepartmentId vs raw UPDATE, $LINKS links"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), PostgreSQL $(psql -d $DB -qAt -c 'show server_version')"
  echo
  echo "| what | median of $ROUNDS (ms) | all (ms) |"
  echo "| --- | --- | --- |"
  echo "| changeDepartmentId over GraphQL/HTTP (lock, checks, sequence, UPDATE with cascade, counts, re-read) | $API | ${api[*]} |"
  echo "| raw \`UPDATE department SET id = ...\` in psql (server time) | $RAW | ${raw[*]} |"
} > bench/keychange-results.md
cat bench/keychange-results.md
psql -q -d postgres -c "drop database if exists $DB" 2>/dev/null || true
