#!/usr/bin/env bash
# cli_hostile.sh - the command line against hostile inputs and unlucky
# users (issue 18): no data lost, no injection into what planlint writes,
# no silent configuration, no crash or hang.  Each case runs under a time
# bound (timeout) and a memory bound (peak RSS from /usr/bin/time), so a
# regression to a hang or a blow-up fails here rather than in a user's
# batch.
#
#   tests/cli_hostile.sh PATH/TO/planlint
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 PATH/TO/planlint" >&2
    exit 2
fi
cli="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
for tool in jq timeout /usr/bin/time iconv; do
    command -v "$tool" >/dev/null 2>&1 ||
        { echo "cli_hostile.sh: needs $tool (scripts/setup.sh installs it)" >&2; exit 1; }
done

# Bounds per case.  Every case is a small input: a second is plenty; the
# memory bound is what a plan of a few kilobytes may cost, with room for
# the sanitizer builds (ASan's shadow memory roughly triples RSS).
time_bound=20
mem_bound_kb=200000
if grep -q __asan_init "$cli" 2>/dev/null; then
    mem_bound_kb=$((mem_bound_kb * 4))
fi

work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# run ARGS...: planlint under the bounds; sets $status, $out, $err.
# Standard output goes to $out_file (out.txt unless set), stdin comes from
# $stdin_file.
stdin_file=/dev/null
out_file=out.txt
run() {
    status=0
    timeout -k 2 "$time_bound" /usr/bin/time -f %M -o rss.txt "$cli" "$@" \
        <"$stdin_file" >"$out_file" 2>err.txt || status=$?
    out="$(cat out.txt 2>/dev/null || true)"
    err="$(grep -v '^Command exited with non-zero status' err.txt || true)"
    if [[ $status -eq 124 || $status -eq 137 ]]; then
        fail "planlint $*: did not finish within ${time_bound} s"
    fi
    local rss
    rss="$(tail -n 1 rss.txt 2>/dev/null || echo 0)"
    if [[ "$rss" =~ ^[0-9]+$ && $rss -gt $mem_bound_kb ]]; then
        fail "planlint $*: peak RSS ${rss} kB above ${mem_bound_kb} kB"
    fi
}

expect_status() {
    local want="$1" what="$2"
    [[ "$status" -eq "$want" ]] || fail "$what: exit status $status, expected $want (stderr: $err)"
}

# one_line WHAT: stderr is exactly one line
one_line() {
    [[ -n "$err" && "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]] ||
        fail "$1: expected one line on stderr, got: $err"
}

printf 'KẾ HOẠCH\nII. MỤC TIÊU\n- 90%% trẻ em được tiếp cận giáo dục.\n' >plan.txt
cp plan.txt plan.orig

# ==== data loss ===========================================================

# -o naming an input, by the same path, a symbolic link, a hard link or
# standard input: refused before anything is written.
ln -s plan.txt link.txt
ln plan.txt hard.txt
for o in plan.txt link.txt hard.txt ./plan.txt; do
    for cmd in extract compare; do
        run $cmd -o "$o" plan.txt
        expect_status 2 "$cmd -o $o plan.txt"
        cmp -s plan.txt plan.orig || fail "$cmd -o $o plan.txt: the input was overwritten"
        [[ "$err" == *"refusing to overwrite"* ]] || fail "$cmd -o $o plan.txt: stderr: $err"
        one_line "$cmd -o $o plan.txt"
    done
done
stdin_file=plan.txt
run extract -o plan.txt -
expect_status 2 "extract -o plan.txt - <plan.txt"
cmp -s plan.txt plan.orig || fail "extract -o plan.txt - <plan.txt: the input was overwritten"
stdin_file=/dev/null
mkdir -p dir && cp plan.txt dir/a.txt && cp plan.txt dir/b.txt
run extract -o dir/b.txt dir
expect_status 2 "extract -o dir/b.txt dir"
cmp -s dir/b.txt plan.orig || fail "extract -o dir/b.txt dir: an input found by the walk was overwritten"

# An output that cannot be written completely leaves the old file as it
# was and no temporary file: a file-size limit makes the writes fail
# half-way (SIGXFSZ ignored, so write() returns EFBIG).
for i in $(seq 1 300); do printf -- '- Phấn đấu %d%% trẻ em được hỗ trợ.\n' "$((i % 100))"; done >big.txt
printf 'OLD\n' >keep.json
status=0
(trap '' XFSZ; ulimit -f 4; exec "$cli" extract -o keep.json big.txt) >/dev/null 2>err.txt || status=$?
err="$(cat err.txt)"
expect_status 2 "extract -o keep.json (file-size limit)"
[[ "$(cat keep.json)" == OLD ]] || fail "extract -o keep.json (file-size limit): the old file was replaced by: $(head -c 80 keep.json)"
[[ -z "$(ls -A | grep planlint- || true)" ]] || fail "a temporary file was left behind: $(ls -A)"
one_line "extract -o keep.json (file-size limit)"

# A complete output replaces the old file, through a symbolic link, with
# the link kept.
printf 'OLD\n' >target.json
ln -s target.json out-link.json
run extract -o out-link.json plan.txt
expect_status 0 "extract -o out-link.json"
[[ -L out-link.json ]] || fail "extract -o out-link.json: the symbolic link was replaced"
jq -e '.planlint == 1' target.json >/dev/null || fail "extract -o out-link.json: target not written"

# Every write and the final flush are checked: a full device is an error,
# said once.
if [[ -w /dev/full ]]; then
    out_file=/dev/full
    for args in "--help" "--version" "extract plan.txt" "check plan.txt" "compare plan.txt" \
                "rules" "programs"; do
        # shellcheck disable=SC2086 # split on purpose
        run $args
        expect_status 2 "planlint $args >/dev/full"
        one_line "planlint $args >/dev/full"
    done
    out_file=out.txt
    for cmd in extract compare; do
        run $cmd -o /dev/full plan.txt
        expect_status 2 "$cmd -o /dev/full"
        one_line "$cmd -o /dev/full"
    done
fi

# ==== options =============================================================

# A size that overflows is refused, not wrapped to a tiny limit.
for v in 18014398509481985k 18446744073709551616 17592186044417M -1 ' 5'; do
    run extract --max-size "$v" plan.txt
    expect_status 2 "--max-size '$v'"
    [[ "$err" == *"invalid --max-size"* ]] || fail "--max-size '$v': stderr: $err"
done
run extract --max-size 16777216k plan.txt
expect_status 0 "--max-size 16777216k"

# --format-in is accepted by every command that reads inputs.
printf '<html><body><p>KẾ HOẠCH</p><p>- Phấn đấu 90%% trẻ em được hỗ trợ.</p></body></html>\n' >page.dat
for cmd in extract check compare; do
    run $cmd --format-in html --encoding utf-8 page.dat
    [[ $status -le 1 ]] || fail "$cmd --format-in html: exit status $status: $err"
    [[ "$out" != *"<html>"* && "$out" != *"<p>"* ]] || fail "$cmd --format-in html: read as text: $out"
done

if [[ $failures -gt 0 ]]; then
    echo "cli_hostile.sh: $failures failures" >&2
    exit 1
fi
echo "cli_hostile.sh: all passed"
