#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests: `pg_cluster.sh start DIR` initialises DIR, starts
# the server on a free port as the postgres user and prints its URL; `pg_cluster.sh stop DIR`
# stops it and removes DIR.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PGBIN=/usr/lib/postgresql/15/bin
cmd="${1:-}"; dir="${2:-}"
[ -n "$dir" ] || die "usage: pg_cluster.sh start|stop DIR"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    [ -x "$PGBIN/initdb" ] || die "PostgreSQL 15 server binaries missing ($PGBIN); install postgresql-15"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
      chown postgres:postgres "$dir"
      runuser -u postgres -- test -w "$dir" || die "the postgres user cannot reach $dir (a parent folder is private?)"
    fi
    port="$(free_port)"
    as_postgres "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; die "PostgreSQL did not start"; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    [ -d "$dir/data" ] && as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) die "usage: pg_cluster.sh start|stop DIR" ;;
esac
