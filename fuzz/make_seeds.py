#!/usr/bin/env python3
"""make_seeds.py - write the generated seeds of the fuzz corpora.

    python3 fuzz/make_seeds.py        (from anywhere; overwrites its files)

The hand-written seeds of fuzz/corpus/ are committed as they are; the ones
this script writes are made from files of the tree, so that they stay small
and can be made again:

  legacy/  excerpts of the corpus plans in every encoding fuzz_legacy.c
           selects (first byte '0'-'9'): the legacy ones encoded as
           tests/test_input.c encodes them (glibc iconv one character at
           a time, TCVN3 as ABC typed it, VNI from its rules), each once
           with its own selector and once with '0' (detection)
  docx/    the XML parts of the DOCX fixtures, cut to 24 KiB at a
           paragraph end, as fuzz_docx.c takes them (document.xml, a
           "=====" line, numbering.xml, a "=====" line, styles.xml)
  pdf/     small PDFs written here: one page of text, pages whose header
           and footer repeat, a page without text, an empty page tree

Needs python3 and glibc's iconv program.  Nothing here runs in the tests.
"""
import os
import subprocess
import unicodedata
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
PLANS = os.path.join(ROOT, "corpus", "plans")

EXCERPT = 3000  # bytes of UTF-8 text per legacy seed, cut at a line end


def write(target, name, data):
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data)


def excerpt(path, limit):
    text = open(path, encoding="utf-8").read()
    out, size = [], 0
    for line in text.splitlines(keepends=True):
        n = len(line.encode("utf-8"))
        if size + n > limit:
            break
        out.append(line)
        size += n
    return "".join(out)


# ---- legacy encoders (the rules of tests/test_input.c) ---------------------

_iconv_cache = {}


def iconv_cp(charset, ch):
    """Bytes of one character in charset through glibc iconv, or None."""
    key = (charset, ch)
    if key not in _iconv_cache:
        r = subprocess.run(["iconv", "-f", "UTF-8", "-t", charset], input=ch.encode("utf-8"),
                           capture_output=True)
        _iconv_cache[key] = r.stdout if r.returncode == 0 and r.stdout else None
    return _iconv_cache[key]


def cp1252_byte(ch):
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return b"?"


def enc_iconv(charset):
    def enc(ch):
        if ord(ch) < 0x80:
            return ch.encode("ascii")
        return iconv_cp(charset, ch) or cp1252_byte(ch)
    return enc


PLAIN_CAPS = "ĂÂÊÔƠƯĐ"


def enc_tcvn3(ch):
    """TCVN3 as ABC typed it: toned capitals take the lowercase byte."""
    if ord(ch) < 0x80:
        return ch.encode("ascii")
    c = ch if ch in PLAIN_CAPS else ch.lower()
    b = iconv_cp("TCVN5712-1", c)
    if b and len(b) == 1 and b[0] >= 0xA0:
        return b
    return cp1252_byte(ch)


def enc_vni(ch):
    """VNI-Windows: base letter, then a byte for the mark and the tone."""
    if ord(ch) < 0x80:
        return ch.encode("ascii")
    if ch in "đĐ":
        return bytes([0xF1 if ch == "đ" else 0xD1])
    d = unicodedata.normalize("NFD", ch)
    base, marks = d[0], d[1:]
    lb = base.lower()
    mod = next((m for m in marks if m in "\u0302\u0306\u031b"), None)
    tone = next((m for m in marks if m not in "\u0302\u0306\u031b"), None)
    if lb not in "aeiouy":
        return cp1252_byte(ch)
    sub = 0x20 if base != lb else 0
    t = {"\u0301": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}.get(tone, -1)
    plain = [0xF9, 0xF8, 0xFB, 0xF5, 0xEF]
    circ = [0xE1, 0xE0, 0xE5, 0xE3, 0xE4]
    breve = [0xE9, 0xE8, 0xFA, 0xFC, 0xEB]
    ibyte = [0xED, 0xEC, 0xE6, 0xF3, 0xF2]
    if lb == "i" and t >= 0:
        return bytes([ibyte[t] - sub])
    if lb == "y" and t == 4:
        return bytes([0xEE - sub])
    if mod == "\u031b":
        out = bytes([(0xF4 if lb == "o" else 0xF6) - sub])
        return out + (bytes([plain[t] - sub]) if t >= 0 else b"")
    out = base.encode("ascii")
    if mod == "\u0302":
        out += bytes([(circ[t] if t >= 0 else 0xE2) - sub])
    elif mod == "\u0306":
        out += bytes([(breve[t] if t >= 0 else 0xEA) - sub])
    elif t >= 0:
        out += bytes([plain[t] - sub])
    return out


def encode(text, enc):
    text = unicodedata.normalize("NFC", text)
    return b"".join(enc(ch) for ch in text)


def mojibake(b):
    """Bytes read as Windows-1252 and saved as UTF-8 (undefined bytes as C1)."""
    out = []
    for x in b:
        try:
            out.append(bytes([x]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(x))
    return "".join(out).encode("utf-8")


def legacy():
    # selector bytes of fuzz_legacy.c
    sel = {"auto": b"0", "utf-8": b"1", "utf-16le": b"2", "utf-16be": b"3", "tcvn3": b"4",
           "tcvn5712-1": b"5", "vni": b"6", "viscii": b"7", "cp1258": b"8", "mojibake": b"9"}
    plans = ["hung-yen-province-2021-news", "lang-son-city-2024-draft",
             "hoang-duc-commune-2023-pdf"]
    for i, plan in enumerate(plans):
        text = excerpt(os.path.join(PLANS, plan + ".txt"), EXCERPT)
        short = plan.split("-")[0] + "-" + plan.split("-")[1]
        u8 = text.encode("utf-8")
        variants = {
            "tcvn3": encode(text, enc_tcvn3),
            "tcvn5712-1": encode(text, enc_iconv("TCVN5712-1")),
            "vni": encode(text, enc_vni),
            "viscii": encode(text, enc_iconv("VISCII")),
            "cp1258": encode(text, enc_iconv("CP1258")),
            "mojibake": mojibake(u8),
        }
        if i == 0:  # UTF-8 and UTF-16 once: they need no detection to speak of
            variants["utf-8"] = u8
            variants["utf-16le"] = b"\xff\xfe" + text.encode("utf-16-le")
            variants["utf-16be"] = text.encode("utf-16-be")
        for enc, data in variants.items():
            write("legacy", "%s-%s.txt" % (short, enc), sel[enc] + data)
            if enc not in ("utf-8", "utf-16be"):
                write("legacy", "%s-%s-auto.txt" % (short, enc), sel["auto"] + data)
    # TCVN3 bytes pasted into a UTF-8 page: mojibake of a legacy encoding
    text = excerpt(os.path.join(PLANS, plans[0] + ".txt"), EXCERPT)
    write("legacy", "hung-yen-tcvn3-mojibake-auto.txt", sel["auto"] + mojibake(encode(text, enc_tcvn3)))


# ---- DOCX parts -------------------------------------------------------------

DOCX_PART_MAX = 24 * 1024


def docx():
    fix = os.path.join(ROOT, "tests", "fixtures", "docx")
    for f in sorted(os.listdir(fix)):
        if not f.endswith(".docx"):
            continue
        with zipfile.ZipFile(os.path.join(fix, f)) as z:
            names = z.namelist()
            doc = z.read("word/document.xml")
            num = z.read("word/numbering.xml") if "word/numbering.xml" in names else b""
            sty = z.read("word/styles.xml") if "word/styles.xml" in names else b""
        if len(doc) > DOCX_PART_MAX:  # cut after a paragraph, close the body
            cut = doc.rfind(b"</w:p>", 0, DOCX_PART_MAX)
            doc = doc[:cut + 6] + b"</w:body></w:document>"
        write("docx", f[:-5] + ".xml", doc + b"\n=====\n" + num + b"\n=====\n" + sty)


def odt():
    fix = os.path.join(ROOT, "tests", "fixtures", "odt")
    for f in sorted(os.listdir(fix)):
        if not f.endswith(".odt"):
            continue
        with zipfile.ZipFile(os.path.join(fix, f)) as z:
            content = z.read("content.xml")
            sty = z.read("styles.xml") if "styles.xml" in z.namelist() else b""
        if len(content) > DOCX_PART_MAX:  # cut after a paragraph, close the body
            cut = content.rfind(b"</text:p>", 0, DOCX_PART_MAX)
            content = content[:cut + 9] + b"</office:text></office:body></office:document-content>"
        write("odt", f[:-4] + ".xml", content + b"\n=====\n" + sty)


# ---- PDF --------------------------------------------------------------------

def pdf_file(pages):
    """A PDF with one page per content stream of `pages` (Helvetica, Latin-1
    text; None = a page without contents)."""
    objs = []
    npages = len(pages)
    kids = " ".join("%d 0 R" % (4 + 2 * i) for i in range(npages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, npages)).encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, stream in enumerate(pages):
        content = 5 + 2 * i
        page = ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                "/Resources << /Font << /F1 3 0 R >> >>%s >>"
                % (" /Contents %d 0 R" % content if stream is not None else ""))
        objs.append(page.encode())
        data = stream or b""
        objs.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def text_stream(lines, header=None, footer=None, indent=()):
    ops = [b"BT /F1 12 Tf"]
    y = 780
    if header:
        ops.append(b"1 0 0 1 72 810 Tm (%s) Tj" % header)
    for i, line in enumerate(lines):
        x = 100 if i in indent else 72
        ops.append(b"1 0 0 1 %d %d Tm (%s) Tj" % (x, y, line))
        y -= 30 if line == b"" else 16
    if footer:
        ops.append(b"1 0 0 1 280 30 Tm (%s) Tj" % footer)
    ops.append(b"ET")
    return b"\n".join(ops)


def pdf():
    plan = [b"KE HOACH", b"Thuc hien Chuong trinh phong ngua, giam thieu tre em lao dong",
            b"I. MUC TIEU", b"1. Den nam 2025: 90% doanh nghiep duoc cung cap thong tin;",
            b"giam ty le tre em lao dong xuong duoi 4,9%.", b"II. TO CHUC THUC HIEN",
            b"Phong Lao dong - Thuong binh va Xa hoi chu tri."]
    write("pdf", "one-page.pdf", pdf_file([text_stream(plan, indent=(1, 3))]))
    pages = [text_stream(plan[i:i + 3], header=b"Cong thong tin dien tu",
                         footer=b"Trang %d" % (i // 3 + 1)) for i in range(0, len(plan), 3)]
    write("pdf", "running-header-footer.pdf", pdf_file(pages))
    write("pdf", "no-text.pdf", pdf_file([None, b"0 0 m 100 100 l S"]))
    write("pdf", "no-pages.pdf", pdf_file([]))


if __name__ == "__main__":
    legacy()
    docx()
    odt()
    pdf()
