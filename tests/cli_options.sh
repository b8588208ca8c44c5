#!/usr/bin/env bash
# cli_options.sh - one option table per command (cli/options.c) drives the
# parser, --help, the man pages and the bash completion, and the language
# (--lang, LC_ALL, LC_MESSAGES, LANG) drives everything planlint says.
#
#   tests/cli_options.sh PATH/TO/planlint PATH/TO/planlint_gendoc BUILD_DIR
#
# The table is read from `planlint_gendoc options` (the same rows the
# program is built with); for every row this checks that the command
# accepts the option, lists it in its help, documents it in both man pages
# and completes it; and that the help lists nothing else.
set -euo pipefail

if [[ $# -ne 3 ]]; then
    echo "usage: $0 PATH/TO/planlint PATH/TO/planlint_gendoc BUILD_DIR" >&2
    exit 2
fi
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
cli="$(abs "$1")"
gendoc="$(abs "$2")"
build="$(cd "$3" && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# run ENV... -- ARGS...: planlint with only the locale variables given
# (the shell's own are removed); sets $status, $out, $err.
run() {
    local envs=()
    while [[ $1 != -- ]]; do envs+=("$1"); shift; done
    shift
    status=0
    env -u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE "${envs[@]}" "$cli" "$@" </dev/null \
        >out.txt 2>err.txt || status=$?
    out="$(cat out.txt)"
    err="$(cat err.txt)"
}
EN=LC_ALL=en_US.UTF-8

printf 'KẾ HOẠCH\nII. MỤC TIÊU\n- 90%% trẻ em được tiếp cận giáo dục.\n- 120%% trẻ em được hỗ trợ.\n' >plan.txt
mkdir -p plans

"$gendoc" options >table.tsv
declare -A seen
[[ $(wc -l <table.tsv) -ge 35 ]] || fail "planlint_gendoc options: only $(wc -l <table.tsv) rows"

# A value each kind of option takes.
value_for() { # LONG KIND CHOICES
    case $2 in
    choice | name) echo "${3%%|*}" ;;
    file) echo plan.txt ;;
    dir) echo plans ;;
    *)
        case $1 in
        --jobs) echo 1 ;;
        --max-size) echo 1M ;;
        --program) echo child-labour-2021 ;;
        --rule) echo duplicate-word=off ;;
        *) echo "no value known for $1" >&2; echo x ;;
        esac
        ;;
    esac
}

# ---- every row: parsed, in the help, in the man pages, completed ----------
while IFS=$'\t' read -r cmd short long kind choices; do
    [[ $cmd == planlint ]] && continue
    page="planlint-$cmd.1"
    # the parser takes it (a usage error names the command: "planlint: CMD: ")
    args=("$long")
    [[ $kind != flag ]] && args+=("$(value_for "$long" "$kind" "$choices")")
    [[ $long == --help ]] && args=("$long")
    [[ $long == --output ]] && args=(--output out.file)
    [[ $long == --format && $cmd == check ]] && args=(--format text)
    operands=()
    [[ $cmd == extract || $cmd == check || $cmd == compare ]] && operands=(plan.txt)
    run "$EN" -- "$cmd" "${args[@]}" "${operands[@]}"
    [[ $err != *"planlint: $cmd: "* ]] || fail "$cmd ${args[*]}: a usage error: $err"
    if [[ $short != - ]]; then
        run "$EN" -- "$cmd" "$short" "${args[@]:1}" "${operands[@]}"
        [[ $err != *"planlint: $cmd: "* ]] || fail "$cmd $short ${args[*]:1}: a usage error: $err"
    fi
    # every choice is accepted (an ARG_NAME one by the library), checked
    # once for an option several commands share
    if [[ $kind == choice || $kind == name ]] && [[ $long != --format && -z ${seen[$long]:-} ]]; then
        seen[$long]=1
        IFS='|' read -r -a all <<<"$choices"
        for c in "${all[@]}"; do
            run "$EN" -- "$cmd" "$long" "$c" "${operands[@]}"
            [[ $err != *"planlint: $cmd: "* ]] || fail "$cmd $long $c: refused: $err"
        done
    fi
    # the help lists it, with its choices
    run "$EN" -- "$cmd" --help
    label="$long"
    [[ $short != - ]] && label="$short, $long"
    grep -qF -- "  $label" out.txt || fail "$cmd --help does not list '$label'"
    if [[ $choices != - ]]; then
        grep -qF -- "$long $choices" out.txt || fail "$cmd --help does not list $long's choices $choices"
    fi
    # both man pages document it, and the completion offers it
    roff_long="${long//-/\\-}"
    for dir in man/man1 man/vi/man1; do
        grep -qF -- "\\fB$roff_long\\fR" "$build/$dir/$page" || fail "$dir/$page does not document $long"
    done
done <table.tsv

# ---- the help lists nothing that is not in the table ------------------------
for cmd in extract check compare rules programs; do
    run "$EN" -- "$cmd" --help
    n_help=$(grep -c '^  -' out.txt || true)
    n_table=$(awk -F'\t' -v c="$cmd" '$1 == c' table.tsv | wc -l)
    [[ $n_help -eq $n_table ]] || fail "$cmd --help lists $n_help options, the table $n_table"
    n_man=$(grep -c '^\.TP' "$build/man/man1/planlint-$cmd.1" || true)
    [[ $n_man -eq $((n_table + 1)) ]] || # + the environment's item
        fail "planlint-$cmd.1 has $n_man items, the table $n_table options and LC_ALL"
done

# ---- help: on stdout, status 0, the same three ways; write errors are 2 ----
for cmd in extract check compare rules programs; do
    run "$EN" -- "$cmd" --help
    [[ $status -eq 0 && -z $err && $out == "Usage: planlint $cmd "* ]] ||
        fail "$cmd --help: status $status, stderr '$err', stdout starts '${out:0:40}'"
    cp out.txt help1.txt
    run "$EN" -- help "$cmd"
    cmp -s out.txt help1.txt || fail "'planlint help $cmd' differs from '$cmd --help'"
    run "$EN" -- "$cmd" -h
    cmp -s out.txt help1.txt || fail "'$cmd -h' differs from '$cmd --help'"
    if [[ -w /dev/full ]]; then
        status=0
        "$cli" "$cmd" --help >/dev/full 2>err.txt || status=$?
        [[ $status -eq 2 && $(wc -l <err.txt) -eq 1 ]] ||
            fail "$cmd --help >/dev/full: status $status, stderr: $(cat err.txt)"
    fi
done
run "$EN" -- check --help
for word in sarif --rule --no-config -q --jobs --lang --plans --parent --program --format-in; do
    [[ $out == *"$word"* ]] || fail "check --help does not mention $word"
done
run "$EN" -- --help
[[ $status -eq 0 && $out == *extract* && $out == *compare* && $out == *--version* ]] ||
    fail "--help: status $status: $out"
run "$EN" -- help no-such-command
[[ $status -eq 2 && -z $out ]] || fail "help no-such-command: status $status"
# an option of another command is not this command's
run "$EN" -- rules --format json
[[ $status -eq 2 && $err == "planlint: rules: unknown option '--format'"* ]] ||
    fail "rules --format: status $status: $err"
run "$EN" -- check --quiet=1 plan.txt
[[ $status -eq 2 && $err == *"--quiet takes no value ('1')"* ]] || fail "check --quiet=1: status $status: $err"
run "$EN" -- compare -f pdf plan.txt
[[ $status -eq 2 && $err == "planlint: compare: invalid --format 'pdf' (text|md|csv|json|html"* ]] ||
    fail "compare -f pdf: $err"

# ---- man pages render without a warning -------------------------------------
if command -v groff >/dev/null 2>&1; then
    for f in "$build"/man/man1/*.1 "$build"/man/vi/man1/*.1; do
        warnings="$(groff -k -man -Tutf8 -ww -z "$f" 2>&1 || echo "groff failed")"
        [[ -z $warnings ]] || fail "$f: $warnings"
    done
    # what the Vietnamese page says is Vietnamese, and it is well encoded
    groff -k -man -Tutf8 -P-cbou "$build/man/vi/man1/planlint-check.1" 2>/dev/null | grep -q 'TÙY CHỌN' ||
        fail "the Vietnamese planlint-check.1 has no 'TÙY CHỌN' section"
else
    echo "cli_options.sh: groff not installed, the man pages are only parsed" >&2
    for f in "$build"/man/man1/*.1; do
        head -2 "$f" | grep -q '^\.TH PLANLINT' || fail "$f: no .TH line"
    done
fi
[[ $(ls "$build"/man/man1/*.1 | wc -l) -eq 6 ]] || fail "expected 6 man pages: $(ls "$build"/man/man1)"

# ---- bash completion: sourced, it offers each command's table ----------------
complete_words() { # WORD... (the last is the one completed)
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _planlint
             printf "%s\n" "${COMPREPLY[@]}"' _ "$build/completion/planlint" planlint "$@"
}
bash -n "$build/completion/planlint" || fail "the completion script does not parse"
for cmd in extract check compare rules programs; do
    complete_words "$cmd" - >offered.txt
    while IFS=$'\t' read -r c short long kind choices; do
        [[ $c == "$cmd" ]] || continue
        grep -qxF -- "$long" offered.txt || fail "completion of '$cmd -' lacks $long"
        [[ $short == - ]] || grep -qxF -- "$short" offered.txt || fail "completion of '$cmd -' lacks $short"
        if [[ $kind == choice || $kind == name ]]; then
            complete_words "$cmd" "$long" "" >values.txt
            [[ "$(paste -sd'|' values.txt)" == "$choices" ]] ||
                fail "completion of '$cmd $long': $(paste -sd' ' values.txt), not $choices"
        fi
    done <table.tsv
    n_offered=$(wc -l <offered.txt)
    n_table=$(awk -F'\t' -v c="$cmd" '$1 == c {n += ($2 == "-" ? 1 : 2)} END {print n}' table.tsv)
    [[ $n_offered -eq $n_table ]] || fail "completion of '$cmd -' offers $n_offered words, the table $n_table"
done
[[ "$(complete_words ch)" == check ]] || fail "completion of 'ch' is not check"
[[ "$(complete_words check --plans pla)" == plans ]] || fail "completion of '--plans pla' is not the directory"

# ---- language: --lang, then LC_ALL, LC_MESSAGES, LANG; C is Vietnamese ------
vi_unknown="tùy chọn không có: '--bogus'"
en_unknown="unknown option '--bogus'"
lang_case() { # EXPECTED(vi|en) ENV...
    local want=$1
    shift
    run "$@" -- check --bogus plan.txt
    local msg=$en_unknown
    [[ $want == vi ]] && msg=$vi_unknown
    [[ $status -eq 2 && $err == "planlint: check: $msg"* ]] || fail "[$*] check --bogus: '$err', expected $want"
}
lang_case vi                                   # nothing set
lang_case vi LANG=C
lang_case vi LANG=C.UTF-8
lang_case vi LANG=POSIX
lang_case vi LANG=vi_VN.UTF-8
lang_case en LANG=en_US.UTF-8
lang_case en LANG=fr_FR.UTF-8
lang_case vi LANG=en_US.UTF-8 LC_MESSAGES=vi_VN
lang_case en LANG=vi_VN.UTF-8 LC_MESSAGES=en_GB.UTF-8
lang_case vi LANG=en_US.UTF-8 LC_ALL=vi_VN.UTF-8
lang_case vi LANG=en_US.UTF-8 LC_ALL=C # LC_ALL rules: the C locale, no preference
run LANG=vi_VN.UTF-8 -- check --lang en --bogus plan.txt
[[ $err == "planlint: check: $en_unknown"* ]] || fail "--lang en before the error: $err"
run LANG=en_US.UTF-8 -- check --bogus plan.txt --lang=vi
[[ $err == "planlint: check: $vi_unknown"* && $err == *"Xem 'planlint check --help'."* ]] ||
    fail "--lang=vi after the error: $err"
run LANG=en_US.UTF-8 -- check --lang klingon plan.txt
[[ $status -eq 2 && $err == "planlint: check: invalid --lang 'klingon' (vi|en)"* ]] || fail "--lang klingon: $err"

# help and version
run -- check --help
[[ $out == "Cách dùng: planlint check [TÙY_CHỌN]... TỆP|THƯ_MỤC..."* && $out == *"Tùy chọn:"* ]] ||
    fail "check --help in Vietnamese: ${out:0:80}"
run LANG=en_US.UTF-8 -- --version
[[ $out == "planlint "*" (output contract "*")" ]] || fail "--version in English: $out"
run -- --version
[[ $out == "planlint "*" (hợp đồng đầu ra "*")" ]] || fail "--version in Vietnamese: $out"

# findings: the environment's language, below a .planlint's lang, below --lang
run LANG=en_US.UTF-8 -- check plan.txt
[[ $out == *"target above 100%"* && $out == *"1 file checked"* ]] || fail "check in English: $out"
run -- check plan.txt
[[ $out == *"chỉ tiêu vượt quá 100%"* && $out == *"đã kiểm tra 1 tệp"* ]] || fail "check in Vietnamese: $out"
mkdir -p conf && cp plan.txt conf/ && printf 'lang = vi\n' >conf/.planlint
run LANG=en_US.UTF-8 -- check conf/plan.txt
[[ $out == *"chỉ tiêu vượt quá 100%"* ]] || fail ".planlint lang = vi under LANG=en_US: $out"
run LANG=vi_VN.UTF-8 -- check --lang en conf/plan.txt
[[ $out == *"target above 100%"* ]] || fail "--lang en over .planlint lang = vi: $out"
run LANG=en_US.UTF-8 -- rules
[[ $out == *value-out-of-range* && $out != *"vượt"* ]] || fail "rules in English: ${out:0:200}"

# file and output errors, and -v's notes
if [[ -w /dev/full ]]; then
    run -- check -o /dev/full plan.txt
    [[ $status -eq 2 && $err == "planlint: /dev/full: không ghi được: thiết bị hết chỗ trống" ]] ||
        fail "check -o /dev/full in Vietnamese: $err"
    run LANG=en_US.UTF-8 -- check -o /dev/full plan.txt
    [[ $err == "planlint: /dev/full: cannot write: No space left on device" ]] ||
        fail "check -o /dev/full in English: $err"
fi
run -- extract -o plan.txt plan.txt
[[ $status -eq 2 && $err == "planlint: plan.txt: là tệp đầu vào 'plan.txt'; không ghi đè lên" ]] ||
    fail "extract -o INPUT in Vietnamese: $err"
run -- check -v conf/plan.txt
[[ $err == "planlint: conf/plan.txt: cấu hình lấy từ "*"/conf/.planlint" ]] || fail "check -v in Vietnamese: $err"
run -- check -f docx plan.txt plan.txt
[[ $status -eq 2 && $err == "planlint: check: -f docx chỉ nhận đúng một tệp đầu vào (đã cho 2)"* ]] ||
    fail "check -f docx with two inputs in Vietnamese: $err"

# what the library reports about an input: Vietnamese reasons, the name
# and the position kept; English as the library wrote it
printf 'Dòng một\nabc\xff tail\n' >bad.txt
printf 'Xin ch\xe0o c\xe1c b\xe1n\n' >legacy.txt
run -- extract nope.txt plan.txt bad.txt
[[ $status -eq 2 && $err == "planlint: nope.txt: không mở được: không có tệp hoặc thư mục này"$'\n'"planlint: bad.txt: UTF-8 không hợp lệ tại byte 15 (dòng 2, cột 4)" ]] ||
    fail "extract nope bad in Vietnamese: $err"
run LANG=en_US.UTF-8 -- extract nope.txt plan.txt bad.txt
[[ $status -eq 2 && $err == "planlint: nope.txt: cannot open: No such file or directory"$'\n'"planlint: bad.txt: invalid UTF-8 at byte 15 (line 2, column 4)" ]] ||
    fail "extract nope bad in English: $err"
run -- extract legacy.txt
[[ $err == "planlint: legacy.txt: ghi chú: không phải UTF-8; đã đọc theo bảng mã "* && $err != *"read as"* ]] ||
    fail "a note in Vietnamese: $err"
run -- extract plans
[[ $status -eq 0 || $err != *"directory"* ]] || fail "extract DIR in Vietnamese: $err"
run -- check --encoding klingon plan.txt
[[ $status -eq 2 && $err == "planlint: check: bảng mã không có: 'klingon' (auto, utf-8,"* ]] ||
    fail "check --encoding klingon in Vietnamese: $err"
run -- check --rule no-such-rule=off plan.txt
[[ $status -eq 2 && $err == *"quy tắc không có: 'no-such-rule' (xem 'planlint rules')"* ]] ||
    fail "check --rule no-such-rule=off in Vietnamese: $err"
# a file name that looks like a message stays as it is
cp bad.txt 'cannot open: x.txt'
run -- extract 'cannot open: x.txt'
[[ $err == "planlint: cannot open: x.txt: UTF-8 không hợp lệ tại byte 15 (dòng 2, cột 4)" ]] ||
    fail "a name like a message: $err"

if [[ $failures -gt 0 ]]; then
    echo "cli_options.sh: $failures failures" >&2
    exit 1
fi
echo "cli_options.sh: all passed"
