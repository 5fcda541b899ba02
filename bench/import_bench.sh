#!/usr/bin/env bash
# Patent import end to end (issue 3, "Speed"): generates N demo patents as JSON Lines and as the
# 61-column CSV, imports each into a fresh SQLite database with the release binary, and, as the
# baseline in the same run, loads the same CSV rows with `sqlite3 .import` into a plain table.
# Prints a Markdown table (rows, seconds, rows/s, peak RSS) and whether the targets are met.
# Exits non-zero when a step fails; missed targets are reported, not failed.
#   bash bench/import_bench.sh [patents, default 1000000]
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

N="${1:-1000000}"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "usage: bash bench/import_bench.sh [patents, default 1000000]"
BIN="$ROOT/build/release/src/cli/ipalliance"
[ -x "$BIN" ] || die "build first: cmake --preset release && ninja -C build/release ipalliance"
[ -x /usr/bin/time ] || die "/usr/bin/time missing: apt-get install time"
command -v sqlite3 >/dev/null || die "sqlite3 missing: apt-get install sqlite3"

# Issue 3: JSON Lines >= 50,000 patents/s, the 61-column CSV >= 30,000/s, peak RSS < 500 MB.
TARGET_JSONL=50000
TARGET_CSV=30000
TARGET_RSS_MB=500

WORK="$(mktemp -d /tmp/ipa-import-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
export IPA_LOG_LEVEL=warn

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
REVISION="$(git -C "$ROOT" rev-parse --short HEAD)"
DIRTY="$(git -C "$ROOT" diff --name-only HEAD -- src | xargs)"
[ -z "$DIRTY" ] || REVISION+=" (uncommitted changes in: $DIRTY)"
RESULTS=()
declare -A RATE RSS

# measure KEY LABEL ROWS COMMAND...: runs COMMAND under /usr/bin/time and records wall time,
# rows/s, CPU time (user + system) and peak RSS. The command's output goes to $WORK/KEY.log; a failure stops the run.
measure() {
  local key="$1" label="$2" rows="$3"
  shift 3
  log "$label"
  if ! /usr/bin/time -f '%e %M %U %S' -o "$WORK/$key.time" "$@" >"$WORK/$key.log" 2>&1; then
    tail -n 20 "$WORK/$key.log" >&2
    die "$label failed"
  fi
  local seconds rss_kb user sys
  read -r seconds rss_kb user sys <"$WORK/$key.time"
  RATE[$key]="$(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }')"
  RSS[$key]="$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')"
  RESULTS+=("| $label | $rows | $seconds | ${RATE[$key]} | $user + $sys | ${RSS[$key]} |")
}

# expect_imported KEY: the import's summary line must say all N patents were imported.
expect_imported() {
  grep -q "^imported $N, updated 0, rejected 0$" "$WORK/$1.log" \
    || { cat "$WORK/$1.log" >&2; die "$1: expected 'imported $N, updated 0, rejected 0'"; }
}

# expect_rows DB: the baseline table holds N rows.
expect_rows() {
  local rows
  rows="$(sqlite3 "$1" 'SELECT count(*) FROM patents')"
  [ "$rows" = "$N" ] || die "$1: $rows rows in the baseline table, expected $N"
}

# verdict LABEL VALUE TARGET higher|lower UNIT: one line saying whether the target is met.
verdict() {
  awk -v l="$1" -v v="$2" -v t="$3" -v dir="$4" -v u="$5" 'BEGIN {
    met = dir == "higher" ? v >= t : v < t
    if (dir == "higher") how = sprintf("%.2fx the target", v / t)
    else how = sprintf("%.0f%% of the limit", 100 * v / t)
    if (!met && dir == "higher") how = how sprintf(", %.0f%% short", 100 * (1 - v / t))
    printf "- %s: %s %s, target %s %s %s: %s (%s)\n", l, v, u,
           dir == "higher" ? ">=" : "<", t, u, met ? "met" : "MISSED", how
  }'
}

log "generating $N demo patents (binary $BIN)"
"$BIN" --data-dir "$WORK/gen" demo-data >"$WORK/registry.log" 2>&1 \
  || { cat "$WORK/registry.log" >&2; die "loading the demo registry failed"; }
measure gen_jsonl "generate JSON Lines" "$N" \
  "$BIN" --data-dir "$WORK/gen" demo-data --patents "$N" --out "$WORK/patents.jsonl"
measure gen_csv "generate 61-column CSV" "$N" \
  "$BIN" --data-dir "$WORK/gen" demo-data --patents "$N" --out "$WORK/patents.csv" \
  --out-format cn-csv

measure jsonl "ipalliance import --format jsonl" "$N" \
  "$BIN" --data-dir "$WORK/db-jsonl" import --format jsonl "$WORK/patents.jsonl"
expect_imported jsonl
measure csv "ipalliance import --format cn-csv" "$N" \
  "$BIN" --data-dir "$WORK/db-csv" import --format cn-csv "$WORK/patents.csv"
expect_imported csv

measure sqlite_wal "sqlite3 .import, plain table (WAL, synchronous=FULL)" "$N" \
  sqlite3 "$WORK/baseline-wal.db" 'PRAGMA journal_mode=WAL;' 'PRAGMA synchronous=FULL;' \
  ".import --csv $WORK/patents.csv patents"
expect_rows "$WORK/baseline-wal.db"
measure sqlite_default "sqlite3 .import, plain table (default journal)" "$N" \
  sqlite3 "$WORK/baseline-default.db" ".import --csv $WORK/patents.csv patents"
expect_rows "$WORK/baseline-default.db"

size_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f", b / 1048576 }'; }
echo
echo "## Patent import, $N demo patents ($(date -u +%Y-%m-%d))"
echo
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg)."
echo "Revision: $REVISION; $(sqlite3 --version | cut -d' ' -f1-2 | sed 's/^/sqlite3 /')."
echo "Files: JSON Lines $(size_mb "$WORK/patents.jsonl") MB, CSV $(size_mb "$WORK/patents.csv") MB; databases after import: JSON Lines $(size_mb "$WORK/db-jsonl/ipalliance.db") MB, CSV $(size_mb "$WORK/db-csv/ipalliance.db") MB."
echo
echo "| step | rows | seconds | rows/s | CPU s (user + sys) | peak RSS MB |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${RESULTS[@]}"
echo
echo "Targets (issue 3):"
verdict "JSON Lines import" "${RATE[jsonl]}" "$TARGET_JSONL" higher "patents/s"
verdict "CSV import" "${RATE[csv]}" "$TARGET_CSV" higher "patents/s"
verdict "peak RSS, JSON Lines import" "${RSS[jsonl]}" "$TARGET_RSS_MB" lower MB
verdict "peak RSS, CSV import" "${RSS[csv]}" "$TARGET_RSS_MB" lower MB
