#!/usr/bin/env bash
# Builds the wire decoders' libFuzzer targets (clang, ASan + UBSan) into BUILD_DIR, seeds their corpora
# from tests/fixtures and runs each for SECONDS seconds; exits non-zero if any target finds a crash,
# leak, undefined behaviour or timeout (the failing input is left in BUILD_DIR/artifacts/).
# Usage: scripts/run-fuzzers.sh BUILD_DIR SECONDS
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$1"
build="$(cd "$1" && pwd)"
seconds="$2"
cxx="${CXX_FUZZ:-clang++}"

# rapidjson 1.1's internal stack adds an offset to its null pointer before its first allocation: harmless,
# but UBSan stops on it. That one check may resume so a suppression can name the file; every other
# report, and any pointer overflow elsewhere (halt_on_error), still ends the run as a crash.
common=(-std=c++17 -g -O1 -fno-omit-frame-pointer "-fsanitize=address,undefined" -fno-sanitize-recover=undefined
        -fsanitize-recover=pointer-overflow -I"$root/shared/include")
echo "pointer-overflow:rapidjson/internal/stack.h" >"$build/ubsan.supp"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$build/ubsan.supp"

# The shared library once, instrumented for coverage; an archive so each target links only what it uses.
echo "== compiling shared/src with $cxx"
mkdir -p "$build/obj" "$build/artifacts"
rm -f "$build"/obj/*.o
mapfile -t sources < <(cd "$root/shared/src" && find . -name '*.cpp' -printf '%P\n' | sort)
for source in "${sources[@]}"; do
  [ "$(jobs -rp | wc -l)" -lt "$(nproc)" ] || wait -n
  "$cxx" "${common[@]}" -fsanitize=fuzzer-no-link -c "$root/shared/src/$source" -o "$build/obj/${source//\//_}.o" &
done
while [ -n "$(jobs -rp)" ]; do wait -n; done
rm -f "$build/libb2b_shared_fuzz.a"
ar rcs "$build/libb2b_shared_fuzz.a" "$build"/obj/*.o

targets=(fuzz_decode_json fuzz_decode_binary)
for target in "${targets[@]}"; do
  echo "== linking $target"
  "$cxx" "${common[@]}" -fsanitize=fuzzer "$root/tests/fuzz/$target.cpp" "$build/libb2b_shared_fuzz.a" -o "$build/$target"
done
"$cxx" "${common[@]}" -fsanitize=fuzzer-no-link "$root/tests/fuzz/make_fuzz_seeds.cpp" "$build/libb2b_shared_fuzz.a" \
  -o "$build/make_fuzz_seeds"

# Corpora persist in BUILD_DIR, so later runs start from what earlier ones found.
"$build/make_fuzz_seeds" "$root/tests/fixtures" "$build/corpus/fuzz_decode_json" "$build/corpus/fuzz_decode_binary"

failed=()
for target in "${targets[@]}"; do
  echo "== running $target for ${seconds}s"
  if ! "$build/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
       -artifact_prefix="$build/artifacts/$target-" "$build/corpus/$target" >"$build/$target.log" 2>&1; then
    failed+=("$target")
    tail -n 60 "$build/$target.log"
  else
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$build/$target.log" || true
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]} (inputs in $build/artifacts/, logs in $build/*.log)" >&2
  exit 1
fi
echo "fuzzing passed: ${targets[*]} (${seconds}s each)"
