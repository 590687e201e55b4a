#!/usr/bin/env bash
# Benchmark: one campaign to every customer in production mode (PostgreSQL + Redis, contact caps on),
# through the HTTP API, with the heap capped to show it stays flat (recipients live in the database).
#
#   scripts/bench-campaign.sh [customers=1000000] [gateways="simulator twilio"] [heap=512m]
#
# For each gateway, on a fresh database (baifang_bench_campaign):
#   - customers written straight into PostgreSQL (one INSERT … SELECT generate_series: phones +86138…,
#     branches JLP001–JLP004, consent, tags; the import path is benchmarked by bench-import.sh);
#   - the raw PostgreSQL rate of the same number of message rows written in one INSERT … SELECT into a
#     copy of the messages table (its indexes included): the ceiling the campaign is compared with;
#   - the service jar in the prod profile, -Xmx512m, quiet hours off (so it runs at any hour), caps on,
#     counters under a fresh Redis prefix (so they start empty);
#     simulator: profiles prod,simulator and baifang.channels.sms-provider=simulator (the simulated
#     gateway is off in prod unless the `simulator` profile is added);
#     twilio: the Twilio SDK pointed at scripts/FakeTwilio.java on localhost (answers 201 at once);
#   - a visit-invitation campaign to all of them created and started through the API (ratePerSecond
#     100000, the highest allowed), polled until COMPLETED; heap sampled from Actuator every 200 ms;
#   - checked in SQL: every customer has exactly one message of the campaign, no recipient is left open.
# Prints per gateway: messages, seconds, messages/s end to end (start call to COMPLETED), peak heap, the
# raw insert rate and the ratio, and the CPU time per message of the service, of PostgreSQL (the bench
# database's backends) and of Redis, read from /proc before the start call and at COMPLETED.
#
# PostgreSQL: by default a throwaway cluster (initdb into a temporary folder, port BENCH_PG_PORT, 15433)
# started with the settings docker-compose.yml gives production's PostgreSQL (its `-c` flags, read from
# that file) and removed afterwards, so the machine's server is neither used nor changed;
# BENCH_POSTGRES=local runs on the local server of scripts/services.sh as it is configured (on Debian,
# shared_buffers 128MB). BENCH_PG_STATEMENTS=1 (throwaway cluster only) loads pg_stat_statements and prints,
# after each campaign, the statements that took the most time, per message.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
CUSTOMERS=${1:-1000000}
GATEWAYS=${2:-simulator twilio}
HEAP=${3:-512m}
PORT=${BENCH_PORT:-18091}
TWILIO_PORT=${BENCH_TWILIO_PORT:-18092}
BATCH=${BENCH_BATCH_SIZE:-}
DB=baifang_bench_campaign
ADMIN_PASSWORD=bench-admin-password
OUT=scripts/out; mkdir -p "$OUT"
POSTGRES=${BENCH_POSTGRES:-tuned}
PG_PORT=5432
[ "$POSTGRES" = local ] || PG_PORT=${BENCH_PG_PORT:-15433}
PSQL=(env "PGOPTIONS=-c client_min_messages=warning" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
command -v jq >/dev/null || { echo "needs jq"; exit 1; }

bash scripts/services.sh start >/dev/null
[ -f bot-service/target/bot-service.jar ] || ./mvnw -q -B -DskipTests package

SERVICE=; FAKE=; COUNTERS_PREFIX=; PG_DATA=
# production's PostgreSQL settings: the `"-c", "name=value"` pairs of docker-compose.yml
mapfile -t PG_SETTINGS < <(grep -oE '"-c", *"[a-z_]+=[^"]+"' docker-compose.yml | sed -E 's/.*"([a-z_]+=[^"]+)"$/\1/')
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin() { local dir; dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
           echo "${dir:-$(dirname "$(command -v initdb)")}/$1"; }
start_tuned_postgres() {
  PG_DATA=$(mktemp -d /tmp/baifang-bench-pg.XXXXXX)
  [ "$(id -u)" -ne 0 ] || chown postgres "$PG_DATA"
  as_postgres "$(pg_bin initdb)" -D "$PG_DATA" -U postgres -A trust -E UTF8 --no-locale >/dev/null
  local options="-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_DATA"
  for setting in "${PG_SETTINGS[@]}"; do options+=" -c $setting"; done
  [ -z "${BENCH_PG_STATEMENTS:-}" ] || options+=" -c shared_preload_libraries=pg_stat_statements"
  as_postgres "$(pg_bin pg_ctl)" -D "$PG_DATA" -o "$options" -l "$PG_DATA/server.log" -w start >/dev/null
}
stop_tuned_postgres() {
  [ -n "$PG_DATA" ] || return 0
  as_postgres "$(pg_bin pg_ctl)" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DATA"; PG_DATA=
}
# each run counts under a fresh Redis prefix; its keys (one per customer, kept for the longest cap window) are
# removed when the service stops, or a million of them per run would stay and slow every later key scan
forget_counters() {
  [ -n "$COUNTERS_PREFIX" ] && command -v redis-cli >/dev/null || return 0
  redis-cli --scan --pattern "$COUNTERS_PREFIX:*" | xargs -r -n 5000 redis-cli unlink >/dev/null || true
  COUNTERS_PREFIX=
}
cleanup() {
  [ -n "$SERVICE" ] && kill "$SERVICE" 2>/dev/null || true
  [ -n "$FAKE" ] && kill "$FAKE" 2>/dev/null || true
  forget_counters
  stop_tuned_postgres
}
trap cleanup EXIT
[ "$POSTGRES" = local ] || start_tuned_postgres

now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}'; }

fresh_database() {
  "${PSQL[@]}" -c "drop database if exists $DB with (force)" -c "create database $DB"
  [ -z "${BENCH_PG_STATEMENTS:-}" ] || "${PSQL[@]}" -d "$DB" -c "create extension pg_stat_statements"
}

# the statements of the campaign's run that took the most time (execution, waits included), per message
statements_report() {
  [ -n "${BENCH_PG_STATEMENTS:-}" ] || return 0
  "${PSQL[@]}" -d "$DB" -F ' | ' <<SQL
select round((total_exec_time * 1000 / $CUSTOMERS)::numeric, 1) || ' µs', calls,
       left(regexp_replace(query, '\s+', ' ', 'g'), 150)
from pg_stat_statements where dbid = (select oid from pg_database where datname = '$DB')
order by total_exec_time desc limit 20;
SQL
}

# Flyway creates the tables when the service starts; the customers go in afterwards, before the campaign.
generate_customers() {
  "${PSQL[@]}" -d "$DB" <<SQL
insert into customers (id, phone, name, village, branch_code, tags, consent, opted_out, source, collected_on,
                       complete, created_at, updated_at)
select gen_random_uuid(),
       '+86138' || lpad(g::text, 8, '0'),
       (array['王','李','张','刘','陈','杨','赵','黄'])[1 + g % 8] || (array['秀英','建国','桂兰','志强','玉梅','德华'])[1 + g % 6],
       '白市驿镇' || (1 + g % 40) || '村',
       'JLP00' || (1 + g % 4),
       (array['外出务工','种养殖户','外出务工;个体工商户','存款到期'])[1 + g % 4],
       true, false, 'bench', date '2026-01-01' + (g % 300), true, now(), now()
from generate_series(1, $CUSTOMERS) g;
analyze customers;
SQL
}

raw_insert_rate() {
  "${PSQL[@]}" -d "$DB" -c "create table bench_raw_messages (like messages including all)"
  local started; started=$(now)
  "${PSQL[@]}" -d "$DB" <<SQL
insert into bench_raw_messages (id, customer_id, direction, channel, provider, provider_message_id, address,
    template_id, variant_id, text, encoding, segments, cost, currency, status, contact_log_id, campaign_id,
    sent_by, send_attempts, created_at, updated_at)
select gen_random_uuid(), id, 'OUTBOUND', 'SMS', 'simulator', 'SIM' || replace(gen_random_uuid()::text, '-', ''),
       phone, 'visit-invitation', 'A',
       name || '您好！明天我们九龙坡区白市驿支行有存款送米面油活动，到店有礼。请问您明天什么时候过来？直接回复时间就行。',
       'UCS2', 2, 0.1000, 'CNY', 'DELIVERED', gen_random_uuid(), 'bench', 'system', 1, now(), now()
from customers;
SQL
  local took; took=$(seconds_since "$started")
  "${PSQL[@]}" -d "$DB" -c "drop table bench_raw_messages"
  awk -v n="$CUSTOMERS" -v s="$took" 'BEGIN{printf "%.0f", n/s}'
}

start_service() {
  local gateway=$1
  local profiles=prod extra=()
  if [ "$gateway" = simulator ]; then
    profiles=prod,simulator
    extra+=(--baifang.channels.sms-provider=simulator)
  else
    extra+=(--twilio.api-base-url="http://localhost:$TWILIO_PORT" --twilio.account-sid=ACbench00000000000000000000000000
            --twilio.auth-token=bench-token --twilio.from=+8613800000000)
  fi
  [ -n "$BATCH" ] && extra+=(--baifang.campaigns.batch-size="$BATCH")
  COUNTERS_PREFIX="bench-campaign:$(date +%s%N)"
  SPRING_PROFILES_ACTIVE=$profiles BAIFANG_DB_PORT=$PG_PORT BAIFANG_DB_NAME=$DB BAIFANG_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  BAIFANG_PII_KEY=$(head -c 32 /dev/urandom | base64) BAIFANG_CONTACTPOLICY_QUIETHOURS_ENABLED=false \
    java -Xmx"$HEAP" ${BENCH_JAVA_OPTS:-} -jar bot-service/target/bot-service.jar --server.port="$PORT" \
    --baifang.contact-counters-prefix="$COUNTERS_PREFIX" "${extra[@]}" \
    > "$OUT/bench-campaign-$gateway.log" 2>&1 &
  SERVICE=$!
  for _ in $(seq 1 240); do
    curl -fsS "localhost:$PORT/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVICE" 2>/dev/null || break
    sleep 0.5
  done
  echo "service did not start; see $OUT/bench-campaign-$gateway.log"; exit 1
}

stop_service() {
  kill "$SERVICE" 2>/dev/null || true
  wait "$SERVICE" 2>/dev/null || true
  SERVICE=
  forget_counters
}

api() {
  local method=$1 path=$2; shift 2
  curl -sS --fail-with-body -u "admin:$ADMIN_PASSWORD" -X "$method" -H 'Content-Type: application/json' "$@" "localhost:$PORT$path"
}

# committed transactions in the bench database: each autocommit statement is one
transactions() {
  "${PSQL[@]}" -d "$DB" -c "select xact_commit from pg_stat_database where datname = '$DB'"
}

# CPU seconds used so far by the service, by the bench database's backends (the service's pool) and by Redis
cpu_seconds() {
  local service pg redis
  service=$(awk '{printf "%.2f", ($14+$15)/100}' "/proc/$SERVICE/stat" 2>/dev/null || echo 0)
  pg=$("${PSQL[@]}" -c "select pid from pg_stat_activity where datname = '$DB' and pid <> pg_backend_pid()" \
       | while read -r pid; do awk '{print ($14+$15)/100}' "/proc/$pid/stat" 2>/dev/null; done | awk '{s+=$1} END {printf "%.2f", s}')
  redis=$(pgrep -x redis-server | head -1 | xargs -I{} awk '{printf "%.2f", ($14+$15)/100}' /proc/{}/stat 2>/dev/null || echo 0)
  echo "$service $pg $redis"
}

heap_used() {
  curl -fsS -u "admin:$ADMIN_PASSWORD" "localhost:$PORT/actuator/metrics/jvm.memory.used?tag=area:heap" \
    | sed -E 's/.*"value":([0-9.E+]+).*/\1/'
}

sample_heap() {
  local peak=0
  while [ ! -f "$OUT/campaign-done" ]; do
    local used; used=$(heap_used 2>/dev/null || echo 0)
    peak=$(awk -v a="$peak" -v b="$used" 'BEGIN{print (b>a)?b:a}')
    echo "$peak" > "$OUT/peak-heap"
    sleep 0.2
  done
}

run_campaign() {
  local gateway=$1
  local created; created=$(api POST /api/campaigns -d '{"name":"bench 到店有礼","kind":"PROMOTION",
      "templateId":"visit-invitation","variables":{"activity":"存款送米面油"},"channels":["SMS"],
      "offeredDate":"'"$(date -d tomorrow +%F)"'",
      "audience":{"consent":true},"ratePerSecond":100000}') || { echo "create failed: $created" >&2; exit 1; }
  local campaign; campaign=$(jq -r .id <<<"$created")
  rm -f "$OUT/campaign-done"; echo 0 > "$OUT/peak-heap"
  sample_heap & local sampler=$!
  local transactions_before; transactions_before=$(transactions)
  local cpu_before; cpu_before=$(cpu_seconds)
  [ -z "${BENCH_PG_STATEMENTS:-}" ] || "${PSQL[@]}" -d "$DB" -c "select pg_stat_statements_reset()" >/dev/null
  local started; started=$(now)
  api POST "/api/campaigns/$campaign/start" >/dev/null
  local status= view=
  while true; do
    view=$(api GET "/api/campaigns/$campaign") || { echo "GET failed: $view" >&2; exit 1; }
    status=$(jq -r .status <<<"$view")
    [ "$status" = COMPLETED ] || [ "$status" = CANCELLED ] && break
    kill -0 "$SERVICE" 2>/dev/null || { echo "the service stopped; see $OUT/bench-campaign-$gateway.log"; exit 1; }
    [ -z "${BENCH_VERBOSE:-}" ] || echo "  $(seconds_since "$started") s $(jq -c .counts <<<"$view")" >&2
    sleep 0.5
  done
  local took; took=$(seconds_since "$started")
  local cpu_after; cpu_after=$(cpu_seconds)
  touch "$OUT/campaign-done"; wait "$sampler" || true
  local cpu; cpu=$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$CUSTOMERS" 'BEGIN{split(a,x," "); split(b,y," ");
      printf "CPU per message: service %.0f µs, PostgreSQL %.0f µs, Redis %.0f µs",
      (y[1]-x[1])*1e6/n, (y[2]-x[2])*1e6/n, (y[3]-x[3])*1e6/n}')
  sleep 1 # the statistics collector reports at most every 500 ms
  local per_message; per_message=$(awk -v a="$transactions_before" -v b="$(transactions)" -v n="$CUSTOMERS" \
      'BEGIN{printf "%.1f", (b-a)/n}')
  # counted in SQL: the API keeps a large campaign's counts for a few seconds (RecipientCounting)
  local sent; sent=$("${PSQL[@]}" -d "$DB" -c "select count(*) from messages where campaign_id = '$campaign' \
      and status in ('SENT', 'DELIVERED')")
  local peak_mb; peak_mb=$(awk '{printf "%.0f", $1/1048576}' "$OUT/peak-heap")
  local checks; checks=$("${PSQL[@]}" -d "$DB" <<SQL
select (select count(*) from customers c where (select count(*) from messages m
            where m.customer_id = c.id and m.campaign_id = '$campaign') <> 1)
       || ' customers without exactly one message, '
       || (select count(*) from campaign_recipients where campaign_id = '$campaign'
              and state in ('PENDING', 'SENDING', 'DEFERRED')) || ' recipients open, '
       || '$per_message PostgreSQL transactions per customer, $cpu';
SQL
)
  echo "$gateway|$status|$sent|$took|$peak_mb|$checks|$(jq -c .counts <<<"$view")"
}

echo "customers: $CUSTOMERS; heap limit -Xmx$HEAP; $(nproc) cores; PostgreSQL $("${PSQL[@]}" -c 'show server_version') ($([ "$POSTGRES" = local ] && echo "the local server" || echo "a throwaway cluster"), shared_buffers $("${PSQL[@]}" -c 'show shared_buffers'), max_wal_size $("${PSQL[@]}" -c 'show max_wal_size')); batch size ${BATCH:-default}"
if [[ " $GATEWAYS " == *" twilio "* ]]; then
  # no Nagle delay on the fake's answers (the JDK server writes headers and body apart)
  java -Dsun.net.httpserver.nodelay=true scripts/FakeTwilio.java "$TWILIO_PORT" > "$OUT/fake-twilio.log" 2>&1 &
  FAKE=$!
fi
for gateway in $GATEWAYS; do
  fresh_database
  start_service "$gateway"
  started=$(now); generate_customers; generated=$(seconds_since "$started")
  raw=$(raw_insert_rate)
  result=$(run_campaign "$gateway")
  IFS='|' read -r _ status sent took peak_mb checks counts <<<"$result"
  stop_service
  statements_report
  rate=$(awk -v n="$sent" -v s="$took" 'BEGIN{printf "%.0f", n/s}')
  printf '%-9s %s: %s messages in %s s = %6s msg/s end to end, peak heap %s MB | raw PostgreSQL insert %s rows/s (%s× the campaign) | %s | customers generated in %s s\n' \
    "$gateway" "$status" "$sent" "$took" "$rate" "$peak_mb" "$raw" \
    "$(awk -v a="$rate" -v b="$raw" 'BEGIN{printf "%.0f", b/a}')" "$checks" "$generated"
  echo "          counts $counts"
done
