#!/usr/bin/env bash
# A persisted query against the same query sent in full: Q1 (bench/workloads/q1.graphql) by wrk at c16 on a
# running relgraph, alternating full text and hash alone (Apollo's persisted queries) ROUNDS times, DURATION each.
# Usage: bench/persisted.sh [http://127.0.0.1:8080]   (ROUNDS=3 DURATION=10s CONNECTIONS=16)
set -euo pipefail
cd "$(dirname "$0")"
URL=${1:-http://127.0.0.1:8080}
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-10s}; CONNECTIONS=${CONNECTIONS:-16}
QUERY_FILE=workloads/q1.graphql
# the text graphql.lua sends: newlines as spaces
TEXT=$(tr '\n' ' ' < "$QUERY_FILE")
HASH=$(printf '%s' "$TEXT" | sha256sum | cut -d' ' -f1)
BODY=$(printf '{"query":%s,"variables":{"id":1},"extensions":{"persistedQuery":{"version":1,"sha256Hash":"%s"}}}' \
  "$(printf '%s' "$TEXT" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')" "$HASH")
curl -sf -H 'Content-Type: application/json' -d "$BODY" "$URL/graphql" | grep -q '"data"' || { echo "registering the hash failed"; exit 1; }
run() { PERSISTED=$1 QUERY_FILE=$QUERY_FILE WORKLOAD=q1 wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s workloads/graphql.lua "$URL" | grep RESULT; }
echo "machine: $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
run "" >/dev/null; run "$HASH" >/dev/null # warm both paths
for i in $(seq 1 "$ROUNDS"); do
  echo "full   $(run "")"
  echo "hash   $(run "$HASH")"
done
