/* escape.c - untrusted text into each output format (escape.h). */
#include "escape.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "uni.h"

/* Code points a terminal acts on instead of showing: C0 controls, DEL,
 * C1 controls (U+0080..U+009F: CSI and OSC in 8-bit terminals), and the
 * bidirectional embeddings, overrides and isolates that reorder a line
 * so that it reads differently from its bytes ("Trojan Source"). */
static int is_active(int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

static void put_escape(pl_buf *b, int32_t cp)
{
    if (cp < 0x100)
        pl_buf_printf(b, "\\x%02x", (unsigned)cp);
    else
        pl_buf_printf(b, "\\u%04x", (unsigned)cp);
}

size_t pl_esc_visible_span(const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t end = n; /* the bytes looked at one by one: to the end, */
        if (n - i >= 8) {
            /* or eight at once when they are all printable ASCII (none
             * with the high bit, none below 0x20, none 0x7F), else those
             * eight (and the rest of a character that crosses them) */
            uint64_t w, d;
            memcpy(&w, s + i, 8);
            d = w ^ (0x7F * ones);
            if (!((w & high) | ((w - 0x20 * ones) & ~w & high) | ((d - ones) & ~d & high))) {
                i += 8;
                continue;
            }
            end = i + 8;
        }
        while (i < end) {
            unsigned char c = u[i];
            if (c >= 0x20 && c < 0x7F) {
                i++;
                continue;
            }
            /* the letters of Vietnamese without decoding: two bytes led by
             * C3-DF but D8 (U+00C0-U+07FF, less the block of U+061C), and
             * three led by E1 (U+1000-U+1FFF), none of them active */
            if (c >= 0xC3 && c <= 0xDF && c != 0xD8 && n - i >= 2 && (u[i + 1] & 0xC0) == 0x80) {
                i += 2;
                continue;
            }
            if (c == 0xE1 && n - i >= 3 && (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
                i += 3;
                continue;
            }
            int32_t cp;
            int k = c < 0x80 ? -1 : pl_utf8_next(s, n, i, &cp);
            if (k <= 0 || is_active(cp))
                return i;
            i += (size_t)k;
        }
    }
    return n;
}

void pl_esc_visible(pl_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t run = pl_esc_visible_span(s + i, n - i); /* copied as they are */
        pl_buf_put(b, s + i, run);
        i += run;
        if (i == n)
            break;
        int32_t cp;
        int k = pl_utf8_next(s, n, i, &cp);
        put_escape(b, k > 0 ? cp : (unsigned char)s[i]);
        i += k > 0 ? (size_t)k : 1;
    }
}

void pl_esc_visible_str(pl_buf *b, const char *s)
{
    if (s)
        pl_esc_visible(b, s, strlen(s));
}

void pl_esc_utf8(pl_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = pl_utf8_next(s, n, i, &cp);
        if (k > 0) {
            i += (size_t)k;
            continue;
        }
        pl_buf_put(b, s + run, i - run);
        pl_buf_put_cp(b, 0xFFFD);
        run = ++i;
    }
    pl_buf_put(b, s + run, n - run);
}

void pl_esc_csv_field(pl_buf *b, const char *s, int guard)
{
    if (!s)
        return;
    int formula = guard && s[0] != '\0' && strchr(PL_CSV_FORMULA_START, s[0]) != NULL;
    if (!formula && !strpbrk(s, "\",\r\n")) {
        pl_esc_utf8(b, s, strlen(s));
        return;
    }
    pl_buf_putc(b, '"');
    if (formula)
        pl_buf_putc(b, '\'');
    for (const char *p = s; *p;) {
        const char *q = strchr(p, '"');
        size_t n = q ? (size_t)(q - p) + 1 : strlen(p);
        pl_esc_utf8(b, p, n);
        if (q)
            pl_buf_putc(b, '"'); /* the quote doubled */
        p += n;
    }
    pl_buf_putc(b, '"');
}

void pl_esc_md(pl_buf *b, const char *s)
{
    static const char SYNTAX[] = "\\`*_[]<>&|~#!";
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = pl_utf8_next(s, n, i, &cp);
        if (k > 0 && (cp == '\n' || cp == '\r' || cp == '\t'))
            pl_buf_putc(b, ' ');
        else if (k > 0 && cp > 0 && cp < 0x80 && strchr(SYNTAX, (int)cp)) {
            pl_buf_putc(b, '\\');
            pl_buf_putc(b, (char)cp);
        } else if (k > 0 && !is_active(cp))
            pl_buf_put(b, s + i, (size_t)k);
        else
            put_escape(b, k > 0 ? cp : (unsigned char)s[i]);
        i += k > 0 ? (size_t)k : 1;
    }
}
