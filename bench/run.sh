#!/usr/bin/env bash
# run.sh - planlint's throughput and memory beside baselines measured in
# the same run (docs/PERFORMANCE.md records the results).  Not a test:
# nothing fails when a target is missed; the figures are printed.
#
#   bash bench/run.sh [SIZE_MB]          (default 100)
#
# 1. Builds a Release planlint in build-bench/ (cmake, tests off).
# 2. Generates two corpora from corpus/plans with bench/gen_corpus.py (the
#    plans copied with their numbers varied, fixed seed): SIZE_MB and twice
#    that, in a temporary directory.
# 3. Times, on the SIZE_MB corpus, in BENCH_REPEAT rounds (the fastest run
#    of each kept, the highest peak RSS kept), output discarded:
#      grep -P       grep -P -o '\d+(?:[.,]\d+)?\s?%' -r DIR: the floor of
#                    any regex tool (its output goes to a file: with stdout
#                    on /dev/null GNU grep stops reading each file at its
#                    first match and measures nothing)
#      python        bench/naive_extract.py: a regex extractor a user would
#                    write instead
#      extract       planlint extract -f ndjson, --jobs 1 and --jobs 2
#      check         planlint check -f text, --jobs 1 and --jobs 2
#    and extract and check with --jobs 1 on the 2 x SIZE_MB corpus.
# 4. Prints a Markdown table (MB/s, documents/s, peak RSS from
#    /usr/bin/time) and the ratios the targets are stated in:
#      check --jobs 1 throughput / grep -P      target >= 0.25
#      check --jobs 1 throughput / python       target >= 10
#      peak RSS, both corpus sizes              target < 64 MB
#      time on 2 x SIZE / time on SIZE          target <= 2.2
#      --jobs 2 speed-up                        reported
#
# Needs cmake, a C compiler, python3, GNU grep (-P), GNU time
# (/usr/bin/time, Debian package `time`), SIZE_MB * 3 MB of free space.
# Environment: BENCH_REPEAT (default 3: rounds of all the runs, the fastest
# of each kept), BENCH_QUIET_WAIT=SECONDS (before each run, wait up to that
# long for the CPUs to be idle; default 0), TMPDIR (where the corpora go),
# BENCH_KEEP=1 (keep them, and say where).
# Runs that started while other processes used the CPUs are counted in the
# output: the figures, above all the --jobs speed-up, are then not worth
# keeping.
set -euo pipefail

size_mb=${1:-100}
repeat=${BENCH_REPEAT:-3}
if ! [[ "$size_mb" =~ ^[0-9]+$ ]] || [ "$size_mb" -lt 1 ]; then
    echo "usage: bash bench/run.sh [SIZE_MB]" >&2
    exit 2
fi
if ! [[ "$repeat" =~ ^[0-9]+$ ]] || [ "$repeat" -lt 1 ]; then
    echo "run.sh: BENCH_REPEAT must be a positive number" >&2
    exit 2
fi
for tool in cmake python3 grep /usr/bin/time; do
    if ! command -v "$tool" > /dev/null; then
        echo "run.sh: $tool not found (GNU time: apt-get install time)" >&2
        exit 2
    fi
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$repo/build-bench
planlint=$build/planlint
work=$(mktemp -d "${TMPDIR:-/tmp}/planlint-bench.XXXXXX")
if [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "run.sh: corpora kept in $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi

log() { echo "run.sh: $*" >&2; }

# ---- build --------------------------------------------------------------------
log "building a Release planlint in $build"
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPLANLINT_BUILD_TESTS=OFF > "$work/cmake.log"
cmake --build "$build" -j "$(nproc)" --target planlint_cli >> "$work/cmake.log"

# ---- corpora ------------------------------------------------------------------
small=$work/corpus-$size_mb
large=$work/corpus-$((2 * size_mb))
log "generating ${size_mb} MB and $((2 * size_mb)) MB corpora in $work"
python3 "$repo/bench/gen_corpus.py" "$repo/corpus/plans" "$small" "$size_mb" > "$work/small.count"
python3 "$repo/bench/gen_corpus.py" "$repo/corpus/plans" "$large" "$((2 * size_mb))" \
    > "$work/large.count"
read -r small_files small_bytes < "$work/small.count"
read -r large_files large_bytes < "$work/large.count"
# read once so that every run finds the files in the page cache
find "$small" "$large" -type f -exec cat {} + > /dev/null

# ---- measuring ------------------------------------------------------------------
# Busy share of all CPUs, in percent, over one second (called between runs,
# so it counts the other processes of the machine).
busy_percent() {
    local a b i total=0 idle
    read -r -a a < <(head -n 1 /proc/stat)
    sleep 1
    read -r -a b < <(head -n 1 /proc/stat)
    # cpu user nice system idle iowait irq softirq steal
    idle=$(((b[4] + b[5]) - (a[4] + a[5])))
    for ((i = 1; i <= 8; i++)); do
        total=$((total + b[i] - a[i]))
    done
    echo $((total > 0 ? 100 * (total - idle) / total : 0))
}

# Before each run: with BENCH_QUIET_WAIT=SECONDS, wait up to that long for
# a second with the CPUs less than 10% busy.  Runs that start on a busier
# machine are counted in $work/busy and reported.
wait_quiet() {
    local waited=0 busy
    busy=$(busy_percent)
    while [ "$busy" -ge 10 ] && [ "$waited" -lt "${BENCH_QUIET_WAIT:-0}" ]; do
        sleep 4
        waited=$((waited + 5))
        busy=$(busy_percent)
    done
    if [ "$busy" -ge 10 ]; then
        echo "$busy" >> "$work/busy"
    fi
}

# run_one NAME FILES BYTES OUT CMD...: one timed run of CMD (stdout to
# OUT), recorded as "NAME FILES BYTES WALL USER SYS RSS_KB" in $work/runs.
# Exit status 0 or 1 (check's "findings") is a run that worked; anything
# else stops the benchmark.
run_one() {
    local name=$1 files=$2 bytes=$3 out=$4 rc=0 wall user sys kb
    shift 4
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$out" 2> "$work/stderr" || rc=$?
    if [ "$rc" -gt 1 ]; then
        log "$name failed (exit $rc):"
        tail -n 5 "$work/stderr" >&2
        exit 1
    fi
    read -r wall user sys kb < <(tail -n 1 "$work/time")
    echo "$name $files $bytes $wall $user $sys $kb" >> "$work/runs"
}

RUNS=(grep-P python extract-j1 check-j1 extract-j2 check-j2 extract-j1-2x check-j1-2x)

run_named() {
    local s=("$small_files" "$small_bytes") l=("$large_files" "$large_bytes")
    case $1 in
    grep-P) run_one "$1" "${s[@]}" "$work/grep.out" grep -P -o '\d+(?:[.,]\d+)?\s?%' -r "$small" ;;
    python) run_one "$1" "${s[@]}" /dev/null python3 "$repo/bench/naive_extract.py" "$small" ;;
    extract-j[12]) run_one "$1" "${s[@]}" /dev/null "$planlint" extract -f ndjson --jobs "${1#extract-j}" "$small" ;;
    check-j[12]) run_one "$1" "${s[@]}" /dev/null "$planlint" check -f text --jobs "${1#check-j}" "$small" ;;
    extract-j1-2x) run_one "$1" "${l[@]}" /dev/null "$planlint" extract -f ndjson --jobs 1 "$large" ;;
    check-j1-2x) run_one "$1" "${l[@]}" /dev/null "$planlint" check -f text --jobs 1 "$large" ;;
    esac
}

# Rounds of every run, rather than each run $repeat times in a row: a
# burst of load elsewhere then slows one run of several commands, not
# every run of one command, and the fastest of each is kept.
: > "$work/runs"
: > "$work/busy"
load_before=$(cut -d ' ' -f 1 /proc/loadavg)
for ((r = 1; r <= repeat; r++)); do
    for name in "${RUNS[@]}"; do
        log "round $r of $repeat: $name"
        wait_quiet
        run_named "$name"
    done
done
load_after=$(cut -d ' ' -f 1 /proc/loadavg)
busy_runs=$(wc -l < "$work/busy")
total_runs=$((repeat * ${#RUNS[@]}))
# fastest run of each (its CPU times with it), highest RSS of all its runs
awk '{
    if (!($1 in wall) || $4 < wall[$1]) { wall[$1] = $4; line[$1] = $1 " " $2 " " $3 " " $4 " " $5 " " $6 }
    if ($7 > rss[$1]) rss[$1] = $7
    if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
} END { for (i = 1; i <= n; i++) print line[order[i]], rss[order[i]] }' "$work/runs" > "$work/results"

# ---- report ---------------------------------------------------------------------
cpu=$(grep -m 1 'model name' /proc/cpuinfo | sed 's/.*: //')
mem=$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
echo "## planlint benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $(nproc) cores ($cpu), $mem, Linux $(uname -r)."
echo "Command: \`bash bench/run.sh $size_mb\` (BENCH_REPEAT=$repeat, fastest run kept)."
echo "Corpus: $small_files files, $small_bytes bytes; 2x: $large_files files, $large_bytes bytes."
echo "Load average: $load_before before, $load_after after; $busy_runs of $total_runs runs started with the CPUs 10% busy or more."
echo
awk -v busy="$busy_runs" '
function ratio(a, b) { return b > 0 ? a / b : 0 }
{
    name[NR] = $1; files[NR] = $2; bytes[NR] = $3; wall[NR] = $4; cpu[NR] = $5 + $6
    rss[NR] = $7; idx[$1] = NR
}
END {
    print "| run | files | MB | wall s | CPU s | MB/s | documents/s | MB per CPU s | peak RSS MB |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= NR; i++)
        printf "| %s | %d | %.1f | %.2f | %.2f | %.1f | %.0f | %.1f | %.1f |\n", name[i],
               files[i], bytes[i] / 1e6, wall[i], cpu[i], ratio(bytes[i] / 1e6, wall[i]),
               ratio(files[i], wall[i]), ratio(bytes[i] / 1e6, cpu[i]), rss[i] / 1024
    for (i = 1; i <= NR; i++) mbs[name[i]] = ratio(bytes[i] / 1e6, wall[i])
    for (i = 1; i <= NR; i++) cmbs[name[i]] = ratio(bytes[i] / 1e6, cpu[i])
    maxrss = 0
    for (i = 1; i <= NR; i++) if (name[i] ~ /^(extract|check)/ && rss[i] > maxrss) maxrss = rss[i]
    g = ratio(mbs["check-j1"], mbs["grep-P"])
    p = ratio(mbs["check-j1"], mbs["python"])
    lc = ratio(wall[idx["check-j1-2x"]], wall[idx["check-j1"]])
    le = ratio(wall[idx["extract-j1-2x"]], wall[idx["extract-j1"]])
    sc = ratio(wall[idx["check-j1"]], wall[idx["check-j2"]])
    se = ratio(wall[idx["extract-j1"]], wall[idx["extract-j2"]])
    print ""
    print "| ratio (wall time; per CPU second in brackets) | measured | target | |"
    print "|---|---:|---:|---|"
    printf "| check throughput / grep -P (1 core) | %.3f (%.3f) | >= 0.25 | %s |\n", g,
           ratio(cmbs["check-j1"], cmbs["grep-P"]), (g >= 0.25 ? "met" : "MISSED")
    printf "| check throughput / python | %.2f (%.2f) | >= 10 | %s |\n", p,
           ratio(cmbs["check-j1"], cmbs["python"]), (p >= 10 ? "met" : "MISSED")
    printf "| extract throughput / python | %.2f (%.2f) | | |\n", ratio(mbs["extract-j1"], mbs["python"]),
           ratio(cmbs["extract-j1"], cmbs["python"])
    printf "| peak RSS, planlint, both sizes | %.1f MB | < 64 MB | %s |\n", maxrss / 1024, (maxrss < 65536 ? "met" : "MISSED")
    printf "| check time, 2x corpus / 1x | %.2f | <= 2.2 | %s |\n", lc, (lc <= 2.2 ? "met" : "MISSED")
    printf "| extract time, 2x corpus / 1x | %.2f | <= 2.2 | %s |\n", le, (le <= 2.2 ? "met" : "MISSED")
    printf "| check --jobs 2 speed-up | %.2f | | |\n", sc
    printf "| extract --jobs 2 speed-up | %.2f | | |\n", se
    if (busy > 0)
        printf "\nWARNING: %d runs started while other processes used the CPUs: the figures (the speed-up above all) are not reliable.\n", busy
}' "$work/results"
