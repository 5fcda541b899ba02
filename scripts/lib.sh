# Shared helpers for the run and test scripts (sourced, not run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DEBIAN_FRONTEND=noninteractive

log() { printf '\033[1;34m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31merror: %s\033[0m\n' "$*" >&2; exit 1; }

# Build and run-time packages.
RUN_PACKAGES=(cmake ninja-build g++ pkg-config libboost-dev nlohmann-json3-dev libsqlite3-dev
  libpq-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev libpugixml-dev libsimdjson-dev libgtest-dev
  libbenchmark-dev sqlite3 ca-certificates)
# What the tests add: a PostgreSQL server, a browser with CJK fonts, clang for the sanitizer
# and fuzz tier, wrk for load scripts, Xapian as a search baseline (bench/search_bench).
TEST_PACKAGES=(postgresql-15 chromium fonts-noto-cjk clang-19 libclang-rt-19-dev wrk libxapian-dev)

# Installs the Debian packages that are missing (apt-get update only when needed).
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    [ "$(id -u)" = 0 ] || die "run as root to install packages (missing: ${missing[*]})"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# npm ci in a folder when its node_modules is missing or older than its lock file.
ensure_npm() {
  local dir="$1"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "installing npm packages in ${dir#$ROOT/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Configures and builds a CMake preset.
build_preset() {
  local preset="$1"; shift
  log "building ($preset)"
  cmake --preset "$preset" -S "$ROOT" "$@" >/dev/null
  cmake --build "$ROOT/build/$preset" -j "$(nproc)"
}

# Builds the web UI into web/dist when its sources changed.
build_web() {
  ensure_npm "$ROOT/web"
  local stamp="$ROOT/web/dist/.built"
  if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT/web/src" "$ROOT/web/index.html" "$ROOT/web/package-lock.json" "$ROOT/web/vite.config.js" -newer "$stamp" 2>/dev/null | head -1)" ]; then
    log "building the web UI"
    (cd "$ROOT/web" && npm run build --silent)
    touch "$stamp"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}
