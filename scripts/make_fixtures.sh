#!/usr/bin/env bash
# make_fixtures.sh - regenerate the published-format fixtures of tests/test_input.c
# from the corpus texts.  Not run by the tests: its outputs are committed
# (small files), so the test suite needs neither LibreOffice nor qpdf.
#
#   tests/fixtures/docx/NAME.docx   LibreOffice (writer) from a flat ODT made of
#   tests/fixtures/pdf/NAME.pdf     corpus/plans/NAME.txt: one paragraph per line,
#                                   a running page header and a "Trang N" footer
#   tests/fixtures/pdf/encrypted.pdf   qpdf --encrypt (user password "secret")
#   tests/fixtures/html/NAME.html   a provincial-portal page around the text
#                                   (menus, scripts, breadcrumb, footer), made
#                                   from tests/fixtures/html/portal.tmpl
#
# Needs: libreoffice-writer-nogui (soffice), qpdf, python3 (Debian packages).
# Legacy encodings (TCVN3, VNI, VISCII, CP1258, UTF-16, mojibake) are made by
# the test itself from the corpus texts at run time: no fixture files.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
fix="$root/tests/fixtures"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in soffice qpdf python3; do
    command -v "$tool" >/dev/null ||
        { echo "make_fixtures.sh: $tool not found (apt-get install libreoffice-writer-nogui qpdf python3)" >&2; exit 1; }
done
mkdir -p "$fix/docx" "$fix/pdf" "$fix/html"

# A flat ODT (one XML file LibreOffice reads directly) per corpus text.
python3 - "$root/corpus/plans" "$work" <<'PY'
import sys, os, html
src, out = sys.argv[1], sys.argv[2]
head = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls><style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'"/></office:font-face-decls>
 <office:styles><style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.1cm"/>
  <style:text-properties style:font-name="DejaVu Serif" fo:font-size="13pt"/></style:default-style></office:styles>
 <office:automatic-styles><style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm"
   fo:margin-bottom="1.5cm" fo:margin-left="3cm" fo:margin-right="2cm"/>
  <style:header-style/><style:footer-style/></style:page-layout></office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p>Cổng thông tin điện tử - bản sao kế hoạch</text:p></style:header>
  <style:footer><text:p>Trang <text:page-number text:select-page="current"/></text:p></style:footer>
 </style:master-page></office:master-styles>
 <office:body><office:text>
'''
for f in sorted(os.listdir(src)):
    if not f.endswith('.txt'):
        continue
    lines = open(os.path.join(src, f), encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    body = ''.join('<text:p>%s</text:p>\n' % html.escape(l.strip(), quote=False) if l.strip() else '<text:p/>\n'
                   for l in lines)
    with open(os.path.join(out, f[:-4] + '.fodt'), 'w', encoding='utf-8') as o:
        o.write(head + body + '</office:text></office:body></office:document>\n')
PY

profile="file://$work/profile"
soffice -env:UserInstallation="$profile" --headless --convert-to docx:"MS Word 2007 XML" \
    --outdir "$fix/docx" "$work"/*.fodt >/dev/null
soffice -env:UserInstallation="$profile" --headless --convert-to pdf \
    --outdir "$fix/pdf" "$work"/*.fodt >/dev/null
qpdf --encrypt secret owner 256 -- "$fix/pdf/lang-son-city-2024-draft.pdf" "$fix/pdf/encrypted.pdf"

# Portal pages: each blank-line-separated block of the text is a <p>, its
# lines joined with <br>; the Lạng Sơn draft's header is a two-cell table as
# portals lay out the Nghị định 30 header; the Hưng Yên page writes every
# non-ASCII letter as a numeric character reference (as older CMSs do).
python3 - "$root/corpus/plans" "$fix/html" <<'PY'
import sys, os, html
src, out = sys.argv[1], sys.argv[2]
tmpl = open(os.path.join(out, 'portal.tmpl'), encoding='utf-8').read()
def esc(s, ncr):
    s = html.escape(s, quote=False)
    return ''.join('&#%d;' % ord(c) if ncr and ord(c) > 127 else c for c in s)
for f in sorted(os.listdir(src)):
    if not f.endswith('.txt'):
        continue
    name = f[:-4]
    text = open(os.path.join(src, f), encoding='utf-8').read()
    ncr = name.startswith('hung-yen')
    blocks, cur = [], []
    for line in text.split('\n'):
        if line.strip():
            cur.append(line.strip())
        elif cur:
            blocks.append(cur); cur = []
    if cur:
        blocks.append(cur)
    parts = []
    if name.startswith('lang-son') and len(blocks) >= 2:
        parts.append('<table class="doc-header"><tr><td>%s</td><td><em>%s</em></td></tr></table>'
                     % (esc(blocks[0][0], ncr), esc(blocks[1][0], ncr)))
        blocks = blocks[2:]
    for b in blocks:
        parts.append('<p>' + '<br>\n'.join(esc(l, ncr) for l in b) + '</p>')
    page = tmpl.replace('@TITLE@', esc(blocks[0][0] if blocks else name, ncr)).replace('@BODY@', '\n'.join(parts))
    with open(os.path.join(out, name + '.html'), 'w', encoding='utf-8') as o:
        o.write(page)
PY
echo "make_fixtures.sh: fixtures written under $fix"
