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
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in jq timeout /usr/bin/time iconv python3; do
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
# $stdin_file.  Messages are checked in English (LC_ALL on the command
# only: the shell itself has no such locale to switch to).
stdin_file=/dev/null
out_file=out.txt
run() {
    status=0
    LC_ALL=en_US.UTF-8 timeout -k 2 "$time_bound" /usr/bin/time -f %M -o rss.txt "$cli" "$@" \
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
    for cmd in extract compare check; do
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
(trap '' XFSZ; ulimit -f 4; exec "$cli" extract --lang en -o keep.json big.txt) >/dev/null 2>err.txt || status=$?
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

# ==== text a reader cannot read ===========================================

# Whatever a reader cannot read is said (a note with the position, or an
# error), never dropped: the target after each trick is read, or the run
# fails.  Pages are made here (python3), small except the text node.
python3 - <<'EOF'
target = '<p>- Phấn đấu 90% trẻ em được tiếp cận giáo dục.</p>'
head = '<html><body><p>KẾ HOẠCH</p>'
def page(name, middle):
    with open(name, 'w', encoding='utf-8') as f:
        f.write(head + middle + target + '</body></html>\n')
page('nul.html', '\0')
page('unclosed.html', '<div>' * 300)
page('deep.html', '<div>' * 300 + '<p>x</p>' + '</div>' * 300)
page('bigtext.html', '<p>' + 'a' * (10 * 1024 * 1024 + 10) + '</p>')
page('deeper.html', ('<div>' * 300 + '<p>x</p>') * 20)
page('attrs.html', '<p ' + ' '.join('a%d="1"' % i for i in range(50000)) + '>x</p>')
# the same element in a DOCX (word/document.xml streamed through SAX)
import zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def para(t, attrs=''):
    return '<w:p%s><w:r><w:t>%s</w:t></w:r></w:p>' % (attrs, t)
doc = ('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>' % W + para('KẾ HOẠCH') +
       para('x', ' ' + ' '.join('a%d="1"' % i for i in range(320000))) +
       para('- Phấn đấu 90% trẻ em được tiếp cận giáo dục.') + '</w:body></w:document>')
with zipfile.ZipFile('attrs.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>')
    z.writestr('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    z.writestr('word/document.xml', doc)
EOF
# read, with a note that says what and where
for c in "nul.html|1 NUL byte read as space, the first at byte 31 (line 1, column 28)" \
         "unclosed.html|elements nested deeper than 256 levels: read on from byte 1301 (line 1, column 1298)" \
         "deep.html|elements nested deeper than 256 levels: read on from byte 1301 (line 1, column 1298)" \
         "bigtext.html|"; do
    f="${c%%|*}" note="${c#*|}"
    run extract --lang en "$f"
    expect_status 0 "extract $f"
    [[ "$(jq '.targets | length' out.txt 2>/dev/null)" == 1 ]] ||
        fail "extract $f: the target after the trick is lost: $(head -c 200 out.txt)"
    if [[ -n "$note" ]]; then
        [[ "$err" == "planlint: $f: note: $note"* ]] || fail "extract $f: no note saying what was done: $err"
        one_line "extract $f"
    fi
done
# Memory running out part way (an address-space limit, stepped through the
# reading of the 10 MB text node): the page is read whole, or it is one
# line "NAME: out of memory", exit 2; never libxml2's own lines, an empty
# message or a page cut short with exit 0.  (Not under ASan, which needs
# the address space for its shadow memory.)
if ! grep -q __asan_init "$cli" 2>/dev/null; then
    for kb in 100000 110000 120000 140000 160000 180000 200000; do
        status=0
        (ulimit -v "$kb"; exec "$cli" extract --lang en bigtext.html) >out.txt 2>err.txt || status=$?
        err="$(cat err.txt)"
        if [[ $status -eq 0 ]]; then
            [[ -z "$err" && "$(jq '.targets | length' out.txt 2>/dev/null)" == 1 ]] ||
                fail "extract bigtext.html (ulimit -v $kb): exit 0 without the whole page: $err"
        else
            expect_status 2 "extract bigtext.html (ulimit -v $kb)"
            [[ "$err" == "planlint: bigtext.html: out of memory" ]] ||
                fail "extract bigtext.html (ulimit -v $kb): stderr: $(cat -A err.txt | head -3)"
        fi
    done
fi

# --jobs bounded by memory as well as cores: four 4 MB plans with 4 jobs
# asked for under `ulimit -v 300000` (300 MB of address space).  The pool
# gives as many jobs as the room left holds at PL_POOL_BYTES_PER_INPUT_BYTE
# per byte, so the batch is read whole; four jobs at once (the bound
# removed) run out of memory on the fourth plan.  (Not under ASan.)
if ! grep -q __asan_init "$cli" 2>/dev/null; then
    for round in $(seq 1 80); do cat "$here"/../corpus/plans/*.txt; done > big1.txt
    for i in 2 3 4; do cp big1.txt "big$i.txt"; done
    status=0
    (ulimit -v 300000; exec "$cli" extract -f ndjson --jobs 4 big1.txt big2.txt big3.txt big4.txt) \
        >out.txt 2>err.txt || status=$?
    err="$(head -c 200 err.txt)"
    expect_status 0 "extract --jobs 4 of four 4 MB plans (ulimit -v 300000)"
    [[ ! -s err.txt && "$(wc -l <out.txt)" -eq 4 ]] ||
        fail "extract --jobs 4 (ulimit -v 300000): $(wc -l <out.txt) documents, stderr: $err"
    rm -f big1.txt big2.txt big3.txt big4.txt
fi

# not read: an error naming the file and the line, exit 2
for c in "deeper.html|deeper.html:1: the HTML parser stopped here (elements nested deeper than 256)" \
         "attrs.html|attrs.html:1: 50000 attributes on one element" \
         "attrs.docx|attrs.docx: word/document.xml:1: 320000 attributes on one element"; do
    f="${c%%|*}" msg="${c#*|}"
    run extract --lang en "$f"
    expect_status 2 "extract $f"
    [[ "$err" == "planlint: $msg"* ]] || fail "extract $f: stderr: $err"
    one_line "extract $f"
done

# A scan without the Vietnamese OCR model (a TESSDATA_PREFIX that holds
# none): one line naming the Debian package, nothing of Tesseract's own.
scan="$here/fixtures/pdf/hoang-duc-commune-2023-scan.pdf"
if [[ -f "$scan" ]]; then
    TESSDATA_PREFIX="$work/no-tessdata" run extract --lang en "$scan"
    expect_status 2 "extract (scan, no OCR model)"
    [[ "$err" == *"PDF needs OCR"*"apt-get install tesseract-ocr-vie" ]] ||
        fail "extract (scan, no OCR model): stderr: $err"
    one_line "extract (scan, no OCR model)"
fi

# A target's text is its sentence cut around the target (2 000 bytes and
# "…"), not the whole of a 3 MB sentence copied for each of its targets.
python3 -c "
s = 'KẾ HOẠCH\nII. MỤC TIÊU\n- Phấn đấu ' + ', '.join('%d%% trẻ em nhóm %d được tiếp cận giáo dục' % (i % 100, i) for i in range(64)) + ' ' + 'và ' * 750000 + '.\n'
open('sentence.txt', 'w').write(s)"
run extract --lang en sentence.txt
expect_status 0 "extract (a 3 MB sentence)"
[[ "$(jq '[.targets[] | select((.text | length) > 2002)] | length' out.txt)" == 0 ]] ||
    fail "extract (a 3 MB sentence): a target's text is not cut"
[[ "$(jq -r '.targets[0].text' out.txt)" == "Phấn đấu 0% trẻ em nhóm 0"*"…" ]] ||
    fail "extract (a 3 MB sentence): the cut text does not start at the sentence: $(jq -r '.targets[0].text' out.txt | head -c 100)"
[[ $(stat -c %s out.txt) -lt 8000000 ]] || fail "extract (a 3 MB sentence): $(stat -c %s out.txt) bytes of JSON"

# Positions asked out of order along one long line (a minified page, a
# plan pasted as one line): each counted from the last one, backwards
# too, never from the line start (40 000 targets on one line took 28 s).
python3 -c "
items = ''.join('<span>- Phấn đấu %d%% trẻ em được tiếp cận giáo dục.</span> ' % (i % 100) for i in range(40000))
open('minified.html', 'w').write('<html><body><p>KẾ HOẠCH</p>' + items + '</body></html>\n')
open('oneline.txt', 'w').write('KẾ HOẠCH\n' + items.replace('<span>', '').replace('</span>', '') + '\n')"
for f in minified.html oneline.txt; do
    run extract --lang en "$f"
    expect_status 0 "extract $f (one long line)"
done

# Only regular files are read: a FIFO named as an input or met in a
# walked directory is a clear error, never a hang; the other files are
# read.
mkdir -p walk
cp plan.txt walk/a.txt
mkfifo walk/b.txt fifo.txt
for args in "walk" "fifo.txt plan.txt"; do
    read_file="${args#fifo.txt }"
    [[ "$read_file" == walk ]] && read_file=walk/a.txt
    for cmd in extract check compare; do
        # shellcheck disable=SC2086 # split on purpose
        run $cmd --lang en $args
        expect_status 2 "$cmd $args (a FIFO)"
        [[ "$(printf '%s\n' "$err" | grep -c 'is a FIFO (named pipe), not a regular file')" -eq 1 ]] ||
            fail "$cmd $args (a FIFO): stderr: $err"
        [[ "$out" == *"${read_file##*/}"* ]] || fail "$cmd $args (a FIFO): $read_file was not read: $out"
    done
done
rm walk/b.txt fifo.txt

# --parent is read as the inputs are (--format-in, --encoding, --max-size);
# the files of --plans each by their own content, under --max-size.
cp "$here/fixtures/docx/tld-agency-2021-children-action.docx" plan.docx
run check --lang en --format-in docx --parent plan.txt plan.docx
expect_status 2 "check --format-in docx --parent plan.txt"
[[ "$err" == "planlint: plan.txt: "* ]] || fail "check --format-in docx --parent plan.txt: the parent was not read as DOCX: $err"
one_line "check --format-in docx --parent plan.txt"
run check --lang en --max-size 1k --parent big.txt plan.txt
expect_status 2 "check --max-size 1k --parent big.txt"
[[ "$err" == "planlint: big.txt: "* ]] || fail "check --max-size 1k --parent big.txt: the size limit was not applied: $err"
mkdir -p parents && cp plan.txt parents/p.txt
run check --lang en --format-in docx --plans parents plan.docx
[[ $status -le 1 && -z "$err" ]] || fail "check --format-in docx --plans (a text plan in it): exit $status: $err"

# ==== injection into outputs =============================================

# A file name that forges a finding line and recolours the terminal, and a
# plan whose text carries escape sequences (OSC title, BEL, BS, DEL, an
# 8-bit CSI) and a spreadsheet formula.
evil=$'evil\nforged.txt:1:1: error: forged [x]\e[31m.txt'
printf 'KẾ HOẠCH\nII. MỤC TIÊU\n- Phấn đấu 150%% trẻ em lao động \e]0;pwned\a\b\x7f \xc2\x9b31m được tiếp cận giáo dục.\n- =HYPERLINK("http://x") 90%% trẻ em được hỗ trợ.\n- @SUM(A1) 80%% cha mẹ được cung cấp thông tin.\n' >"$evil"
run check "$evil"
[[ $status -le 1 ]] || fail "check (escapes): exit status $status: $err"
if grep -q $'[\x01-\x08\x0b-\x1f\x7f]' out.txt || grep -qa $'\xc2[\x80-\x9f]' out.txt; then
    fail "check (escapes): a control character reached the text output: $(grep -a $'[\x01-\x08\x0b-\x1f\x7f]' out.txt | head -1 | cat -v)"
fi
grep -q '^forged' out.txt && fail "check (escapes): a file name forged a finding line: $(grep '^forged' out.txt | head -1)"
[[ "$out" == *'evil\x0aforged.txt'*'\x1b[31m'* ]] || fail "check (escapes): the file name is not shown escaped: $(head -1 out.txt)"
for cmd in "check" "compare" "extract -f csv" "compare -f csv" "compare -f md"; do
    # shellcheck disable=SC2086 # split on purpose
    run $cmd "$evil"
    if grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f]' out.txt && [[ $cmd != *csv* ]]; then
        fail "$cmd (escapes): a control character in the output: $(cat -v out.txt | head -3)"
    fi
done

# CSV: a cell a spreadsheet would read as a formula starts with "'"
# (OWASP: = + - @ TAB CR), and is quoted; numbers stay numbers.
formula=$'=1+2.txt'
cp plan.txt "$formula"
for cmd in "extract -f csv" "compare -f csv"; do
    for f in "$evil" "$formula"; do
        # shellcheck disable=SC2086 # split on purpose
        run $cmd "$f"
        if tail -n +2 out.txt | tr ',' '\n' | grep -Eq $'^"?[=+@\t-]'; then
            fail "$cmd $(printf %q "$f"): a cell starts with a formula character: $(tail -n +2 out.txt | tr ',' '\n' | grep -E $'^"?[=+@\t-]' | head -2)"
        fi
    done
done
run extract -f csv "$evil"
grep -q "\"'=HYPERLINK(\"\"http://x\"\")" out.txt ||
    fail "extract -f csv: the formula target text is not neutralised with a leading quote: $(grep -a HYPERLINK out.txt | head -1)"
run compare -f csv "$formula"
grep -q "^\"'=1+2.txt\"," out.txt || fail "compare -f csv: the file name '=1+2.txt' is not neutralised: $(sed -n 2p out.txt)"

# Markdown: raw HTML shown as text, '|' (also after a backslash) cannot
# split a cell: every row has as many cells as the header.
md_name='<img src=x onerror=alert(1)> a\|b|c.txt'
cp plan.txt "$md_name"
run compare -f md "$md_name"
grep -q '\(^\|[^\\]\)<img' out.txt && fail "compare -f md: raw HTML in the table: $(grep -a '<img' out.txt | head -1)"
cells() { # unescaped '|' on a line, as GFM counts them
    local line="${1//\\\\/}"
    line="${line//\\|/}"
    line="${line//[^|]/}"
    echo "${#line}"
}
want="$(cells "$(sed -n 3p out.txt)")"
while IFS= read -r line; do
    [[ "$line" == \|* ]] || continue
    [[ "$(cells "$line")" -eq "$want" ]] || fail "compare -f md: row with another cell count than the header: $line"
done <out.txt
[[ "$want" -eq 7 ]] || fail "compare -f md: header has $want separators, expected 7 (5 fixed columns and the plan): $(sed -n 3p out.txt)"

# A file name that is not UTF-8: every output stays valid UTF-8.
latin="$(printf 'k\xe9-ho\xe1ch.txt')"
cp plan.txt "$latin"
for cmd in "extract -f json" "extract -f ndjson" "extract -f csv" "extract -f xml" "check" \
           "check -f json" "check -f sarif" "check -f html" "compare" "compare -f csv" \
           "compare -f md" "compare -f json" "compare -f html"; do
    # shellcheck disable=SC2086 # split on purpose
    run $cmd "$latin"
    [[ $status -le 1 ]] || fail "$cmd (latin-1 name): exit status $status: $err"
    iconv -f UTF-8 -t UTF-8 out.txt >/dev/null 2>&1 || fail "$cmd (latin-1 name): output is not valid UTF-8"
done
run extract "$latin"
[[ "$(jq -r .source out.txt)" == $'k\uFFFD-ho\uFFFDch.txt' ]] ||
    fail "extract (latin-1 name): source is not the name with U+FFFD: $(jq -r .source out.txt)"
run check "$latin"
[[ "$out" == *'k\xe9-ho\xe1ch.txt:'* ]] || fail "check (latin-1 name): the name is not shown as \\xHH: $(head -1 out.txt)"
run extract "missing-$latin"
iconv -f UTF-8 -t UTF-8 err.txt >/dev/null 2>&1 || fail "error about a latin-1 name is not valid UTF-8: $(cat -v err.txt)"
one_line "extract missing-(latin-1 name)"

# ==== configuration ========================================================

mkdir -p cfg/a/b
cp plan.txt cfg/a/b/p.txt
printf 'fail-on = never\n' >cfg/a/.planlint
# -v names the file used; a directory named .planlint does not mask it
mkdir cfg/a/b/.planlint
run check -v cfg/a/b/p.txt
expect_status 0 "check -v (directory .planlint)"
[[ "$err" == *"configuration from $work/cfg/a/.planlint"* ]] ||
    fail "check -v (directory .planlint): the parent's file is not the one used: $err"
rmdir cfg/a/b/.planlint
# not a regular file: a clear error, no hang, no endless read
mkfifo cfg/a/b/.planlint
run check cfg/a/b/p.txt
expect_status 2 "check (.planlint is a FIFO)"
[[ "$err" == *".planlint: not a regular file"* ]] || fail "check (.planlint is a FIFO): stderr: $err"
rm cfg/a/b/.planlint
ln -s /dev/zero cfg/a/b/.planlint
run check cfg/a/b/p.txt
expect_status 2 "check (.planlint -> /dev/zero)"
[[ "$err" == *".planlint: not a regular file"* ]] || fail "check (.planlint -> /dev/zero): stderr: $err"
rm cfg/a/b/.planlint
head -c 100000 /dev/zero >cfg/a/b/.planlint
run check cfg/a/b/p.txt
expect_status 2 "check (.planlint of 100000 NUL bytes)"
printf 'lang = en\nfail-on = ne\0ver\n' >cfg/a/b/.planlint
run check cfg/a/b/p.txt
expect_status 2 "check (.planlint with a NUL byte)"
[[ "$err" == *"cfg/a/b/.planlint:2: NUL byte"* ]] || fail "check (.planlint with a NUL byte): stderr: $err"
one_line "check (.planlint with a NUL byte)"
rm cfg/a/b/.planlint
# the search stops at a repository root: a file above it does not apply
mkdir -p cfg/repo/.git cfg/repo/plans
cp plan.txt cfg/repo/plans/p.txt
printf 'fail-on = never\n' >cfg/.planlint
run check -v cfg/repo/plans/p.txt
[[ "$err" == *"no configuration file applies"* ]] || fail "check -v (above a repository): $err"
# ... and at the home directory
mkdir -p cfg/home/plans
cp plan.txt cfg/home/plans/p.txt
HOME="$work/cfg/home" run check -v cfg/home/plans/p.txt
[[ "$err" == *"no configuration file applies"* ]] || fail "check -v (above home): $err"
# ... and before a directory someone else owns (only root can make one)
if [[ $(id -u) -eq 0 ]]; then
    mkdir -p shared/mine
    printf 'fail-on = never\n' >shared/.planlint
    cp plan.txt shared/mine/p.txt
    chown 65534 shared shared/.planlint
    run check -v shared/mine/p.txt
    [[ "$err" == *"no configuration file applies"* ]] || fail "check -v (another user's directory): $err"
    chown -R 0 shared
fi

# ==== messages ============================================================

# A path of 500 characters (Vietnamese: two bytes each) keeps the reason
# and is cut on a character boundary.
seg="$(printf 'đ%.0s' $(seq 1 49))"
long="$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg/$seg.txt"
run extract "$long"
expect_status 2 "extract (500-character missing path)"
[[ "$err" == *"cannot open: No such file or directory" ]] || fail "500-character path: the reason is lost: ${err: -80}"
printf '%s' "$err" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 || fail "500-character path: message cut inside a character"
[[ "$err" == *"…"* ]] || fail "500-character path: the path is not shortened with …"
one_line "extract (500-character missing path)"

if [[ $failures -gt 0 ]]; then
    echo "cli_hostile.sh: $failures failures" >&2
    exit 1
fi
echo "cli_hostile.sh: all passed"
