# Versions of third-party sources and where their cached builds live (outside the repository).
# Sourced by scripts/install-deps.sh and ./dev.
CACHE_DIR="${B2B_CACHE_DIR:-$HOME/.cache/b2b-ordering}"
IMGUI_VERSION=1.90.1+ds-1
SDL2_VERSION=2.26.5+dfsg-1
IMGUI_DIR="$CACHE_DIR/src/imgui-$IMGUI_VERSION"
SDL2_SRC_DIR="$CACHE_DIR/src/sdl2-$SDL2_VERSION"
# Debian's node does not see Debian's node modules (acorn) that emcc needs.
export NODE_PATH=/usr/share/nodejs

# Sets SDL2_PREFIX: the wasm SDL2 build, keyed by SDL2's and emcc's versions.
b2b_sdl2_prefix() {
  local emcc_version
  # sed reads all of emcc's output: `head` would exit early, and with pipefail the SIGPIPE emcc may then
  # get fails the caller's `set -e` now and then (seen when the machine was busy).
  emcc_version=$(emcc --version 2>/dev/null | sed -n '1s/^[^0-9]*\([0-9]\+\.[0-9]\+\.[0-9]\+\).*/\1/p')
  SDL2_PREFIX="$CACHE_DIR/sdl2-$SDL2_VERSION-emcc$emcc_version"
}
