#!/usr/bin/env bash
# Order placement under load against server-mock (issue #10, part 6): wrk with bench/load/orders.lua, then
# checks that every answered order is stored once and that used keys replay. Options: bench/load/bench.mjs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec node "$here/bench.mjs" "$@"
