#!/usr/bin/env bash
# The README's second command: install, build and run every test tier — unit, storage contract
# on SQLite and a throwaway PostgreSQL 15 cluster, in-process API, real-socket server, fuzz
# corpus replay, browser tests in Chromium, then the fast tiers again under AddressSanitizer +
# UBSan with the libFuzzer targets fuzzing briefly. Exits non-zero on any failure.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_packages "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
build_preset release -DIPA_WERROR=ON
build_web
ensure_npm "$ROOT/tests/browser"

WORK="$(mktemp -d /tmp/ipa-test.XXXXXX)"
PGDIR="$(mktemp -d /tmp/ipa-pg.XXXXXX)"  # its own folder: the postgres user must reach it
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  "$ROOT/scripts/pg_cluster.sh" stop "$PGDIR" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

log "starting a throwaway PostgreSQL 15 cluster"
IPA_TEST_PG_URL="$("$ROOT/scripts/pg_cluster.sh" start "$PGDIR")"
export IPA_TEST_PG_URL IPA_TEST_REQUIRE_PG=1

declare -A RESULT
run_tier() {
  local name="$1"; shift
  log "tier: $name"
  if "$@" 2>&1 | tee -a "$WORK/all-tiers.log"; then RESULT[$name]=passed; else RESULT[$name]=FAILED; fi
}

run_tier "release: unit, store (SQLite+PostgreSQL), http, e2e, fuzz corpus" \
  ctest --test-dir "$ROOT/build/release" --output-on-failure -j "$(nproc)" --timeout 300

browser_tier() {
  local port; port="$(free_port)"
  IPA_DATA_DIR="$WORK/browser-data" IPA_LISTEN="127.0.0.1:$port" IPA_WEB_DIR="$ROOT/web/dist" \
    "$ROOT/build/release/src/cli/ipalliance" serve --demo --demo-patents 3000 >"$WORK/browser-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  local rc=0
  (cd "$ROOT/tests/browser" && IPA_BASE_URL="http://127.0.0.1:$port" \
     IPA_ADMIN_LOGIN=admin IPA_ADMIN_PASSWORD=Secretariat-2016-jjj \
     IPA_OFFICE_LOGIN=tj_office IPA_OFFICE_PASSWORD=Tianjin-IPO-2016-jjj \
     IPA_TJ_OFFICE_LOGIN=tj_office IPA_TJ_OFFICE_PASSWORD=Tianjin-IPO-2016-jjj \
     IPA_HE_OFFICE_LOGIN=he_office IPA_HE_OFFICE_PASSWORD=Hebei-IPO-2016-jjj \
     IPA_MEMBER_LOGIN=member IPA_MEMBER_PASSWORD=Company-2016-jjj-demo npm test) || rc=1
  kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  [ $rc = 0 ] || tail -20 "$WORK/browser-server.log" >&2
  return $rc
}
run_tier "browser (Chromium)" browser_tier

sanitizer_tier() {
  log "building (asan: clang 19, ASan + UBSan, libFuzzer)"
  cmake --preset asan -S "$ROOT" -DIPA_WERROR=ON >/dev/null
  cmake --build "$ROOT/build/asan" -j "$(nproc)"  # every test program and fuzz target
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$ROOT/build/asan" --output-on-failure -j "$(nproc)" -L 'unit|store|http|fuzz' --timeout 600
}
run_tier "sanitizers + fuzzing" sanitizer_tier

failed=0
echo
for name in "${!RESULT[@]}"; do
  printf '  %-70s %s\n' "$name" "${RESULT[$name]}"
  [ "${RESULT[$name]}" = passed ] || failed=$((failed + 1))
done
# Totals over every tier: ctest's "N tests failed out of M" and node's "# pass"/"# fail".
read -r total_pass total_fail < <(awk '
  /tests failed out of/ { f += $(NF-5); p += $NF - $(NF-5) }
  /^# pass / { p += $3 } /^# fail / { f += $3 }
  END { print p + 0, f + 0 }' "$WORK/all-tiers.log")
echo "all tiers: $total_pass passed, $total_fail failed"
exit $(( failed > 0 ))
