#!/usr/bin/env bash
# The Tianjin witness as its own process (`ipalliance witness`), holding the only copy of its
# key: the server publishes a checkpoint only once that process has co-signed it over HTTP, a
# receipt then verifies offline with all four signatures, and while the witness is down no new
# checkpoint appears. Usage: evidence_witness_test.sh PATH/TO/ipalliance
set -u
BIN="$1"
DIR="$(mktemp -d /tmp/ipa-evwit.XXXXXX)"
PORT=$((20000 + RANDOM % 20000))
SERVER=""; WITNESS=""
cleanup() { for p in $SERVER $WITNESS; do kill -9 "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT
export IPA_DATA_DIR="$DIR/server" IPA_EVIDENCE_CHECKPOINT_MS=100 IPA_LOG_LEVEL=warn
unset IPA_DB IPA_LISTEN IPA_CONFIG IPA_EVIDENCE_REMOTE_WITNESSES
source "$(dirname "$0")/evidence_lib.sh"
mkdir -p "$DIR/tj" "$DIR/server"

start_witness() {
  "$BIN" witness --office TJ --server "$(BASE)" --key "$DIR/tj/TJ.key" --state "$DIR/tj/state" --poll-ms 100 \
    >"$DIR/witness.out" 2>>"$DIR/witness.log" &
  WITNESS=$!
  for _ in $(seq 1 50); do grep -q "public key" "$DIR/witness.out" 2>/dev/null && return 0; sleep 0.1; done
  fail "the witness did not start: $(cat "$DIR/witness.log")"
}

start_witness
tj_key=$(sed -n 's/^witness TJ public key: //p' "$DIR/witness.out")
[ -n "$tj_key" ] || fail "no public key printed"
[ "$(stat -c %a "$DIR/tj/TJ.key")" = 600 ] || fail "the witness key is not mode 600"
export IPA_EVIDENCE_REMOTE_WITNESSES="$tj_key"

"$BIN" migrate >/dev/null || fail "migrate"
start_server
make_admin_token
[ ! -e "$DIR/server/evidence-keys/TJ.key" ] || fail "the server generated a TJ key although TJ is remote"
get /api/v1/evidence/keys | grep -q "$tj_key" || fail "the server does not publish TJ's registered key"

for i in 1 2 3; do [ -n "$(append_leaf "remote-$i")" ] || fail "append $i"; done
note=$(wait_checkpoint 3) || fail "no co-signed checkpoint: $(cat "$DIR/witness.log")"
for name in ipa-log ipa-BJ ipa-TJ ipa-HE; do
  printf '%s' "$note" | grep -q "^— $name " || fail "the checkpoint lacks $name: $note"
done
get "/api/v1/evidence/leaves/1/receipt?wait_ms=5000" >"$DIR/receipt.json" || fail "receipt"
out=$("$BIN" verify "$DIR/receipt.json" 2>&1) || fail "verify: $out"
[ "$(sed -n 2p "$DIR/tj/state")" -ge 3 ] || fail "the witness did not persist its state"

# Without the witness no checkpoint covers new leaves.
kill -9 "$WITNESS"; wait "$WITNESS" 2>/dev/null; WITNESS=""
[ -n "$(append_leaf remote-4)" ] || fail "append 4"
sleep 1.5
size=$(get /api/v1/evidence/checkpoint | sed -n 2p)
[ "$size" -lt 4 ] || fail "a checkpoint of size $size was published without Tianjin"
start_witness
wait_checkpoint 4 >/dev/null || fail "no checkpoint after the witness came back: $(cat "$DIR/witness.log")"

# A witness that remembers another history (its state's root replaced) refuses to co-sign, so
# the server cannot publish: the split view is caught, not signed.
kill -9 "$WITNESS"; wait "$WITNESS" 2>/dev/null; WITNESS=""
other_root=$(python3 -c 'import base64,hashlib; print(base64.b64encode(hashlib.sha256(b"another history").digest()).decode())')
sed -i "3s|.*|$other_root|" "$DIR/tj/state"
[ -n "$(append_leaf remote-5)" ] || fail "append 5"
: >"$DIR/witness.log"
start_witness
sleep 2
size=$(get /api/v1/evidence/checkpoint | sed -n 2p)
[ "$size" -lt 5 ] || fail "a checkpoint of size $size was published although TJ's witness disagrees"
grep -q "witness refuses" "$DIR/witness.log" || fail "the witness did not report a refusal: $(cat "$DIR/witness.log")"
echo "remote witness TJ co-signed; refused a checkpoint inconsistent with its state; receipt verified: $out"
echo "1 passed, 0 failed"
