#!/usr/bin/env bash
# cli_errors.sh - the command line's exit statuses and error messages
# (docs/CONTRACT.md §2, "Exit status"): a bad file among several is reported on stderr,
# named, and the others still processed; `-` is standard input; --help and
# --version succeed; a usage error is status 2.
#
#   tests/cli_errors.sh PATH/TO/planlint
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 PATH/TO/planlint" >&2
    exit 2
fi
cli="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
fixtures="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/fixtures"
command -v jq >/dev/null 2>&1 || { echo "cli_errors.sh: needs jq (scripts/setup.sh installs it)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# run ARGS...: sets $status, $out, $err (stdin from $stdin_file or /dev/null)
stdin_file=/dev/null
run() {
    status=0
    LC_ALL=en_US.UTF-8 "$cli" "$@" <"$stdin_file" >out.txt 2>err.txt || status=$?
    out="$(cat out.txt)"
    err="$(cat err.txt)"
}

expect_status() {
    local want="$1" what="$2"
    [[ "$status" -eq "$want" ]] || fail "$what: exit status $status, expected $want (stderr: $err)"
}

printf 'KẾ HOẠCH\nII. MỤC TIÊU\n- 90%% trẻ em được tiếp cận giáo dục.\n' >good.txt
printf 'Dòng một\nabc\xff tail\n' >bad.txt

# ---- a bad file among several -------------------------------------------
run extract good.txt missing.txt bad.txt
expect_status 2 "extract good missing bad"
jq -e 'type == "array" and length == 1 and .[0].source == "good.txt"' out.txt >/dev/null ||
    fail "extract good missing bad: stdout is not an array holding good.txt's object: $out"
mapfile -t lines <err.txt
if [[ ${#lines[@]} -ne 2 ]]; then
    fail "extract good missing bad: expected 2 stderr lines, got ${#lines[@]}: $err"
else
    [[ "${lines[0]}" == *missing.txt:* ]] || fail "first stderr line does not name missing.txt: ${lines[0]}"
    [[ "${lines[1]}" == *bad.txt:*"invalid UTF-8 at byte 15 (line 2, column 4)"* ]] ||
        fail "second stderr line does not name bad.txt and the byte: ${lines[1]}"
fi
[[ "$err" != *good.txt* ]] || fail "good.txt reported as an error: $err"

run extract -f ndjson missing.txt good.txt
expect_status 2 "extract -f ndjson missing good"
if [[ "$(wc -l <out.txt)" -ne 1 ]] || ! jq -e '.source == "good.txt"' out.txt >/dev/null; then
    fail "extract -f ndjson missing good: expected good.txt's object on one line: $out"
fi

run extract good.txt
expect_status 0 "extract good"
jq -e 'type == "object" and .planlint == 1 and (.targets | length) >= 1' out.txt >/dev/null ||
    fail "extract good: one input is not one object with its target: $out"
[[ -z "$err" ]] || fail "extract good: unexpected stderr: $err"

run extract missing.txt
expect_status 2 "extract missing"
[[ "$err" == *missing.txt* && "$(wc -l <err.txt)" -eq 1 ]] || fail "extract missing: stderr: $err"

# ---- a directory that holds no plan file -----------------------------------
# Pointed at the wrong folder, planlint says so (one line naming it, exit
# status 2, as an unreadable input) instead of checking nothing and
# passing; the other inputs are still read.  Empty subdirectories of a
# directory that holds plans are not reported.
mkdir -p noplans/sub withplans/empty-sub
touch noplans/table.xlsx noplans/.hidden.txt
cp good.txt withplans/
for cmd in extract check compare; do
    run $cmd noplans good.txt
    expect_status 2 "$cmd noplans good"
    [[ "$err" == "planlint: noplans: a directory holding no plan files ("*")" && "$(wc -l <err.txt)" -eq 1 ]] ||
        fail "$cmd noplans good: stderr is '$err'"
    [[ "$out" == *good.txt* ]] || fail "$cmd noplans good: good.txt's result lost: $out"
    run $cmd withplans
    [[ "$status" -ne 2 && -z "$err" ]] || fail "$cmd withplans: status $status, stderr '$err'"
done
# --parent names a file: a directory there is still "is a directory"
run check --parent withplans good.txt
expect_status 2 "check --parent DIR"
[[ "$err" == "planlint: withplans: is a directory" ]] || fail "check --parent DIR: stderr is '$err'"

# ---- check -f sarif: unreadable inputs in the log --------------------------
# SARIF 2.1.0 §3.20: a run that could not read an input is an invocation
# with executionSuccessful false, one toolExecutionNotification per input
# (level error, the reason as stderr gives it, the file as its location);
# a run that read everything has no invocations.
run check -f sarif --lang en good.txt missing.txt bad.txt
expect_status 2 "check -f sarif good missing bad"
jq -e '.runs[0].invocations == [{"executionSuccessful": false, "toolExecutionNotifications": [
         {"level": "error", "message": {"text": "cannot open: No such file or directory"},
          "locations": [{"physicalLocation": {"artifactLocation": {"uri": "missing.txt"}}}]},
         {"level": "error", "message": {"text": "invalid UTF-8 at byte 15 (line 2, column 4)"},
          "locations": [{"physicalLocation": {"artifactLocation": {"uri": "bad.txt"}}}]}]}]' out.txt >/dev/null ||
    fail "check -f sarif good missing bad: invocations are $(jq -c '.runs[0].invocations' out.txt)"
jq -e '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri] | length > 0 and all(. == "good.txt")' out.txt >/dev/null ||
    fail "check -f sarif good missing bad: good.txt's results lost"
run check -f sarif good.txt
jq -e '.runs[0] | has("invocations") | not' out.txt >/dev/null || fail "check -f sarif good: invocations in a clean run"

# check -f json and -f html: the same inputs in the report, in order, with the
# reason as stderr gives it; a run that read everything names none
run check -f json --lang en good.txt missing.txt bad.txt
expect_status 2 "check -f json good missing bad"
jq -e '.unreadable == [{"source": "missing.txt", "message": "cannot open: No such file or directory"},
                       {"source": "bad.txt", "message": "invalid UTF-8 at byte 15 (line 2, column 4)"}]
       and ([.files[].source] == ["good.txt"]) and .summary.files == 1' out.txt >/dev/null ||
    fail "check -f json good missing bad: $(jq -c '{unreadable, summary}' out.txt)"
run check -f json good.txt
jq -e 'has("unreadable") | not' out.txt >/dev/null || fail "check -f json good: unreadable in a clean run"
run check -f html --lang en good.txt missing.txt bad.txt
expect_status 2 "check -f html good missing bad"
grep -q '<tr class="unread"><td>missing.txt</td><td colspan="3">could not be read: cannot open: No such file or directory</td></tr>' out.txt &&
    grep -q '<tr class="unread"><td>bad.txt</td><td colspan="3">could not be read: invalid UTF-8 at byte 15 (line 2, column 4)</td></tr>' out.txt &&
    grep -q '<b>2</b>could not be read' out.txt ||
    fail "check -f html good missing bad: the unreadable inputs are not in the page"
run check -f html good.txt
[[ "$out" != *"could not be read"* ]] || fail "check -f html good: an unreadable input in a clean run"

# ---- --encoding that does not fit the text ----------------------------------
# The text is read as told, and a note says when that reading is not
# Vietnamese while planlint's own choice is (exit status unchanged).
python3 - <<'PY'
import unicodedata as u
tones = "\u0300\u0301\u0303\u0309\u0323"
out = bytearray()
for ch in open("good.txt", encoding="utf-8").read():  # Windows-1258: base letter, then tone
    d = u.normalize("NFD", ch)
    base = u.normalize("NFC", "".join(c for c in d if c not in tones))
    out += (base + "".join(c for c in d if c in tones)).encode("cp1258")
open("good-1258.txt", "wb").write(out)
PY
run extract --encoding tcvn3 good.txt
expect_status 0 "extract --encoding tcvn3 (a UTF-8 file)"
[[ "$err" == "planlint: good.txt: note: the text does not read as TCVN3"*" (--encoding): 0 of "*" read as UTF-8" ]] ||
    fail "extract --encoding tcvn3 (a UTF-8 file): stderr is '$err'"
run extract --encoding vni good-1258.txt
[[ "$err" == "planlint: good-1258.txt: note: the text does not read as VNI-Windows (--encoding): "*" read as Windows-1258" ]] ||
    fail "extract --encoding vni (a Windows-1258 file): stderr is '$err'"
printf 'Plan 2025: 90%% of children\n' >ascii.txt # nothing to tell the readings apart by
for args in "--encoding utf-8 good.txt" "--encoding cp1258 good-1258.txt" "--encoding tcvn3 ascii.txt"; do
    # shellcheck disable=SC2086
    run extract $args
    [[ "$status" -eq 0 && "$err" != *"does not read as"* ]] || fail "extract $args: status $status, stderr '$err'"
done

# ---- a file of blank lines is an empty file ------------------------------------
# as an editor saves an empty file (a newline, CRLFs, a BOM): said, exit
# status 2, never checked as a plan without targets
printf '\n' >nl.txt; printf '\r\n\r\n' >crlf.txt; printf '\357\273\277 \t\n' >bom.txt
printf '\377\376\r\000\n\000' >utf16le.txt; printf '\376\377\000 ' >utf16be.txt
printf '\377\376\n\000a\000' >utf16-text.txt # a letter: read, not refused
run extract utf16-text.txt
expect_status 0 "extract (UTF-16 with a letter)"
for cmd in extract check; do
    run $cmd --lang en nl.txt crlf.txt bom.txt utf16le.txt utf16be.txt good.txt
    expect_status 2 "$cmd (blank files)"
    [[ "$err" == "planlint: nl.txt: no text: only blank lines (1 bytes)"$'\n'"planlint: crlf.txt: no text: only blank lines (4 bytes)"$'\n'"planlint: bom.txt: no text: only blank lines (6 bytes)"$'\n'"planlint: utf16le.txt: no text: only blank lines (6 bytes)"$'\n'"planlint: utf16be.txt: no text: only blank lines (4 bytes)" ]] ||
        fail "$cmd (blank files): stderr is '$err'"
    [[ "$out" == *good.txt* ]] || fail "$cmd (blank files): good.txt's result lost"
done

# the same files with a reader forced (--format-in): the same refusals, before
# the reader (not an empty page, not a broken archive); a file of that
# format beside them is still read
: >empty.txt
for fmt in html docx odt pdf; do
    cp "$fixtures/$fmt/lang-son-city-2024-draft.$fmt" "good.$fmt"
    for cmd in extract check; do
        run $cmd --lang en --format-in $fmt empty.txt nl.txt crlf.txt bom.txt utf16le.txt utf16be.txt "good.$fmt"
        expect_status 2 "$cmd --format-in $fmt (blank files)"
        [[ "$err" == "planlint: empty.txt: empty file (0 bytes)"$'\n'"planlint: nl.txt: no text: only blank lines (1 bytes)"$'\n'"planlint: crlf.txt: no text: only blank lines (4 bytes)"$'\n'"planlint: bom.txt: no text: only blank lines (6 bytes)"$'\n'"planlint: utf16le.txt: no text: only blank lines (6 bytes)"$'\n'"planlint: utf16be.txt: no text: only blank lines (4 bytes)" ]] ||
            fail "$cmd --format-in $fmt (blank files): stderr is '$err'"
        [[ "$out" == *"good.$fmt"* ]] || fail "$cmd --format-in $fmt (blank files): good.$fmt's result lost"
    done
done

# ---- links in a walked directory ----------------------------------------------
# a link to a directory above is not followed (no cycle), a link to itself
# and a dangling one are one line each, in the user's language
mkdir -p links/sub && cp good.txt links/a.txt
ln -s .. links/sub/up && ln -s self.txt links/self.txt && ln -s nowhere.txt links/gone.txt
run check --lang vi links
expect_status 2 "check links"
[[ "$err" == "planlint: links/gone.txt: không mở được: không có tệp hoặc thư mục này"$'\n'"planlint: links/self.txt: không mở được: quá nhiều mức liên kết tượng trưng (symlink vòng?)" ]] ||
    fail "check links: stderr is '$err'"
[[ "$out" == *"links/a.txt"* || "$out" == *"1 tệp"* ]] || fail "check links: a.txt not checked: $out"

# ---- standard input ------------------------------------------------------
stdin_file=good.txt
run extract -
expect_status 0 "extract -"
jq -e '.source == "-" and (.targets | length) >= 1' out.txt >/dev/null ||
    fail "extract -: did not read standard input: $out"
stdin_file=bad.txt
run extract -
expect_status 2 "extract - (invalid UTF-8)"
[[ "$err" == *"-: invalid UTF-8"* ]] || fail "extract - (invalid UTF-8): stderr does not name '-': $err"
stdin_file=/dev/null

# ---- help, version, usage errors -------------------------------------------
run --help
expect_status 0 "--help"
[[ "$out" == Usage:* ]] || fail "--help: no usage on stdout: $out"
run --version
expect_status 0 "--version"
[[ "$out" == planlint\ * ]] || fail "--version: $out"

for args in "extract --no-such-option good.txt" "--no-such-option" "no-such-command" "" \
            "extract" "extract -f no-such-format good.txt"; do
    # shellcheck disable=SC2086 # split on purpose: each string is an argument list
    run $args
    expect_status 2 "planlint $args"
    [[ -n "$err" && -z "$out" ]] || fail "planlint $args: expected a message on stderr only (out: $out)"
done

# an unknown --encoding or --format-in: one usage line naming the command
# extract -f csv: a document without targets is one row (the file was
# read), its target columns empty; a document with targets one row each
printf 'UBND TỈNH HƯNG YÊN\nSố: 12/KH-UBND\nKẾ HOẠCH\nTriển khai công tác năm 2024\n' >notargets.txt
run extract -f csv notargets.txt good.txt
expect_status 0 "extract -f csv notargets good"
mapfile -t rows < <(tr -d '\r' <out.txt)
[[ ${#rows[@]} -eq 3 ]] || fail "extract -f csv notargets good: ${#rows[@]} lines, want header + 2: $out"
[[ "${rows[1]}" == notargets.txt,document,KH,12/KH-UBND,* ]] ||
    fail "extract -f csv: the document without targets is not its own row: ${rows[1]:-}"
[[ "${rows[1]}" == *,,,,,,,,,,,,, ]] || fail "extract -f csv: its target columns are not empty: ${rows[1]:-}"
[[ "${rows[2]}" == good.txt,* && "${rows[2]}" == *,90,%,* ]] ||
    fail "extract -f csv: good.txt's target row is '${rows[2]:-}'"

# compare: the same plan twice (one number and issuer, two files, as a
# plan's text and its DOCX; or one file named twice) is one column, and a
# note names the file left out and the one kept; one number of two
# issuers is two plans
plan() { # ISSUER NUMBER VALUE
    printf 'ỦY BAN NHÂN DÂN\n%s\nSố: %s\nKẾ HOẠCH\nThực hiện Chương trình phòng, chống lao động trẻ em giai đoạn 2021-2025\nII. MỤC TIÊU\n- Đến năm 2025, %s%% trẻ em có nguy cơ, lao động trẻ em được tiếp cận giáo dục phổ thông, đào tạo nghề.\n' "$1" "$2" "$3"
}
plan "TỈNH HƯNG YÊN" "151/KH-UBND" 90 >hy.txt
plan "TỈNH HƯNG YÊN" "151 / KH-UBND" 90 >hy-copy.md
plan "TỈNH LÀO CAI" "151/KH-UBND" 80 >lc.txt
run compare -f json hy.txt hy-copy.md lc.txt hy.txt
expect_status 0 "compare hy hy-copy lc hy"
jq -e '[.plans[].plan] == ["hy.txt", "lc.txt"]' out.txt >/dev/null ||
    fail "compare: the duplicates are not merged: $(jq -c '[.plans[].plan]' out.txt)"
[[ "$err" == *"planlint: hy-copy.md: note: the same plan as hy.txt"* ]] ||
    fail "compare: no note naming hy-copy.md and hy.txt: $err"
[[ "$(grep -c 'note: the same plan' err.txt)" -eq 2 ]] ||
    fail "compare: want two notes (hy-copy.md, hy.txt again): $err"
[[ "$err" != *lc.txt* ]] || fail "compare: lc.txt (another issuer) named as a duplicate: $err"
run compare -q hy.txt hy-copy.md
[[ "$err" == "" ]] || fail "compare -q: the note is printed: $err"

# (once), then the hint
for cmd in extract check compare; do
    for opt in --encoding --format-in; do
        [[ $cmd != extract && $opt == --format-in ]] && continue
        run $cmd $opt klingon good.txt
        expect_status 2 "$cmd $opt klingon"
        first="${err%%$'\n'*}"
        [[ "$first" == "planlint: "*"unknown "*"'klingon'"* && "$first" != *"planlint: planlint"* &&
            "$first" != *": planlint: "* ]] || fail "$cmd $opt klingon: message is '$first'"
        if [[ $cmd != extract ]]; then
            [[ "$first" == "planlint: $cmd: "* ]] || fail "$cmd $opt klingon: no command in '$first'"
        fi
    done
done

# ---- the PDF reader is a program of its own (planlint-pdf) ----------------
# Not installed where it is looked for: one line naming the file and the
# program, status 2, and the other files still read.
printf '%%PDF-1.4\nnot really a PDF\n' >doc.pdf
saved_helper="${PLANLINT_PDF_HELPER-}"
export PLANLINT_PDF_HELPER="$work/no-such-dir/planlint-pdf"
run extract doc.pdf good.txt
expect_status 2 "extract with planlint-pdf missing"
[[ "$err" == "planlint: doc.pdf: cannot read PDFs: the PDF reader $work/no-such-dir/planlint-pdf cannot be started"* &&
   $(wc -l <err.txt) -eq 1 ]] || fail "extract with planlint-pdf missing: stderr is '$err'"
jq -e 'length == 1 and .[0].source == "good.txt"' out.txt >/dev/null ||
    fail "extract with planlint-pdf missing: good.txt's result lost: $out"
if [[ -n "$saved_helper" ]]; then export PLANLINT_PDF_HELPER="$saved_helper"; else unset PLANLINT_PDF_HELPER; fi
# Found (beside the CLI, or where the test environment says): the same file
# is now read, and refused as a damaged PDF by poppler itself.
run extract doc.pdf
expect_status 2 "extract of a damaged PDF"
[[ "$err" == "planlint: doc.pdf: not a readable PDF"* ]] || fail "extract of a damaged PDF: '$err'"
# Started by hand it says how it is meant to be used, and does nothing.
helper="${PLANLINT_PDF_HELPER:-$(dirname "$cli")/planlint-pdf}"
status=0
"$helper" doc.pdf <doc.pdf >out.txt 2>err.txt 3>&- || status=$?
[[ $status -eq 2 && "$(cat err.txt)" == *"file descriptor 3 is not open"* ]] ||
    fail "planlint-pdf by hand: status $status, stderr '$(cat err.txt)'"

# ---- damaged files of every format, among good ones ----------------------
# Each reader's input cut in half, damaged inside its text, or empty (0
# bytes), and a page that says it is UTF-8 and is not: one stderr line for
# each, naming the file and, where the format has one, the place (byte,
# line and column; the damaged part of a package), exit status 2, and the
# good plan's result kept, for every command.  (A PDF damaged inside a
# stream is read by poppler as far as it goes; cut in half it is refused.)
mkdir -p damaged && cd damaged
cp ../good.txt good.txt
python3 - "$fixtures" <<'PY'
import sys, zipfile
fx = sys.argv[1]
def data(p): return open(p, 'rb').read()
plan = 'KẾ HOẠCH\nII. MỤC TIÊU\n- Phấn đấu 90% trẻ em được tiếp cận giáo dục.\n'.encode()
open('cut.txt', 'wb').write(plan[:plan.index('đấu'.encode()) + 1])
for ext in ('docx', 'odt', 'pdf'):
    b = data('%s/%s/lang-son-city-2024-draft.%s' % (fx, ext, ext))
    open('cut.' + ext, 'wb').write(b[:len(b) // 2])
    open('empty.' + ext, 'wb').write(b'')
    if ext == 'pdf':
        continue
    part = 'word/document.xml' if ext == 'docx' else 'content.xml'
    with zipfile.ZipFile('%s/%s/lang-son-city-2024-draft.%s' % (fx, ext, ext)) as z:
        i = z.getinfo(part)
    b = bytearray(b)
    at = i.header_offset + 30 + len(i.filename.encode()) + len(i.extra) + i.compress_size // 2
    b[at:at + 64] = b'\xde\xad\xbe\xef' * 16
    open('bad.' + ext, 'wb').write(b)
open('bad.html', 'wb').write(b'<html><head><meta charset="utf-8"></head><body>\n<p>' + plan[:30] +
                             b'\xff\xfe</p>\n<p>' + plan[30:] + b'</p></body></html>\n')
PY
declare -A want=(
    [cut.txt]="truncated UTF-8 at byte 38 (line 3, column 8)"
    [cut.docx]="corrupt zip archive (not a readable DOCX file)"
    [cut.odt]="corrupt zip archive (not a readable ODT file)"
    [cut.pdf]="not a readable PDF"
    [bad.docx]="corrupt zip archive: word/document.xml: "
    [bad.odt]="corrupt zip archive: content.xml: "
    [bad.html]="invalid UTF-8 at byte 81 (line 4, column 2)"
    [empty.docx]="empty file (0 bytes)"
    [empty.odt]="empty file (0 bytes)"
    [empty.pdf]="empty file (0 bytes)"
)
names=(cut.txt cut.docx cut.odt cut.pdf bad.docx bad.odt bad.html empty.docx empty.odt empty.pdf)
for cmd in extract check compare; do
    run $cmd --lang en "${names[@]}" good.txt
    expect_status 2 "$cmd (damaged files)"
    mapfile -t lines <err.txt
    [[ ${#lines[@]} -eq ${#names[@]} ]] ||
        fail "$cmd (damaged files): ${#lines[@]} stderr lines for ${#names[@]} files: $err"
    for f in "${names[@]}"; do
        [[ "$(grep -c "^planlint: $f: " err.txt)" -eq 1 ]] || fail "$cmd: no one line for $f: $err"
        grep -qF "planlint: $f: ${want[$f]}" err.txt || fail "$cmd $f: expected '${want[$f]}' in: $(grep "$f" err.txt)"
    done
    [[ "$out" == *good.txt* ]] || fail "$cmd (damaged files): good.txt's result lost: $(head -c 200 out.txt)"
done
# ... and in Vietnamese, each reason from the catalogue (data/cli/messages.xml)
run extract --lang vi "${names[@]}" good.txt
for f in cut.docx cut.odt bad.docx bad.odt; do
    grep -q "^planlint: $f: tệp zip bị hỏng" err.txt || fail "extract --lang vi $f: $(grep "$f" err.txt)"
done
[[ "$err" != *"corrupt zip"* && "$err" != *"not a readable"* ]] || fail "extract --lang vi: English reasons: $err"
cd ..

if [[ $failures -gt 0 ]]; then
    echo "cli_errors.sh: $failures failures" >&2
    exit 1
fi
echo "cli_errors.sh: all passed"
