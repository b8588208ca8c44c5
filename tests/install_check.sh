#!/bin/sh
# install_check.sh BUILD SOURCE [CFLAGS] - the installed tree as a
# developer meets it.  `cmake --install` into a temporary prefix, then:
#   - libplanlint.so carries its SONAME and exports exactly the functions
#     planlint.h declares (every other symbol hidden);
#   - the installed CMake package names no PkgConfig:: target;
#   - a scratch C program builds with `pkg-config --cflags --libs planlint`
#     (no --static: it links the shared library), and runs;
#   - a scratch CMake project builds it with find_package(planlint CONFIG)
#     against planlint::planlint (shared) and planlint::planlint_static,
#     and both run; a version the package is not refuses it.
# The program prints what the library reads from a corpus plan, compared
# with the installed `planlint extract -f json` of the same file.
# CFLAGS: extra flags for the scratch builds (the sanitizer build's).
set -eu

build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
extra=${3:-}
plan="$src/corpus/plans/hung-yen-province-2021-news.txt"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"

fail() {
    echo "install_check: $*" >&2
    exit 1
}

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "cmake --install failed"; }

so=$(find "$prefix" -name 'libplanlint.so' | head -n 1)
[ -n "$so" ] || fail "no libplanlint.so installed"
libdir=$(dirname "$so")
[ -f "$libdir/libplanlint.a" ] || fail "no libplanlint.a beside the shared library"
[ -f "$prefix/include/planlint.h" ] && [ -f "$prefix/include/planlint_version.h" ] ||
    fail "planlint.h or planlint_version.h not installed"

# ---- the shared library: SONAME, exports ----------------------------------
soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
case "$soname" in
libplanlint.so.[0-9]*) ;;
*) fail "libplanlint.so has SONAME '$soname'" ;;
esac
[ -e "$libdir/$soname" ] || fail "the SONAME $soname is not installed"

nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' |
    grep -v -e '^_edata$' -e '^_end$' -e '^__bss_start$' -e '^_init$' -e '^_fini$' |
    sort >"$tmp/exported"
grep -o '^PL_API [^(]*(' "$prefix/include/planlint.h" | sed 's/.*[ *]\(pl_[a-z0-9_]*\)($/\1/' |
    sort >"$tmp/declared"
[ -s "$tmp/declared" ] || fail "no PL_API declarations found in planlint.h"
diff "$tmp/declared" "$tmp/exported" >"$tmp/exports.diff" ||
    { cat "$tmp/exports.diff" >&2; fail "exported symbols differ from planlint.h ('<' declared only, '>' exported only)"; }

# ---- the CMake package names no target of this build's pkg-config --------
cmakedir=$(dirname "$(find "$prefix" -name planlintConfig.cmake | head -n 1)")
[ -f "$cmakedir/planlintConfigVersion.cmake" ] || fail "no planlintConfigVersion.cmake"
if grep -l 'PkgConfig::' "$cmakedir"/*.cmake; then
    fail "PkgConfig:: targets leak into the installed CMake package"
fi

# ---- a scratch program ------------------------------------------------------
cat >"$tmp/app.c" <<'EOF'
/* A program linking libplanlint: the header's fields and the targets. */
#include <planlint.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2 || strcmp(pl_version(), PL_VERSION) != 0)
        return 3;
    pl_error err;
    pl_programs *ps = pl_programs_new_builtin(&err);
    pl_doc *doc = ps ? pl_doc_read(argv[1], ps, NULL, &err) : NULL;
    if (!doc) {
        fprintf(stderr, "%s\n", err.message);
        return 2;
    }
    const pl_header *h = pl_doc_header(doc);
    printf("%s|%s|%zu", pl_header_number(h), pl_header_level(h), pl_doc_target_count(doc));
    for (size_t i = 0; i < pl_doc_target_count(doc); i++) {
        const pl_target *t = pl_doc_target(doc, i);
        printf("|%s:%d:%lu", pl_target_indicator(t) ? pl_target_indicator(t) : "null",
               pl_target_year(t), pl_target_line(t));
    }
    printf("\n");
    pl_doc_free(doc);
    pl_programs_free(ps);
    return 0;
}
EOF

# What the installed command line says, in the program's shape.
"$prefix/bin/planlint" extract -f json "$plan" >"$tmp/plan.json"
jq -r '[.document.number, .document.level, (.targets | length | tostring)]
       + [.targets[] | "\(.indicator // "null"):\(.year // 0):\(.line)"] | join("|")' \
    "$tmp/plan.json" >"$tmp/want"
grep -q '^151/KH-UBND|province|[1-9]' "$tmp/want" || fail "unexpected extract output: $(cat "$tmp/want")"

# expect NAME OUTPUT: the program printed what extract says
expect() {
    cmp -s "$tmp/want" "$2" ||
        { diff "$tmp/want" "$2" >&2 || true; fail "$1: the program's output differs from extract -f json"; }
}

# pkg-config, without --static: the shared library is enough.
export PKG_CONFIG_PATH="$libdir/pkgconfig"
flags=$(pkg-config --cflags --libs planlint) || fail "pkg-config --cflags --libs planlint failed"
# shellcheck disable=SC2086
${CC:-cc} $extra -o "$tmp/app-pc" "$tmp/app.c" $flags || fail "cc \$(pkg-config --cflags --libs planlint) failed"
readelf -d "$tmp/app-pc" | grep -q "NEEDED.*\[$soname\]" || fail "the pkg-config build does not load $soname"
LD_LIBRARY_PATH="$libdir" "$tmp/app-pc" "$plan" >"$tmp/out-pc" || fail "the pkg-config build exited $?"
expect pkg-config "$tmp/out-pc"

# find_package(planlint CONFIG), shared and static.
mkdir "$tmp/proj"
cp "$tmp/app.c" "$tmp/proj/app.c"
cat >"$tmp/proj/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(scratch LANGUAGES C)
find_package(planlint @VERSION@ CONFIG REQUIRED)
add_executable(app_shared app.c)
target_link_libraries(app_shared PRIVATE planlint::planlint)
add_executable(app_static app.c)
target_link_libraries(app_static PRIVATE planlint::planlint_static)
EOF
version=$("$prefix/bin/planlint" --version | sed -n 's/^planlint \([0-9.]*\).*/\1/p')
[ -n "$version" ] || fail "planlint --version gives no version"
sed -i "s/@VERSION@/$version/" "$tmp/proj/CMakeLists.txt"
cmake -S "$tmp/proj" -B "$tmp/proj/build" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_FLAGS="$extra" -DCMAKE_EXE_LINKER_FLAGS="$extra" >"$tmp/proj.log" 2>&1 &&
    cmake --build "$tmp/proj/build" >>"$tmp/proj.log" 2>&1 ||
    { cat "$tmp/proj.log" >&2; fail "the find_package(planlint) project does not build"; }
readelf -d "$tmp/proj/build/app_shared" | grep -q "NEEDED.*\[$soname\]" ||
    fail "planlint::planlint does not link $soname"
if readelf -d "$tmp/proj/build/app_static" | grep -q 'NEEDED.*libplanlint'; then
    fail "planlint::planlint_static links the shared library"
fi
"$tmp/proj/build/app_shared" "$plan" >"$tmp/out-shared" || fail "app_shared exited $?"
expect "find_package, shared" "$tmp/out-shared"
"$tmp/proj/build/app_static" "$plan" >"$tmp/out-static" || fail "app_static exited $?"
expect "find_package, static" "$tmp/out-static"

# The version file refuses a version the package is not.
sed -i "s/find_package(planlint $version /find_package(planlint 99.0 /" "$tmp/proj/CMakeLists.txt"
if cmake -S "$tmp/proj" -B "$tmp/proj/build99" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/v99.log" 2>&1; then
    fail "find_package(planlint 99.0) accepted version $version"
fi
grep -q 'planlintConfigVersion.cmake\|version' "$tmp/v99.log" || fail "find_package(planlint 99.0) failed for another reason"

echo "install_check: $soname exports $(wc -l <"$tmp/exported") functions; pkg-config and find_package (shared, static) builds read $plan as extract does"
