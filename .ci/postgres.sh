#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the test suite and print its URL.
# Usage: eval "$(bash .ci/postgres.sh)"  -> exports DATABASE_URL and PGDATA_DIR
set -euo pipefail
bash "$(dirname "$0")/system-deps.sh" --postgres >&2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=${PGPORT_TEST:-54329}
data=$(mktemp -d /tmp/banzu-pg.XXXXXX)
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$data"
  run_as=(runuser -u postgres --)
fi
"${run_as[@]}" "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2
"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE banzu_test" >&2
echo "export DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:$port/banzu_test"
echo "export PGDATA_DIR=$data"
echo "export PGBIN_DIR=$bin"
