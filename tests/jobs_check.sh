#!/usr/bin/env bash
# jobs_check.sh - `--jobs N` changes nothing but the speed: for extract
# (json, ndjson, csv, xml) and check (text, json, html, sarif), a run with
# --jobs 2, 4 and 7 gives byte for byte the standard output, the standard
# error and the exit status of --jobs 1.
#
# The inputs are chosen to make a parallel run go wrong if it can: the
# corpus plans and the HTML, DOCX and PDF fixtures (each reader in several
# threads at once), files that fail (missing, invalid UTF-8, an encrypted
# PDF, an empty file) so that errors must come out in order between
# results, a directory operand, and plans in directories with their own
# `.planlint` (one of them invalid) interleaved, so that the checker's
# configuration cache is replaced while other threads use it, and a run
# with --plans and --parent, whose documents every thread reads.  The list
# is repeated so that every worker gets many files and the reorder window
# fills up.
#
# usage: tests/jobs_check.sh PLANLINT REPO_DIR
# Exit 0 when every run matches, 1 otherwise (each difference printed),
# 2 on a usage error.
#
# Under ThreadSanitizer (planlint built with clang -fsanitize=thread), run
# it with reports sent to files, since they would show as differences on
# stderr:
#   printf 'race:tzset_internal\n' > /tmp/tsan.supp
#   G_SLICE=always-malloc \
#   TSAN_OPTIONS="log_path=/tmp/tsan/log suppressions=/tmp/tsan.supp" \
#       tests/jobs_check.sh build-tsan/planlint .
# G_SLICE=always-malloc: glib's slice allocator recycles memory between
# threads through per-thread caches TSan cannot see (poppler-glib uses
# it).  tzset_internal: glibc's time-zone state, locked by glibc's own
# internal lock, which TSan does not see either (libzip converts DOS
# times with mktime).  Both are reports about synchronisation TSan cannot
# observe, not races.
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 PLANLINT REPO_DIR" >&2
    exit 2
fi
planlint=$1
repo=$2

work=$(mktemp -d "${TMPDIR:-/tmp}/planlint-jobs.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---- inputs -----------------------------------------------------------------
mkdir -p "$work/in/plans" "$work/in/en" "$work/in/strict" "$work/in/broken" "$work/in/formats"
cp "$repo"/corpus/plans/*.txt "$work/in/plans/"
for d in html docx pdf; do
    cp "$repo"/tests/fixtures/"$d"/*."$d" "$work/in/formats/"
done
# A scanned page takes seconds of OCR each time it is read, and this test
# reads every input a dozen times: the pool is tested on the other readers.
rm -f "$work"/in/formats/*-scan.pdf
printf 'K\xe1\xba\xbf ho\xe1\xba\xa1ch \xff\xfe 90%% tr\xe1\xba\xbb em\n' > "$work/in/plans/bad-utf8.txt"
: > "$work/in/plans/empty.txt"
for d in en strict broken; do
    cp "$work"/in/plans/*.txt "$work/in/$d/"
done
printf 'lang = en\nduplicate-word = off\n' > "$work/in/en/.planlint"
printf 'fail-on = warning\n' > "$work/in/strict/.planlint"
printf 'no-such-rule = error\n' > "$work/in/broken/.planlint"

operands=()
for round in 1 2 3 4; do
    for f in "$work"/in/plans/*.txt; do
        name=$(basename "$f")
        # alternate directories file by file: the cache of the nearest
        # .planlint changes at almost every document
        operands+=("$f" "$work/in/en/$name" "$work/in/strict/$name" "$work/in/broken/$name")
    done
    operands+=("$work/in/missing-$round.txt")
done
operands+=("$work/in/formats")

# ---- runs -------------------------------------------------------------------
fail=0

# run NAME JOBS ARGS...: output in $work/out/NAME.JOBS.{out,err,rc}
run() {
    local name=$1 jobs=$2
    shift 2
    local rc=0
    "$planlint" "$@" --jobs "$jobs" > "$work/out/$name.$jobs.out" 2> "$work/out/$name.$jobs.err" ||
        rc=$?
    echo "$rc" > "$work/out/$name.$jobs.rc"
}

compare() {
    local name=$1 jobs=$2
    for part in out err rc; do
        if ! cmp -s "$work/out/$name.1.$part" "$work/out/$name.$jobs.$part"; then
            echo "FAIL: $name: --jobs $jobs differs from --jobs 1 on std$part" >&2
            diff "$work/out/$name.1.$part" "$work/out/$name.$jobs.$part" | head -n 10 >&2 || true
            fail=1
        fi
    done
}

# check NAME ARGS...: --jobs 1 against 2, 4 and 7 (7 leaves a window that
# does not divide the number of files)
check() {
    local name=$1
    shift
    for jobs in 1 2 4 7; do
        run "$name" "$jobs" "$@"
    done
    # a comparison of empty outputs would prove nothing
    if [ ! -s "$work/out/$name.1.out" ] || [ ! -s "$work/out/$name.1.err" ]; then
        echo "FAIL: $name: --jobs 1 wrote no output or no errors" >&2
        fail=1
    fi
    for jobs in 2 4 7; do
        compare "$name" "$jobs"
    done
}

mkdir -p "$work/out"
for fmt in json ndjson csv xml; do
    check "extract-$fmt" extract -f "$fmt" "${operands[@]}"
done
for fmt in text json html sarif; do
    check "check-$fmt" check -f "$fmt" "${operands[@]}"
done
# parents shared by every thread: an index of plans and a --parent plan
check "check-parents" check -f json --plans "$repo/corpus/plans" \
    --parent "$repo/corpus/plans/hung-yen-province-2021-news.txt" "${operands[@]}"
# strict decoding: the invalid UTF-8 file is an error, not a guess
check "check-utf8" check -f text --encoding utf-8 "$work/in/plans"
check "extract-utf8" extract -f ndjson --encoding utf-8 "$work/in/plans" "$work/in/plans"

if [ "$fail" -ne 0 ]; then
    exit 1
fi
echo "jobs_check: --jobs 2, 4, 7 match --jobs 1 (extract json/ndjson/csv/xml, check text/json/html/sarif)"
