#!/usr/bin/env bash
# test.sh - README command 2 (and CI): install what is missing, then
#
#   1. build-test/  RelWithDebInfo, warnings as errors; ctest
#   2. build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer; ctest
#   3. valgrind memcheck on the CLI (from build-test/) over every corpus
#      plan in every extract format the CLI implements
#
# Exits non-zero on the first failure.  On 2 cores the whole run takes a
# few minutes.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

jobs="$(nproc)"
started=$SECONDS

step() {
    echo
    echo "==== $* ($((SECONDS - started)) s)"
}

die() {
    echo "test.sh: $*" >&2
    exit 1
}

build_and_test() {
    local dir="$1"
    shift
    cmake -S . -B "$dir" "$@"
    cmake --build "$dir" -j"$jobs"
    # --no-tests=error: a configuration that registers nothing is a failure
    (cd "$dir" && ctest --output-on-failure --no-tests=error -j2)
}

# Formats `extract` accepts.  A format the CLI does not implement yet is
# skipped, and said so; any other failure on a one-line input is a bug.
probe_formats() {
    local cli="$1" fmt err rc
    for fmt in json ndjson xml csv; do
        rc=0
        err="$(printf 'x\n' | "$cli" extract -f "$fmt" - 2>&1 >/dev/null)" || rc=$?
        if [[ $rc -eq 2 && "$err" == *"unknown format"* ]]; then
            echo "test.sh: skipping format $fmt (not implemented: $err)" >&2
        elif [[ $rc -ne 0 ]]; then
            die "extract -f $fmt on a one-line input exited $rc: $err"
        else
            echo "$fmt"
        fi
    done
}

# valgrind's own failure status, apart from planlint's 1 (findings) and 2
VG_FAILED=99

# vg WHAT ALLOWED-STATUSES ARGS...: run the CLI under memcheck; die unless
# it exits with one of the allowed statuses.
vg() {
    local what="$1" allowed="$2" rc=0
    shift 2
    valgrind -q --tool=memcheck --error-exitcode=$VG_FAILED --leak-check=full \
        --errors-for-leak-kinds=definite --suppressions="$supp" "$cli" "$@" >/dev/null || rc=$?
    [[ " $allowed " == *" $rc "* ]] || die "valgrind: planlint $what exited $rc"
    runs=$((runs + 1))
}

run_valgrind() {
    local plans=() formats=() f fmt probed
    cli="build-test/planlint"
    supp="scripts/valgrind.supp" # PCRE2's JIT: why, in the file
    runs=0
    # a command substitution, not <(...), so that a failed probe stops here
    probed="$(probe_formats "$cli")"
    [[ -n "$probed" ]] || die "no extract format works"
    mapfile -t formats <<<"$probed"
    mapfile -t plans < <(find corpus/plans -maxdepth 1 -type f | sort)
    [[ ${#plans[@]} -gt 0 ]] || die "no plans in corpus/plans"
    for fmt in "${formats[@]}"; do
        for f in "${plans[@]}"; do
            vg "extract -f $fmt $f" 0 extract -f "$fmt" "$f"
        done
        # all at once: the multi-document path (JSON array, one XML root)
        vg "extract -f $fmt corpus/plans" 0 extract -f "$fmt" corpus/plans
    done
    vg "extract - <${plans[0]}" 0 extract - <"${plans[0]}"
    # two threads (the JIT's reads past a subject: scripts/valgrind.supp)
    vg "extract --jobs 2 corpus/plans" 0 extract --jobs 2 -f json corpus/plans
    # `check` once it exists (1 = findings, not a failure)
    if [[ "$("$cli" check 2>&1 </dev/null)" != *"unknown command"* ]]; then
        vg "check corpus/plans" "0 1" check corpus/plans
    else
        echo "test.sh: skipping check under valgrind (no check command yet)" >&2
    fi
    # compare: the page, and the workbook written through libxlsxwriter
    # (a temporary file of its own, copied to -o), with a duplicate merged
    local xlsx="${TMPDIR:-/tmp}/planlint-vg-$$.xlsx"
    vg "compare -f html corpus/plans" 0 compare -f html corpus/plans
    vg "compare -f xlsx corpus/plans" 0 compare -f xlsx -o "$xlsx" corpus/plans \
        tests/fixtures/docx/hung-yen-province-2021-news.docx
    rm -f "$xlsx"
    echo "valgrind: $runs runs clean (extract formats: ${formats[*]})"
}

step "setup"
bash scripts/setup.sh --test

step "build-test: RelWithDebInfo, -Werror"
build_and_test build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLANLINT_WERROR=ON -DPLANLINT_DOC_CHECK=ON

step "build-asan: AddressSanitizer + UndefinedBehaviorSanitizer"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
build_and_test build-asan -DCMAKE_BUILD_TYPE=Debug -DPLANLINT_SANITIZE=ON -DPLANLINT_DOC_CHECK=ON
unset ASAN_OPTIONS UBSAN_OPTIONS

step "valgrind memcheck on the CLI"
run_valgrind

step "all passed in $((SECONDS - started)) s"
