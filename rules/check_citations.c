/* check_citations.c - rules about the documents a plan cites:
 *   citation-order     a cited document dated after the plan
 *   citation-mismatch  a cited number, date or issuer that contradicts a
 *                      built-in programme's deciding document or a plan of
 *                      --plans DIR ("782/QĐ-TTg ngày 27/8/2021")
 *   parent-not-found   with --plans DIR, the plan the document implements
 *                      is not in the folder: it was compared with the
 *                      national programme instead, and says so
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "uni.h"

static void date_text(const pl_date *d, char *buf, size_t n)
{
    if (d->day && d->month)
        snprintf(buf, n, "%02d/%02d/%04d", d->day, d->month, d->year);
    else if (d->month)
        snprintf(buf, n, "%02d/%04d", d->month, d->year);
    else
        snprintf(buf, n, "%04d", d->year);
}

/* "782/QĐ-TTg", else the kind and title, else the kind. */
static void cited_name(const pl_citation *c, char *buf, size_t n)
{
    if (c->number)
        snprintf(buf, n, "%s", c->number);
    else if (c->title)
        snprintf(buf, n, "%s %s", c->kind ? c->kind : "", c->title);
    else
        snprintf(buf, n, "%s", c->kind ? c->kind : "?");
}

/* The citation names the plan itself (a summary repeating its number). */
static int is_self(const pl_doc *doc, const pl_citation *c)
{
    return c->number && doc->info.number && pl_same_number(c->number, doc->info.number);
}

/* ---- citation-order ----------------------------------------------------- */

/* Is a after b, comparing only what both dates state?  A draft dated
 * "ngày   tháng 6 năm 2024" is compared by month. */
static int date_after(const pl_date *a, const pl_date *b)
{
    if (!a->year || !b->year)
        return 0;
    if (a->year != b->year)
        return a->year > b->year;
    if (!a->month || !b->month)
        return 0;
    if (a->month != b->month)
        return a->month > b->month;
    if (!a->day || !b->day)
        return 0;
    return a->day > b->day;
}

static void order(pl_ctx *cx)
{
    const pl_doc *doc = cx->doc;
    const pl_date *own = &doc->info.date;
    if (!own->year)
        return;
    for (size_t i = 0; i < doc->ncitations && !cx->failed; i++) {
        const pl_citation *c = &doc->citations[i];
        if (is_self(doc, c) || !date_after(&c->date, own))
            continue;
        char name[256], cd[16], od[16];
        cited_name(c, name, sizeof name);
        date_text(&c->date, cd, sizeof cd);
        date_text(own, od, sizeof od);
        pl_arg a[] = {{"cited", name, NULL}, {"cited_date", cd, NULL}, {"date", od, NULL}};
        pl_ctx_add(cx, PL_R_CITATION_ORDER, pl_span_citation(doc, c), NULL, "citation-order", a, 3);
    }
}

/* ---- citation-mismatch -------------------------------------------------- */

static int parse_iso(const char *s, pl_date *d)
{
    memset(d, 0, sizeof *d);
    return s && sscanf(s, "%4d-%2d-%2d", &d->year, &d->month, &d->day) == 3;
}

/* Dates contradict when both are complete and differ. */
static int dates_differ(const pl_date *a, const pl_date *b)
{
    return a->year && a->month && a->day && b->year && b->month && b->day &&
           (a->year != b->year || a->month != b->month || a->day != b->day);
}

static void mismatch(pl_ctx *cx, const pl_citation *c, const char *msg, const char *known,
                     const pl_date *kd, const char *known_issuer, const char *title)
{
    char name[256], cd[16], kds[16];
    cited_name(c, name, sizeof name);
    date_text(&c->date, cd, sizeof cd);
    date_text(kd, kds, sizeof kds);
    pl_arg a[] = {{"cited", name, NULL},           {"cited_date", cd, NULL},
                  {"known", known, NULL},          {"known_date", kds, NULL},
                  {"cited_issuer", c->issuer ? c->issuer : "", NULL},
                  {"known_issuer", known_issuer ? known_issuer : "", NULL},
                  {"title", title ? title : "", NULL}};
    pl_ctx_add(cx, PL_R_CITATION_MISMATCH, pl_span_citation(cx->doc, c), NULL, msg, a, 7);
}

/* The part of a number after '/': "QĐ-TTg" of "782/QĐ-TTg". */
static const char *number_suffix(const char *n)
{
    const char *s = n ? strchr(n, '/') : NULL;
    return s ? s + 1 : NULL;
}

/* Longest stretch after a citation read as its title when the parser gave
 * none ("… ngày 27/5/2021 của Thủ tướng Chính phủ phê duyệt Chương trình
 * …"); it stops at ';' and at the next citation. */
#define PL_TITLE_WINDOW 400

/* The citation's title in loose form: the parser's, or the words after
 * it up to ';', the next citation or the paragraph's end. */
static char *loose_title(const pl_doc *doc, size_t ci)
{
    const pl_citation *c = &doc->citations[ci];
    if (c->title)
        return pl_fold_loose(c->title, strlen(c->title));
    const pl_text *t = &doc->text;
    size_t a = c->flat_end, b = a;
    size_t limit = a + PL_TITLE_WINDOW < t->flat_len ? a + PL_TITLE_WINDOW : t->flat_len;
    if (ci + 1 < doc->ncitations && doc->citations[ci + 1].flat_start > a &&
        doc->citations[ci + 1].flat_start < limit)
        limit = doc->citations[ci + 1].flat_start;
    while (b < limit && t->flat[b] != ';' && t->flat[b] != '\n')
        b++;
    return pl_fold_loose(t->flat + a, b - a);
}

/* A programme's deciding document cited with another number: the same kind
 * and issuer code ("/QĐ-TTg"), a title that names the programme, and not a
 * different date. */
static const pl_program *misnumbered(const pl_ctx *cx, size_t ci)
{
    const pl_citation *c = &cx->doc->citations[ci];
    if (!c->number)
        return NULL;
    char *loose = loose_title(cx->doc, ci);
    if (!loose)
        return NULL;
    const pl_program *p =
        pl_programs_match_title_period(cx->programs, loose, c->date.year, c->date.year);
    free(loose);
    if (!p || !p->decision_number || pl_same_number(p->decision_number, c->number))
        return NULL;
    /* A plan of 2014 citing "1555/QĐ-TTg … Chương trình hành động quốc
     * gia vì trẻ em" cites the programme of its own time, not the 2021
     * one of the same name; so does a plan that begins after the
     * programme ended (one of 2032 citing the 2031-2040 programme of
     * that name, which planlint does not know). */
    if (pl_doc_predates(cx->doc, p) || pl_doc_postdates(cx->doc, p))
        return NULL;
    const char *a = number_suffix(p->decision_number), *b = number_suffix(c->number);
    if (!a || !b || !pl_same_number(a, b))
        return NULL;
    pl_date pd;
    if (parse_iso(p->decision_date, &pd) && dates_differ(&c->date, &pd))
        return NULL;
    return p;
}

static void against_program(pl_ctx *cx, const pl_citation *c, const pl_program *p)
{
    pl_date pd;
    int has_date = parse_iso(p->decision_date, &pd);
    if (has_date && dates_differ(&c->date, &pd))
        mismatch(cx, c, "citation-mismatch.date", p->decision_number, &pd, p->decision_issuer,
                 NULL);
    else if (c->issuer && p->decision_issuer && !pl_same_issuer(c->issuer, p->decision_issuer))
        mismatch(cx, c, "citation-mismatch.issuer", p->decision_number, &pd, p->decision_issuer,
                 NULL);
}

static void check_one(pl_ctx *cx, size_t ci)
{
    const pl_citation *c = &cx->doc->citations[ci];
    const pl_program *p = c->number ? pl_programs_by_number(cx->programs, c->number) : NULL;
    if (p) {
        against_program(cx, c, p);
        return;
    }
    const pl_doc *d = pl_index_resolve(cx->index, c);
    if (d && d != cx->doc && dates_differ(&c->date, &d->info.date)) {
        mismatch(cx, c, "citation-mismatch.date", d->info.number, &d->info.date, d->info.issuer,
                 NULL);
        return;
    }
    const pl_program *m = misnumbered(cx, ci);
    if (m) {
        pl_date pd;
        parse_iso(m->decision_date, &pd);
        mismatch(cx, c, "citation-mismatch.number", m->decision_number, &pd, m->decision_issuer,
                 m->title);
    }
}

static void mismatches(pl_ctx *cx)
{
    const pl_doc *doc = cx->doc;
    for (size_t i = 0; i < doc->ncitations && !cx->failed; i++)
        if (!is_self(doc, &doc->citations[i]))
            check_one(cx, i);
}

/* ---- parent-not-found --------------------------------------------------- */

/* Whether the chain holds a plan (from --parent or the folder). */
static int chain_has_plan(const pl_chain *ch)
{
    for (size_t i = 0; i < ch->n; i++)
        if (ch->items[i].doc)
            return 1;
    return 0;
}

/* The citations the document implements ("Thực hiện Kế hoạch số 81/KH-UBND
 * …") that name a plan, not a programme's deciding document, and that the
 * folder does not hold: once the chain fell back past them. */
static void parent_not_found(pl_ctx *cx)
{
    const pl_doc *doc = cx->doc;
    if (!cx->index || cx->index->n == 0 || chain_has_plan(cx->chain) || cx->chain->n == 0)
        return;
    const pl_parent *next = &cx->chain->items[0];
    for (size_t i = 0; i < doc->ncitations && !cx->failed; i++) {
        const pl_citation *c = &doc->citations[i];
        if (c->relation != PL_REL_IMPLEMENTS || !c->number || is_self(doc, c) ||
            (cx->programs && pl_programs_by_number(cx->programs, c->number)) ||
            pl_index_resolve(cx->index, c))
            continue;
        char name[256];
        cited_name(c, name, sizeof name);
        pl_arg a[] = {{"cited", name, NULL}};
        pl_detail d = {NULL, NULL, 0, NULL, next, 0};
        pl_ctx_add(cx, PL_R_PARENT_NOT_FOUND, pl_span_citation(doc, c), &d, "parent-not-found", a,
                   1);
    }
}

int pl_check_citations(pl_ctx *cx)
{
    if (pl_ctx_enabled(cx, PL_R_PARENT_NOT_FOUND))
        parent_not_found(cx);
    if (pl_ctx_enabled(cx, PL_R_CITATION_ORDER))
        order(cx);
    if (cx->programs && pl_ctx_enabled(cx, PL_R_CITATION_MISMATCH))
        mismatches(cx);
    return cx->failed ? -1 : 0;
}
