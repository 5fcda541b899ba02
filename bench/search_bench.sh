#!/usr/bin/env bash
# The search engine against its baselines (issue 4, "Speed"), one command: builds search_bench,
# starts a throwaway PostgreSQL cluster, runs our index, SQLite FTS5, PostgreSQL full text,
# Xapian (when libxapian-dev is installed) and SQLite GROUP BY on the same N generated patents,
# prints the side-by-side table, and removes the cluster and the work folder.
#   bash bench/search_bench.sh [patents, default 1000000]
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

N="${1:-1000000}"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "usage: bash bench/search_bench.sh [patents, default 1000000]"
cd "$ROOT"
cmake --preset release -DIPA_WERROR=ON >/dev/null
cmake --build build/release -j2 --target search_bench >/dev/null || die "build failed"
WORK="$(mktemp -d /tmp/ipa-search-bench.XXXXXX)"
chmod 755 "$WORK"
PG_URL="$(bash scripts/pg_cluster.sh start "$WORK/pg")" || die "no PostgreSQL cluster"
trap 'bash scripts/pg_cluster.sh stop "$WORK/pg"; rm -rf "$WORK"' EXIT
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "search_bench: %e s wall, %U s user, %S s system, peak RSS %M KB" \
  build/release/bench/search_bench "$N" "$WORK/data" "$PG_URL"
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
