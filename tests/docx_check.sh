#!/bin/sh
# docx_check.sh - `check -f docx` read back by LibreOffice: for a text
# plan (a new Word document) and a DOCX plan (the reviewer's own file),
# LibreOffice headless opens the output and converts it (to ODT, where a
# comment's anchor is the text between office:annotation and its end, and
# to plain text); the comments are one per finding, by "planlint", with
# "severity: message [rule]"; on the text plan each is anchored on exactly
# the words of the finding's span (SARIF region); on the DOCX plan,
# word/document.xml is the input's but for the anchors, every other member
# is copied as stored, and the text LibreOffice reads is unchanged.  The
# input is never modified.
#
# usage: tests/docx_check.sh PATH/TO/planlint REPO_DIR
#        UPDATE_DOCS=1 ... also renders docs/check-docx.png (the comments in
#                          LibreOffice's PDF export, pdftoppm)
# Exit 0 when every check passes, 1 otherwise, 77 (skipped) without
# LibreOffice (Debian: libreoffice-writer-nogui) or python3.
set -u
planlint=$1
repo=$2
command -v soffice >/dev/null 2>&1 || { echo "docx_check: soffice not installed: skipped"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "docx_check: python3 not installed: skipped"; exit 77; }
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
py="$repo/tests/docx_comments.py"
# LibreOffice keeps a profile; a private one keeps runs independent
soffice_to() { # FORMAT FILE
    timeout 300 soffice "-env:UserInstallation=file://$w/profile" --headless \
        --convert-to "$1" --outdir "$w" "$2" >/dev/null 2>&1
}

# ---- a text plan: a new Word document, comments on exactly their words ----
txt="$repo/corpus/plans/lang-son-city-2024-draft.txt"
"$planlint" check -f docx -o "$w/text.docx" "$txt"
[ $? -eq 1 ] || bad "text: exit status is not 1 (findings)"
"$planlint" check -f json "$txt" >"$w/text.json"
"$planlint" check -f sarif "$txt" >"$w/text.sarif"
soffice_to odt "$w/text.docx" || bad "text: LibreOffice cannot open the output"
python3 "$py" anchors "$w/text.odt" >"$w/text.comments.json" || bad "text: no ODT"
python3 - "$w/text.json" "$w/text.sarif" "$w/text.comments.json" "$txt" <<'PY' || fail=1
import json, sys
from collections import defaultdict
findings = json.load(open(sys.argv[1]))['files'][0]['findings']
results = json.load(open(sys.argv[2]))['runs'][0]['results']
comments = json.load(open(sys.argv[3]))
lines = open(sys.argv[4], encoding='utf-8').read().split('\n')
ok = len(comments) == len(findings) and len(findings) > 5
if not ok:
    print('FAIL: text: %d comments for %d findings' % (len(comments), len(findings)))
by_text = defaultdict(list)
for c in comments:
    if c['author'] != 'planlint':
        print('FAIL: text: author', c['author']); ok = False
    by_text[c['text']].append(c['anchor'])
def span(reg):
    sl, sc = reg['startLine'], reg['startColumn']
    el, ec = reg.get('endLine', sl), reg.get('endColumn', sc)
    if (el, ec) <= (sl, sc):
        return ''
    if sl == el:
        return lines[sl - 1][sc - 1:ec - 1]
    return '\n'.join([lines[sl - 1][sc - 1:]] + lines[sl:el - 1] + [lines[el - 1][:ec - 1]])
for f, r in zip(findings, results):
    want = '%s: %s [%s]' % (f['severity'], f['message'], f['rule'])
    region = r['locations'][0]['physicalLocation']['region']
    got = by_text.get(want)
    if not got:
        print('FAIL: text: no comment "%s"' % want); ok = False; continue
    anchor = got.pop(0)
    if anchor != span(region):
        print('FAIL: text: comment "%s" on "%s", span "%s"' % (f['rule'], anchor, span(region)))
        ok = False
sys.exit(0 if ok else 1)
PY

# ---- a DOCX plan: the reviewer's file, untouched but for the comments ----
in="$repo/tests/fixtures/docx/lang-son-city-2024-draft.docx"
cp "$in" "$w/plan.docx"
sum=$(cksum <"$w/plan.docx")
"$planlint" check -f docx -o "$w/out.docx" "$w/plan.docx"
[ $? -eq 1 ] || bad "docx: exit status is not 1 (findings)"
[ "$(cksum <"$w/plan.docx")" = "$sum" ] || bad "docx: the input was modified"
python3 "$py" same-but-anchors "$w/plan.docx" "$w/out.docx" || bad "docx: more changed than anchors"
n=$("$planlint" check -f json "$w/plan.docx" |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["files"][0]["findings"]))')
soffice_to odt "$w/out.docx" || bad "docx: LibreOffice cannot open the output"
python3 "$py" anchors "$w/out.odt" >"$w/out.comments.json" || bad "docx: no ODT"
python3 - "$w/out.comments.json" "$n" <<'PY' || fail=1
import json, sys
c = json.load(open(sys.argv[1])); n = int(sys.argv[2])
ok = len(c) == n and n > 5 and all(x['author'] == 'planlint' and x['anchor'] for x in c)
if not ok:
    print('FAIL: docx: %d comments (anchored: %d) for %d findings' %
          (len(c), sum(1 for x in c if x['anchor']), n))
sys.exit(0 if ok else 1)
PY
soffice_to txt "$w/out.docx" && mv "$w/out.txt" "$w/annotated.txt" && soffice_to txt "$w/plan.docx" ||
    bad "docx: LibreOffice cannot convert to text"
cmp -s "$w/annotated.txt" "$w/plan.txt" || bad "docx: the text LibreOffice reads changed"

# ---- one input only, never a terminal ----
"$planlint" check --lang en -f docx -o "$w/two.docx" "$txt" "$txt" 2>"$w/err"
[ $? -eq 2 ] && grep -q "exactly one input" "$w/err" || bad "two inputs are not a usage error"

if [ "${UPDATE_DOCS:-}" = 1 ] && command -v pdftoppm >/dev/null 2>&1; then
    # comments in the margin of the PDF export
    timeout 300 soffice "-env:UserInstallation=file://$w/profile" --headless --convert-to \
        'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}' \
        --outdir "$w" "$w/out.docx" >/dev/null 2>&1 &&
        pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$w/out.pdf" "$repo/docs/check-docx"
fi
[ $fail -eq 0 ] && echo "docx_check: all passed"
exit $fail
