#!/usr/bin/env bash
# one_file_run.sh - a run of `check` or `extract` over one file sizes no
# pool: it reads neither /sys/devices/system/cpu/online (how many
# processors: sysconf) nor /proc/meminfo or the cgroup's memory files (how
# many jobs the memory holds), whatever --jobs says, since the pool never
# runs more threads than inputs (cli/args.c, args_run_jobs).  Two files
# with the default --jobs still ask both, which shows that the trace sees
# the reads.  Needs strace; skipped (77) without it or where it cannot
# trace (no ptrace in the container).
#
# usage: tests/one_file_run.sh PLANLINT REPO_DIR
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 PLANLINT REPO_DIR" >&2
    exit 2
fi
pl=$1
plan=$2/corpus/plans/hoang-duc-commune-2023-pdf.txt
other=$2/corpus/plans/$(ls "$2/corpus/plans" | grep -v hoang-duc-commune-2023-pdf.txt | head -n 1)
command -v strace >/dev/null 2>&1 || { echo "strace missing: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
strace -f -e trace=open,openat -o "$tmp/probe" true >/dev/null 2>&1 ||
    { echo "strace cannot trace here: skipped"; exit 77; }

# The files a run opens (the trace's openat lines), by name.
opened() {
    strace -f -e trace=open,openat -o "$tmp/trace" "$@" >/dev/null 2>&1 || true
    grep -oE '"[^"]*"' "$tmp/trace" | tr -d '"'
}
sizing='^(/sys/devices/system/cpu/online|/proc/meminfo|/sys/fs/cgroup/memory\.(max|current))$'
fail=0
for args in "check $plan" "extract $plan" "check --jobs 4 $plan" "extract -j 2 $plan"; do
    # shellcheck disable=SC2086
    if opened "$pl" $args | grep -E "$sizing" >"$tmp/hits"; then
        echo "planlint $args sized a pool for one file:"
        cat "$tmp/hits"
        fail=1
    fi
done
# shellcheck disable=SC2086
if ! opened "$pl" check "$plan" "$other" | grep -qx /sys/devices/system/cpu/online; then
    echo "planlint check of two files did not ask how many processors are online (trace broken?)"
    fail=1
fi
# shellcheck disable=SC2086
if ! opened "$pl" check "$plan" "$other" | grep -qx /proc/meminfo; then
    echo "planlint check of two files did not ask /proc/meminfo (trace broken?)"
    fail=1
fi
exit $fail
