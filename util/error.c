/* error.c - pl_error_set (see error.h). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

void pl_error_set(pl_error *err, pl_status st, const char *name, const pl_pos *pos,
                  const char *fmt, ...)
{
    if (!err)
        return;
    err->status = st;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (pos)
        snprintf(err->message, sizeof err->message, "%s: %s at byte %zu (line %u, column %u)",
                 name ? name : "-", msg, pos->byte, pos->line, pos->col);
    else if (name)
        snprintf(err->message, sizeof err->message, "%s: %s", name, msg);
    else /* an API error with no input to name: the caller adds its context */
        snprintf(err->message, sizeof err->message, "%s", msg);
}
