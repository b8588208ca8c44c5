#!/usr/bin/env bash
# paths_check.sh - a build names its sources relative to its trees, not by
# the directories it ran in (-ffile-prefix-map, CMakeLists.txt): the
# programs and the shared library hold neither directory, so two builds of
# one commit in different places differ in nothing but their build-id.
#
#   tests/paths_check.sh SOURCE_DIR BUILD_DIR FILE...
set -euo pipefail
src=$1 bin=$2
shift 2
status=0
for f in "$@"; do
    found="$(strings -a "$f" | grep -F -e "$src/" -e "$bin/" || true)"
    if [[ -n "$found" ]]; then
        echo "paths_check: $f names the build's directories:" >&2
        head -5 <<<"$found" >&2
        status=1
    fi
done
[[ "$status" -eq 0 ]] && echo "paths_check: $# files name no build directory"
exit "$status"
