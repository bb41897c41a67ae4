#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster and Redis server on loopback, then stop and remove them.
#
#   bash .ci/services.sh CMD [ARG...]
#
# The command sees BIREADER_TEST_DATABASE_URL (postgresql+psycopg://…, an empty database) and BIREADER_TEST_REDIS_URL.
# Every run gets its own data folder (mktemp) and free ports, so that several checkouts on one machine can run
# `make test` at the same time; the servers are stopped on any exit (trap). Root runs PostgreSQL as the
# `postgres` user (initdb refuses root); anyone else runs it as themselves.
set -euo pipefail

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PG_BIN" ] || ! command -v redis-server >/dev/null; then
  echo "services.sh: PostgreSQL and Redis are needed (Debian: apt-get install postgresql redis-server)" >&2
  exit 1
fi

BASE=$(mktemp -d "${TMPDIR:-/tmp}/bireader-services.XXXXXX")
chmod 755 "$BASE"
mkdir -p "$BASE/pg" "$BASE/run"
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres: "$BASE/pg" "$BASE/run"; fi

PG_PORT=""
REDIS_PORT=""
stop() {
  status=$?
  if [ -n "$PG_PORT" ]; then as_pg "$PG_BIN/pg_ctl" -D "$BASE/pg/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  if [ -f "$BASE/run/redis.pid" ]; then kill "$(cat "$BASE/run/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$BASE"
  exit $status
}
trap stop EXIT INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

as_pg "$PG_BIN/initdb" -D "$BASE/pg/data" -U postgres -A trust -E UTF8 --no-sync >"$BASE/initdb.log" 2>&1 \
  || { cat "$BASE/initdb.log" >&2; exit 1; }
for attempt in 1 2 3; do  # a port found free can be taken by another run before we bind it: try another
  port=$(free_port)
  if as_pg "$PG_BIN/pg_ctl" -D "$BASE/pg/data" -l "$BASE/pg/server.log" -w -t 60 start \
      -o "-p $port -k $BASE/run -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300" \
      >/dev/null; then
    PG_PORT=$port
    break
  fi
done
[ -n "$PG_PORT" ] || { echo "services.sh: PostgreSQL did not start" >&2; cat "$BASE/pg/server.log" >&2; exit 1; }
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres bireader_test

for attempt in 1 2 3; do
  port=$(free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$BASE/run/redis.pid" --dir "$BASE/run" --logfile "$BASE/run/redis.log" >/dev/null
  for _ in $(seq 50); do
    if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then REDIS_PORT=$port; break; fi
    sleep 0.1
  done
  [ -n "$REDIS_PORT" ] && break
  if [ -f "$BASE/run/redis.pid" ]; then kill "$(cat "$BASE/run/redis.pid")" 2>/dev/null || true; rm -f "$BASE/run/redis.pid"; fi
done
[ -n "$REDIS_PORT" ] || { echo "services.sh: Redis did not start" >&2; cat "$BASE/run/redis.log" >&2 || true; exit 1; }

export BIREADER_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/bireader_test"
export BIREADER_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
echo "services.sh: PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT" >&2
"$@"
