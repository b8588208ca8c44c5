#!/bin/sh
# accuracy_check.sh CLI SRCDIR - per-field accuracy of `extract` on the
# labelled development sets beside the repository (../shared/realdocs,
# ../shared/plan-excerpts) and on the repository's own set of real target
# shapes (tests/accuracy/target-shapes) and of real excerpts it had not
# seen (tests/accuracy/plan-excerpts-extra) and of real headers it had not
# seen (tests/accuracy/headers-extra, and tests/accuracy/headers-pending:
# those whose misses are not fixed yet), against the floors in
# tests/accuracy-floors.txt.
cli="$1"
src="$2"
sets="$src/tests/accuracy/target-shapes $src/tests/accuracy/plan-excerpts-extra $src/tests/accuracy/headers-extra $src/tests/accuracy/headers-pending"
for s in realdocs plan-excerpts; do
    [ -f "$src/../shared/$s/gold.json" ] && sets="$sets $src/../shared/$s"
done
# shellcheck disable=SC2086
exec python3 "$src/scripts/accuracy.py" --planlint "$cli" \
    --floors "$src/tests/accuracy-floors.txt" --misses $sets
