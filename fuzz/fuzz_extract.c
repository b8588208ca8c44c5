/* fuzz_extract.c - libFuzzer target: parse, then render through
 * pl_extract_writer, as `planlint extract` does.
 *
 * Every format the writer accepts is rendered, for one document (a lone
 * JSON object) and for two (a JSON array).  JSON and NDJSON output is then
 * checked to be well-formed: the output is the contract other tools read,
 * so a renderer that lets a control character or broken UTF-8 through is a
 * bug even when nothing crashes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planlint.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pl_programs *programs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    programs = pl_programs_new_builtin(NULL);
    return 0;
}

/* ---- a strict JSON checker (RFC 8259) ---------------------------------- */

/* The renderer nests a handful of levels; anything deeper is a bug too. */
#define JSON_MAX_DEPTH 32

typedef struct cursor {
    const unsigned char *p, *end;
} cursor;

static void ws(cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        c->p++;
}

static int lit(cursor *c, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0)
        return -1;
    c->p += n;
    return 0;
}

/* One UTF-8 sequence, shortest form, no surrogates, at most U+10FFFF. */
static int utf8_seq(cursor *c)
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

static int string(cursor *c)
{
    if (c->p >= c->end || *c->p != '"')
        return -1;
    c->p++;
    while (c->p < c->end && *c->p != '"') {
        if (*c->p < 0x20)
            return -1;
        if (*c->p != '\\') {
            if (utf8_seq(c) != 0)
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

static int digits(cursor *c)
{
    const unsigned char *start = c->p;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
        c->p++;
    return c->p > start ? 0 : -1;
}

static int number(cursor *c)
{
    if (c->p < c->end && *c->p == '-')
        c->p++;
    if (c->p < c->end && *c->p == '0')
        c->p++;
    else if (digits(c) != 0)
        return -1;
    if (c->p < c->end && *c->p == '.') {
        c->p++;
        if (digits(c) != 0)
            return -1;
    }
    if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
        c->p++;
        if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
            c->p++;
        if (digits(c) != 0)
            return -1;
    }
    return 0;
}

static int value(cursor *c, int depth);

/* Members of an object or elements of an array, after the opening bracket. */
static int members(cursor *c, int depth, int is_object)
{
    char close = is_object ? '}' : ']';
    ws(c);
    if (c->p < c->end && *c->p == close) {
        c->p++;
        return 0;
    }
    for (;;) {
        ws(c);
        if (is_object) {
            if (string(c) != 0)
                return -1;
            ws(c);
            if (lit(c, ":") != 0)
                return -1;
        }
        if (value(c, depth + 1) != 0)
            return -1;
        ws(c);
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        return lit(c, is_object ? "}" : "]");
    }
}

static int value(cursor *c, int depth)
{
    if (depth > JSON_MAX_DEPTH)
        return -1;
    ws(c);
    if (c->p >= c->end)
        return -1;
    switch (*c->p) {
    case '{': c->p++; return members(c, depth, 1);
    case '[': c->p++; return members(c, depth, 0);
    case '"': return string(c);
    case 't': return lit(c, "true");
    case 'f': return lit(c, "false");
    case 'n': return lit(c, "null");
    default: return number(c);
    }
}

/* The whole text is exactly one JSON value (with surrounding blanks) that
 * starts with `open`. */
static int json_ok(const unsigned char *s, size_t n, char open)
{
    cursor c = {s, s + n};
    ws(&c);
    if (c.p >= c.end || *c.p != (unsigned char)open || value(&c, 0) != 0)
        return 0;
    ws(&c);
    return c.p == c.end;
}

/* NDJSON: every line one JSON object. */
static int ndjson_ok(const unsigned char *s, size_t n, size_t expected)
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

/* ---- the target ----------------------------------------------------- */

/* Abort so the fuzzer keeps the input, saying which oracle failed. */
static void fail(const char *what, pl_format fmt, size_t ndocs, const char *out, size_t len)
{
    fprintf(stderr, "fuzz_extract: %s (format %d, %zu documents, %zu bytes of output)\n", what,
            (int)fmt, ndocs, len);
    if (out)
        fprintf(stderr, "%.*s\n", len > 4096 ? 4096 : (int)len, out);
    abort();
}

/* Render `ndocs` copies of doc; returns the output (caller frees) or NULL
 * when the writer does not take this format. */
static char *render(const pl_doc *doc, pl_format fmt, size_t ndocs, size_t *len)
{
    char *out = NULL;
    FILE *f = open_memstream(&out, len);
    if (!f)
        abort();
    pl_extract_writer *w = pl_extract_writer_new(f, fmt, ndocs);
    if (!w) {
        fclose(f);
        free(out);
        return NULL;
    }
    /* a memory stream cannot refuse bytes: any failure is the renderer's */
    for (size_t i = 0; i < ndocs; i++)
        if (pl_extract_writer_add(w, doc) != 0)
            fail("pl_extract_writer_add failed", fmt, ndocs, NULL, 0);
    if (pl_extract_writer_end(w) != 0)
        fail("pl_extract_writer_end failed", fmt, ndocs, NULL, 0);
    pl_extract_writer_free(w);
    if (fclose(f) != 0)
        abort();
    return out;
}

static void check_format(const pl_doc *doc, pl_format fmt, size_t ndocs)
{
    size_t len = 0;
    char *out = render(doc, fmt, ndocs, &len);
    if (!out)
        return;
    const unsigned char *u = (const unsigned char *)out;
    if (fmt == PL_FMT_JSON && !json_ok(u, len, ndocs == 1 ? '{' : '['))
        fail("malformed JSON", fmt, ndocs, out, len);
    if (fmt == PL_FMT_NDJSON && !ndjson_ok(u, len, ndocs))
        fail("malformed NDJSON", fmt, ndocs, out, len);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const pl_format formats[] = {PL_FMT_JSON, PL_FMT_NDJSON, PL_FMT_XML, PL_FMT_CSV};
    pl_doc *doc = pl_doc_parse("fuzz", data, size, programs, NULL, NULL);
    if (!doc)
        return 0;
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        check_format(doc, formats[i], 1);
        check_format(doc, formats[i], 2);
    }
    pl_doc_free(doc);
    return 0;
}
