#!/usr/bin/env bash
# prebuilt_reproducible.sh - the build step data/gen_prebuilt.c writes the
# same file in every process: run twice more, with the heap filled with two
# different bytes (MALLOC_PERTURB_) and in processes of their own (ASLR: a
# pointer value differs), it must give the build's prebuilt_data.c byte for
# byte.  The serialized PCRE2 set is the part at risk: pcre2_serialize_encode
# copies each code's block as it lies in memory; PCRE2 >= 10.33 zeroes its
# pointer fields (memctl, tables, executable_jit) in the copy, and the block
# has no uninitialised bytes, so the bytes depend on the patterns only.
#
#   tests/prebuilt_reproducible.sh GENERATOR BUILD/prebuilt_data.c SOURCE_DIR
set -euo pipefail
gen=$1 built=$2 src=$3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# the plans as CMakeLists.txt gives them (GLOB, list(SORT))
mapfile -t plans < <(LC_ALL=C ls -d "$src"/corpus/plans/*.txt | LC_ALL=C sort)
MALLOC_PERTURB_=85 "$gen" "$work/a.c" "${plans[@]}"
MALLOC_PERTURB_=170 "$gen" "$work/b.c" "${plans[@]}"
grep -q 'pl_prebuilt_patterns' "$work/a.c" || { echo "no PCRE2 set in the generated file" >&2; exit 1; }
cmp "$work/a.c" "$work/b.c" || { echo "two runs of the generator differ" >&2; exit 1; }
cmp "$work/a.c" "$built" || { echo "the generator differs from the build's prebuilt_data.c" >&2; exit 1; }
echo "prebuilt_reproducible: ok"
