#!/usr/bin/env bash
# Killing an import with SIGKILL and running it again leaves no duplicates and no partial
# patents, and the database stays intact. Usage: import_kill_test.sh PATH/TO/ipalliance
set -u
BIN="$1"
DIR="$(mktemp -d /tmp/ipa-kill-test.XXXXXX)"
trap 'rm -rf "$DIR"' EXIT
export IPA_DATA_DIR="$DIR"
unset IPA_DB IPA_LISTEN IPA_CONFIG
N=100000
fail() { echo "FAIL: $*"; echo "0 passed, 1 failed"; exit 1; }

"$BIN" demo-data --patents "$N" --out "$DIR/corpus.jsonl" >/dev/null || fail "generating the corpus"
rm -f "$DIR/ipalliance.db"*  # import into a database without the demo registry's patents
"$BIN" migrate >/dev/null || fail "migrate"

kills=0
# Small transactions, then the default ones of 20,000 records fed in chunks of 1,000 (a kill
# lands inside a transaction that spans several chunks).
for run in "0.4 500" "0.9 20000" "1.5 20000"; do
  read -r delay batch <<<"$run"
  "$BIN" import --format jsonl --batch "$batch" "$DIR/corpus.jsonl" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
    kills=$((kills + 1))
  fi
  wait "$pid" 2>/dev/null
  # Whatever was committed is whole: every patent has its applicants and a change-log row.
  partial=$(sqlite3 "$DIR/ipalliance.db" "SELECT COUNT(*) FROM patents p WHERE p.applicants <> '' AND NOT EXISTS (SELECT 1 FROM patent_applicants a WHERE a.patent_id = p.id)")
  [ "$partial" = 0 ] || fail "$partial patents lost their applicants after a kill"
  [ "$(sqlite3 "$DIR/ipalliance.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity check after a kill"
done
[ "$kills" -gt 0 ] || fail "the import always finished before the kill; nothing was tested"

out="$("$BIN" import --format jsonl "$DIR/corpus.jsonl" 2>&1)" || fail "the re-run failed: $out"
count=$(sqlite3 "$DIR/ipalliance.db" "SELECT COUNT(*) FROM patents")
distinct=$(sqlite3 "$DIR/ipalliance.db" "SELECT COUNT(DISTINCT application_number) FROM patents")
lines=$(wc -l < "$DIR/corpus.jsonl")
[ "$count" = "$lines" ] || fail "$count patents after the re-run, $lines in the file"
[ "$count" = "$distinct" ] || fail "duplicate application numbers"
changes=$(sqlite3 "$DIR/ipalliance.db" "SELECT COUNT(*) FROM change_log WHERE entity = 'patent'")
[ "$changes" -ge "$count" ] || fail "change log has $changes patent rows for $count patents"
echo "killed $kills imports; re-run: $out"
echo "1 passed, 0 failed"
