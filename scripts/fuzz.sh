#!/usr/bin/env bash
# fuzz.sh - build the libFuzzer targets with clang (into build-fuzz/) and
# run one of them.
#
#   scripts/fuzz.sh TARGET SECONDS [LIBFUZZER-OPTION...]
#   scripts/fuzz.sh parse 600
#   scripts/fuzz.sh extract 600 -fork=1 -ignore_crashes=1   # keep going
#
# TARGET is a name from fuzz/CMakeLists.txt (parse, extract, ...).  New
# inputs go to build-fuzz/corpus/TARGET/ (not committed); the seeds are
# fuzz/corpus/TARGET/, fuzz/corpus/parse/, corpus/plans/ and the HTML and
# DOCX fixtures in tests/fixtures/.  Crashes,
# timeouts and OOMs are written to fuzz/crashes/TARGET-*; see fuzz/README.md
# for what to do with one.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ $# -lt 2 || ! "$2" =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh TARGET SECONDS [LIBFUZZER-OPTION...]" >&2
    exit 2
fi
target="$1"
seconds="$2"
shift 2

bash scripts/setup.sh --fuzz

# Debug keeps assertions on; -O1 keeps the fuzzer fast enough.
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPLANLINT_FUZZ=ON \
    -DPLANLINT_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-g -O1" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "fuzz_$target"

bin="build-fuzz/fuzz/fuzz_$target"
work="build-fuzz/corpus/$target"
mkdir -p "$work" fuzz/crashes
seeds=()
# No PDF seeds: mutated PDFs spend up to seconds each inside poppler, which
# cuts the rate twentyfold; PDF input deserves a target of its own.
for d in "fuzz/corpus/$target" fuzz/corpus/parse corpus/plans tests/fixtures/html \
    tests/fixtures/docx; do
    [[ -d "$d" && "$d" != "$work" ]] && seeds+=("$d")
done
# fuzz/corpus/parse is listed once even when TARGET is parse
mapfile -t seeds < <(printf '%s\n' "${seeds[@]}" | awk '!seen[$0]++')

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

status=0
"$bin" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds" \
    -print_final_stats=1 -artifact_prefix="fuzz/crashes/$target-" "$@" \
    "$work" "${seeds[@]}" || status=$?

found="$(find fuzz/crashes -maxdepth 1 -type f -name "$target-*" | sort)"
if [[ -n "$found" ]]; then
    echo "fuzz.sh: inputs that failed (reproduce with: $bin FILE):" >&2
    echo "$found" >&2
fi
exit "$status"
