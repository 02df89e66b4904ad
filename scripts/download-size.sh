#!/usr/bin/env bash
# Prints the raw and gzip -9 size of each file the browser downloads from a dist folder, and the total for
# a shop speaking our protocol; a Vendure or Medusa shop's buyers get b2b_client_adapters.* instead of
# b2b_client.* (cmake/WebApp.cmake), shown apart.
set -euo pipefail
dist=$1
total_raw=0 total_gz=0 own_gz=0 adapters_gz=0
printf '%-28s %10s %10s\n' file bytes gzipped
for f in "$dist"/*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  printf '%-28s %10d %10d\n' "$name" "$raw" "$gz"
  case "$name" in
    b2b_client_adapters.*) adapters_gz=$((adapters_gz + gz)); continue ;;
    b2b_client.*) own_gz=$((own_gz + gz)) ;;
  esac
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
done
printf '%-28s %10d %10d\n' TOTAL "$total_raw" "$total_gz"
printf 'download size: %d KiB gzipped (%d KiB raw); with the Vendure and Medusa adapters %d KiB gzipped\n' \
  $((total_gz / 1024)) $((total_raw / 1024)) $(((total_gz - own_gz + adapters_gz) / 1024))
