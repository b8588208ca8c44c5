#!/usr/bin/env bash
# fuzz.sh - build the libFuzzer targets with clang (into build-fuzz/) and
# run one of them.
#
#   scripts/fuzz.sh TARGET SECONDS [LIBFUZZER-OPTION...]
#   scripts/fuzz.sh parse 600
#   scripts/fuzz.sh extract 600 -fork=1 -ignore_crashes=1   # keep going
#
# TARGET is a name from fuzz/CMakeLists.txt (parse, extract, check, html,
# docx, odt, pdf, legacy, program, config).  New inputs go to
# build-fuzz/corpus/TARGET/ (not committed); the seeds are
# fuzz/corpus/TARGET/ and the inputs of the target's kind the tree has (see
# seeds_for below; the replay tests use the same directories,
# tests/replay.cmake).  Crashes, timeouts and OOMs are written to
# fuzz/crashes/TARGET-*; see fuzz/README.md for what to do with one.
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

# Seed directories (besides fuzz/corpus/TARGET/) and the largest input, by
# target.  The text targets start from the plans and the HTML and DOCX
# fixtures (which their sniffing sends to those readers) but not from the
# PDFs: a mutated PDF spends up to seconds in poppler, which cuts the rate
# twentyfold; fuzz_pdf has them, with a smaller -max_len (the fixtures are
# 21-42 KiB) so that the inputs it grows stay as cheap as the seeds.
seeds_for() {
    case "$1" in
    parse | extract | check)
        echo fuzz/corpus/parse corpus/plans tests/fixtures/html tests/fixtures/docx ;;
    html) echo tests/fixtures/html ;;
    docx) echo tests/fixtures/docx ;;
    odt) echo tests/fixtures/odt ;;
    pdf) echo tests/fixtures/pdf ;;
    program) echo data/programs ;;
    legacy | config) ;; # their inputs have a form of their own: own corpus only
    *) echo fuzz/corpus/parse corpus/plans ;;
    esac
}
max_len=65536
timeout=10
[[ "$target" == pdf ]] && max_len=49152
# A PDF whose text layer does not read goes to Tesseract, in this process
# (the fuzz build reads PDFs without planlint-pdf): the seed
# fuzz/corpus/pdf/running-header-footer.pdf OCRs three pages in 6 s of CPU
# under ASan at -O1, 18 s of wall time on the shared machine, which
# libFuzzer's 10 s took for a hang (2026-12-05).  The CLI bounds it by
# planlint-pdf's own limits.
[[ "$target" == pdf ]] && timeout=60
# A dictionary of the format's names, for the structured inputs
# (fuzz/dict/: program, config, docx).
dict=()
[[ -f "fuzz/dict/$target.dict" ]] && dict=(-dict="fuzz/dict/$target.dict")

seeds=()
for d in "fuzz/corpus/$target" $(seeds_for "$target"); do
    [[ -d "$d" && "$d" != "$work" ]] && seeds+=("$d")
done
# fuzz/corpus/parse is listed once even when TARGET is parse
if [[ ${#seeds[@]} -gt 0 ]]; then
    mapfile -t seeds < <(printf '%s\n' "${seeds[@]}" | awk '!seen[$0]++')
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/scripts/lsan-fuzz.supp}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

status=0
"$bin" -max_len="$max_len" -timeout="$timeout" -rss_limit_mb=2048 -max_total_time="$seconds" \
    -print_final_stats=1 -artifact_prefix="fuzz/crashes/$target-" "${dict[@]}" "$@" \
    "$work" "${seeds[@]}" || status=$?

found="$(find fuzz/crashes -maxdepth 1 -type f -name "$target-*" | sort)"
if [[ -n "$found" ]]; then
    echo "fuzz.sh: inputs that failed (reproduce with: $bin FILE):" >&2
    echo "$found" >&2
fi
exit "$status"
