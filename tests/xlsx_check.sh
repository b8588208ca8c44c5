#!/bin/sh
# xlsx_check.sh - `compare -f xlsx` opened as a spreadsheet program opens
# it.  The workbook of the corpus plans is read back twice:
#
#  - its XML (python zipfile): two sheets; the table sheet has the header
#    row and the five indicator columns (label, id, year, unit, national) frozen, every plan cell that has a
#    target is a number equal to the JSON row's value, shown (number
#    format) with its comparator and its status word, filled with one
#    colour per status (distinct statuses, distinct colours; "missing"
#    unfilled, its word as text); the data sheet has the header frozen,
#    filter buttons, and exactly the rows and columns of `compare -f csv`,
#    numbers typed as numbers;
#  - by LibreOffice Calc (soffice --convert-to csv, cells as shown): the
#    data sheet reads as `compare -f csv`, the table's cells read
#    "≥ 90 (bằng)".
#
# `compare -f xlsx` without -o (or with -o -) is a usage error that writes
# nothing to standard output.
#
# usage: tests/xlsx_check.sh PATH/TO/planlint REPO_DIR
#        UPDATE_DOCS=1 ... also renders docs/compare-xlsx.png (LibreOffice's
#                          PDF export of the table sheet, pdftoppm)
# Exit 0 when every check passes, 1 otherwise, 77 (skipped) without python3.
# The LibreOffice part is skipped (said so) without LibreOffice Calc
# (Debian: libreoffice-calc-nogui).
set -u
planlint=$1
repo=$2
command -v python3 >/dev/null 2>&1 || { echo "xlsx_check: python3 not installed: skipped"; exit 77; }
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
plans="$repo/corpus/plans"

# ---- binary output needs a file --------------------------------------------
for o in "" "-o -"; do
    # shellcheck disable=SC2086 # $o is two words or none
    "$planlint" compare --lang en -f xlsx $o "$plans" >"$w/out" 2>"$w/err"
    rc=$?
    [ $rc -eq 2 ] || bad "compare -f xlsx $o: exit status $rc, not 2"
    [ -s "$w/out" ] && bad "compare -f xlsx $o: wrote to standard output"
    grep -q -- '-o FILE' "$w/err" || bad "compare -f xlsx $o: the error does not say to use -o: $(cat "$w/err")"
done

# ---- the workbook's XML ------------------------------------------------------
"$planlint" compare -f xlsx -o "$w/c.xlsx" "$plans" 2>"$w/err" || bad "compare -f xlsx -o failed: $(cat "$w/err")"
"$planlint" compare -f json "$plans" >"$w/c.json" 2>/dev/null
"$planlint" compare -f csv "$plans" >"$w/c.csv" 2>/dev/null
python3 - "$w/c.xlsx" "$w/c.json" "$w/c.csv" <<'PY' || fail=1
import csv, io, json, re, sys, zipfile
import xml.etree.ElementTree as ET

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}
WORDS = {'stronger': 'mạnh hơn', 'equal': 'bằng', 'weaker': 'yếu hơn',
         'invalid': 'không hợp lệ', 'not-comparable': 'không so sánh được',
         'missing': 'không đặt'}
SYMBOL = {'ge': '≥', 'gt': '>', 'le': '≤', 'lt': '<', 'eq': '='}
NUMERIC = {'year', 'value', 'targets', 'line', 'national_value'}
ok = True
def fail(msg):
    global ok
    ok = False
    print('FAIL:', msg)

z = zipfile.ZipFile(sys.argv[1])
doc = json.load(open(sys.argv[2], encoding='utf-8'))
tidy = list(csv.reader(io.open(sys.argv[3], encoding='utf-8', newline='')))

# sheets in order, their files
wb = ET.fromstring(z.read('xl/workbook.xml'))
rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
target = {r.get('Id'): r.get('Target') for r in rels}
sheets = [(s.get('name'), 'xl/' + target[s.get('{%s}id' % NS['r'])])
          for s in wb.find('m:sheets', NS)]
if [n for n, _ in sheets] != ['So sánh', 'Dữ liệu']:
    fail('sheets %r' % [n for n, _ in sheets])

strings = [''.join(t.text or '' for t in si.iter('{%s}t' % NS['m']))
           for si in ET.fromstring(z.read('xl/sharedStrings.xml'))]
st = ET.fromstring(z.read('xl/styles.xml'))
numfmts = {int(n.get('numFmtId')): n.get('formatCode') for n in st.iter('{%s}numFmt' % NS['m'])}
fills = []
for f in st.find('m:fills', NS):
    fg = f.find('m:patternFill/m:fgColor', NS)
    fills.append(fg.get('rgb')[-6:].upper() if fg is not None and fg.get('rgb') else None)
xfs = [(int(x.get('numFmtId', 0)), int(x.get('fillId', 0)))
       for x in st.find('m:cellXfs', NS)]

def col_index(ref):
    n = 0
    for ch in re.match('[A-Z]+', ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1

def read_sheet(path):
    root = ET.fromstring(z.read(path))
    cells = {}
    for c in root.iter('{%s}c' % NS['m']):
        r = int(re.search(r'\d+', c.get('r')).group(0)) - 1
        v = c.find('m:v', NS)
        t = c.get('t', 'n')
        val = None if v is None else strings[int(v.text)] if t == 's' else float(v.text)
        numfmt, fill = xfs[int(c.get('s', 0))]
        cells[(r, col_index(c.get('r')))] = {'type': t if v is not None else 'blank', 'v': val,
                                            'fmt': numfmts.get(numfmt, ''), 'fill': fills[fill]}
    return root, cells

# ---- the table sheet
root, cells = read_sheet(sheets[0][1])
pane = root.find('.//m:pane', NS)
if pane is None or pane.get('state') != 'frozen' or pane.get('xSplit') != '5' or pane.get('ySplit') != '1':
    fail('table: pane %r, not the header row and five columns frozen' %
         (pane.attrib if pane is not None else None))
if not str(cells.get((0, 0), {}).get('v', '')).startswith('Chỉ tiêu so với 782/QĐ-TTg'):
    fail('table: A1 is %r' % cells.get((0, 0)))
labels = [p['label'] for p in doc['plans']]
got = [cells.get((0, 5 + k), {}).get('v') for k in range(len(labels))]
if got != labels:
    fail('table: plan headings %r, JSON labels %r' % (got, labels))
where = {}
for (r, c), cell in cells.items():
    if c == 1 and r > 0:
        year = cells.get((r, 2), {})
        if year.get('type') == 'n':
            where[(cell['v'], int(year['v']))] = r
fill_of = {}
checked = 0
plan_col = {p['plan']: k for k, p in enumerate(doc['plans'])}
for row in doc['rows']:
    r = where.get((row['indicator'], row['year']))
    if r is None:
        fail('table: no row for %s %s' % (row['indicator'], row['year'])); continue
    unit = cells.get((r, 3), {}).get('v')
    if row['unit'] == '%' and row['change'] is None and unit != '%':
        fail('table: %s %s: unit column %r, not %%' % (row['indicator'], row['year'], unit))
    cell = cells.get((r, 5 + plan_col[row['plan']]))
    what = '%s %s %s' % (row['plan'].split('/')[-1], row['indicator'], row['year'])
    word = WORDS[row['status']]
    if row['value'] is None:
        if cell is None or cell['type'] != 's' or cell['v'] != word:
            fail('table: %s: missing shows %r, not %r' % (what, cell, word))
    elif cell is None or cell['type'] != 'n' or cell['v'] != row['value']:
        fail('table: %s: cell %r, not the number %r' % (what, cell, row['value']))
    elif SYMBOL[row['comparator']] not in cell['fmt'] or '(%s)' % word not in cell['fmt']:
        fail('table: %s: number format %r lacks %s and (%s)' % (what, cell['fmt'],
             SYMBOL[row['comparator']], word))
    if cell is not None:
        fill_of.setdefault(row['status'], set()).add(cell['fill'])
        checked += 1
for status, f in fill_of.items():
    if len(f) != 1:
        fail('table: status %s has fills %r, not one' % (status, f))
if fill_of.get('missing', {None}) != {None}:
    fail('table: missing cells are filled %r' % fill_of['missing'])
filled = [next(iter(f)) for s, f in fill_of.items() if s != 'missing']
if None in filled or len(set(filled)) != len(filled):
    fail('table: statuses share fills: %r' % fill_of)
if not {'stronger', 'equal', 'weaker', 'invalid', 'missing', 'not-comparable'} <= set(fill_of):
    fail('table: the corpus should show every status, got %r' % sorted(fill_of))
if checked != len(doc['rows']) or checked < 50:
    fail('table: %d cells checked for %d rows' % (checked, len(doc['rows'])))

# ---- the data sheet
root, cells = read_sheet(sheets[1][1])
pane = root.find('.//m:pane', NS)
if pane is None or pane.get('state') != 'frozen' or pane.get('ySplit') != '1' or pane.get('xSplit'):
    fail('data: pane %r, not the header row frozen' % (pane.attrib if pane is not None else None))
if root.find('m:autoFilter', NS) is None:
    fail('data: no filter buttons')
rows = 1 + max(r for r, _ in cells)
if rows != len(tidy):
    fail('data: %d rows, compare -f csv has %d' % (rows, len(tidy)))
head = tidy[0]
for r, line in enumerate(tidy):
    for c, text in enumerate(line):
        cell = cells.get((r, c))
        name = head[c]
        if text == '':
            if cell is not None and cell['type'] != 'blank':
                fail('data: row %d %s: %r for an empty field' % (r, name, cell))
        elif r > 0 and name in NUMERIC:
            if cell is None or cell['type'] != 'n' or cell['v'] != float(text):
                fail('data: row %d %s: %r, not the number %s' % (r, name, cell, text))
        elif cell is None or cell['type'] != 's' or cell['v'] != text:
            fail('data: row %d %s: %r, not the text %r' % (r, name, cell, text))
sys.exit(0 if ok else 1)
PY

# ---- LibreOffice Calc reads it ------------------------------------------------
if command -v soffice >/dev/null 2>&1; then
    # every sheet (-1), UTF-8 (76), cells as shown (the 9th token)
    timeout 300 soffice "-env:UserInstallation=file://$w/profile" --headless \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
        --outdir "$w/lo" "$w/c.xlsx" >/dev/null 2>&1
    if [ -f "$w/lo/c-Dữ liệu.csv" ]; then
        python3 - "$w/lo/c-So sánh.csv" "$w/lo/c-Dữ liệu.csv" "$w/c.csv" "$w/c.json" <<'PY' || fail=1
import csv, io, json, sys
WORDS = {'stronger': 'mạnh hơn', 'equal': 'bằng', 'weaker': 'yếu hơn',
         'invalid': 'không hợp lệ', 'not-comparable': 'không so sánh được',
         'missing': 'không đặt'}
read = lambda p: list(csv.reader(io.open(p, encoding='utf-8', newline='')))
table, data, tidy = read(sys.argv[1]), read(sys.argv[2]), read(sys.argv[3])
doc = json.load(open(sys.argv[4], encoding='utf-8'))
ok = True
if data != tidy:
    ok = False
    diff = [(a, b) for a, b in zip(data, tidy) if a != b][:3]
    print('FAIL: LibreOffice reads the data sheet unlike compare -f csv:', len(data), len(tidy), diff)
# the decimal separator is the locale's: compare with '.'
norm = lambda s: s.replace(',', '.')
where = {(r[1], r[2]): r for r in table[1:]}
col = {p['plan']: 5 + k for k, p in enumerate(doc['plans'])}
shown = 0
for row in doc['rows']:
    r = where.get((row['indicator'], str(row['year'])))
    if r is None or row['targets'] > 1:
        continue
    want = WORDS[row['status']] if row['cell'] is None else '%s (%s)' % (row['cell'], WORDS[row['status']])
    if norm(r[col[row['plan']]]) != norm(want):
        ok = False
        print('FAIL: LibreOffice shows %r for %s %s, not %r' % (r[col[row['plan']]], row['indicator'], row['year'], want))
    shown += 1
if shown < 50:
    ok = False
    print('FAIL: only %d table cells compared' % shown)
sys.exit(0 if ok else 1)
PY
    else
        echo "xlsx_check: LibreOffice Calc not installed (libreoffice-calc-nogui): its reading skipped"
    fi
fi

# ---- the screenshot in the README --------------------------------------------
if [ "${UPDATE_DOCS:-0}" = 1 ]; then
    timeout 300 soffice "-env:UserInstallation=file://$w/profile" --headless \
        --convert-to pdf --outdir "$w" "$w/c.xlsx" >/dev/null 2>&1 &&
        pdftoppm -r 110 -png -f 1 -l 1 -x 60 -y 70 -W 1090 -H 390 "$w/c.pdf" "$w/shot" &&
        cp "$w/shot-1.png" "$repo/docs/compare-xlsx.png" && echo "docs/compare-xlsx.png updated" ||
        bad "UPDATE_DOCS: cannot render the screenshot"
fi
[ $fail -eq 0 ] && echo "xlsx_check: ok"
exit $fail
