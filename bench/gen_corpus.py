#!/usr/bin/env python3
"""gen_corpus.py - a benchmark corpus built from the real plans.

    python3 bench/gen_corpus.py SRC_DIR OUT_DIR SIZE_MB [--seed N]

Writes copies of the plans in SRC_DIR (round robin) into OUT_DIR until the
copies total at least SIZE_MB megabytes (10^6 bytes), 500 files per
subdirectory (d0000/, d0001/, ...), so that a directory walk looks like a
real archive and no directory grows huge.  Each copy has its numbers
varied, so that the files are not byte-identical (no cache or branch
predictor learns one file) while keeping the shape of a plan:

  * percentages ("90%", "4,9 %") get a random value of the same form
    (integer or one decimal with a comma);
  * years 2000-2039 move by one random shift per copy (-4..+6), so that
    a period stays a period ("2021-2025" -> "2024-2028");
  * other numbers of three digits or more (document numbers "151/KH-UBND")
    get a random number with as many digits; shorter ones (section
    numbers, days, months, ages) are kept, so the structure and the dates
    stay valid.

The random generator is seeded (default 7), so the same arguments give
the same corpus byte for byte.  Prints "FILES BYTES" on stdout.
"""
import argparse
import os
import random
import re
import sys

FILES_PER_DIR = 500

# One alternation, tried left to right at each position: a percentage
# first (its number must not be taken as a plain number), then a year,
# then any other run of digits.
TOKEN = re.compile(r"(?P<pct>\d+(?:[.,]\d+)?)(?P<sign>\s?%)"
                   r"|(?P<year>\b20[0-3]\d\b)"
                   r"|(?P<num>\b\d{3,}\b)")


def varied(text, rng):
    shift = rng.randint(-4, 6)

    def sub(m):
        if m.group("pct") is not None:
            if "," in m.group("pct") or "." in m.group("pct"):
                value = "%d,%d" % (rng.randint(0, 99), rng.randint(1, 9))
            else:
                value = str(rng.randint(0, 100))
            return value + m.group("sign")
        if m.group("year") is not None:
            return str(int(m.group("year")) + shift)
        digits = len(m.group("num"))
        return str(rng.randint(10 ** (digits - 1), 10 ** digits - 1))
    return TOKEN.sub(sub, text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src")
    ap.add_argument("out")
    ap.add_argument("size_mb", type=float)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()

    names = sorted(n for n in os.listdir(a.src)
                   if os.path.isfile(os.path.join(a.src, n)) and not n.startswith("."))
    if not names:
        sys.exit("gen_corpus.py: no plans in %s" % a.src)
    plans = []
    for n in names:
        with open(os.path.join(a.src, n), encoding="utf-8") as f:
            plans.append((n, f.read()))

    rng = random.Random(a.seed)
    goal = int(a.size_mb * 1e6)
    total = count = 0
    while total < goal:
        name, text = plans[count % len(plans)]
        sub = os.path.join(a.out, "d%04d" % (count // FILES_PER_DIR))
        if count % FILES_PER_DIR == 0:
            os.makedirs(sub, exist_ok=True)
        data = varied(text, rng).encode("utf-8")
        with open(os.path.join(sub, "%06d-%s" % (count, name)), "wb") as f:
            f.write(data)
        total += len(data)
        count += 1
    print(count, total)


if __name__ == "__main__":
    main()
