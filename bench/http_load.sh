#!/usr/bin/env bash
# HTTP load on loopback with wrk: GET /healthz and GET /api/v1/organizations/{id} with a bearer
# token at 64 connections; search end to end (GET /api/v1/search over the demo corpus of 100,000
# patents, five queries in turn, facets on) at 32 connections; then the organisation read with
# 1,000 idle keep-alive connections held open by another client. Prints wrk's numbers; record
# them in bench/README.md.
#   bash bench/http_load.sh [seconds per run, default 10]
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

DURATION="${1:-10}"
BIN="$ROOT/build/release/src/cli/ipalliance"
[ -x "$BIN" ] || die "build first: cmake --preset release && cmake --build build/release"
command -v wrk >/dev/null || die "wrk missing: apt-get install wrk"
WORK="$(mktemp -d /tmp/ipa-bench.XXXXXX)"
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
IPA_DATA_DIR="$WORK" IPA_LISTEN="127.0.0.1:$PORT" IPA_LOG_LEVEL=warn "$BIN" serve --demo >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; kill ${IDLE:-0} 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 1200); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done  # the demo corpus loads first

CSRF=$(curl -s -c "$WORK/jar" -H 'Content-Type: application/json' \
  -d '{"login":"admin","password":"Secretariat-2016-jjj"}' "$BASE/api/v1/auth/login" | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/')
TOKEN=$(curl -s -b "$WORK/jar" -H 'Content-Type: application/json' -H "Origin: $BASE" -H "X-CSRF-Token: $CSRF" \
  -d '{"name":"bench"}' "$BASE/api/v1/tokens" | sed 's/.*"token":"\([^"]*\)".*/\1/')
ORG=/api/v1/organizations/42
curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$ORG" >/dev/null || die "cannot read $ORG with the token"

run() {
  echo "### $1"
  shift
  wrk --latency -t 2 -c 64 -d "${DURATION}s" "$@" | grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors'
}
echo "ipalliance $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, wrk -t2 -c64 -d${DURATION}s, SQLite"
run "GET /healthz" "$BASE/healthz"
run "GET $ORG (bearer)" -H "Authorization: Bearer $TOKEN" "$BASE$ORG"

# Search end to end: five queries in turn (free text, fielded, filters), facets and snippets on.
python3 - "$WORK/search.lua" <<'PY'
import sys, urllib.parse
queries = ["电池", "电池 正极材料", "TAC=(锂电池 AND 正极) AND IPC=H01M", "装置 AND region=天津",
           "type=invention AND AD>=2018-01-01 AND 控制"]
paths = ['"/api/v1/search?q=%s"' % urllib.parse.quote(q) for q in queries]
open(sys.argv[1], "w").write("local paths = {%s}\nlocal i = 0\nrequest = function()\n  i = i + 1\n"
                             "  return wrk.format(\"GET\", paths[(i %% #paths) + 1])\nend\n" % ", ".join(paths))
PY
curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/search?q=%E7%94%B5%E6%B1%A0" >/dev/null || die "search does not answer"
echo "### GET /api/v1/search (five queries, facets) at 32 connections"
wrk --latency -t 2 -c 32 -d "${DURATION}s" -s "$WORK/search.lua" -H "Authorization: Bearer $TOKEN" "$BASE" \
  | grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors'

# 1,000 idle keep-alive connections (half of them mid-request) held by another process.
python3 - "$PORT" <<'PY' &
import socket, sys, time
port = int(sys.argv[1]); conns = []
for i in range(1000):
    s = socket.create_connection(("127.0.0.1", port))
    if i % 2 == 0:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHo")
    conns.append(s)
print("holding 1000 idle connections", flush=True)
time.sleep(3600)
PY
IDLE=$!
sleep 2
run "GET $ORG (bearer) with 1,000 idle connections open" -H "Authorization: Bearer $TOKEN" "$BASE$ORG"
curl -s "$BASE/metrics" | grep ipa_http_open_connections
