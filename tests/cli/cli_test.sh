#!/usr/bin/env bash
# The command line end to end on a temporary data directory: migrate, demo data, users,
# configuration errors. Usage: cli_test.sh PATH/TO/ipalliance
set -u
BIN="$1"
DIR="$(mktemp -d /tmp/ipa-cli-test.XXXXXX)"
trap 'rm -rf "$DIR"' EXIT
export IPA_DATA_DIR="$DIR"
unset IPA_DB IPA_LISTEN IPA_CONFIG
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"

check "help lists subcommands" 0 "demo-data" -- "$BIN" --help
check "serve has help" 0 "--demo" -- "$BIN" serve --help
check "migrate applies" 0 "schema at version" -- "$BIN" migrate
check "migrate again is a no-op" 0 "(0 applied now)" -- "$BIN" migrate
check "demo data loads" 0 "loaded 182 organizations and 7 users" -- "$BIN" demo-data
check "demo data loads once" 0 "loaded before" -- "$BIN" demo-data
check "weak password refused" 2 "common passwords" -- bash -c "echo 123456789012 | '$BIN' user add --login wang.tj --role office --office TJ --password-stdin"
check "office needs an office" 2 "office" -- bash -c "echo a-long-good-passphrase | '$BIN' user add --login wang.tj --role office --password-stdin"
check "user add" 0 "created user wang.tj" -- bash -c "echo a-long-good-passphrase | '$BIN' user add --login wang.tj --role office --office TJ --password-stdin"
check "duplicate login refused" 1 "taken" -- bash -c "echo a-long-good-passphrase | '$BIN' user add --login wang.tj --role office --office TJ --password-stdin"
check "user list" 0 "wang.tj" -- "$BIN" user list
check "user reset" 0 "sessions were ended" -- bash -c "echo another-good-passphrase | '$BIN' user reset --login wang.tj --password-stdin"
check "reset of unknown login" 1 "not found" -- bash -c "echo another-good-passphrase | '$BIN' user reset --login nobody --password-stdin"
check "bad IPA_LISTEN named" 2 "IPA_LISTEN" -- env IPA_LISTEN=nonsense "$BIN" migrate
check "unknown IPA_ setting named" 2 "IPA_LISTN" -- env IPA_LISTN=1 "$BIN" migrate
check "bad database URL" 2 "sqlite: or postgresql" -- env IPA_DB=mysql://x "$BIN" migrate
check "config file line errors" 2 ":1:" -- bash -c "echo garbage > '$DIR/bad.conf'; '$BIN' --config '$DIR/bad.conf' migrate"
check "flag overrides environment" 0 "flagdir" -- bash -c "IPA_DATA_DIR=$DIR/envdir '$BIN' --data-dir '$DIR/flagdir' migrate"
sqlite3 "$DIR/ipalliance.db" "INSERT INTO schema_migrations VALUES (999, 'future', 0)"
check "newer schema refused" 1 "refusing to run" -- "$BIN" migrate
finish
