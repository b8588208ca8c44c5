#!/usr/bin/env bash
# make_fixtures.sh - regenerate the published-format fixtures of tests/test_input.c
# from the corpus texts.  Not run by the tests: its outputs are committed
# (small files), so the test suite needs neither LibreOffice nor qpdf.
#
#   tests/fixtures/docx/NAME.docx   LibreOffice (writer) from a flat ODT made of
#   tests/fixtures/odt/NAME.odt     corpus/plans/NAME.txt: one paragraph per line,
#   tests/fixtures/pdf/NAME.pdf     a running page header and a "Trang N" footer
#   tests/fixtures/odt/lists.odt    LibreOffice from a Word file with Word's
#                                   numbered lists (I. 1. a) and a bullet), a
#                                   table and a line break: the lists as
#                                   LibreOffice writes them (list styles in
#                                   styles.xml)
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
mkdir -p "$fix/docx" "$fix/pdf" "$fix/html" "$fix/odt"

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
soffice -env:UserInstallation="$profile" --headless --convert-to odt \
    --outdir "$fix/odt" "$work"/*.fodt >/dev/null

# Word's lists, converted by LibreOffice.
python3 - "$work/lists.docx" <<'PY'
import sys, zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
lvl = [('upperRoman', '%1.'), ('decimal', '%2.'), ('lowerLetter', '%3)'), ('bullet', '-')]
num = ('<w:numbering %s><w:abstractNum w:abstractNumId="0">' % W +
       ''.join('<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/></w:lvl>'
               % (i, f, t) for i, (f, t) in enumerate(lvl)) +
       '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
def p(text, level=None):
    ppr = '' if level is None else \
        '<w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr></w:pPr>' % level
    return '<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (ppr, text)
def row(*cells):
    return '<w:tr>%s</w:tr>' % ''.join('<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>' % c for c in cells)
body = (p('MỤC ĐÍCH', 0) + p('Mục đích chung', 1) + p('MỤC TIÊU', 0) + p('Mục tiêu đến năm 2025', 1) +
        p('Trẻ em được hỗ trợ', 2) + p('Cha mẹ được tư vấn', 2) + p('gạch đầu dòng', 3) +
        p('Mục tiêu đến năm 2030', 1) +
        '<w:tbl>' + row('Chỉ tiêu', 'Năm 2025', 'Năm 2030') +
        row('Trẻ em được cung cấp thông tin, kiến thức (%)', '75', '≥ 80') + '</w:tbl>' +
        '<w:p><w:r><w:t>Phấn đấu 90%</w:t><w:tab/><w:t>trẻ em</w:t><w:br/><w:t>được hỗ trợ.</w:t></w:r></w:p>')
rel = '<Relationship Id="rId1" Type="%s%s" Target="%s"/>'
rels = lambda r: ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
                  'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' % r)
z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>')
z.writestr('_rels/.rels', rels(rel % (R, 'officeDocument', 'word/document.xml')))
z.writestr('word/_rels/document.xml.rels', rels(rel % (R, 'numbering', 'numbering.xml')))
z.writestr('word/document.xml', '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s<w:sectPr/></w:body></w:document>' % (W, body))
z.writestr('word/numbering.xml', num)
z.close()
PY
soffice -env:UserInstallation="$profile" --headless --convert-to odt \
    --outdir "$fix/odt" "$work/lists.docx" >/dev/null

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
