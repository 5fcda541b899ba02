# Shared by the command-line tests: `check NAME EXPECTED_EXIT GREP_PATTERN -- command...` runs
# the command, counts a pass when it exits as expected and its output matches, and prints the
# output's first lines otherwise; `finish` prints the totals and fails when anything failed.
pass=0 fail=0
check() {
  local name="$1" want="$2" pattern="$3"; shift 4
  local out rc
  out="$("$@" 2>&1)"; rc=$?
  if [ "$rc" = "$want" ] && grep -q -- "$pattern" <<<"$out"; then
    pass=$((pass + 1)); echo "ok   $name"
  else
    fail=$((fail + 1)); echo "FAIL $name (exit $rc, wanted $want; pattern '$pattern')"; echo "$out" | head -5
  fi
}
finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" = 0 ]
}
