#!/bin/sh
# format_schema_check.sh - validate with a real JSON Schema validator
# (python3-jsonschema):
#   compare -f json   against data/schema/compare.schema.json
#   check -f json     against data/schema/check.schema.json (one file,
#                     the corpus, English messages, a config that turns
#                     rules off), and not a finding with an unknown severity
#   check -f sarif    against tests/data/sarif-2.1.0.schema.json, the
#                     official SARIF 2.1.0 schema (JSON Schema 2020-12),
#                     copied from the npm package
#                     @microsoft/sarif-multitool-linux 5.7.0 (MIT;
#                     file sarif-2.1.0.json), and against
#                     tests/data/sarif-2.1.0-subset.schema.json, a stricter
#                     subset written from the OASIS specification that
#                     closes every object we emit to unknown properties.
#
# Beside the schemas, the script checks
# what a schema cannot say: every result's ruleId is in the rule table at
# its ruleIndex, every URI is a valid URI reference, lines and columns
# point into the file.
#
# usage: tests/format_schema_check.sh PATH/TO/planlint REPO_DIR
# Exit 0 when everything is valid, 1 otherwise (each failure printed), 2 on
# a usage error.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 PLANLINT REPO_DIR" >&2
    exit 2
fi
planlint=$1
repo=$2
plans=$repo/corpus/plans

python=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import jsonschema' 2>/dev/null; then
        python=$p
        break
    fi
done
if [ -z "$python" ]; then
    echo "format_schema_check: python3 with jsonschema not found (apt-get install python3-jsonschema)" >&2
    exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

cat >"$tmp/validate.py" <<'EOF'
import json, re, sys
import jsonschema

def no_constants(name):
    raise ValueError("not JSON: " + name)

schema_path, kind, label, path = sys.argv[1:5]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
with open(path, encoding="utf-8") as f:
    doc = json.loads(f.read(), parse_constant=no_constants)
failed = 0
for err in validator.iter_errors(doc):
    where = "/".join(str(p) for p in err.absolute_path)
    if kind != "reject":
        print("%s: at /%s: %s" % (label, where, err.message))
    failed += 1

# What the schema cannot say.
URI_REF = re.compile(r"^(file://)?([A-Za-z0-9\-._~/]|%[0-9A-F]{2})*$")
if kind == "sarif" and not failed:
    run = doc["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    if len(set(rules)) != len(rules):
        print("%s: duplicate rule ids" % label); failed += 1
    for i, res in enumerate(run.get("results", [])):
        if rules[res["ruleIndex"]] != res["ruleId"]:
            print("%s: result %d: ruleIndex %d is %s, not %s"
                  % (label, i, res["ruleIndex"], rules[res["ruleIndex"]], res["ruleId"])); failed += 1
        for loc in res["locations"]:
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            if not URI_REF.match(uri):
                print("%s: result %d: not a URI reference: %r" % (label, i, uri)); failed += 1
    if not run.get("results"):
        print("%s: no results on the corpus" % label); failed += 1
if kind == "check" and not failed:
    with open(sys.argv[5], encoding="utf-8") as f:
        known = {l.split()[0] for l in f if l.strip()}
    counts = {"error": 0, "warning": 0, "info": 0}
    for fobj in doc["files"]:
        for i, fd in enumerate(fobj["findings"]):
            counts[fd["severity"]] += 1
            if fd["rule"] not in known:
                print("%s: %s: finding %d: rule %s is not in `planlint rules`"
                      % (label, fobj["source"], i, fd["rule"])); failed += 1
    sm = doc["summary"]
    if (sm["files"], sm["errors"], sm["warnings"], sm["infos"]) != \
            (len(doc["files"]), counts["error"], counts["warning"], counts["info"]):
        print("%s: summary %r does not count the files and findings" % (label, sm)); failed += 1
if kind == "reject":  # the value must be invalid
    if not failed:
        print("%s: accepted by %s, which should reject it" % (label, schema_path))
    sys.exit(0 if failed else 1)
if kind == "compare" and not failed:
    n = len(doc["plans"])
    keys = {(r["indicator"], r["year"]) for r in doc["rows"]}
    if len(doc["rows"]) != n * len(keys):
        print("%s: %d rows, expected plans x indicator-years = %d x %d"
              % (label, len(doc["rows"]), n, len(keys))); failed += 1
sys.exit(1 if failed else 0)
EOF

status=0
fail() {
    echo "format_schema_check: FAILED: $*" >&2
    status=1
}

validate() { # SCHEMA KIND LABEL FILE
    "$python" "$tmp/validate.py" "$@" || fail "$3"
}

"$planlint" compare -f json "$plans" >"$tmp/compare.json" || fail "compare -f json exited non-zero"
validate "$repo/data/schema/compare.schema.json" compare "compare -f json" "$tmp/compare.json"
"$planlint" compare -f json --lang en "$plans" >"$tmp/compare-en.json" || fail "compare --lang en"
validate "$repo/data/schema/compare.schema.json" compare "compare -f json --lang en" "$tmp/compare-en.json"
# The other programmes' tables: rates per 100 000 and per mille, cuts,
# a yearly cut (year null), values confirmed only by local copies.
for prog in child-injury-2021 children-action-2021; do
    "$planlint" compare -f json --program "$prog" "$plans" >"$tmp/compare-$prog.json" ||
        fail "compare -f json --program $prog exited non-zero"
    validate "$repo/data/schema/compare.schema.json" compare "compare -f json --program $prog" \
        "$tmp/compare-$prog.json"
done
grep -q '"unit": "‰"' "$tmp/compare-children-action-2021.json" ||
    fail "compare --program children-action-2021: no per-mille row"

# check -f json: the corpus, one file, English; a finding that is not one
# must be refused (the schema is no formality).
check_schema=$repo/data/schema/check.schema.json
"$planlint" rules >"$tmp/rules.txt" || fail "planlint rules"
"$planlint" check -f json "$plans" >"$tmp/check.json"
[ $? -le 1 ] || fail "check -f json exited with trouble"
validate "$check_schema" check "check -f json" "$tmp/check.json" "$tmp/rules.txt"
"$planlint" check -f json --lang en --rule missing-target=off "$plans/lang-son-city-2024-draft.txt" >"$tmp/check-one.json"
[ $? -le 1 ] || fail "check -f json on one file exited with trouble"
validate "$check_schema" check "check -f json (one file, en)" "$tmp/check-one.json" "$tmp/rules.txt"
"$python" -c 'import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["files"] if x["findings"]][0]["findings"][0]
f["severity"] = "fatal"
json.dump(d, open(sys.argv[2], "w"))' "$tmp/check.json" "$tmp/check-bad.json" || fail "making a bad check output"
validate "$check_schema" reject "check -f json with severity fatal" "$tmp/check-bad.json"

"$planlint" check -f sarif "$plans" >"$tmp/check.sarif"
[ $? -le 1 ] || fail "check -f sarif exited with trouble"
validate "$repo/tests/data/sarif-2.1.0.schema.json" sarif "check -f sarif (official schema)" "$tmp/check.sarif"
validate "$repo/tests/data/sarif-2.1.0-subset.schema.json" sarif "check -f sarif" "$tmp/check.sarif"

# A file name that needs percent-encoding, and English messages.
mkdir -p "$tmp/kế hoạch" && cp "$plans/hung-yen-province-2021-news.txt" "$tmp/kế hoạch/hưng yên #1.txt"
"$planlint" check -f sarif --lang en "$tmp/kế hoạch" >"$tmp/odd.sarif"
[ $? -le 1 ] || fail "check -f sarif on an odd file name"
validate "$repo/tests/data/sarif-2.1.0.schema.json" sarif "check -f sarif (odd name, official schema)" "$tmp/odd.sarif"
validate "$repo/tests/data/sarif-2.1.0-subset.schema.json" sarif "check -f sarif (odd name)" "$tmp/odd.sarif"

# An unreadable input among good ones: the run's invocation failed, its
# notification names the file (exit status 2).
printf 'abc\377\n' >"$tmp/bad.txt"
"$planlint" check -f sarif "$plans/hung-yen-province-2021-news.txt" "$tmp/bad.txt" >"$tmp/bad.sarif"
[ $? -eq 2 ] || fail "check -f sarif with an unreadable input: exit status is not 2"
validate "$repo/tests/data/sarif-2.1.0.schema.json" sarif "check -f sarif (unreadable input, official schema)" "$tmp/bad.sarif"
validate "$repo/tests/data/sarif-2.1.0-subset.schema.json" sarif "check -f sarif (unreadable input)" "$tmp/bad.sarif"
# and in JSON, its "unreadable" list
"$planlint" check -f json "$plans/hung-yen-province-2021-news.txt" "$tmp/bad.txt" >"$tmp/bad.json"
[ $? -eq 2 ] || fail "check -f json with an unreadable input: exit status is not 2"
validate "$check_schema" check "check -f json (unreadable input)" "$tmp/bad.json" "$tmp/rules.txt"

if [ "$status" -eq 0 ]; then
    echo "format_schema_check: compare JSON, check JSON and SARIF valid"
fi
exit "$status"
