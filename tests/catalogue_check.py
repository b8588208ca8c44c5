#!/usr/bin/env python3
"""catalogue_check.py - every message the input readers can give the user
has its Vietnamese in data/cli/messages.xml.

The library writes its errors and notes in English; the command line
translates them through the catalogue's lib.* messages, whose English
side must be the library's wording (cli/say.c matches the whole reason
against it).  A reason with no entry reaches a Vietnamese user in
English.  This test reads the message literals of the readers' C sources
(pl_error_set, pl_error_set_line, snprintf into a message, the XML
layer's record, a package's zip_fail/fail, add_note) and checks that each
one, its conversions filled with a number, nothing or a plural "s", is
matched by a lib.* English text (its placeholders standing for any
text), as cli/say.c would match it.

    tests/catalogue_check.py REPO_DIR
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

repo = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
SOURCES = sorted(
    list((repo / "parser/read").glob("*.c")) + list((repo / "parser/read/pdf").glob("*.c")) +
    [repo / "util/archive.c", repo / "util/xml.c", repo / "parser/doc/doc.c"])

# calls whose string literals are a message to the user: the literal
# argument that opens the message (adjacent literals are joined)
CALL = re.compile(
    r'\b(pl_error_set|pl_error_set_line|snprintf|record|zip_fail|fail|add_note)\s*\(', re.S)
LITERALS = re.compile(r'((?:"(?:[^"\\]|\\.)*"\s*)+)')
CONVERSION = re.compile(r'%[-+ #0]*[0-9]*(?:\.[0-9]+)?(?:hh|h|ll|l|z|j|t)?[diouxXcsp]')


def call_args(text, start):
    """The text of a call's arguments from the '(' at start."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == '\\' else 1
        elif c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
        i += 1
    return ""


def joined(lits):
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', lits)
    return "".join(parts).replace('\\"', '"').replace("\\\\", "\\")


def messages(path):
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    for m in CALL.finditer(text):
        fn = m.group(1)
        args = call_args(text, m.end() - 1)
        if fn == "snprintf" and not re.match(r"\s*msg\s*,", args):
            continue  # only a message being made ("msg"), not a path or a number
        lit = LITERALS.search(args)
        if not lit:
            continue
        before = args[:lit.start()].rstrip()
        if before.endswith("?"):  # cond ? "a" : "b": both are messages
            alt = re.match(r'\s*:\s*((?:"(?:[^"\\]|\\.)*"\s*)+)', args[lit.end():])
            if alt:
                yield fn, joined(alt.group(1)), path
        yield fn, joined(lit.group(1)), path


def words(s):
    return re.findall(r"[A-Za-z]{2,}", CONVERSION.sub(" ", s))


def samples(msg, fn):
    """msg with its conversions filled in every way that matters: a
    number, nothing, or a plural "s"."""
    pieces = CONVERSION.split(msg)
    out = [pieces[0]]
    for p in pieces[1:]:
        out = [o + v + p for o in out for v in ("7", "", "s")]
    if fn in ("zip_fail", "fail"):
        out += [o + ": why" for o in out]  # what, then ": why"
    return out


cat = ET.parse(repo / "data/cli/messages.xml").getroot()
english = []
for m in cat.iter("message"):
    if m.get("id", "").startswith("lib."):
        for t in m.iter("text"):
            if t.get("lang") == "en":
                parts = re.split(r"\{[1-9]\}", t.text or "")
                english.append(re.compile(".+".join(re.escape(x) for x in parts), re.S))

missing = []
for fn, msg, path in (x for p in SOURCES for x in messages(p)):
    if len(words(msg)) < 2:
        continue  # "%s", "%s%s%s", ": ", a bare word: not a message of its own
    if not any(rx.fullmatch(x) for x in samples(msg, fn) for rx in english):
        missing.append("%s: %s" % (path.relative_to(repo), msg))

for line in sorted(set(missing)):
    print("no lib.* message in data/cli/messages.xml for: " + line, file=sys.stderr)
if missing:
    sys.exit(1)
print("catalogue_check: every reader message has its entry (%d sources)" % len(SOURCES))
