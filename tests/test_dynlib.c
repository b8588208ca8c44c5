/* util/dynlib.c: libzip, libxlsxwriter and libxml2 loaded on their first
 * call, not at start (util/dynlib.h). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "dynlib.h"

/* The point of the module: the command line does not pay for them. */
Test(dynlib, planlint_does_not_link_libzip_libxlsxwriter_or_libxml2)
{
    FILE *p = popen("readelf -d " PL_BINARY_DIR "/planlint", "r");
    cr_assert_not_null(p);
    char line[512];
    int needed = 0;
    while (fgets(line, sizeof line, p)) {
        if (!strstr(line, "(NEEDED)"))
            continue;
        needed++;
        cr_expect(!strstr(line, "libzip") && !strstr(line, "libxlsxwriter") &&
                      !strstr(line, "libcrypto") && !strstr(line, "libxml2") &&
                      !strstr(line, "libicu") && !strstr(line, "libstdc++"),
                  "planlint links %s", line);
    }
    cr_assert_eq(pclose(p), 0, "readelf failed");
    cr_assert_gt(needed, 0, "no NEEDED entry read: is readelf's output format different?");
}

/* How many times the dynamic loader (glibc's LD_DEBUG=files) loaded a
 * library whose name starts with `lib` while planlint ran `args`; *out_ok
 * is set when the output held `expect`. */
static int loads_of(const char *lib, const char *args, const char *expect, int *out_ok)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "LD_DEBUG=files %s/planlint %s 2>&1", PL_BINARY_DIR, args);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char line[4096];
    int loads = 0;
    *out_ok = 0;
    while (fgets(line, sizeof line, p)) {
        /* "file=libxml2.so.2 [0];  needed by ..." or "...;  dynamically loaded by ..." */
        const char *f = strstr(line, "file=");
        if (f && strncmp(f + 5, lib, strlen(lib)) == 0 &&
            (strstr(line, "needed by") || strstr(line, "dynamically loaded by")))
            loads++;
        if (strstr(line, expect))
            *out_ok = 1;
    }
    pclose(p);
    return loads;
}

/* A plain-text plan needs no XML: the built-in data comes from tables made
 * at build time (util/embedded.h); XML output loads libxml2 when asked. */
Test(dynlib, libxml2_is_loaded_only_for_xml)
{
    int ok = 0;
    const char *plan = PL_SOURCE_DIR "/corpus/plans/hoang-duc-commune-2023-pdf.txt";
    char args[512];
    snprintf(args, sizeof args, "check %s", plan);
    cr_expect_eq(loads_of("libxml2", args, "hoang-duc", &ok), 0, "check loads libxml2");
    cr_expect(ok, "check printed its findings");
    snprintf(args, sizeof args, "extract -f xml %s", plan);
    cr_expect_eq(loads_of("libxml2", args, "<?xml version=", &ok), 1,
                 "extract -f xml loads libxml2 once");
    cr_expect(ok, "extract -f xml wrote XML");
}

Test(dynlib, a_library_is_loaded_and_its_function_found)
{
    static pl_dynlib libm = {"libm.so.6", "a test", NULL, NULL};
    double (*f)(double) = (double (*)(double))pl_dynlib_sym(&libm, "sqrt");
    cr_assert_float_eq(f(2.25), 1.5, 1e-12);
    cr_assert_not_null(atomic_load(&libm.handle));
    /* the second look-up uses the loaded library */
    cr_assert_eq(pl_dynlib_sym(&libm, "sqrt"), (void *)f);
}

/* The library's init runs once, on the handle, before any function of it
 * is returned (libxml2's xmlInitParser, which must run before two threads
 * use libxml2: util/xml_lazy.c). */
static int inits;
static void *init_handle;
static void count_init(void *handle)
{
    inits++;
    init_handle = handle;
}

Test(dynlib, the_init_runs_once_before_the_first_function)
{
    static pl_dynlib libm = {"libm.so.6", "a test", NULL, count_init};
    cr_assert_not_null(pl_dynlib_sym(&libm, "sqrt"));
    cr_assert_eq(inits, 1);
    cr_assert_eq(init_handle, atomic_load(&libm.handle));
    cr_assert_not_null(pl_dynlib_sym(&libm, "cbrt"));
    cr_assert_eq(inits, 1);
}

/* A broken installation: one line naming the library and what needs it,
 * status 2, no crash. */
Test(dynlib, a_missing_library_ends_with_status_2, .exit_code = 2)
{
    static pl_dynlib gone = {"libplanlint-no-such-library.so.9", "reading DOCX", NULL, NULL};
    pl_dynlib_sym(&gone, "zip_open");
}

Test(dynlib, a_missing_function_ends_with_status_2, .exit_code = 2)
{
    static pl_dynlib libm = {"libm.so.6", "a test", NULL, NULL};
    pl_dynlib_sym(&libm, "planlint_no_such_function");
}
