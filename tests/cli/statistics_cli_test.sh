#!/usr/bin/env bash
# `ipalliance import --format stats-csv` end to end: the shipped official tables import, a
# re-import replaces, bad rows are reported with file:line field: reason, a bad header fails.
# Usage: statistics_cli_test.sh PATH/TO/ipalliance SOURCE_DIR
set -u
BIN="$1"
SRC="$2"
DIR="$(mktemp -d /tmp/ipa-stats-cli-test.XXXXXX)"
trap 'rm -rf "$DIR"' EXIT
export IPA_DATA_DIR="$DIR"
unset IPA_DB IPA_LISTEN IPA_CONFIG
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"

printf 'region,year,applications,grants,valid_patents,valid_inventions,source\n北京,2015,,94031,,,b4\n河北,2015,,abc,,,b4\n' > "$DIR/bad.csv"
printf 'region,year\n' > "$DIR/header.csv"

check "dry run writes nothing" 0 "dry run: imported 80, updated 0, rejected 0" -- "$BIN" import --format stats-csv --dry-run "$SRC/data/stats/official_patents.csv"
check "shipped tables import" 0 "^imported 80, updated 0, rejected 0" -- "$BIN" import --format stats-csv "$SRC/data/stats/official_patents.csv"
check "re-import replaces" 0 "^imported 0, updated 80, rejected 0" -- "$BIN" import --format stats-csv "$SRC/data/stats/official_patents.csv"
check "bad row reported" 0 "bad.csv:3 grants: not a whole number" -- "$BIN" import --format stats-csv "$DIR/bad.csv"
check "bad row counted" 0 "imported 0, updated 1, rejected 1" -- "$BIN" import --format stats-csv "$DIR/bad.csv"
check "bad header fails" 2 "header.csv: header: the column applications is missing" -- "$BIN" import --format stats-csv "$DIR/header.csv"
check "stored rows" 0 "^81$" -- sqlite3 "$DIR/ipalliance.db" "SELECT COUNT(*) + (SELECT COUNT(*) FROM schema_migrations WHERE version = 6) FROM official_statistics"
finish
