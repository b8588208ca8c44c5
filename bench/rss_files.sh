#!/usr/bin/env bash
# rss_files.sh - peak memory over many small plans (issue 17: "peak RSS on
# 10 000 files still flat"): `check` over 1 000 and over 10 000 files should
# take the same peak RSS, since files are read one at a time and at most
# 2 x --jobs documents are held at once.
#
#   bash bench/rss_files.sh [PLANLINT...]      (default: build/planlint)
#
# Generates 10 000 files with bench/gen_corpus.py (the plans of corpus/plans
# copied round robin, numbers varied, fixed seed, 500 files per
# directory; about 96 MB), or reuses the corpus in RSS_CORPUS=DIR (made by
# gen_corpus.py, at least 20 directories).  For each binary given, runs
# `check -f text` with --jobs 1 and --jobs 2 over the first 2 directories
# (1 000 files) and the first 20 (10 000 files) once each under
# /usr/bin/time, and prints peak RSS and the ratio 10 000 / 1 000 (flat:
# close to 1.00).  The outputs of all binaries over the 10 000 files are
# compared byte for byte.  Needs /usr/bin/time; takes, per binary, about
# four times what one `check` of 100 MB takes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bins=("$@")
[[ ${#bins[@]} -gt 0 ]] || bins=("$here/build/planlint")
command -v /usr/bin/time >/dev/null || { echo "rss_files.sh: needs /usr/bin/time (Debian package time)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/planlint-rss.XXXXXX")"
trap 'rm -rf "$work"' EXIT
corpus=${RSS_CORPUS:-}
if [[ -z "$corpus" ]]; then
    corpus="$work/corpus"
    # 10 397 files make 100 MB: 97 MB gives at least 10 000
    python3 "$here/bench/gen_corpus.py" "$here/corpus/plans" "$corpus" 97 >/dev/null
fi
dirs=()
for ((d = 0; d < 20; d++)); do
    dirs+=("$corpus/$(printf 'd%04d' "$d")")
    [[ -d "${dirs[-1]}" ]] || { echo "rss_files.sh: $corpus has fewer than 20 directories" >&2; exit 1; }
done
small=("${dirs[@]:0:2}")
count() { find "$@" -type f | wc -l; }
nsmall=$(count "${small[@]}")
nlarge=$(count "${dirs[@]}")
find "${dirs[@]}" -type f -exec cat {} + >/dev/null # into the page cache

# run BIN JOBS OUT DIR...: peak RSS in KB of one check
run() {
    local bin=$1 jobs=$2 out=$3 status=0
    shift 3
    /usr/bin/time -f %M -o "$work/rss" "$bin" check -f text --jobs "$jobs" "$@" >"$out" 2>/dev/null ||
        status=$?
    [[ $status -le 1 ]] || { echo "rss_files.sh: $bin check: exit $status" >&2; exit 1; }
    tail -n 1 "$work/rss"
}

printf '| binary | --jobs | peak RSS MB, %d files | peak RSS MB, %d files | ratio |\n' "$nsmall" "$nlarge"
printf '|---|---:|---:|---:|---:|\n'
i=0
for bin in "${bins[@]}"; do
    for jobs in 1 2; do
        a=$(run "$bin" "$jobs" /dev/null "${small[@]}")
        b=$(run "$bin" "$jobs" "$work/out.$i.$jobs" "${dirs[@]}")
        awk -v n="$bin" -v j="$jobs" -v a="$a" -v b="$b" 'BEGIN {
            printf "| %s | %d | %.1f | %.1f | %.2f |\n", n, j, a / 1024, b / 1024, b / a }'
    done
    i=$((i + 1))
done
for ((j = 1; j < i; j++)); do
    cmp -s "$work/out.0.1" "$work/out.$j.1" ||
        echo "rss_files.sh: output of ${bins[$j]} differs from ${bins[0]}" >&2
done
