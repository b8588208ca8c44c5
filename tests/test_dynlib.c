/* util/dynlib.c: libzip and libxlsxwriter loaded on their first call, not
 * at start (util/dynlib.h). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "dynlib.h"

/* The point of the module: the command line does not pay for them. */
Test(dynlib, planlint_does_not_link_libzip_or_libxlsxwriter)
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
                      !strstr(line, "libcrypto"),
                  "planlint links %s", line);
    }
    cr_assert_eq(pclose(p), 0, "readelf failed");
    cr_assert_gt(needed, 0, "no NEEDED entry read: is readelf's output format different?");
}

Test(dynlib, a_library_is_loaded_and_its_function_found)
{
    static pl_dynlib libm = {"libm.so.6", "a test", NULL};
    double (*f)(double) = (double (*)(double))pl_dynlib_sym(&libm, "sqrt");
    cr_assert_float_eq(f(2.25), 1.5, 1e-12);
    cr_assert_not_null(atomic_load(&libm.handle));
    /* the second look-up uses the loaded library */
    cr_assert_eq(pl_dynlib_sym(&libm, "sqrt"), (void *)f);
}

/* A broken installation: one line naming the library and what needs it,
 * status 2, no crash. */
Test(dynlib, a_missing_library_ends_with_status_2, .exit_code = 2)
{
    static pl_dynlib gone = {"libplanlint-no-such-library.so.9", "reading DOCX", NULL};
    pl_dynlib_sym(&gone, "zip_open");
}

Test(dynlib, a_missing_function_ends_with_status_2, .exit_code = 2)
{
    static pl_dynlib libm = {"libm.so.6", "a test", NULL};
    pl_dynlib_sym(&libm, "planlint_no_such_function");
}
