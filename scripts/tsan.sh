#!/usr/bin/env bash
# tsan.sh - the --jobs worker pool under ThreadSanitizer.
#
#   bash scripts/tsan.sh [DIR...]      (default: corpus/plans and the
#                                       HTML, DOCX, PDF and legacy fixtures)
#
# Builds planlint with -fsanitize=thread into build-tsan/, then runs check
# (every findings format) and extract (every output format) with --jobs 2
# and --jobs 8 over the inputs, with one unreadable file among them.  Any
# report fails the script.  scripts/tsan.supp lists the reports inside
# uninstrumented system libraries (glibc, GLib), read and found to be
# under those libraries' own locks.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-tsan"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLANLINT_BUILD_TESTS=OFF \
    -DCMAKE_C_FLAGS="-fsanitize=thread" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread" > /dev/null
cmake --build "$build" -j"$(nproc)" --target planlint_cli > /dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ $# -gt 0 ]]; then
    inputs=("$@")
else
    mkdir "$work/in"
    cp "$root"/corpus/plans/* "$work/in/"
    find "$root/tests/fixtures" -type f \( -name '*.html' -o -name '*.docx' -o -name '*.pdf' \
        -o -name '*.txt' \) -exec cp {} "$work/in/" \;
    printf '\xff\xfe\xfd not a plan' > "$work/in/zz-unreadable.txt"
    inputs=("$work/in")
fi

export TSAN_OPTIONS="halt_on_error=1 suppressions=$root/scripts/tsan.supp"
status=0
for jobs in 2 8; do
    for cmd in "check -f text" "check -f json" "check -f html" "check -f sarif" \
        "extract -f json" "extract -f ndjson" "extract -f xml" "extract -f csv"; do
        rc=0
        # shellcheck disable=SC2086
        "$build/planlint" $cmd --jobs "$jobs" "${inputs[@]}" > /dev/null 2> "$work/err" || rc=$?
        races=$(grep -c 'WARNING: ThreadSanitizer' "$work/err" || true)
        echo "tsan.sh: $cmd --jobs $jobs: exit $rc, $races reports"
        if [[ "$races" != 0 || "$rc" -gt 2 ]]; then
            sed -n '/WARNING: ThreadSanitizer/,/SUMMARY/p' "$work/err" >&2
            status=1
        fi
    done
done
exit $status
