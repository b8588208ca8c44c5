#!/usr/bin/env bash
# setup.sh - install what planlint needs, on Debian 12.
#
#   scripts/setup.sh          to build and run planlint (scripts/run.sh)
#   scripts/setup.sh --test   and to run the test suite (scripts/test.sh, CI)
#   scripts/setup.sh --fuzz   and the clang toolchain of scripts/fuzz.sh
#
# Idempotent and non-interactive: packages already installed are left alone,
# `apt-get update` runs only when something is missing, and nothing is asked.
# Uses sudo only when not root.
set -euo pipefail

# What building and running planlint needs.  One package a line, with why.
PACKAGES=(
    gcc              # the C11 compiler
    make             # the generator CMake drives
    cmake            # the build (CMakeLists.txt needs 3.16)
    pkg-config       # finds libpcre2-8, libutf8proc, criterion
    libxml2-dev      # programme data files, XML output, HTML input
    libpcre2-dev     # regular expressions (util/re.c)
    libutf8proc-dev  # Unicode normalisation and case (util/uni.c)
    libzip-dev       # DOCX input (a zip of XML), check -f docx output
    libpoppler-glib-dev # PDF input (text layer)
    libcairo2-dev    # PDF pages drawn for OCR (poppler renders onto cairo)
    libtesseract-dev # OCR of scanned and garbled PDFs (parser/read/pdf/ocr.c, in planlint-pdf)
    libleptonica-dev # Tesseract's image library (pkg-config lept)
    tesseract-ocr-vie # the Vietnamese model OCR needs at run time
    libxlsxwriter-dev # compare -f xlsx (render/xlsx.c)
)

# Only for `setup.sh --test`: what the tests and CI need besides.
TEST_PACKAGES=(
    g++              # tests/header_cxx.cpp: planlint.h compiled as C++
    libcriterion-dev # the unit-test framework (tests/)
    libjson-c-dev    # tests/test_render.c parses the JSON output back
    python3          # tests/schema_check.sh
    python3-jsonschema # tests/schema_check.sh validates output against the JSON Schema
    jq               # tests/cli_errors.sh checks the JSON the CLI prints
    valgrind         # scripts/test.sh runs the CLI under memcheck
    chromium         # tests/browser_check.sh renders the HTML pages headless
    libreoffice-writer-nogui # tests/docx_check.sh: check -f docx read back by LibreOffice
    libreoffice-calc-nogui # tests/xlsx_check.sh: compare -f xlsx read back by LibreOffice
    poppler-utils    # tests/docx_check.sh UPDATE_DOCS=1: pdftoppm renders the screenshot;
                     # tests/progress_check.sh: pdfseparate cuts one scanned page
)

# Only for `setup.sh --fuzz` (libFuzzer ships in clang's runtime package).
FUZZ_PACKAGES=(
    clang            # libFuzzer targets need clang
    libclang-rt-dev  # libFuzzer, ASan and UBSan runtimes for clang
)

die() {
    echo "setup.sh: $*" >&2
    exit 1
}

is_installed() {
    dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

main() {
    local wanted=("${PACKAGES[@]}")
    if [[ "${1:-}" == "--test" ]]; then
        wanted+=("${TEST_PACKAGES[@]}")
    elif [[ "${1:-}" == "--fuzz" ]]; then
        wanted+=("${TEST_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}")
    elif [[ $# -gt 0 ]]; then
        die "usage: scripts/setup.sh [--test|--fuzz]"
    fi

    command -v dpkg >/dev/null 2>&1 || die "dpkg not found: this script supports Debian and Ubuntu only"

    local missing=() p
    for p in "${wanted[@]}"; do
        is_installed "$p" || missing+=("$p")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        echo "setup.sh: all ${#wanted[@]} packages already installed"
        return 0
    fi

    local sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 ||
            die "not root and sudo is not available; install as root: apt-get install ${missing[*]}"
        # -n: never wait for a password nobody can type (CI has no stdin)
        if [[ -t 0 ]]; then sudo=(sudo); else sudo=(sudo -n); fi
    fi

    echo "setup.sh: installing ${missing[*]}"
    # env, not export: sudo resets the environment.  The lock timeout waits
    # for a concurrent apt (unattended-upgrades) instead of failing at once.
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300)
    "${sudo[@]}" "${apt[@]}" update ||
        die "apt-get update failed (no network to the Debian mirrors, or no permission?)"
    "${sudo[@]}" "${apt[@]}" install -y --no-install-recommends "${missing[@]}" ||
        die "apt-get install failed for: ${missing[*]}"

    for p in "${missing[@]}"; do
        is_installed "$p" || die "$p is still not installed after apt-get install"
    done
    echo "setup.sh: done"
}

main "$@"
