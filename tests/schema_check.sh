#!/bin/sh
# schema_check.sh - validate `planlint extract -f json` / `-f ndjson` output
# for every plan in corpus/plans/ against data/schema/extract.schema.json
# (one document) and, for several inputs, the whole array against
# data/schema/extract-array.schema.json, with a real JSON Schema validator
# (python3-jsonschema).  Each schema must also reject the other's shape.
#
# usage: tests/schema_check.sh PATH/TO/planlint REPO_DIR
# Exit 0 when every output is valid, 1 otherwise (each failure printed),
# 2 on a usage error.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 PLANLINT REPO_DIR" >&2
    exit 2
fi
planlint=$1
repo=$2
schema=$repo/data/schema/extract.schema.json
array_schema=$repo/data/schema/extract-array.schema.json
plans=$repo/corpus/plans

# The first python3 that has jsonschema: the one on PATH may be a private
# interpreter without Debian's python3-jsonschema, /usr/bin/python3 has it.
python=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import jsonschema' 2>/dev/null; then
        python=$p
        break
    fi
done
if [ -z "$python" ]; then
    echo "schema_check: python3 with jsonschema not found (apt-get install python3-jsonschema)" >&2
    exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# validate.py SCHEMA KIND LABEL FILE [reject]: KIND is "one" (a lone
# object), "array" (each element), "whole" (the file's value as it is) or
# "ndjson" (one object per line).  Prints each failure with its JSON path,
# naming it by LABEL (the plan or the run).  With "reject", succeeds only
# when the value is invalid.  A relative "$ref" (extract-array's
# "extract.schema.json") is resolved beside the schema file.
cat >"$tmp/validate.py" <<'EOF'
import json, pathlib, sys, urllib.parse, urllib.request
import jsonschema

def no_constants(name):
    raise ValueError("not JSON: " + name)  # NaN, Infinity

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

def make_validator(schema_path):
    schema = load(schema_path)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    base = pathlib.Path(schema_path).resolve().as_uri()
    try:  # jsonschema >= 4.18
        from referencing import Registry, Resource
    except ImportError:
        return cls(schema, resolver=jsonschema.RefResolver(base, schema))
    def retrieve(uri):
        path = urllib.request.url2pathname(urllib.parse.urlparse(uri).path)
        return Resource.from_contents(load(path))
    return cls(dict(schema, **{"$id": base}), registry=Registry(retrieve=retrieve))

schema_path, kind, label, path = sys.argv[1:5]
reject = sys.argv[5:] == ["reject"]
validator = make_validator(schema_path)

def objects(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if kind == "ndjson":
        lines = text.split("\n")
        if lines[-1] != "":
            raise ValueError("last line not terminated by a newline")
        return [json.loads(l, parse_constant=no_constants) for l in lines[:-1]]
    value = json.loads(text, parse_constant=no_constants)
    if kind == "whole":
        return [value]
    if kind == "array":
        if not isinstance(value, list):
            raise ValueError("several inputs must give an array")
        return value
    if not isinstance(value, dict):
        raise ValueError("one input must give a lone object")
    return [value]

try:
    objs = objects(path)
except ValueError as e:
    print("%s: %s" % (label, e))
    sys.exit(1)
failed = 0
for i, obj in enumerate(objs):
    for err in validator.iter_errors(obj):
        where = "/".join(str(p) for p in err.absolute_path)
        if not reject:
            print("%s: object %d at /%s: %s" % (label, i, where, err.message))
        failed += 1
if reject:
    if not failed:
        print("%s: accepted by %s, which should reject it" % (label, schema_path))
    sys.exit(0 if failed else 1)
sys.exit(1 if failed else 0)
EOF

status=0
n=0
set --
for plan in "$plans"/*; do
    [ -f "$plan" ] || continue
    n=$((n + 1))
    out=$tmp/one-$n.json
    if ! "$planlint" extract -f json "$plan" >"$out"; then
        echo "schema_check: planlint extract failed on $plan" >&2
        status=1
        continue
    fi
    if ! "$python" "$tmp/validate.py" "$schema" one "$plan" "$out"; then
        echo "schema_check: FAILED: $plan (extract -f json)" >&2
        status=1
    fi
    set -- "$@" "$plan"
done
if [ "$n" -eq 0 ]; then
    echo "schema_check: no plans in $plans" >&2
    exit 1
fi

# All plans at once: a JSON array, and ndjson one object per line.
"$planlint" extract -f json "$@" >"$tmp/all.json" &&
    "$python" "$tmp/validate.py" "$schema" array "extract -f json (all)" "$tmp/all.json" ||
    { echo "schema_check: FAILED: extract -f json of all plans" >&2; status=1; }
"$python" "$tmp/validate.py" "$array_schema" whole "extract -f json (all, as an array)" "$tmp/all.json" ||
    { echo "schema_check: FAILED: extract -f json of all plans against extract-array.schema.json" >&2; status=1; }
# Each shape is the other schema's error: the reason both are shipped.
"$python" "$tmp/validate.py" "$schema" whole "extract -f json (all)" "$tmp/all.json" reject &&
    "$python" "$tmp/validate.py" "$array_schema" whole "extract -f json (one)" "$tmp/one-1.json" reject ||
    { echo "schema_check: FAILED: a schema accepts the other shape" >&2; status=1; }
# The array's items are checked through the reference, not waved through.
printf '[{"planlint": 1, "source": "x"}]\n' >"$tmp/broken-array.json"
"$python" "$tmp/validate.py" "$array_schema" whole "an array of a broken document" "$tmp/broken-array.json" reject ||
    { echo "schema_check: FAILED: extract-array.schema.json does not check its items" >&2; status=1; }
"$planlint" extract -f ndjson "$@" >"$tmp/all.ndjson" &&
    "$python" "$tmp/validate.py" "$schema" ndjson "extract -f ndjson (all)" "$tmp/all.ndjson" ||
    { echo "schema_check: FAILED: extract -f ndjson of all plans" >&2; status=1; }

if [ "$status" -eq 0 ]; then
    echo "schema_check: $n plans valid against extract.schema.json, the array against extract-array.schema.json"
fi
exit "$status"
