#!/usr/bin/env bash
# Prints the raw and gzip -9 size of each file the browser downloads from a dist folder, and the total.
set -euo pipefail
dist=$1
total_raw=0 total_gz=0
printf '%-28s %10s %10s\n' file bytes gzipped
for f in "$dist"/*; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-28s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-28s %10d %10d\n' TOTAL "$total_raw" "$total_gz"
printf 'download size: %d KiB gzipped (%d KiB raw)\n' $((total_gz / 1024)) $((total_raw / 1024))
