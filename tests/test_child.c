/* test_child.c - util/child.c: the environment a helper program is
 * started with.  The PDF reader's child runs Tesseract, whose OpenMP
 * threads spin while they wait; the limits give it one thread unless the
 * user chose otherwise (child.c, child_env). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "child.h"

/* What child_env_helper says its OMP_THREAD_LIMIT is, when started under
 * limits asking for `threads`. */
static char *limit_seen(unsigned threads)
{
    pl_child_limits lim = {.cpu_seconds = 10, .step_seconds = 30, .total_seconds = 30,
                           .max_result = 64, .threads = threads};
    char prog[] = PL_BINARY_DIR "/tests/child_env_helper";
    char *argv[] = {prog, NULL};
    pl_buf out = PL_BUF_INIT;
    pl_child_status st = pl_child_spawn(prog, argv, "", 0, &lim, NULL, NULL, &out);
    cr_assert_eq(st, PL_CHILD_OK, "the helper ran (status %d)", (int)st);
    char *s = strndup(out.data ? out.data : "", out.len);
    pl_buf_free(&out);
    return s;
}

Test(child, threads_limit_is_set_for_the_child)
{
    unsetenv("OMP_THREAD_LIMIT");
    char *s = limit_seen(1);
    cr_expect_str_eq(s, "1");
    free(s);
    /* and only for the child: ours is untouched */
    cr_expect_null(getenv("OMP_THREAD_LIMIT"));
}

Test(child, no_threads_limit_leaves_the_environment)
{
    unsetenv("OMP_THREAD_LIMIT");
    char *s = limit_seen(0);
    cr_expect_str_eq(s, "unset");
    free(s);
}

Test(child, the_users_threads_limit_wins)
{
    setenv("OMP_THREAD_LIMIT", "3", 1);
    char *s = limit_seen(1);
    cr_expect_str_eq(s, "3");
    free(s);
}
