#!/usr/bin/env python3
"""docx_comments.py - checks of `check -f docx` (tests/docx_check.sh).

  docx_comments.py anchors FILE.odt
      the comments LibreOffice read, as JSON: author, text, and the text
      the comment is anchored on (between office:annotation and
      office:annotation-end of the ODT LibreOffice converted to)
  docx_comments.py same-but-anchors IN.docx OUT.docx
      exit 0 when OUT's word/document.xml is IN's with only comment
      anchors added, and every member of IN other than document.xml, its
      relationships and [Content_Types].xml is in OUT stored byte for byte
      (same method, CRC, compressed size, compressed bytes)
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

OFFICE = '{urn:oasis:names:tc:opendocument:xmlns:office:1.0}'
TEXT = '{urn:oasis:names:tc:opendocument:xmlns:text:1.0}'
DC = '{http://purl.org/dc/elements/1.1/}'


def anchors(odt):
    root = ET.fromstring(zipfile.ZipFile(odt).read('content.xml'))
    out, opened, found = [], {}, []

    def walk(e):
        if e.tag == OFFICE + 'annotation':
            rec = {'author': ''.join(x.text or '' for x in e.iter(DC + 'creator')),
                   'text': ' '.join(''.join(p.itertext()) for p in e.iter(TEXT + 'p')),
                   'anchor': ''}
            found.append(rec)
            if e.get(OFFICE + 'name'):
                opened[e.get(OFFICE + 'name')] = (rec, len(''.join(out)))
        elif e.tag == OFFICE + 'annotation-end':
            rec, start = opened.pop(e.get(OFFICE + 'name'))
            rec['anchor'] = ''.join(out)[start:]
        else:
            if e.text:
                out.append(e.text)
            for c in e:
                walk(c)
            if e.tag in (TEXT + 'p', TEXT + 'h'):
                out.append('\n')
        if e.tail:
            out.append(e.tail)

    walk(root)
    json.dump(found, sys.stdout, ensure_ascii=False, indent=1)
    return 0


ANCHOR = re.compile(r'<w:commentRangeStart w:id="\d+"/>|<w:commentRangeEnd w:id="\d+"/>'
                    r'<w:r><w:commentReference w:id="\d+"/></w:r>')
CHANGED = {'word/document.xml', 'word/_rels/document.xml.rels', '[Content_Types].xml',
           'word/comments.xml'}


def raw(z, info):
    """The member's stored bytes (compressed data as in the archive)."""
    with open(z.filename, 'rb') as f:
        f.seek(info.header_offset)
        head = f.read(30)
        n, m = int.from_bytes(head[26:28], 'little'), int.from_bytes(head[28:30], 'little')
        f.seek(info.header_offset + 30 + n + m)
        return f.read(info.compress_size)


def same_but_anchors(a, b):
    za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
    ok = True
    orig = za.read('word/document.xml').decode('utf-8')
    new = zb.read('word/document.xml').decode('utf-8')
    if ANCHOR.sub('', new) != orig:
        print('word/document.xml differs beyond the comment anchors')
        ok = False
    if not ANCHOR.search(new):
        print('no anchors in word/document.xml')
        ok = False
    names_b = {i.filename: i for i in zb.infolist()}
    for i in za.infolist():
        if i.filename in CHANGED:
            continue
        j = names_b.get(i.filename)
        if j is None:
            print('missing member', i.filename)
            ok = False
        elif (i.compress_type, i.CRC, i.compress_size) != (j.compress_type, j.CRC, j.compress_size) \
                or raw(za, i) != raw(zb, j):
            print('member not copied as stored:', i.filename)
            ok = False
    order_a = [i.filename for i in za.infolist()]
    order_b = [i.filename for i in zb.infolist() if i.filename in set(order_a)]
    if order_a != order_b:
        print('members reordered')
        ok = False
    return 0 if ok else 1


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'anchors':
        sys.exit(anchors(sys.argv[2]))
    if len(sys.argv) == 4 and sys.argv[1] == 'same-but-anchors':
        sys.exit(same_but_anchors(sys.argv[2], sys.argv[3]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
