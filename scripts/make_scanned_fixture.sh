#!/usr/bin/env bash
# make_scanned_fixture.sh - tests/fixtures/pdf/hoang-duc-commune-2023-scan.pdf:
# the text-layer PDF of the same plan (printed from its text) rendered to
# images with pdftoppm and rebuilt into an image-only PDF, as a scan is
# (first four pages only: the opening and the first targets, to keep OCR in the
# tests short).  Needs poppler-utils and python3; the result is committed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
src=$here/tests/fixtures/pdf/hoang-duc-commune-2023-pdf.pdf
out=$here/tests/fixtures/pdf/hoang-duc-commune-2023-scan.pdf
pages=${1:-4}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pdftoppm -r 150 -gray -jpeg -jpegopt quality=60 -l "$pages" "$src" "$tmp/page"
python3 - "$out" "$tmp"/page-*.jpg <<'PY'
import struct, sys
def jpeg_size(b):
    i = 2
    while i < len(b):
        marker, length = b[i + 1], struct.unpack('>H', b[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack('>HH', b[i + 5:i + 9])
            return w, h, b[i + 9]
        i += 2 + length
    raise SystemExit('no JPEG frame')
out, jpegs = sys.argv[1], sys.argv[2:]
objs = ['<< /Type /Catalog /Pages 2 0 R >>', None]
kids = []
for f in jpegs:
    b = open(f, 'rb').read()
    w, h, comps = jpeg_size(b)
    cs = b'/DeviceGray' if comps == 1 else b'/DeviceRGB'
    n = len(objs)
    content = b'q 595 0 0 842 0 0 cm /Im Do Q'
    objs.append('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R '
                '/Resources << /XObject << /Im %d 0 R >> >> >>' % (n + 2, n + 3))
    kids.append(n + 1)
    objs.append(b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream')
    objs.append(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s '
                b'/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n' % (w, h, cs, len(b))
                + b + b'\nendstream')
objs[1] = '<< /Type /Pages /Kids [%s] /Count %d >>' % (' '.join('%d 0 R' % k for k in kids), len(kids))
pdf = bytearray(b'%PDF-1.4\n')
offs = []
for i, o in enumerate(objs):
    offs.append(len(pdf))
    pdf += b'%d 0 obj\n' % (i + 1) + (o.encode() if isinstance(o, str) else o) + b'\nendobj\n'
x = len(pdf)
pdf += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
for o in offs:
    pdf += b'%010d 00000 n \n' % o
pdf += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, x)
open(out, 'wb').write(pdf)
PY
echo "wrote $out ($(stat -c %s "$out") bytes)"
