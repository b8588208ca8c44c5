#define _GNU_SOURCE /* memmem */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pl_buf_grow(pl_buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (extra > SIZE_MAX - b->len - 1) {
        b->failed = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    p[b->len] = '\0'; /* data is a C string whenever it exists, even empty */
    b->data = p;
    b->cap = cap;
    return 0;
}

void pl_buf_put_slow(pl_buf *b, const void *data, size_t len)
{
    if (len == 0 || pl_buf_grow(b, len) != 0)
        return;
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void pl_buf_puts(pl_buf *b, const char *s) { pl_buf_put(b, s, strlen(s)); }

void pl_buf_putc_slow(pl_buf *b, char c) { pl_buf_put(b, &c, 1); }

void pl_buf_vprintf(pl_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || pl_buf_grow(b, (size_t)n) != 0)
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void pl_buf_printf(pl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pl_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void pl_buf_put_cp(pl_buf *b, int cp)
{
    char s[4];
    size_t n = pl_utf8_encode(cp, s);
    pl_buf_put(b, s, n);
}

const char *pl_buf_cstr(pl_buf *b)
{
    if (!b->data)
        return "";
    return b->data;
}

char *pl_buf_detach(pl_buf *b, size_t *len)
{
    char *p = b->data;
    if (!p && !b->failed) {
        p = calloc(1, 1);
    }
    if (b->failed) {
        free(p);
        p = NULL;
    }
    if (len)
        *len = p ? b->len : 0;
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
    return p;
}

void pl_buf_clear(pl_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

size_t pl_decimal(char *dst, long long v)
{
    char tmp[PL_DECIMAL_MAX];
    size_t k = 0, w = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[k++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        dst[w++] = '-';
    while (k > 0)
        dst[w++] = tmp[--k];
    dst[w] = '\0';
    return w;
}

void pl_buf_free(pl_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

const char *pl_mem_find(const char *hay, size_t n, const char *needle, size_t m)
{
    return memmem(hay, n, needle, m);
}
