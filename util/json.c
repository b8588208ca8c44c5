#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uni.h"

void pl_json_init(pl_json *j, pl_buf *out, int pretty)
{
    memset(j, 0, sizeof *j);
    j->out = out;
    j->pretty = pretty;
    j->first[0] = 1;
}

static void newline(pl_json *j)
{
    if (!j->pretty)
        return;
    pl_buf_putc(j->out, '\n');
    for (int i = 0; i < j->depth; i++)
        pl_buf_put(j->out, "  ", 2);
}

/* Comma and indentation before a value or key at the current level. */
static void before_value(pl_json *j)
{
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (j->depth > 0) {
        if (!j->first[j->depth])
            pl_buf_putc(j->out, ',');
        newline(j);
    }
    j->first[j->depth] = 0;
}

static void open(pl_json *j, char c)
{
    before_value(j);
    pl_buf_putc(j->out, c);
    if (j->depth + 1 < PL_JSON_MAX_DEPTH)
        j->depth++;
    j->first[j->depth] = 1;
}

static void close(pl_json *j, char c)
{
    int empty = j->first[j->depth];
    if (j->depth > 0)
        j->depth--;
    if (!empty)
        newline(j);
    pl_buf_putc(j->out, c);
}

void pl_json_obj(pl_json *j) { open(j, '{'); }
void pl_json_end_obj(pl_json *j) { close(j, '}'); }
void pl_json_arr(pl_json *j) { open(j, '['); }
void pl_json_end_arr(pl_json *j) { close(j, ']'); }

void pl_json_escape(pl_buf *b, const char *s, size_t n)
{
    pl_buf_putc(b, '"');
    size_t run = 0; /* start of a run of bytes that need no escape */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[8];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                snprintf(u, sizeof u, "\\u%04x", c);
                esc = u;
            } else if (c >= 0x80) {
                /* JSON is UTF-8: a byte that starts no valid sequence (a
                 * file name in another encoding) becomes U+FFFD */
                int32_t cp;
                int k = pl_utf8_next(s, n, i, &cp);
                if (k > 0) {
                    i += (size_t)k - 1;
                    continue;
                }
                esc = "\xEF\xBF\xBD";
            }
        }
        if (esc) {
            pl_buf_put(b, s + run, i - run);
            pl_buf_puts(b, esc);
            run = i + 1;
        }
    }
    pl_buf_put(b, s + run, n - run);
    pl_buf_putc(b, '"');
}

void pl_json_key(pl_json *j, const char *key)
{
    before_value(j);
    pl_json_escape(j->out, key, strlen(key));
    pl_buf_puts(j->out, j->pretty ? ": " : ":");
    j->after_key = 1;
}

void pl_json_strn(pl_json *j, const char *s, size_t n)
{
    before_value(j);
    pl_json_escape(j->out, s, n);
}

void pl_json_str(pl_json *j, const char *s)
{
    if (!s) {
        pl_json_null(j);
        return;
    }
    pl_json_strn(j, s, strlen(s));
}

/* By hand, not through printf: extract -f json of a 16 KB plan writes a few
 * hundred numbers, 0.18 M instructions through snprintf. */
void pl_json_int(pl_json *j, long v)
{
    before_value(j);
    char s[PL_DECIMAL_MAX];
    pl_buf_put(j->out, s, pl_decimal(s, v));
}

void pl_json_int_or_null(pl_json *j, long v, int known)
{
    if (known)
        pl_json_int(j, v);
    else
        pl_json_null(j);
}

/* Fixed notation first (100, 4.9: what a reader expects), the shortest
 * form that reads back as the same double, and always '.' as the decimal
 * point whatever the caller's locale. */
void pl_json_format_num(char *s, size_t n, double v)
{
    s[0] = '\0';
    if (!isfinite(v))
        return;
    /* fixed: up to 6 leading zeros and 17 significant digits after them */
    int fixed = v == 0 || (fabs(v) >= 1e-6 && fabs(v) < 1e15);
    int ok = 0;
    for (int prec = 0; prec <= (fixed ? 24 : 17) && !ok; prec++) {
        snprintf(s, n, fixed ? "%.*f" : "%.*g", prec, v);
        ok = strtod(s, NULL) == v;
    }
    if (!ok)
        snprintf(s, n, "%.17g", v);
    /* the locale's decimal point (',' in vi_VN) becomes '.': nothing but
     * digits, sign and exponent letters is left untouched */
    for (char *p = s; *p; p++)
        if (!(*p >= '0' && *p <= '9') && *p != '-' && *p != '+' && *p != 'e')
            *p = '.';
}

void pl_json_num(pl_json *j, double v)
{
    if (!isfinite(v)) {
        pl_json_null(j);
        return;
    }
    before_value(j);
    char buf[64];
    pl_json_format_num(buf, sizeof buf, v);
    pl_buf_puts(j->out, buf);
}

void pl_json_bool(pl_json *j, int v)
{
    before_value(j);
    pl_buf_puts(j->out, v ? "true" : "false");
}

void pl_json_null(pl_json *j)
{
    before_value(j);
    pl_buf_puts(j->out, "null");
}
