/* json_check.h - a strict JSON (RFC 8259) and UTF-8 checker shared by the
 * fuzz targets that render JSON (fuzz_extract.c, fuzz_check.c,
 * fuzz_program.c, fuzz_config.c).
 *
 * Header-only (static inline functions): each target stays one .c file,
 * so tests/CMakeLists.txt, which links fuzz/fuzz_extract.c into
 * test_pathological, and tests/replay.cmake need no extra source.  It is
 * written apart from the library's util/json.c on purpose: an oracle that
 * shared the writer's code would share its bugs.
 *
 *   json_ok(s, n, '{')      s[0..n) is exactly one JSON value starting '{'
 *   ndjson_ok(s, n, k)      k lines, each one JSON object, each ending LF
 *   utf8_ok(s, n)           s[0..n) is valid UTF-8 without NUL bytes
 */
#ifndef PL_FUZZ_JSON_CHECK_H
#define PL_FUZZ_JSON_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- a strict JSON checker (RFC 8259) ---------------------------------- */

/* The renderer nests a handful of levels; anything deeper is a bug too. */
#define JSON_MAX_DEPTH 32

typedef struct json_cursor {
    const unsigned char *p, *end;
} json_cursor;

static inline void json_ws(json_cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        c->p++;
}

static inline int json_lit(json_cursor *c, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0)
        return -1;
    c->p += n;
    return 0;
}

/* One UTF-8 sequence, shortest form, no surrogates, at most U+10FFFF. */
static inline int json_utf8_seq(json_cursor *c)
{
    unsigned b = *c->p;
    int n = b < 0x80             ? 1
            : (b & 0xE0) == 0xC0 ? 2
            : (b & 0xF0) == 0xE0 ? 3
            : (b & 0xF8) == 0xF0 ? 4
                                 : 0;
    if (n == 0 || c->end - c->p < n)
        return -1;
    uint32_t cp = n == 1 ? b : b & (0x7Fu >> n);
    for (int i = 1; i < n; i++) {
        if ((c->p[i] & 0xC0) != 0x80)
            return -1;
        cp = cp << 6 | (c->p[i] & 0x3Fu);
    }
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    c->p += n;
    return 0;
}

static inline int json_string(json_cursor *c)
{
    if (c->p >= c->end || *c->p != '"')
        return -1;
    c->p++;
    while (c->p < c->end && *c->p != '"') {
        if (*c->p < 0x20)
            return -1;
        if (*c->p != '\\') {
            if (json_utf8_seq(c) != 0)
                return -1;
            continue;
        }
        c->p++;
        if (c->p >= c->end)
            return -1;
        if (*c->p == 'u') {
            for (int i = 1; i <= 4; i++)
                if (c->p + i >= c->end || !c->p[i] || !strchr("0123456789abcdefABCDEF", c->p[i]))
                    return -1;
            c->p += 5;
        } else if (*c->p && strchr("\"\\/bfnrt", *c->p)) {
            c->p++;
        } else {
            return -1;
        }
    }
    if (c->p >= c->end)
        return -1;
    c->p++;
    return 0;
}

static inline int json_digits(json_cursor *c)
{
    const unsigned char *start = c->p;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
        c->p++;
    return c->p > start ? 0 : -1;
}

static inline int json_number(json_cursor *c)
{
    if (c->p < c->end && *c->p == '-')
        c->p++;
    if (c->p < c->end && *c->p == '0')
        c->p++;
    else if (json_digits(c) != 0)
        return -1;
    if (c->p < c->end && *c->p == '.') {
        c->p++;
        if (json_digits(c) != 0)
            return -1;
    }
    if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
        c->p++;
        if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
            c->p++;
        if (json_digits(c) != 0)
            return -1;
    }
    return 0;
}

static inline int json_value(json_cursor *c, int depth);

/* Members of an object or elements of an array, after the opening bracket. */
static inline int json_members(json_cursor *c, int depth, int is_object)
{
    char close = is_object ? '}' : ']';
    json_ws(c);
    if (c->p < c->end && *c->p == close) {
        c->p++;
        return 0;
    }
    for (;;) {
        json_ws(c);
        if (is_object) {
            if (json_string(c) != 0)
                return -1;
            json_ws(c);
            if (json_lit(c, ":") != 0)
                return -1;
        }
        if (json_value(c, depth + 1) != 0)
            return -1;
        json_ws(c);
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        return json_lit(c, is_object ? "}" : "]");
    }
}

static inline int json_value(json_cursor *c, int depth)
{
    if (depth > JSON_MAX_DEPTH)
        return -1;
    json_ws(c);
    if (c->p >= c->end)
        return -1;
    switch (*c->p) {
    case '{': c->p++; return json_members(c, depth, 1);
    case '[': c->p++; return json_members(c, depth, 0);
    case '"': return json_string(c);
    case 't': return json_lit(c, "true");
    case 'f': return json_lit(c, "false");
    case 'n': return json_lit(c, "null");
    default: return json_number(c);
    }
}

/* The whole text is exactly one JSON json_value (with surrounding blanks) that
 * starts with `open`. */
static inline int json_ok(const unsigned char *s, size_t n, char open)
{
    json_cursor c = {s, s + n};
    json_ws(&c);
    if (c.p >= c.end || *c.p != (unsigned char)open || json_value(&c, 0) != 0)
        return 0;
    json_ws(&c);
    return c.p == c.end;
}

/* NDJSON: every line one JSON object. */
static inline int ndjson_ok(const unsigned char *s, size_t n, size_t expected)
{
    size_t lines = 0;
    while (n > 0) {
        const unsigned char *nl = memchr(s, '\n', n);
        if (!nl)
            return 0; /* the last line ends with a newline too */
        if (!json_ok(s, (size_t)(nl - s), '{'))
            return 0;
        lines++;
        n -= (size_t)(nl - s) + 1;
        s = nl + 1;
    }
    return lines == expected;
}

/* Valid UTF-8 throughout (shortest forms, no surrogates) and no NUL: what
 * any text output (text findings, an HTML page) must be. */
static inline int utf8_ok(const unsigned char *s, size_t n)
{
    json_cursor c = {s, s + n};
    while (c.p < c.end)
        if (*c.p == '\0' || json_utf8_seq(&c) != 0)
            return 0;
    return 1;
}

#endif
