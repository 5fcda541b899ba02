#!/usr/bin/env bash
# The README's first command: install, build, load the demo data once and serve the UI and API
# on 127.0.0.1:8080 in the foreground. Settings come from IPA_* variables (docs/operations.md).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_packages "${RUN_PACKAGES[@]}"
build_preset release
build_web
BIN="$ROOT/build/release/src/cli/ipalliance"
export IPA_DATA_DIR="${IPA_DATA_DIR:-$ROOT/ipa-data}"
export IPA_LISTEN="${IPA_LISTEN:-127.0.0.1:8080}"
"$BIN" migrate
log "serving on http://$IPA_LISTEN/ (Ctrl-C stops)"
exec "$BIN" serve --demo
