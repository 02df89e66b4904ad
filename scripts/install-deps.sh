#!/usr/bin/env bash
# Installs what builds and tests need on a fresh Debian 12 machine: apt packages, Debian
# source packages (Dear ImGui, SDL2) and npm packages. Idempotent; slow work is cached outside the repo.
# With --bench also what the benchmarks need (wrk, sqlite3, c++filt, the search libraries they compare with).
set -euo pipefail
BENCH=0
[ "${1:-}" = "--bench" ] && BENCH=1

APT_PACKAGES=(
  emscripten libcereal-dev rapidjson-dev doctest-dev
  chromium fonts-noto-core python3-fonttools
  libcpp-httplib-dev libbrotli-dev libsqlite3-dev libsodium-dev libtinyxml2-dev pkg-config
  cmake ninja-build g++ clang libclang-rt-14-dev dpkg-dev brotli
  postgresql-15  # the Medusa shop the adapter tests start (tests/shops/medusa)
)

if [ "$BENCH" = 1 ]; then APT_PACKAGES+=(wrk sqlite3 binutils); fi  # binutils: c++filt for bench/size.mjs

need_apt=()
# The machine's own Node.js 20 and npm serve; Debian's are only the fallback (they conflict).
command -v node >/dev/null && command -v npm >/dev/null || need_apt+=(nodejs npm)
for pkg in "${APT_PACKAGES[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] || need_apt+=("$pkg")
done

SRC_LIST=/etc/apt/sources.list.d/b2b-ordering-src.sources
if [ ! -f "$SRC_LIST" ]; then
  cat >"$SRC_LIST" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  fresh_sources=1
fi

if [ ${#need_apt[@]} -gt 0 ] || [ -n "${fresh_sources:-}" ]; then
  echo "== apt: installing ${need_apt[*]:-(source lists only)}"
  apt-get update -qq
  if [ ${#need_apt[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
  fi
fi

# --- Third-party sources and the wasm SDL2 build, cached outside the repository -------------
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
mkdir -p "$CACHE_DIR/src"

# Unpacks the upstream tarball of Debian source package $1 at version $2 into $CACHE_DIR/src/$3.
fetch_debian_source() {
  local pkg=$1 version=$2 dest="$CACHE_DIR/src/$3"
  [ -f "$dest/.complete" ] && return 0
  echo "== source: $pkg $version"
  local dl; dl=$(mktemp -d)
  (cd "$dl" && apt-get source --download-only -qq "$pkg=$version" >/dev/null 2>&1 \
     || { apt-get update -qq && apt-get source --download-only -qq "$pkg=$version"; })
  rm -rf "$dest" && mkdir -p "$dest"
  tar -xf "$dl"/*.orig.tar.* -C "$dest" --strip-components=1
  rm -rf "$dl"
  touch "$dest/.complete"
}
fetch_debian_source imgui "$IMGUI_VERSION" "$(basename "$IMGUI_DIR")"
fetch_debian_source libsdl2 "$SDL2_VERSION" "$(basename "$SDL2_SRC_DIR")"

b2b_sdl2_prefix
if [ ! -f "$SDL2_PREFIX/.complete" ]; then
  echo "== building SDL2 $SDL2_VERSION for wasm (about 5 minutes, once)"
  build="$CACHE_DIR/build-sdl2"
  rm -rf "$build" "$SDL2_PREFIX"
  emcmake cmake -S "$SDL2_SRC_DIR" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=MinSizeRel -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
    -DCMAKE_INSTALL_PREFIX="$SDL2_PREFIX" >"$CACHE_DIR/sdl2-configure.log" 2>&1 \
    || { tail -n 40 "$CACHE_DIR/sdl2-configure.log"; exit 1; }
  cmake --build "$build" --target install >"$CACHE_DIR/sdl2-build.log" 2>&1 \
    || { tail -n 40 "$CACHE_DIR/sdl2-build.log"; exit 1; }
  rm -rf "$build"
  touch "$SDL2_PREFIX/.complete"
fi

# --- npm packages (exact versions from the committed lockfiles) ---------------------------------
# A copy of the lockfile installed last marks node_modules as current (npm's own copy differs in form).
npm_install() {
  local dir="$1" what="$2"
  local stamp="$dir/node_modules/.installed-package-lock.json"
  if ! cmp -s "$dir/package-lock.json" "$stamp" 2>/dev/null; then
    echo "== npm: $what"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  fi
}
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
npm_install "$repo/tests/browser" "browser test packages"
# An `if`, not `&&`: as the script's last command a false test would be its exit status.
if [ "$BENCH" = 1 ]; then npm_install "$repo/bench/search" "search libraries to compare with"; fi
