#!/bin/sh
# accuracy_check.sh CLI SRCDIR - per-field accuracy of `extract` on the
# labelled development sets beside the repository (../shared/realdocs,
# ../shared/plan-excerpts), against the floors in tests/accuracy-floors.txt.
# A clone without ../shared skips (status 77) and says so.
cli="$1"
src="$2"
sets=""
for s in realdocs plan-excerpts; do
    [ -f "$src/../shared/$s/gold.json" ] && sets="$sets $src/../shared/$s"
done
if [ -z "$sets" ]; then
    echo "accuracy_check: skipped: no labelled set in $src/../shared (realdocs, plan-excerpts)"
    exit 77
fi
# shellcheck disable=SC2086
exec python3 "$src/scripts/accuracy.py" --planlint "$cli" \
    --floors "$src/tests/accuracy-floors.txt" --misses $sets
