/* child_env_helper.c - the program test_child starts through
 * pl_child_spawn: it sends back every OMP_THREAD_LIMIT entry of the
 * environment it was started with, joined by ',' ("unset" when none: a
 * second entry would hide behind the first from getenv). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "child.h"

extern char **environ;

int main(void)
{
    const pl_child_limits lim = {.cpu_seconds = 10};
    pl_child *c = pl_child_begin(&lim);
    if (!c)
        return 1;
    static const char var[] = "OMP_THREAD_LIMIT=";
    pl_buf out = PL_BUF_INIT;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, var, sizeof var - 1) == 0) {
            if (out.len)
                pl_buf_putc(&out, ',');
            pl_buf_puts(&out, *e + sizeof var - 1);
        }
    if (out.len == 0)
        pl_buf_puts(&out, "unset");
    int rc = pl_child_finish(c, &out);
    pl_buf_free(&out);
    return rc == 0 ? 0 : 1;
}
