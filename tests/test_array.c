/* test_array.c - util/array.c and util/buf.c: the growth every list and
 * buffer in the library relies on. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "buf.h"

typedef struct item {
    int a;
    double b;
} item;

Test(array, grows_by_doubling_and_keeps_the_elements)
{
    item *v = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 1000; i++) {
        cr_assert_eq(PL_ARRAY_RESERVE(v, cap, n + 1), 0);
        v[n++] = (item){i, i / 2.0};
    }
    cr_assert_eq(cap, 1024, "capacity %zu: 8 doubled until it holds 1000", cap);
    for (int i = 0; i < 1000; i++)
        cr_assert_eq(v[i].a, i);
    free(v);
}

Test(array, reserving_what_is_there_changes_nothing)
{
    item *v = NULL;
    size_t cap = 0;
    cr_assert_eq(PL_ARRAY_RESERVE(v, cap, 5), 0);
    item *before = v;
    cr_assert_eq(PL_ARRAY_RESERVE(v, cap, 8), 0);
    cr_assert_eq(v, before);
    cr_assert_eq(cap, 8);
    free(v);
}

Test(array, a_size_that_overflows_fails_and_leaves_the_array)
{
    item *v = NULL;
    size_t cap = 0;
    cr_assert_eq(PL_ARRAY_RESERVE(v, cap, 4), 0);
    item *before = v;
    cr_assert_eq(PL_ARRAY_RESERVE(v, cap, SIZE_MAX / sizeof *v + 1), -1);
    cr_assert_eq(PL_ARRAY_RESERVE(v, cap, SIZE_MAX), -1);
    cr_assert_eq(v, before);
    cr_assert_eq(cap, 8);
    free(v);
}

Test(buf, a_grown_buffer_is_a_c_string_before_anything_is_written)
{
    pl_buf b = PL_BUF_INIT;
    cr_assert_eq(pl_buf_grow(&b, 100), 0);
    cr_assert_eq(b.data[0], '\0');
    pl_buf_puts(&b, "abc");
    size_t len = 0;
    char *s = pl_buf_detach(&b, &len);
    cr_assert_str_eq(s, "abc");
    cr_assert_eq(len, 3);
    free(s);
}

/* PL_LOWER_BOUND against a linear scan: every value from below the first
 * to above the last, in arrays with runs of equal values, of every length
 * up to 9 (0 included). */
static int cmp_int(int a, int b)
{
    return (a > b) - (a < b);
}

Test(array, lower_bound_finds_the_first_not_below)
{
    static const int v[] = {1, 3, 3, 3, 5, 8, 8, 13, 21};
    for (size_t n = 0; n <= sizeof v / sizeof *v; n++)
        for (int want = 0; want <= 22; want++) {
            size_t at = 99, linear = 0;
            while (linear < n && v[linear] < want)
                linear++;
            PL_LOWER_BOUND(at, i, n, cmp_int(v[i], want));
            cr_expect_eq(at, linear, "n %zu, %d: %zu, want %zu", n, want, at, linear);
        }
    /* the strings of the readers' style tables */
    static const char *const names[] = {"Heading1", "List1", "List1", "Normal", "Title"};
    size_t at;
    PL_LOWER_BOUND(at, i, 5, strcmp(names[i], "List1"));
    cr_expect_eq(at, 1);
    PL_LOWER_BOUND(at, i, 5, strcmp(names[i], "Zebra"));
    cr_expect_eq(at, 5);
}

/* pl_decimal writes what printf's "%lld" writes, the ends of long long too. */
Test(buf, decimal_is_printf_lld)
{
    const long long v[] = {0, 7, -7, 10, 2025, -2025, 99999, 1000000, LLONG_MAX, LLONG_MIN,
                           LLONG_MIN + 1};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        char got[PL_DECIMAL_MAX], want[PL_DECIMAL_MAX];
        size_t n = pl_decimal(got, v[i]);
        snprintf(want, sizeof want, "%lld", v[i]);
        cr_expect_str_eq(got, want);
        cr_expect_eq(n, strlen(want), "%lld", v[i]);
    }
}
