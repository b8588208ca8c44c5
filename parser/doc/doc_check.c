/* doc_check.c - pl_doc_check: the invariants of a parsed document.
 *
 * The fuzzers find crashes; this finds wrong trees (cmark's
 * cmark_node_check is the model).  Every check states a property the later
 * stages rely on without testing it again: offsets inside their text,
 * ranges in order, maps that only go forward, a section tree whose parents
 * come first.  It runs after every parse in builds configured with
 * PLANLINT_DOC_CHECK (CI's test builds) and inside every fuzz oracle.
 */
#include "doc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "input.h"
#include "uni.h"

typedef struct checker {
    char *why;
    size_t n;
    int failed;
} checker;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void fail(checker *c, const char *fmt, ...)
{
    if (c->failed++)
        return; /* the first broken invariant is the one to read */
    if (!c->why || !c->n)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->why, c->n, fmt, ap);
    va_end(ap);
}

/* A map's anchors go forward in both texts and stay inside them. */
static void check_map(checker *c, const char *name, const pl_omap *m, size_t out_len,
                      size_t src_len)
{
    for (size_t i = 0; i < m->n; i++) {
        const pl_anchor *a = &m->a[i];
        if (a->out > out_len || a->src > src_len)
            fail(c, "%s map: anchor %zu (%zu -> %zu) outside the texts (%zu, %zu)", name, i,
                 a->out, a->src, out_len, src_len);
        if (i && (a->out <= m->a[i - 1].out || a->src < m->a[i - 1].src))
            fail(c, "%s map: anchor %zu (%zu -> %zu) goes back from (%zu -> %zu)", name, i,
                 a->out, a->src, m->a[i - 1].out, m->a[i - 1].src);
    }
}

/* Every text is a C string at its length; the flat and key texts, which
 * the analysis searches with string functions, hold no NUL before it (the
 * input may: U+0000 is valid UTF-8). */
static void check_string(checker *c, const char *name, const char *s, size_t len,
                         int nul_free)
{
    if (!s) {
        if (len)
            fail(c, "%s text missing but %zu bytes long", name, len);
        return;
    }
    if (s[len] != '\0') /* and strlen would run past the buffer */
        fail(c, "%s text not NUL-terminated at its length %zu (0x%02x)", name, len,
             (unsigned char)s[len]);
    else if (nul_free && memchr(s, '\0', len))
        fail(c, "%s text holds a NUL before its length %zu", name, len);
}

static void check_text(checker *c, const pl_text *t)
{
    check_string(c, "utf8", t->utf8, t->utf8_len, 0);
    check_string(c, "nfc", t->nfc, t->nfc_len, 0);
    check_string(c, "flat", t->flat, t->flat_len, 1);
    check_string(c, "key", t->key, t->key_len, 1);
    check_map(c, "nfc", &t->nfc_map, t->nfc_len, t->utf8_len);
    check_map(c, "flat", &t->flat_map, t->flat_len, t->nfc_len);
    check_map(c, "key", &t->key_map, t->key_len, t->flat_len);

    if (t->nlines == 0 || !t->line_starts || t->line_starts[0] != 0)
        fail(c, "line starts: none, or the first is not 0");
    for (size_t i = 1; i < t->nlines; i++)
        if (t->line_starts[i] <= t->line_starts[i - 1] || t->line_starts[i] > t->utf8_len)
            fail(c, "line start %zu (%zu) not after the one before or past the text", i,
                 t->line_starts[i]);

    size_t prev_end = 0;
    for (size_t i = 0; i < t->nparas; i++) {
        const pl_para *p = &t->paras[i];
        if (p->flat_start > p->flat_end || p->flat_end > t->flat_len || p->flat_start < prev_end)
            fail(c, "paragraph %zu: flat range [%zu, %zu) out of order or past %zu", i,
                 p->flat_start, p->flat_end, t->flat_len);
        if (p->key_start > p->key_end || p->key_end > t->key_len)
            fail(c, "paragraph %zu: key range [%zu, %zu) past %zu", i, p->key_start, p->key_end,
                 t->key_len);
        if (p->first_line > p->last_line || p->last_line >= t->nlines)
            fail(c, "paragraph %zu: lines %zu..%zu outside the %zu lines", i, p->first_line,
                 p->last_line, t->nlines);
        if (p->body < p->flat_start || p->body > p->flat_end)
            fail(c, "paragraph %zu: body %zu outside [%zu, %zu)", i, p->body, p->flat_start,
                 p->flat_end);
        if (memchr(p->label, '\0', sizeof p->label) == NULL)
            fail(c, "paragraph %zu: label not terminated", i);
        prev_end = p->flat_end;
    }
}

/* A position a user is sent to: 1-based line and column. */
static void check_pos(checker *c, const char *what, size_t i, const pl_pos *p)
{
    if (p->line < 1 || p->col < 1)
        fail(c, "%s %zu: position line %u, column %u is not 1-based", what, i, p->line, p->col);
}

/* A span the API hands out (pl_target_end_line ...): 1-based, and its end
 * (exclusive) not before its start. */
static void check_span(checker *c, const char *what, size_t i, const pl_pos *p, const pl_pos *end)
{
    check_pos(c, what, i, end);
    if (end->line < p->line || (end->line == p->line && end->col < p->col) || end->byte < p->byte)
        fail(c, "%s %zu: span ends at %u:%u (byte %zu), before its start %u:%u (byte %zu)", what,
             i, end->line, end->col, end->byte, p->line, p->col, p->byte);
}

static void check_utf8(checker *c, const char *what, size_t i, const char *s)
{
    if (s && pl_utf8_validate(s, strlen(s)) != strlen(s))
        fail(c, "%s %zu: invalid UTF-8 in \"%.40s\"", what, i, s);
}

static void check_sections(checker *c, const pl_doc *doc)
{
    size_t prev_para = 0;
    for (size_t i = 0; i < doc->nsections; i++) {
        const pl_section *s = &doc->sections[i];
        if (s->parent < -1 || s->parent >= (int)i)
            fail(c, "section %zu: parent %d does not come before it", i, s->parent);
        else if (s->depth != (s->parent < 0 ? 0 : doc->sections[s->parent].depth + 1))
            fail(c, "section %zu: depth %d, parent %d at depth %d", i, s->depth, s->parent,
                 s->parent < 0 ? -1 : doc->sections[s->parent].depth);
        if (s->para >= doc->text.nparas || s->para < prev_para)
            fail(c, "section %zu: paragraph %zu out of order or past %zu", i, s->para,
                 doc->text.nparas);
        check_pos(c, "section", i, &s->pos);
        check_utf8(c, "section title", i, s->title);
        prev_para = s->para;
    }
    for (size_t i = 0; i < doc->text.nparas; i++) {
        int s = doc->text.paras[i].section;
        if (s < -1 || s >= (int)doc->nsections)
            fail(c, "paragraph %zu: section %d of %zu", i, s, doc->nsections);
    }
}

static void check_targets(checker *c, const pl_doc *doc)
{
    for (size_t i = 0; i < doc->ntargets; i++) {
        const pl_target *t = &doc->targets[i];
        if (t->flat_start > t->flat_end || t->flat_end > doc->text.flat_len)
            fail(c, "target %zu: flat range [%zu, %zu) past %zu", i, t->flat_start, t->flat_end,
                 doc->text.flat_len);
        if (t->para >= doc->text.nparas)
            fail(c, "target %zu: paragraph %zu of %zu", i, t->para, doc->text.nparas);
        if (!isfinite(t->value))
            fail(c, "target %zu: value is not a number", i);
        if (memchr(t->unit, '\0', sizeof t->unit) == NULL)
            fail(c, "target %zu: unit not terminated", i);
        check_pos(c, "target", i, &t->pos);
        check_pos(c, "target value", i, &t->value_pos);
        check_span(c, "target", i, &t->pos, &t->end);
        check_utf8(c, "target text", i, t->text);
        check_utf8(c, "target group", i, t->group);
    }
}

static void check_citations(checker *c, const pl_doc *doc)
{
    for (size_t i = 0; i < doc->ncitations; i++) {
        const pl_citation *ct = &doc->citations[i];
        if (ct->flat_start > ct->flat_end || ct->flat_end > doc->text.flat_len)
            fail(c, "citation %zu: flat range [%zu, %zu) past %zu", i, ct->flat_start,
                 ct->flat_end, doc->text.flat_len);
        check_pos(c, "citation", i, &ct->pos);
        check_span(c, "citation", i, &ct->pos, &ct->end);
        check_utf8(c, "citation number", i, ct->number);
        check_utf8(c, "citation issuer", i, ct->issuer);
    }
}

static void check_info(checker *c, const pl_doc *doc)
{
    const pl_docinfo *in = &doc->info;
    if (in->header_end > doc->text.nparas || in->end_start > doc->text.nparas)
        fail(c, "header ends at paragraph %zu, end block at %zu, of %zu", in->header_end,
             in->end_start, doc->text.nparas);
    const pl_date *d = &in->date;
    if (d->month < 0 || d->month > 12 || d->day < 0 || d->day > 31 || d->year < 0)
        fail(c, "date %d-%d-%d out of range", d->year, d->month, d->day);
    for (size_t i = 0; i < in->nplaceholders; i++)
        check_pos(c, "placeholder", i, &in->placeholders[i].pos);
    check_utf8(c, "kind", 0, in->kind);
    check_utf8(c, "number", 0, in->number);
    check_utf8(c, "issuer", 0, in->issuer);
    check_utf8(c, "locality", 0, in->locality);
}

int pl_doc_check(const pl_doc *doc, char *why, size_t why_size)
{
    checker c = {why, why_size, 0};
    if (why && why_size)
        why[0] = '\0';
    if (!doc) {
        fail(&c, "no document");
        return -1;
    }
    check_text(&c, &doc->text);
    check_sections(&c, doc);
    check_targets(&c, doc);
    check_citations(&c, doc);
    check_info(&c, doc);
    return c.failed ? -1 : 0;
}
