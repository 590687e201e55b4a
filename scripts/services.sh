#!/usr/bin/env bash
# Makes sure a local PostgreSQL and Redis run on 127.0.0.1 (Debian/Ubuntu), for production mode and the
# real-server tests. Installs the packages when missing, starts them when stopped, creates the databases
# `baifang` and `baifang_test`. Where they already run, it changes nothing.
#
#   scripts/services.sh start | stop | status
#
# Settings: BAIFANG_DB_HOST/BAIFANG_DB_PORT (default 127.0.0.1:5432), BAIFANG_REDIS_PORT (6379).
set -euo pipefail

PG_HOST=${BAIFANG_DB_HOST:-127.0.0.1}
PG_PORT=${BAIFANG_DB_PORT:-5432}
REDIS_PORT=${BAIFANG_REDIS_PORT:-6379}
DATABASES=(baifang baifang_test)

say() { printf '[services] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

apt_install() {
  say "installing $*"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

pg_cluster_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1; }

start_postgres() {
  if port_open "$PG_HOST" "$PG_PORT"; then
    say "PostgreSQL already answers on $PG_HOST:$PG_PORT"
  else
    command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql postgresql-client
    local version; version=$(pg_cluster_version)
    [ -n "$version" ] || { say "no PostgreSQL cluster found under /etc/postgresql"; exit 1; }
    trust_local_tcp "$version"
    say "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 30); do port_open "$PG_HOST" "$PG_PORT" && break; sleep 1; done
    port_open "$PG_HOST" "$PG_PORT" || { say "PostgreSQL did not come up on $PG_HOST:$PG_PORT"; exit 1; }
  fi
  create_databases
}

# A developer or CI machine: let local TCP connections in without a password, as the tests expect.
# Only touched when this script installed or starts the cluster itself.
trust_local_tcp() {
  local hba="/etc/postgresql/$1/main/pg_hba.conf"
  if [ -f "$hba" ] && ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    say "allowing trusted connections from 127.0.0.1 in $hba"
    as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
}

psql_admin() {
  if psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "$1"
  else
    as_root su postgres -c "psql -p $PG_PORT -d postgres -v ON_ERROR_STOP=1 -tAc \"$1\""
  fi
}

create_databases() {
  for db in "${DATABASES[@]}"; do
    if [ "$(psql_admin "select 1 from pg_database where datname = '$db'")" != "1" ]; then
      say "creating database $db"
      psql_admin "create database $db" >/dev/null
    fi
  done
}

start_redis() {
  if port_open 127.0.0.1 "$REDIS_PORT"; then
    say "Redis already answers on 127.0.0.1:$REDIS_PORT"
    return
  fi
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  say "starting Redis on 127.0.0.1:$REDIS_PORT (nothing kept on disk)"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/baifang.log
  for _ in $(seq 1 20); do port_open 127.0.0.1 "$REDIS_PORT" && break; sleep 0.5; done
  port_open 127.0.0.1 "$REDIS_PORT" || { say "Redis did not come up"; exit 1; }
}

stop_all() {
  if port_open 127.0.0.1 "$REDIS_PORT"; then
    say "stopping Redis"; redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  fi
  local version; version=$(pg_cluster_version)
  if [ -n "$version" ] && port_open "$PG_HOST" "$PG_PORT"; then
    say "stopping PostgreSQL $version"; as_root pg_ctlcluster --skip-systemctl-redirect "$version" main stop || true
  fi
}

status() {
  if port_open "$PG_HOST" "$PG_PORT"; then say "PostgreSQL: up on $PG_HOST:$PG_PORT"; else say "PostgreSQL: down"; fi
  if port_open 127.0.0.1 "$REDIS_PORT"; then say "Redis: up on 127.0.0.1:$REDIS_PORT"; else say "Redis: down"; fi
}

case "${1:-}" in
  start) start_postgres; start_redis; status ;;
  stop) stop_all; status ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
