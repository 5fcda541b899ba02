#!/usr/bin/env bash
# SIGKILL the server again and again while 8 clients append evidence leaves over HTTP; after
# each restart every acknowledged append is present at its index, and every checkpoint published
# later is consistent with every checkpoint seen before (checked by an independent RFC 9162
# verifier) — then fsck finds nothing and a flipped leaf byte makes both start-up and fsck fail,
# naming the leaf. Usage: evidence_kill_test.sh PATH/TO/ipalliance
set -u
BIN="$1"
DIR="$(mktemp -d /tmp/ipa-evkill.XXXXXX)"
PORT=$((20000 + RANDOM % 20000))
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill -9 "$SERVER" 2>/dev/null; touch "$DIR/stop"; wait 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT
export IPA_DATA_DIR="$DIR" IPA_EVIDENCE_CHECKPOINT_MS=100 IPA_LOG_LEVEL=warn
unset IPA_DB IPA_LISTEN IPA_CONFIG IPA_EVIDENCE_REMOTE_WITNESSES
source "$(dirname "$0")/evidence_lib.sh"

"$BIN" migrate >/dev/null || fail "migrate"
start_server
make_admin_token

appender() {  # worker $1: appends w$1-0, w$1-1, ... recording "id index" when acknowledged
  local i=0 idx
  while [ ! -e "$DIR/stop" ]; do
    idx=$(append_leaf "w$1-$i")
    [ -n "$idx" ] && echo "w$1-$i $idx" >>"$DIR/ack-$1"
    i=$((i + 1))
  done
}
for w in $(seq 1 8); do appender "$w" & done

: >"$DIR/checkpoints"
kills=0
for delay in 1.3 0.7 1.9 0.4 1.1 1.6; do
  sleep "$delay"
  note=$(get /api/v1/evidence/checkpoint) && printf '%s %s\n' "$(printf '%s' "$note" | sed -n 2p)" "$(printf '%s' "$note" | sed -n 3p)" >>"$DIR/checkpoints"
  sleep 0.$((RANDOM % 9 + 1))
  kill -9 "$SERVER"; wait "$SERVER" 2>/dev/null; SERVER=""
  kills=$((kills + 1))
  start_server  # fails the test when start-up refuses the stored log
done
sleep 1
touch "$DIR/stop"
sleep 1
acked=$(cat "$DIR"/ack-* | wc -l)
[ "$acked" -gt 100 ] || fail "only $acked appends acknowledged; the test did not exercise the log"
max=$(cat "$DIR"/ack-* | awk '{print $2}' | sort -n | tail -1)
final=$(wait_checkpoint $((max + 1))) || fail "no checkpoint covers the acknowledged leaves"
fsize=$(printf '%s' "$final" | sed -n 2p); froot=$(printf '%s' "$final" | sed -n 3p)

# Every acknowledged append is there, at the index it was given (read back over the API).
lost=$(cat "$DIR"/ack-* | python3 -c '
import base64, json, sys, urllib.request
base, token, lost = sys.argv[1], sys.argv[2], 0
for line in sys.stdin:
    eid, idx = line.split()
    req = urllib.request.Request(f"{base}/api/v1/evidence/leaves/{idx}", headers={"Authorization": "Bearer " + token})
    leaf = base64.b64decode(json.load(urllib.request.urlopen(req, timeout=10))["leaf"]).decode()
    if f"\nevidence_id={eid}\n" not in leaf:
        print(f"acknowledged {eid} at {idx}, found another leaf", file=sys.stderr); lost += 1
print(lost)' "$(BASE)" "$TOKEN") || fail "reading the acknowledged leaves back"
[ "$lost" = 0 ] || fail "$lost acknowledged appends lost or misplaced"
[ "$(sqlite3 "$DIR/ipalliance.db" 'SELECT COUNT(DISTINCT leaf_index) = COUNT(*) AND MAX(leaf_index) + 1 = COUNT(*) FROM evidence_leaves')" = 1 ] || fail "leaf indexes are not contiguous"

# Every checkpoint seen before is consistent with the final one.
seen=0
while read -r size root; do
  [ -z "$size" ] && continue
  proof=$(curl -s --max-time 30 -H "Authorization: Bearer $TOKEN" "$(BASE)/api/v1/evidence/proof/consistency?first=$size&second=$fsize")
  printf '%s' "$proof" | verify_consistency "$size" "$fsize" "$root" "$froot" ||
    fail "checkpoint $size ($root) is not consistent with $fsize: $proof"
  seen=$((seen + 1))
done <"$DIR/checkpoints"
[ "$seen" -gt 2 ] || fail "only $seen checkpoints were observed"

kill -9 "$SERVER"; wait "$SERVER" 2>/dev/null; SERVER=""
out=$("$BIN" fsck 2>&1) || fail "fsck after the kills: $out"

# A flipped byte in a stored leaf: start-up refuses, fsck names the leaf.
sqlite3 "$DIR/ipalliance.db" "UPDATE evidence_leaves SET leaf = REPLACE(leaf, 'office=TJ', 'office=HE') WHERE leaf_index = 7"
"$BIN" --listen "127.0.0.1:$PORT" serve >"$DIR/refused.log" 2>&1 && fail "the server started on a tampered log"
grep -q "evidence leaf 7 " "$DIR/refused.log" || fail "start-up did not name leaf 7: $(cat "$DIR/refused.log")"
out=$("$BIN" fsck 2>&1) && fail "fsck passed a tampered leaf"
printf '%s\n' "$out" | grep -q "^leaf 7: " || fail "fsck did not name leaf 7: $out"

echo "killed the server $kills times; $acked acknowledged appends all present; $seen checkpoints consistent with size $fsize"
echo "1 passed, 0 failed"
