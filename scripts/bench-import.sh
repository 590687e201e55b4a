#!/usr/bin/env bash
# Benchmark: a 100,000-row lead sheet imported in production mode (PostgreSQL + Redis) through the HTTP
# API, with the heap capped to show it stays flat (the sheet is streamed, never held whole).
#
#   scripts/bench-import.sh [rows] [heap]        (defaults: 100000 256m)
#
# Prints: rows, seconds for a first import (all new customers) and a second (all updates), rows/s, and
# the peak heap used during the imports (sampled from Actuator every 200 ms).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-100000}
HEAP=${2:-256m}
PORT=${BENCH_PORT:-18089}
DB=baifang_bench
ADMIN_PASSWORD=bench-admin-password
OUT=scripts/out; mkdir -p "$OUT"
SHEET="$OUT/leads-$ROWS.csv"

bash scripts/services.sh start >/dev/null
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB with (force)" -c "create database $DB"
[ -f bot-service/target/bot-service.jar ] || ./mvnw -q -B -DskipTests package
java scripts/GenerateLeadSheet.java "$ROWS" "$SHEET"
echo "sheet: $SHEET ($(du -h "$SHEET" | cut -f1), $ROWS rows)"

SPRING_PROFILES_ACTIVE=prod BAIFANG_DB_NAME=$DB BAIFANG_ADMIN_PASSWORD=$ADMIN_PASSWORD \
BAIFANG_PII_KEY=$(head -c 32 /dev/urandom | base64) \
  java -Xmx"$HEAP" -jar bot-service/target/bot-service.jar --server.port="$PORT" \
  --baifang.customers.lead-sheets.max-upload-size=200MB > "$OUT/bench-import-service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fsS "localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "localhost:$PORT/actuator/health" >/dev/null || { echo "service did not start; see $OUT/bench-import-service.log"; exit 1; }

heap_used() {
  curl -fsS -u "admin:$ADMIN_PASSWORD" "localhost:$PORT/actuator/metrics/jvm.memory.used?tag=area:heap" \
    | sed -E 's/.*"value":([0-9.E+]+).*/\1/'
}

sample_heap() {
  local peak=0
  while kill -0 "$1" 2>/dev/null; do
    local used; used=$(heap_used 2>/dev/null || echo 0)
    peak=$(awk -v a="$peak" -v b="$used" 'BEGIN{print (b>a)?b:a}')
    echo "$peak" > "$OUT/peak-heap"
    sleep 0.2
  done
}

run_import() {
  local label=$1
  curl -sS -u "admin:$ADMIN_PASSWORD" -o "$OUT/report-$label.json" -w '%{time_total}' \
    -F "file=@$SHEET" "localhost:$PORT/api/customers/import" > "$OUT/time-$label" &
  local upload=$!
  echo 0 > "$OUT/peak-heap"
  sample_heap "$upload" &
  local sampler=$!
  wait "$upload"; wait "$sampler" || true
  local seconds; seconds=$(cat "$OUT/time-$label")
  local peak_mb; peak_mb=$(awk '{printf "%.0f", $1/1048576}' "$OUT/peak-heap")
  printf '%-22s %8.2f s  %9.0f rows/s  peak heap %4s MB  report %s\n' "$label" "$seconds" \
    "$(awk -v r="$ROWS" -v s="$seconds" 'BEGIN{print r/s}')" "$peak_mb" "$(head -c 120 "$OUT/report-$label.json")"
}

echo "heap limit: -Xmx$HEAP; PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'show server_version')"
run_import "first (all new)"
run_import "second (all updates)"
