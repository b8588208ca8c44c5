/* check_parent.c - rules comparing the plan with its parents:
 *   missing-target      an indicator a parent sets that the plan does not
 *   weaker-than-parent  a target below (coverage) or above (rate) the
 *                       nearest parent's value
 * The parent values come from the chain (parents.c): for each indicator
 * and year, the nearest parent that states it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "vocab.h"

/* ---- where a missing target would go ------------------------------------ */

/* Where the paragraph's key text has a word of the objectives
 * (objective-words, data/vocab/targets.xml: "mục tiêu") after at most a
 * short list marker ("a) ", "- ", "1. ", "II. "): the offset after it, or
 * (size_t)-1. */
static size_t objective_word(const char *k, size_t a, size_t b)
{
    const pl_vocab_list *l = pl_vocab("objective-words");
    for (size_t w = 0; w < l->n; w++) {
        size_t len = l->v[w].key_len, lim = a + 16 + len + 1;
        size_t at = pl_key_find(k, a, b < lim ? b : lim, l->v[w].key);
        if (at != (size_t)-1)
            return at + len;
    }
    return (size_t)-1;
}

/* Does the paragraph's key text start, after an optional list marker,
 * with "mục tiêu" (and, when objective > 0, that number)? */
static int para_is_objective(const pl_doc *doc, const pl_para *p, int objective)
{
    const char *k = doc->text.key;
    size_t a = p->key_start, b = p->key_end;
    size_t i = objective_word(k, a, b);
    if (i == (size_t)-1)
        return 0;
    if (objective <= 0)
        return 1;
    while (i < b && k[i] == ' ')
        i++;
    long n = 0;
    size_t digits = 0;
    for (; i < b && k[i] >= '0' && k[i] <= '9' && digits < 3; i++, digits++)
        n = n * 10 + (k[i] - '0');
    return digits > 0 && n == objective;
}

/* The objective's own heading ("a) Mục tiêu 1: …"), else the objectives
 * part ("II. MỤC TIÊU"), else the start of the body. */
static pl_span missing_span(const pl_doc *doc, int objective)
{
    const pl_text *t = &doc->text;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = doc->info.header_end; i < doc->info.end_start && i < t->nparas; i++)
            if (t->paras[i].kind != PL_PARA_TEXT &&
                para_is_objective(doc, &t->paras[i], pass == 0 ? objective : 0))
                return pl_span_para_line(doc, i);
    if (doc->info.header_end < t->nparas)
        return pl_span_para_line(doc, doc->info.header_end);
    pl_pos p = {0, 1, 1};
    return pl_span_point(p);
}

/* missing_span's answers for one plan: the missing targets of one
 * objective all go to the same place, and finding it reads the plan's
 * paragraphs (a tenth of the rule's time when it was asked per target). */
#define PL_SPAN_MEMO 16
typedef struct span_memo {
    int objective[PL_SPAN_MEMO];
    pl_span span[PL_SPAN_MEMO];
    size_t n;
} span_memo;

static pl_span missing_span_memo(span_memo *m, const pl_doc *doc, int objective)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->objective[i] == objective)
            return m->span[i];
    pl_span s = missing_span(doc, objective);
    if (m->n < PL_SPAN_MEMO) {
        m->objective[m->n] = objective;
        m->span[m->n++] = s;
    }
    return s;
}

/* ---- missing-target ----------------------------------------------------- */

static int skipped(const pl_ctx *cx, const char *indicator)
{
    for (size_t i = 0; i < cx->cat->nskips; i++)
        if (cx->cat->skips[i].level == cx->doc->info.level &&
            strcmp(cx->cat->skips[i].indicator, indicator) == 0)
            return 1;
    return 0;
}

/* Does the plan state the indicator for the year?  A plan whose period
 * ends before the year (an annual plan) restates it for its own years. */
static int restated(const pl_doc *doc, const char *indicator, int year, int reaches)
{
    for (size_t i = 0; i < doc->ntargets; i++) {
        const pl_target *t = &doc->targets[i];
        if (!t->indicator || strcmp(t->indicator->id, indicator) != 0)
            continue;
        if (!reaches || t->year == year || t->year == 0)
            return 1;
    }
    return 0;
}

static void period_text(const pl_doc *doc, char *buf, size_t n)
{
    int a = doc->info.period_start, b = doc->info.period_end;
    if (a && b && a != b)
        snprintf(buf, n, "%d–%d", a, b);
    else
        snprintf(buf, n, "%d", a ? a : b);
}

static void missing_one(pl_ctx *cx, const pl_pvalue *pv, span_memo *memo)
{
    const pl_doc *doc = cx->doc;
    int reach = pl_doc_reach(doc);
    /* a plan that starts after the year has nothing to restate for it; a
     * yearly change (year 0) holds in every year */
    if (pv->year && doc->info.period_start && doc->info.period_start > pv->year)
        return;
    int reaches = reach == 0 || reach >= pv->year;
    if (restated(doc, pv->indicator, pv->year, reaches))
        return;
    char period[32];
    period_text(doc, period, sizeof period);
    pl_arg a[] = {{"period", period, NULL}};
    pl_detail d = {pv->ind, pv->indicator, pv->year, pv, NULL, reaches ? 0 : PL_SEV_INFO};
    pl_ctx_add(cx, PL_R_MISSING_TARGET, missing_span_memo(memo, doc, pv->ind ? pv->ind->objective : 0), &d,
               reaches ? "missing-target" : "missing-target.period", a, 1);
}

/* Does the plan restate any of the chain's indicators, for any year (an
 * annual plan restates them for its own year)? */
static int restates_any(const pl_ctx *cx)
{
    const pl_chain *ch = cx->chain;
    for (size_t i = 0; i < cx->doc->ntargets; i++) {
        const pl_target *t = &cx->doc->targets[i];
        for (size_t k = 0; t->indicator && k < ch->nvalues; k++)
            if (strcmp(ch->values[k].indicator, t->indicator->id) == 0)
                return 1;
    }
    return 0;
}

static size_t count_missing(const pl_ctx *cx)
{
    size_t n = 0;
    const pl_chain *ch = cx->chain;
    for (size_t i = 0; i < ch->nvalues; i++)
        n += ch->values[i].has_value &&
             pl_chain_value(ch, ch->values[i].indicator, ch->values[i].year, 1) == &ch->values[i];
    return n;
}

/* A plan that restates none of its parent's targets (an agency's plan of
 * tasks: Tổng Liên đoàn Lao động 104/KH-TLĐ) is not missing 60 targets one
 * by one: it gets one note that it sets none (docs/NATIONAL-PROGRAMMES.md §3). */
static void missing_all(pl_ctx *cx)
{
    const pl_parent *par = &cx->chain->items[cx->chain->values[0].parent];
    char count[16];
    snprintf(count, sizeof count, "%zu", count_missing(cx));
    pl_arg a[] = {{"count", count, NULL}};
    pl_detail d = {NULL, NULL, 0, NULL, par, PL_SEV_INFO};
    pl_ctx_add(cx, PL_R_MISSING_TARGET, missing_span(cx->doc, 0), &d,
               "missing-target.none", a, 1);
}

/* Every (indicator, year) the chain sets with a number, once, from its
 * nearest parent.  A value stated in words only ("giảm tối đa") or not
 * established has no number a plan could restate. */
static void missing(pl_ctx *cx)
{
    const pl_chain *ch = cx->chain;
    if (ch->nvalues == 0)
        return;
    if (!restates_any(cx)) {
        if (count_missing(cx) > 0)
            missing_all(cx);
        return;
    }
    span_memo memo = {.n = 0};
    for (size_t i = 0; i < ch->nvalues && !cx->failed; i++) {
        const pl_pvalue *pv = &ch->values[i];
        if (!pv->has_value || pl_chain_value(ch, pv->indicator, pv->year, 1) != pv ||
            skipped(cx, pv->indicator))
            continue;
        missing_one(cx, pv, &memo);
    }
}

/* ---- weaker-than-parent ------------------------------------------------- */

static void weaker_one(pl_ctx *cx, const pl_target *t)
{
    const pl_pvalue *pv = pl_chain_value(cx->chain, t->indicator->id, t->year, 1);
    if (!pv)
        return;
    pl_direction dir = t->indicator->direction;
    if (!pl_weaker(dir, t->value, pv->value))
        return;
    char v[2][64];
    pl_fmt_ind_value(v[0], sizeof v[0], cx->cat, t->cmp, t->value, t->indicator, PL_LANG_VI);
    pl_fmt_ind_value(v[1], sizeof v[1], cx->cat, t->cmp, t->value, t->indicator, PL_LANG_EN);
    pl_arg a[] = {{"value", v[0], v[1]}};
    pl_detail d = {t->indicator, NULL, t->year, pv, NULL, 0};
    pl_ctx_add(cx, PL_R_WEAKER_THAN_PARENT, pl_span_target(cx->doc, t), &d,
               dir == PL_DIR_LOWER ? "weaker-than-parent.lower" : "weaker-than-parent.higher", a,
               1);
}

/* The first statement of each (indicator, year) is compared; a second,
 * different one is a conflict of the plan with itself (conflicting-targets). */
static void weaker(pl_ctx *cx)
{
    size_t n;
    int failed = 0;
    size_t *order = pl_target_order(cx->doc, &n, &failed);
    const pl_target *head = NULL;
    for (size_t k = 0; k < n && !cx->failed; k++) {
        const pl_target *t = &cx->doc->targets[order[k]];
        if (head && pl_target_same_key(head, t))
            continue;
        head = t;
        weaker_one(cx, t);
    }
    free(order);
    if (failed)
        cx->failed = 1;
}

int pl_check_parent(pl_ctx *cx)
{
    if (cx->chain->n == 0)
        return 0;
    if (pl_ctx_enabled(cx, PL_R_MISSING_TARGET))
        missing(cx);
    if (pl_ctx_enabled(cx, PL_R_WEAKER_THAN_PARENT))
        weaker(cx);
    return cx->failed ? -1 : 0;
}
