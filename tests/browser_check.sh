#!/bin/sh
# browser_check.sh - the HTML pages in a real browser: generate
# `compare -f html` and `check -f html` for corpus/plans/ (Vietnamese and
# English), load each from a file in Debian's headless Chromium, and check
# the DOM Chromium built (--dump-dom): the expected table cells, a chart
# bar per plan per indicator, the findings highlighted where they are.
# Screenshots go to $PLANLINT_ARTEFACTS (default: the build directory's
# browser-artefacts/) as test artefacts.
#
# usage: tests/browser_check.sh PATH/TO/planlint REPO_DIR
#        UPDATE_DOCS=1 tests/browser_check.sh ...   also writes the README
#                                                  screenshots docs/*.png
# Exit 0 when every check passes, 1 otherwise (each failure printed), 2 on
# a usage error, 77 (skipped, for ctest) when Chromium is not installed
# (Debian package: chromium).
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 PLANLINT REPO_DIR" >&2
    exit 2
fi
planlint=$1
repo=$2
case $planlint in /*) ;; */*) planlint=$(pwd)/$planlint ;; esac

browser=
for b in chromium chromium-browser; do
    if command -v "$b" >/dev/null 2>&1; then
        browser=$b
        break
    fi
done
if [ -z "$browser" ]; then
    echo "browser_check: SKIPPED: chromium not installed (apt-get install chromium)" >&2
    exit 77
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
artefacts=${PLANLINT_ARTEFACTS:-$(pwd)/browser-artefacts}
mkdir -p "$artefacts" || exit 1
# Paths as a user types them: the pages show them.
cd "$repo" || exit 2
plans=corpus/plans

status=0
fail() {
    echo "browser_check: FAILED: $*" >&2
    status=1
}

# chromium MODE FILE [ARGS]: run the headless browser on file://FILE with
# a fresh profile, nothing from the network, a time limit.  MODE dump
# prints the DOM; MODE shot:PNG:WxH saves a screenshot.
chromium_run() {
    mode=$1
    page=$2
    profile=$(mktemp -d "$tmp/profile.XXXXXX") || return 1
    set -- --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-extensions --hide-scrollbars --user-data-dir="$profile"
    case $mode in
    dump) set -- "$@" --dump-dom ;;
    shot:*)
        png=${mode#shot:}
        size=${png##*:}
        png=${png%:*}
        set -- "$@" --screenshot="$png" --window-size="$size"
        ;;
    esac
    timeout 120 "$browser" "$@" "file://$page" 2>"$tmp/chromium.log"
}

# has DOM PATTERN WHAT: the dumped DOM matches the extended regex.
has() {
    grep -Eq -- "$2" "$1" || fail "$3 (pattern: $2)"
}

# count DOM PATTERN: number of matches of the regex.
count() {
    grep -Eo -- "$2" "$1" | wc -l | tr -d ' '
}

# ---- compare -f html --------------------------------------------------------
compare_html=$tmp/compare.html
if ! "$planlint" compare -f html "$plans" >"$compare_html"; then
    fail "planlint compare -f html exited non-zero"
fi
chromium_run dump "$compare_html" >"$tmp/compare.dom" || fail "chromium could not load compare.html"
dom=$tmp/compare.dom
has "$dom" '<html lang="vi"' "compare: page language"
has "$dom" '<title>[^<]*782/QĐ-TTg' "compare: title names the programme"
# Hưng Yên's parents 60 % is weaker than the national 70 %, its rate
# "< 4" stronger than "≤ 4,9"; Hoằng Đức's "> 100" stronger than "> 90".
has "$dom" 'data-status="weaker" title="Hưng Yên \(tỉnh\): ≥ 60 — yếu hơn' "compare: Hưng Yên comm.parents 60 weaker"
has "$dom" 'title="Hưng Yên \(tỉnh\): ≥ 80 — yếu hơn' "compare: Hưng Yên comm.business 80 weaker"
has "$dom" 'title="Hưng Yên \(tỉnh\): &lt; 4 — mạnh hơn' "compare: Hưng Yên cl.rate < 4 stronger"
has "$dom" 'data-status="invalid" title="Hoằng Đức \(cấp xã\): &gt; 100 — không hợp lệ' "compare: Hoằng Đức cl.education > 100 invalid, never stronger"
has "$dom" 'class="cell st-missing lvf ' "compare: missing cells"
# charts: one figure per indicator with a number, one bar per plan that
# sets a value; the reference line and hover titles
figures=$(count "$dom" '<figure class="chart"')
[ "$figures" -ge 10 ] || fail "compare: $figures charts, expected one per indicator (>= 10)"
for ind in cl.rate cl.education comm.parents comm.business; do
    bars=$(tr '\n' ' ' <"$dom" | grep -Eo "<figure class=\"chart\" data-indicator=\"$ind\".*</figure>" |
        sed 's|</figure>.*||' | grep -Eo '<span class="bar ' | wc -l | tr -d ' ')
    [ "$bars" -ge 3 ] || fail "compare: chart $ind has $bars bars, expected one per plan (>= 3)"
done
has "$dom" '<span class="bar st-weaker" data-plan="[0-9]+" title="Hưng Yên \(tỉnh\): ≥ 60' "compare: Hưng Yên's weaker bar with its hover title"
has "$dom" '<div class="rows ref" style="--ref:' "compare: national reference lines"
if grep -Eiq '<script|https?://[^"]*"[^>]*(src|href)=' "$dom"; then
    fail "compare: a script or a remote resource in the page"
fi
"$planlint" compare -f html --lang en "$plans" >"$tmp/compare-en.html" || fail "compare --lang en"
chromium_run dump "$tmp/compare-en.html" >"$tmp/compare-en.dom" || fail "chromium: compare-en"
has "$tmp/compare-en.dom" 'title="Hưng Yên \(province\): ≥ 60 — weaker' "compare --lang en: English statuses"
has "$tmp/compare-en.dom" 'Parents and caregivers informed' "compare --lang en: English labels"

# ---- check -f html ----------------------------------------------------------
check_html=$tmp/check.html
"$planlint" check -f html "$plans" >"$check_html"
rc=$?
[ "$rc" -le 1 ] || fail "planlint check -f html exited $rc"
chromium_run dump "$check_html" >"$tmp/check.dom" || fail "chromium could not load check.html"
dom=$tmp/check.dom
has "$dom" '<html lang="vi"' "check: page language"
has "$dom" 'class="card sev-error"><b>[0-9]+</b>lỗi' "check: summary of errors"
has "$dom" '<input type="checkbox" class="flt" id="show-error" checked' "check: severity filters"
# Hoằng Đức's "Trên 100%" highlighted on line 103 of its text
line103=$(grep -Eo '<div class="l hit" id="f[0-9]+-L103">.*' "$dom" | head -n 1)
echo "$line103" | grep -Eq '<mark class="sev-error" title="\[[0-9]+\] lỗi: [^"]*value-out-of-range\)">Trên 100%</mark>' ||
    fail "check: no <mark> around Hoằng Đức's 'Trên 100%' on line 103"
echo "$line103" | grep -Eq 'class="note sev-error"' || fail "check: no margin note on line 103"
has "$dom" '<mark class="sev-warning" title="[^"]*weaker-than-parent\)">60%</mark>' "check: Hưng Yên's 60% highlighted"
has "$dom" '<mark class="sev-warning" title="[^"]*duplicate-word\)">công tác công tác</mark>' "check: the repeated words highlighted"
if grep -Eiq '<script' "$dom"; then
    fail "check: a script in the page"
fi
"$planlint" check -f html --lang en "$plans" >"$tmp/check-en.html"
chromium_run dump "$tmp/check-en.html" >"$tmp/check-en.dom" || fail "chromium: check-en"
has "$tmp/check-en.dom" 'class="card sev-error"><b>[0-9]+</b>errors' "check --lang en: English interface"

# ---- compare -f html with 63 plans --------------------------------------------
# 40 provinces, 15 districts, 8 communes (synthetic plans): the page loads,
# has a chart row per plan and the controls; the screenshot shows the bars
# sorted strongest first and filtered to the provinces (those radio
# buttons checked in a copy of the page: CSS alone does it)
many=$tmp/many
mkdir -p "$many"
i=0
while [ $i -lt 63 ]; do
    # a name of two words, unique for i < 80
    name="$(echo "AN BÌNH CAO ĐÔNG GIA HÒA KIM LONG MINH NAM NGỌC PHÚ QUANG SƠN TÂN THANH TRUNG VĨNH XUÂN YÊN" |
        cut -d' ' -f$((i % 20 + 1))) $(echo "HÀ LÂM PHONG THÀNH" | cut -d' ' -f$((i / 20 + 1)))"
    if [ $i -lt 40 ]; then unit="TỈNH $name"; elif [ $i -lt 55 ]; then unit="HUYỆN $name"; else unit="XÃ $name"; fi
    printf 'ỦY BAN NHÂN DÂN\n%s\nSố: %d/KH-UBND\nKẾ HOẠCH\nCăn cứ Quyết định số 782/QĐ-TTg ngày 27/5/2021 của Thủ tướng Chính phủ phê duyệt Chương trình phòng ngừa, giảm thiểu lao động trẻ em giai đoạn 2021 - 2025, định hướng đến năm 2030;\nII. MỤC TIÊU\n- Đến năm 2025, %d%% trẻ em có nguy cơ, lao động trẻ em được tiếp cận giáo dục phổ thông, đào tạo nghề.\n- Giảm tỷ lệ lao động trẻ em xuống dưới %d%% vào năm 2025.\n' \
        "$unit" $((100 + i)) $((60 + (i * 29) % 41)) $((1 + (i * 7) % 6)) >"$many/plan$i.txt"
    i=$((i + 1))
done
"$planlint" compare -f html "$many" >"$tmp/many.html" || fail "compare -f html of 63 plans"
chromium_run dump "$tmp/many.html" >"$tmp/many.dom" || fail "chromium could not load the 63-plan page"
[ "$(count "$tmp/many.dom" '<th scope="col" class="plan lvf')" -eq 63 ] || fail "compare 63: not 63 plan columns"
bars=$(tr '\n' ' ' <"$tmp/many.dom" | grep -Eo '<figure class="chart" data-indicator="cl.education".*</figure>' |
    sed 's|</figure>.*||' | grep -Eo '<span class="bar ' | wc -l | tr -d ' ')
[ "$bars" -eq 63 ] || fail "compare 63: the education chart has $bars bars, not 63"
has "$tmp/many.dom" '<input type="radio" class="ctl" name="order" id="ord-value"' "compare 63: the sort control"
has "$tmp/many.dom" '<input type="radio" class="ctl" name="level" id="lv-province"' "compare 63: the level filter"
[ "$(count "$tmp/many.dom" '<th scope="col" class="plan lvf lv-province"')" -eq 40 ] ||
    fail "compare 63: not 40 province columns for the level filter"
sed -e 's/id="ord-given" checked/id="ord-given"/; s/id="ord-value"/id="ord-value" checked/' \
    -e 's/id="lv-all" checked/id="lv-all"/; s/id="lv-province"/id="lv-province" checked/' \
    -e 's|</style>|#table,#notes{display:none}</style>|' "$tmp/many.html" >"$tmp/many-sorted.html"

# ---- screenshots ------------------------------------------------------------
chromium_run "shot:$artefacts/compare-many.png:1300,1100" "$tmp/many-sorted.html" >/dev/null ||
    fail "chromium: screenshot of 63 plans"
chromium_run "shot:$artefacts/compare.png:1400,1000" "$compare_html" >/dev/null ||
    fail "chromium: compare screenshot"
# The reviewer's view: one draft with its problems marked.
draft_html=$tmp/check-draft.html
"$planlint" check -f html "$plans/lang-son-city-2024-draft.txt" >"$draft_html"
chromium_run "shot:$artefacts/check.png:1400,1500" "$draft_html" >/dev/null ||
    fail "chromium: check screenshot"
for png in compare.png check.png compare-many.png; do
    [ -s "$artefacts/$png" ] || fail "no screenshot $png"
done
if [ "${UPDATE_DOCS:-0}" = 1 ] && [ "$status" -eq 0 ]; then
    cp "$artefacts/compare.png" "$artefacts/check.png" "$artefacts/compare-many.png" "$repo/docs/"
fi

if [ "$status" -eq 0 ]; then
    echo "browser_check: compare and check pages verified in $browser; screenshots in $artefacts"
fi
exit "$status"
