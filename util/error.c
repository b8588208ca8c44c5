/* error.c - pl_error_set (see error.h). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "escape.h"

/* Bytes of the message kept for the name however long the reason: enough
 * for the start and the end of a path. */
#define PL_ERROR_MIN_NAME 64

/* The length of the longest prefix of s[0..n) that ends on a UTF-8
 * character boundary and is at most max bytes. */
static size_t utf8_cut(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

/* The start of the last at most max bytes of s[0..n) on a boundary. */
static size_t utf8_tail(const char *s, size_t n, size_t max)
{
    size_t from = n > max ? n - max : 0;
    while (from < n && ((unsigned char)s[from] & 0xC0) == 0x80)
        from++;
    return from;
}

/* Append `name` (escaped: it may hold a newline or ESC) in at most `room`
 * bytes: cut in the middle, on character boundaries, with "…", so that
 * both the start of a long path and the file name at its end stay. */
static void put_name(pl_buf *b, const char *name, size_t room)
{
    pl_buf e = PL_BUF_INIT;
    pl_esc_visible_str(&e, name);
    const char *s = pl_buf_cstr(&e);
    size_t n = e.len;
    if (n <= room) {
        pl_buf_put(b, s, n);
    } else {
        size_t budget = room > 3 ? room - 3 : 0; /* "…" is 3 bytes */
        size_t head = utf8_cut(s, n, budget / 3);
        size_t tail = utf8_tail(s, n, budget - head);
        pl_buf_put(b, s, head);
        pl_buf_puts(b, "…");
        pl_buf_put(b, s + tail, n - tail);
    }
    pl_buf_free(&e);
}

void pl_error_fill(pl_error *err, pl_status st, const char *name, const char *tail)
{
    if (!err)
        return;
    err->status = st;
    size_t cap = sizeof err->message - 1;
    size_t tn = utf8_cut(tail, strlen(tail), cap - PL_ERROR_MIN_NAME);
    pl_buf b = PL_BUF_INIT;
    if (name) /* an API error with no input to name: the caller adds its context */
        put_name(&b, name, cap - tn);
    pl_buf_put(&b, tail, tn);
    const char *s = pl_buf_cstr(&b);
    size_t n = b.failed ? 0 : utf8_cut(s, b.len, cap);
    if (b.failed) /* out of memory: the reason alone */
        s = tail, n = tn;
    memcpy(err->message, s, n);
    err->message[n] = '\0';
    pl_buf_free(&b);
}

/* pl_error_fill with the tail built in a buffer. */
static void fill_buf(pl_error *err, pl_status st, const char *name, pl_buf *tail)
{
    pl_error_fill(err, st, name, tail->failed ? ": out of memory" : pl_buf_cstr(tail));
    pl_buf_free(tail);
}

void pl_error_set(pl_error *err, pl_status st, const char *name, const pl_pos *pos,
                  const char *fmt, ...)
{
    if (!err)
        return;
    pl_buf t = PL_BUF_INIT;
    if (name)
        pl_buf_puts(&t, ": ");
    va_list ap;
    va_start(ap, fmt);
    pl_buf_vprintf(&t, fmt, ap);
    va_end(ap);
    if (pos)
        pl_buf_printf(&t, " at byte %zu (line %u, column %u)", pos->byte, pos->line, pos->col);
    fill_buf(err, st, name, &t);
}

void pl_error_set_line(pl_error *err, pl_status st, const char *name, long line, const char *fmt,
                       ...)
{
    if (!err)
        return;
    pl_buf t = PL_BUF_INIT;
    pl_buf_printf(&t, ":%ld: ", line);
    va_list ap;
    va_start(ap, fmt);
    pl_buf_vprintf(&t, fmt, ap);
    va_end(ap);
    fill_buf(err, st, name, &t);
}

void pl_error_arg(pl_error *err, const char *func, const char *what)
{
    if (!err)
        return;
    err->status = PL_ERR_USAGE;
    snprintf(err->message, sizeof err->message, "%s: '%s' is NULL", func, what);
}
