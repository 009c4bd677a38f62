#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the server tests and prints TEST_DATABASE_URL=… on stdout.
#
# Usage:  export $(scripts/start-test-postgres.sh) && npx vitest run src/server
#         scripts/start-test-postgres.sh stop <dir>     (the dir is printed as TEST_POSTGRES_DIR)
#
# The cluster lives in a temp dir, listens on 127.0.0.1 only, on a free port, with a random
# password (scram-sha-256), and fsync off: it is for tests and must never hold real data.
# TEST_POSTGRES_DURABLE=1 keeps PostgreSQL's durable defaults (fsync, synchronous_commit): for benchmarks.
set -euo pipefail

PG_BIN="${PG_BIN:-}"
if [[ -z "$PG_BIN" ]]; then
  for candidate in /usr/lib/postgresql/*/bin; do
    [[ -x "$candidate/initdb" ]] && PG_BIN="$candidate"
  done
fi
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
  echo "start-test-postgres: no initdb found; install the Debian package 'postgresql' or set PG_BIN" >&2
  exit 1
fi

# PostgreSQL refuses to run as root: run its binaries as the 'postgres' user when we are root.
as_pg() {
  if [[ "$(id -u)" == "0" ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [[ "${1:-}" == "stop" ]]; then
  dir="${2:?usage: start-test-postgres.sh stop <dir>}"
  [[ -f "$dir/data/PG_VERSION" ]] || { echo "start-test-postgres: $dir is not a test cluster" >&2; exit 1; }
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
  rm -rf -- "$dir"
  exit 0
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/test-postgres.XXXXXX")"
chmod 700 "$dir"
if [[ "$(id -u)" == "0" ]]; then chown postgres: "$dir"; fi

password="$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
printf '%s\n' "$password" >"$dir/pwfile"
if [[ "$(id -u)" == "0" ]]; then chown postgres: "$dir/pwfile"; fi

as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" --auth=scram-sha-256 \
  --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
rm -f "$dir/pwfile"

# A free port: ask the kernel for one, then hand it to postgres (a tiny race, fine for tests).
port="$(node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[[ "${TEST_POSTGRES_DURABLE:-}" == "1" ]] && speed=""
as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $speed -c max_connections=200" \
  start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

PGPASSWORD="$password" "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres mini_test

echo "TEST_DATABASE_URL=postgres://postgres:${password}@127.0.0.1:${port}/mini_test"
echo "TEST_POSTGRES_DIR=${dir}"
echo "# stop with: scripts/start-test-postgres.sh stop ${dir}" >&2
