#!/usr/bin/env bash
# run.sh - README command 1: install what is missing, build planlint
# (Release, into build/), and run it on the bundled corpus.
#
#   scripts/run.sh            check (or, before `check` exists, extract)
#                             corpus/plans and print the result
#   scripts/run.sh ARGS...    run `build/planlint ARGS...` instead
#
# Exit status: 0 when planlint ran (findings are output, not failure),
# non-zero when setup, the build or planlint itself failed (status 2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/setup.sh

# Tests are not needed to run the tool; scripts/test.sh builds them.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPLANLINT_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)"

cli=build/planlint

# `check` arrives after `extract`; a CLI without it says "unknown command".
# Probed without options (options may be checked before the command name)
# and with no input to wait for.
has_command() {
    local err
    err="$("$cli" "$1" 2>&1 >/dev/null </dev/null)" || true
    [[ "$err" != *"unknown command"* ]]
}

if [[ $# -gt 0 ]]; then
    args=("$@")
elif has_command check; then
    args=(check corpus/plans)
else
    args=(extract corpus/plans)
fi

echo "+ $cli ${args[*]}" >&2
status=0
"$cli" "${args[@]}" || status=$?
case "$status" in
0) ;;
1) echo "run.sh: planlint exited 1: it reported findings (status 1 means findings, not a failure)" >&2 ;;
2) echo "run.sh: planlint exited 2: usage error or an unreadable input (see above)" >&2
   exit 2 ;;
*) echo "run.sh: planlint failed with status $status" >&2
   exit "$status" ;;
esac
exit 0
