#!/usr/bin/env bash
# What one refresh of the row estimate costs on the bench data: the statement RowEstimates runs at
# start and every relgraph.estimate.refresh-interval (io.relgraph.estimate.SizedList.statement, the lists of the relational model),
# timed by psql on a PostgreSQL seeded by bench/seed.sql (1,000 departments, 100,000 employees,
# 300,000 links, 10,000 users, 100,000 posts, 20,000 addresses), plus the plan. Appends to
# bench/estimate-refresh-results.md.
#
#   PGURL=postgresql://postgres@127.0.0.1:5432/postgres bench/estimate-refresh.sh
#
# It creates (and drops at the end) the database relgraph_estimate_bench on that server.
set -euo pipefail
cd "$(dirname "$0")/.."
ADMIN_URL=${PGURL:-postgresql://postgres@127.0.0.1:5432/postgres}
DB=relgraph_estimate_bench
URL=${ADMIN_URL%/*}/$DB
RUNS=${RUNS:-9}
OUT=bench/estimate-refresh-results.md

psql "$ADMIN_URL" -q -c "drop database if exists $DB" -c "create database $DB"
trap 'psql "$ADMIN_URL" -q -c "drop database if exists $DB"' EXIT
psql "$URL" -q -v ON_ERROR_STOP=1 -f src/main/resources/db/migration/V1__schema.sql
psql "$URL" -q -f bench/seed.sql >/dev/null
# the model of V1__schema.sql without a database (io.relgraph.model.V1Catalog, test code that CatalogFactsTest holds to the catalog)
[ -d target/test-classes/io/relgraph/model ] || ./mvnw -q test-compile
SQL=$(echo 'import io.relgraph.estimate.SizedList; System.out.println(SizedList.statement(SizedList.of(io.relgraph.model.V1Catalog.model()), 1000))' \
  | jshell --class-path "target/classes:target/test-classes:$(find ~/.m2/repository/com/graphql-java/graphql-java -name 'graphql-java-*.jar' | grep -v sources | head -1)" - 2>/dev/null | grep '^select')
[ -n "$SQL" ] || { echo "could not write the statement (jshell)"; exit 1; }

times=()
for i in $(seq 1 "$RUNS"); do
  t=$(psql "$URL" -qAt -c '\timing on' -c "$SQL" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
  times+=("$t")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
min=$(echo "$sorted" | head -1)
max=$(echo "$sorted" | tail -1)
values=$(psql "$URL" -qAt -F ' ' -c "$SQL")
plan=$(psql "$URL" -qAt -c "explain (analyze, buffers, costs off, timing off) $SQL")

{
  echo "## $(date -u '+%Y-%m-%d %H:%M UTC') on $(hostname) ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)), $(psql "$URL" -qAt -c 'show server_version')"
  echo
  echo "One refresh of the row estimate on the bench data, $RUNS runs: median **$median ms** (min $min, max $max)."
  echo "Measured lengths (departments, employees, employees by name, users, links, links per department,"
  echo "per employee, per extraData, posts per user, addresses per user; capped at 1,001): \`$values\`"
  echo
  echo '```'
  echo "$plan"
  echo '```'
  echo
} >> "$OUT"
tail -n 40 "$OUT"
