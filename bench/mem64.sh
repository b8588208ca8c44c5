#!/usr/bin/env bash
# mem64.sh - peak memory on one large plan (issue 17: "at most 4 bytes per
# input byte plus 20 MB on a single 64 MB plan").
#
#   bash bench/mem64.sh [PLANLINT...]      (default: build/planlint)
#
# Builds one plan of just under 64 MiB (the default --max-size) from whole copies of corpus/plans/*.txt
# (valid UTF-8, real plan text, so every stage of the pipeline runs), then
# for each binary given runs `extract` and `check` on it once under
# /usr/bin/time and prints peak RSS, bytes per input byte, the target
# (4 x input + 20 MB) and whether the outputs of all binaries are the same
# byte for byte.  Give the base build and the new one to measure a change
# in one run.  Needs about 70 MB of disk and, per binary, a few seconds to
# a minute.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bins=("$@")
[[ ${#bins[@]} -gt 0 ]] || bins=("$here/build/planlint")
command -v /usr/bin/time >/dev/null || { echo "mem64.sh: needs /usr/bin/time (Debian package time)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/planlint-mem64.XXXXXX")"
trap 'rm -rf "$work"' EXIT
plan="$work/plan-64mb.txt"
: >"$plan"
cat "$here"/corpus/plans/*.txt >"$work/round"
round=$(stat -c %s "$work/round")
# as many whole rounds as stay within 64 MiB, the default --max-size
while [[ $(($(stat -c %s "$plan") + round)) -le $((64 * 1024 * 1024)) ]]; do
    cat "$work/round" >>"$plan"
done
size=$(stat -c %s "$plan")
target_kb=$(((4 * size + 20 * 1000 * 1000) / 1024))
printf '| binary | command | input MB | peak RSS MB | bytes per input byte | target MB | met |\n'
printf '|---|---|---:|---:|---:|---:|---|\n'
i=0
for bin in "${bins[@]}"; do
    for cmd in extract check; do
        status=0
        /usr/bin/time -f %M -o "$work/rss" "$bin" "$cmd" -f json "$plan" >"$work/out.$i.$cmd" \
            2>/dev/null || status=$?
        [[ $status -le 1 ]] || { echo "mem64.sh: $bin $cmd: exit $status" >&2; exit 1; }
        rss=$(tail -n 1 "$work/rss")
        awk -v b="$bin" -v c="$cmd" -v s="$size" -v r="$rss" -v t="$target_kb" 'BEGIN {
            printf "| %s | %s | %.1f | %.1f | %.2f | %.1f | %s |\n", b, c, s / 1e6, r * 1024 / 1e6,
                   r * 1024 / s, t * 1024 / 1e6, (r <= t ? "yes" : "no") }'
    done
    i=$((i + 1))
done
for cmd in extract check; do
    for ((j = 1; j < i; j++)); do
        cmp -s "$work/out.0.$cmd" "$work/out.$j.$cmd" ||
            echo "mem64.sh: $cmd output of ${bins[$j]} differs from ${bins[0]}" >&2
    done
done
