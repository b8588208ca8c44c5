#!/usr/bin/env python3
"""naive_extract.py - the baseline: what a user would write instead of
planlint to pull targets out of plans.

    python3 bench/naive_extract.py FILE|DIR...

For each file (directories walked, sorted), every "X%" with the few words
after it, printed as one JSON object per file:

    {"file": "...", "targets": [{"value": 90.0, "text": "90% trẻ em ..."}]}

No decoding beyond UTF-8, no normalisation, no structure, no year, no
indicator: the floor of what an extraction does, for the throughput
comparison in bench/run.sh.
"""
import json
import os
import re
import sys

# a percentage and up to eight words after it
TARGET = re.compile(r"(\d+(?:[.,]\d+)?)\s?%((?:\s+[^\s%]+){0,8})")


def files(args):
    for a in args:
        if os.path.isdir(a):
            for d, dirs, names in os.walk(a):
                dirs.sort()
                for n in sorted(names):
                    yield os.path.join(d, n)
        else:
            yield a


def main():
    out = sys.stdout
    for path in files(sys.argv[1:]):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        targets = [{"value": float(m.group(1).replace(",", ".")),
                    "text": (m.group(0)).strip()}
                   for m in TARGET.finditer(text)]
        out.write(json.dumps({"file": path, "targets": targets}, ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main()
