# Shared helpers of the evidence-log end-to-end tests (sourced). Needs BIN, DIR, PORT set.
fail() { echo "FAIL: $*"; echo "0 passed, 1 failed"; exit 1; }
BASE() { echo "http://127.0.0.1:$PORT"; }

# A canonical evidence leaf (docs/evidence-log-format.md) for evidence id $1.
leaf_b64() {
  printf 'ipa-evidence-v1\nkind=evidence\noffice=TJ\ncase_id=TJ-2026-000001\nevidence_id=%s\nsha256=%064d\nmedia_type=image/jpeg\nsize=1\ncaptured_by=e2e test\ncaptured_at=2026-11-25T09:30:00Z\nplace=\nmethod=\ntool=\nnotes=\ncustody_step=\nevent=\nrecorded_at=2026-11-25T09:31:02Z\n' "$1" 0 | base64 -w0
}

start_server() {
  "$BIN" --listen "127.0.0.1:$PORT" serve >>"$DIR/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do
    curl -sf "$(BASE)/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER" 2>/dev/null || { tail -5 "$DIR/server.log"; fail "the server did not start"; }
    sleep 0.1
  done
  fail "the server did not answer"
}

# An admin API token in $TOKEN (user evadmin created through the CLI).
make_admin_token() {
  local pw="evidence-admin-pass-1234"
  echo "$pw" | "$BIN" user add --login evadmin --role admin --password-stdin >/dev/null || fail "user add"
  local login csrf
  login=$(curl -sf -c "$DIR/jar" -H 'Content-Type: application/json' -H "Origin: $(BASE)" \
    -d "{\"login\":\"evadmin\",\"password\":\"$pw\"}" "$(BASE)/api/v1/auth/login") || fail "login"
  csrf=$(printf '%s' "$login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
  TOKEN=$(curl -sf -b "$DIR/jar" -H 'Content-Type: application/json' -H "Origin: $(BASE)" -H "X-CSRF-Token: $csrf" \
    -d '{"name":"e2e"}' "$(BASE)/api/v1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])') || fail "token"
}

# Appends evidence id $1; prints the leaf index when acknowledged (HTTP 201).
append_leaf() {
  curl -s --max-time 10 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"leaf\":\"$(leaf_b64 "$1")\"}" "$(BASE)/api/v1/evidence/leaves" 2>/dev/null | sed -n 's/^{"leaf_index":\([0-9]*\)}$/\1/p'
}

get() { curl -sf --max-time 10 -H "Authorization: Bearer $TOKEN" "$(BASE)$1"; }

# Waits until the published checkpoint covers $1 leaves; prints the note.
wait_checkpoint() {
  for _ in $(seq 1 200); do
    local note size
    note=$(get /api/v1/evidence/checkpoint) && size=$(printf '%s' "$note" | sed -n 2p)
    if [ -n "${size:-}" ] && [ "$size" -ge "$1" ]; then printf '%s' "$note"; return 0; fi
    sleep 0.1
  done
  return 1
}

# RFC 9162 §2.1.4.2 consistency check, independent of the C++ code: args first second
# first_root_b64 second_root_b64, proof JSON ({"consistency": [...]}) on stdin.
verify_consistency() {
  python3 -c "$(cat <<'PY'
import base64, hashlib, json, sys
first, second = int(sys.argv[1]), int(sys.argv[2])
r1, r2 = base64.b64decode(sys.argv[3]), base64.b64decode(sys.argv[4])
proof = [base64.b64decode(p) for p in json.load(sys.stdin)["consistency"]]
H = lambda a, b: hashlib.sha256(b"\x01" + a + b).digest()
if first == second:
    sys.exit(0 if not proof and r1 == r2 else 1)
if first & (first - 1) == 0:
    proof = [r1] + proof
fn, sn = first - 1, second - 1
while fn & 1:
    fn >>= 1; sn >>= 1
fr = sr = proof[0]
for c in proof[1:]:
    if sn == 0: sys.exit(1)
    if fn & 1 or fn == sn:
        fr, sr = H(c, fr), H(c, sr)
        while not fn & 1 and fn != 0:
            fn >>= 1; sn >>= 1
    else:
        sr = H(sr, c)
    fn >>= 1; sn >>= 1
sys.exit(0 if fr == r1 and sr == r2 and sn == 0 else 1)
PY
)" "$@"
}
