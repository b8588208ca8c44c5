/* buf.h - growable byte buffer used by every stage that builds text.
 *
 * All appends check for overflow and allocation failure; a failed append
 * sets `failed` and later appends are no-ops, so callers can build a whole
 * string and test once at the end (the pattern of cmark's strbuf).
 */
#ifndef PL_BUF_H
#define PL_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct pl_buf {
    char *data;   /* always NUL-terminated when len > 0 or after buf_cstr */
    size_t len;
    size_t cap;
    int failed;   /* set once an allocation failed */
} pl_buf;

#define PL_BUF_INIT {NULL, 0, 0, 0}

int pl_buf_grow(pl_buf *b, size_t extra);
void pl_buf_put_slow(pl_buf *b, const void *data, size_t len);
/* Append data[0..len): inline when it fits (a text stage appends a piece
 * of every line; a call and pl_buf_grow's checks each time showed in
 * profiles), else through pl_buf_put_slow. */
static inline void pl_buf_put(pl_buf *b, const void *data, size_t len)
{
    if (len < b->cap - b->len && !b->failed) {
        memcpy(b->data + b->len, data, len);
        b->len += len;
        b->data[b->len] = '\0';
        return;
    }
    pl_buf_put_slow(b, data, len);
}
void pl_buf_puts(pl_buf *b, const char *s);
void pl_buf_putc_slow(pl_buf *b, char c);
/* One byte: inline while there is room (text stages append per character). */
static inline void pl_buf_putc(pl_buf *b, char c)
{
    if (b->len + 2 <= b->cap && !b->failed) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    pl_buf_putc_slow(b, c);
}
void pl_buf_printf(pl_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void pl_buf_vprintf(pl_buf *b, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;
/* One code point as UTF-8 into s[0..4) (U+FFFD for a surrogate or a
 * value out of range); returns its length. */
static inline size_t pl_utf8_encode(int cp, char *s)
{
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        s[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        s[0] = (char)(0xE0 | (cp >> 12));
        s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    s[0] = (char)(0xF0 | (cp >> 18));
    s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    s[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
/* Append one code point as UTF-8. */
void pl_buf_put_cp(pl_buf *b, int cp);
/* Return the contents as a C string ("" for an empty buffer). The buffer
 * still owns it. */
const char *pl_buf_cstr(pl_buf *b);
/* Hand the storage to the caller (free() it); the buffer is reset. */
char *pl_buf_detach(pl_buf *b, size_t *len);
void pl_buf_clear(pl_buf *b);
/* First occurrence of needle[0..m) in hay[0..n), or NULL (libc's memmem:
 * a two-way search, where a loop of memcmp at every byte is quadratic in
 * the phrase length and shows in profiles of a whole-text phrase search). */
const char *pl_mem_find(const char *hay, size_t n, const char *needle, size_t m);
void pl_buf_free(pl_buf *b);

/* v in decimal into dst, NUL-terminated, without printf's cost (a report
 * writes a few numbers for every finding and target); its length.  dst
 * holds PL_DECIMAL_MAX bytes, or as many as the value needs. */
#define PL_DECIMAL_MAX 24
size_t pl_decimal(char *dst, long long v);

#endif
