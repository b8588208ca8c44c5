#!/usr/bin/env python3
"""accuracy.py - how well `planlint extract` reads a labelled set.

    scripts/accuracy.py [--planlint BIN] [--floors FILE] [--misses] SET_DIR...

SET_DIR is a folder with a gold.json in one of the two formats of
../shared (see docs/ACCURACY.md):

  headers  {"documents": [{"file", "group", "kind", "number", "date",
            "issuer", "issuer_keys", "level", "accept", ...}]}, files in
            SET_DIR/files/ (realdocs: real DOCX and PDF headers)
  targets  {"FILE": {"document": {...}, "targets": [[indicator, year,
            comparator, value], ...], "citations": [...], ...}}, files in
            SET_DIR/ (plan-excerpts: real plan texts)

It runs `planlint extract -f json` once per file and prints, per field, how
many files are right, then (with --misses) every miss as
`FILE  FIELD  wanted WANT  got GOT`.  Target scores are micro-averaged
precision, recall and F1 over the set.

--floors FILE holds `SET FIELD MIN` lines (`realdocs issuer 0.90`); the
exit status is 1 when a score falls below its floor, so CI keeps what has
been reached.  Floors only go up: raise them when the work improves.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import unicodedata

HEADER_FIELDS = ("kind", "number", "date", "level", "issuer")
CL_PREFIXES = ("cl.", "comm.", "train.")


def fold(s):
    """Lower case, no tone marks or diacritics, one spelling of UBND:
    the gold's issuer keys ignore case and tone style."""
    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("đ", "d")
    s = s.replace("ubnd", "uy ban nhan dan")
    return " ".join(s.replace("\u00a0", " ").split())


def run_extract(cli, path):
    """The document planlint extracts from path, or None when it refuses
    the file (status 2: unreadable) -- every field then counts as null."""
    p = subprocess.run([cli, "extract", "-f", "json", path], capture_output=True, timeout=600)
    if p.returncode != 0 or not p.stdout.strip():
        return None, p.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
    try:
        return json.loads(p.stdout), None
    except json.JSONDecodeError as e:
        return None, ["invalid JSON: %s" % e]


def issuer_right(doc, got):
    keys = doc.get("issuer_keys")
    if doc.get("issuer") is None:
        return got is None
    if got is None:
        return False
    if not keys:
        return fold(got) == fold(doc["issuer"])
    g = fold(got)
    return any(all(fold(w) in g for w in alt) for alt in keys)


def header_right(doc, field, got):
    if field == "issuer":
        return issuer_right(doc, got)
    if field == "number" and got is not None:
        got = "".join(got.split())
    accepted = [doc.get(field)] + list((doc.get("accept") or {}).get(field, []))
    return got in accepted


class Tally:
    """Per field: files right / files scored, and the misses."""

    def __init__(self):
        self.right = collections.Counter()
        self.total = collections.Counter()
        self.misses = []

    def add(self, group, field, ok, miss):
        for key in ((group, field), ("all", field)):
            self.total[key] += 1
            self.right[key] += ok
        if not ok:
            self.misses.append(miss)

    def score(self, group, field):
        n = self.total[(group, field)]
        return self.right[(group, field)] / n if n else None


def score_headers(cli, set_dir, gold):
    tally = Tally()
    for doc in gold["documents"]:
        path = os.path.join(set_dir, "files", doc["file"])
        out, err = run_extract(cli, path)
        got_doc = (out or {}).get("document") or {}
        for field in HEADER_FIELDS:
            got = got_doc.get(field)
            ok = header_right(doc, field, got)
            want = doc.get(field)
            tally.add(doc["group"], field, ok,
                      (doc["file"], field, want, got, (err or [""])[0]))
    return tally


def target_key(t):
    return (t.get("indicator"), t.get("year"), t.get("comparator"), t.get("value"))


def target_matches(want, got):
    ind, year, cmp_, value = want
    g_ind, g_year, g_cmp, g_value = got
    if ind == "*":
        if g_ind is not None and g_ind.startswith(CL_PREFIXES):
            return False
    elif ind != g_ind:
        return False
    if year is not None and year != g_year:
        return False
    return cmp_ == g_cmp and g_value is not None and abs(float(value) - g_value) < 1e-9


def match_targets(wanted, got):
    """Greedy one-to-one matching (the sets are small): how many wanted
    targets have a distinct got target that matches them."""
    free = list(got)
    hits = 0
    missed = []
    for w in wanted:
        for i, g in enumerate(free):
            if target_matches(w, g):
                del free[i]
                hits += 1
                break
        else:
            missed.append(w)
    return hits, missed, free


def score_targets(cli, set_dir, gold):
    tally = Tally()
    tp = fp = fn = 0
    cl_wrong = 0
    for name in sorted(gold):
        entry = gold[name]
        out, err = run_extract(cli, os.path.join(set_dir, name))
        out = out or {}
        got_doc = out.get("document") or {}
        for field, want in (entry.get("document") or {}).items():
            if field == "placeholders":
                continue
            got = got_doc.get(field)
            if field == "program" and want is None:
                continue  # labelled before planlint knew that programme
            tally.add("all-docs", field, got == want, (name, field, want, got, (err or [""])[0]))
        # The labels are percentage targets (README of plan-excerpts): a
        # rate per 100 000 or per mille is reported in its own unit and
        # not scored against them.
        got_targets = [target_key(t) for t in out.get("targets") or []
                       if t.get("unit", "%") == "%"]
        if entry.get("no_child_labour_indicators"):
            bad = [t for t in got_targets if t[0] and t[0].startswith(CL_PREFIXES)]
            cl_wrong += len(bad)
            tally.add("all-docs", "no-cl-indicator", not bad, (name, "no-cl-indicator", [], bad, ""))
        cited = sorted({c["number"] for c in out.get("citations") or [] if c.get("number")})
        want_cited = entry.get("citations") or []
        ok = all(c in cited for c in want_cited)
        tally.add("all-docs", "citations", ok, (name, "citations", want_cited, cited, ""))
        if not entry.get("score_targets", True):
            continue
        hits, missed, extra = match_targets(entry.get("targets") or [], got_targets)
        tp += hits
        fn += len(missed)
        fp += len(extra)
        for w in missed:
            tally.misses.append((name, "target", w, None, "missed"))
        for g in extra:
            tally.misses.append((name, "target", None, list(g), "extra"))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return tally, {"precision": p, "recall": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn,
                   "cl_on_other_programmes": cl_wrong}


def read_floors(path):
    floors = {}
    if not path:
        return floors
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if len(line) == 3:
                floors[(line[0], line[1])] = float(line[2])
    return floors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", metavar="SET_DIR")
    ap.add_argument("--planlint", default=os.environ.get("PLANLINT", "build/planlint"))
    ap.add_argument("--floors")
    ap.add_argument("--misses", action="store_true", help="list every miss")
    args = ap.parse_args()

    floors = read_floors(args.floors)
    below = []
    for set_dir in args.sets:
        set_name = os.path.basename(os.path.normpath(set_dir))
        with open(os.path.join(set_dir, "gold.json"), encoding="utf-8") as f:
            gold = json.load(f)
        scores = {}
        if "documents" in gold:
            tally = score_headers(args.planlint, set_dir, gold)
            groups = sorted({g for g, _ in tally.total if g != "all"}) + ["all"]
            print("%s: header fields right (files)" % set_name)
            print("  %-12s %s" % ("group", " ".join("%8s" % f for f in HEADER_FIELDS)))
            for g in groups:
                cells = []
                for field in HEADER_FIELDS:
                    s = tally.score(g, field)
                    cells.append("%8s" % ("-" if s is None else "%.2f" % s))
                n = tally.total[(g, HEADER_FIELDS[0])]
                print("  %-12s %s  (%d files)" % (g, " ".join(cells), n))
            for field in HEADER_FIELDS:
                scores[field] = tally.score("all", field)
                for grp in ("docx", "pdf"):
                    if tally.score(grp, field) is not None:
                        scores["%s.%s" % (grp, field)] = tally.score(grp, field)
        else:
            tally, t = score_targets(args.planlint, set_dir, gold)
            print("%s: targets P %.2f R %.2f F1 %.2f (tp %d, fp %d, fn %d); "
                  "child-labour ids on other programmes' targets: %d"
                  % (set_name, t["precision"], t["recall"], t["f1"], t["tp"], t["fp"], t["fn"],
                     t["cl_on_other_programmes"]))
            fields = sorted({f for g, f in tally.total})
            print("  " + "  ".join("%s %.2f" % (f, tally.score("all", f)) for f in fields))
            scores.update({f: tally.score("all", f) for f in fields})
            scores["f1"] = t["f1"]
        if args.misses:
            for m in tally.misses:
                print("  miss  %-48s %-10s wanted %-28s got %s%s" % (
                    m[0], m[1], json.dumps(m[2], ensure_ascii=False),
                    json.dumps(m[3], ensure_ascii=False), ("  (%s)" % m[4]) if m[4] else ""))
        for (fs, field), floor in sorted(floors.items()):
            if fs == set_name and scores.get(field) is not None and scores[field] + 1e-9 < floor:
                below.append("%s %s %.3f < floor %.3f" % (set_name, field, scores[field], floor))
    for b in below:
        print("accuracy.py: below floor: " + b, file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
