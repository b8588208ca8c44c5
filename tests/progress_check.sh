#!/usr/bin/env bash
# progress_check.sh - OCR progress on a terminal, and only there (issue 15).
#
# A scanned page takes seconds of OCR: on a terminal, standard error shows
# the page being read ("a.pdf: OCR page 1 of 1"), drawn by the worker that
# reads it and rewritten in place.  The terminal is a pseudo-terminal made
# by script(1), whose output is everything the screen received.  Checked:
#   1. one scan on a terminal: the page is shown, then erased before the
#      OCR note, which stands on a line of its own;
#   2. two scans read at once (--jobs 2) on a terminal: the screen is
#      nothing but whole progress lines, erasures and whole messages (no
#      line cut into another), both files' pages are shown, and standard
#      output is byte for byte that of a run without a terminal;
#   3. the same with standard error a file: the two notes and nothing else
#      (no carriage return, no escape);
#   4. a terminal in a CI job (CI set), and `check -q`: no progress.
# The scan is one page of the scanned fixture (OCR is slow).
#
#   tests/progress_check.sh PATH/TO/planlint REPO_DIR
# Exit 0 when all hold, 1 otherwise, 77 (skipped) without script(1) or
# pdfseparate.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 PATH/TO/planlint REPO_DIR" >&2
    exit 2
fi
cli="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
repo="$(cd "$2" && pwd)"
for tool in script pdfseparate python3; do
    command -v "$tool" >/dev/null 2>&1 ||
        { echo "progress_check.sh: skipped: no $tool (scripts/setup.sh installs it)" >&2; exit 77; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/planlint-progress.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
pdfseparate -f 1 -l 1 "$repo/tests/fixtures/pdf/hoang-duc-commune-2023-scan.pdf" a.pdf
cp a.pdf b.pdf

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# on_tty FILE COMMAND: run COMMAND (a shell line) with its standard error
# on a pseudo-terminal; what the terminal received goes to FILE.
on_tty() {
    local screen=$1
    shift
    TERM=xterm COLUMNS=100 script -qec "$*" /dev/null >"$screen" </dev/null || true
}

note='planlint: %s: note: read through OCR (Tesseract, vie): 1 of 1 page (no text layer)'

# screen_is FILE NAME...: FILE holds only progress lines, erasures and
# whole message lines (script turns each \n into \r\n), each progress line
# about one of NAME..., and shows a page of each NAME.
screen_is() {
    python3 - "$@" <<'EOF'
import re, sys
screen = open(sys.argv[1], 'rb').read().decode('utf-8')
names = sys.argv[2:]
draw = re.compile(r'(\[\d+/\d+\] [\d.]+ files/s  )?(…?[^\r\x1b]*?)(: OCR page (\d+) of (\d+))?\x1b\[K')
message = re.compile(r'planlint: [^\r\x1b]*\r\n')
seen, bad, i = set(), [], 0
while i < len(screen):
    if screen[i] == '\r':
        i += 1
        continue
    m = message.match(screen, i) or draw.match(screen, i)
    if not m:
        bad.append(repr(screen[i:i + 80]))
        break
    if m.re is draw and m.group(2):
        if m.group(2) not in names:
            bad.append('a line about %r' % m.group(2))
        if m.group(3):
            seen.add(m.group(2))
    i = m.end()
for n in names:
    if n not in seen:
        bad.append('no OCR page shown for ' + n)
if bad:
    print('; '.join(bad))
    sys.exit(1)
EOF
}

# 1. one scan on a terminal
on_tty screen1.txt "env -u CI '$cli' extract --lang en a.pdf > out1.json"
grep -q $'\ra.pdf: OCR page 1 of 1\033\\[K' screen1.txt ||
    fail "one scan on a terminal: no 'a.pdf: OCR page 1 of 1' line: $(cat -v screen1.txt | head -c 300)"
grep -q "$(printf '\r\033\\[K')$(printf "$note" a.pdf)" screen1.txt ||
    fail "one scan on a terminal: the note is not on an erased line: $(cat -v screen1.txt | head -c 300)"
why=$(screen_is screen1.txt a.pdf) || fail "one scan on a terminal: $why"

# 2. two scans at once on a terminal; 3. the same into a file
on_tty screen2.txt "env -u CI '$cli' extract --lang en -f ndjson --jobs 2 a.pdf b.pdf > out2.json"
why=$(screen_is screen2.txt a.pdf b.pdf) || fail "two scans with --jobs 2 on a terminal: $why"
[[ $(grep -c 'note: read through OCR' screen2.txt) -eq 2 ]] ||
    fail "two scans with --jobs 2 on a terminal: not two notes: $(cat -v screen2.txt)"
status=0
TERM=xterm "$cli" extract --lang en -f ndjson --jobs 2 a.pdf b.pdf >out3.json 2>err3.txt ||
    status=$?
[[ $status -eq 0 ]] || fail "two scans with stderr a file: exit $status"
printf "$note\n$note\n" a.pdf b.pdf >want3.txt
cmp -s want3.txt err3.txt || fail "two scans with stderr a file: stderr: $(cat -v err3.txt)"
cmp -s out2.json out3.json || fail "standard output differs with stderr on a terminal"
[[ $(wc -l <out3.json) -eq 2 ]] || fail "two scans: not two documents"

# 4. a terminal in CI, and check -q: nothing but the messages
on_tty screen4.txt "CI=true '$cli' extract --lang en a.pdf > /dev/null"
grep -q $'\033' screen4.txt && fail "CI set: progress on the terminal: $(cat -v screen4.txt | head -c 300)"
on_tty screen5.txt "env -u CI '$cli' check -q -f json a.pdf > /dev/null"
grep -q $'\033' screen5.txt && fail "check -q: progress on the terminal: $(cat -v screen5.txt | head -c 300)"

if [[ $failures -ne 0 ]]; then
    echo "progress_check.sh: $failures failures" >&2
    exit 1
fi
echo "progress_check.sh: all passed"
