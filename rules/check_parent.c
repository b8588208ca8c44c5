/* check_parent.c - rules comparing the plan with its parents:
 *   missing-target      an indicator a parent sets that the plan does not
 *   weaker-than-parent  a target below (coverage) or above (rate) the
 *                       nearest parent's value
 * The parent values come from the chain (parents.c): for each indicator
 * and year, the nearest parent that states it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "rules.h"
#include "vocab.h"

/* ---- where a missing target would go ------------------------------------ */

/* Where the paragraph's key text has a word of the objectives
 * (objective-words, data/vocab/targets.xml: "mục tiêu") after at most a
 * short list marker ("a) ", "- ", "1. ", "II. "): the offset after it, or
 * (size_t)-1. */
static size_t objective_word(const char *k, size_t a, size_t b, const pl_vocab_list *l)
{
    for (size_t w = 0; w < l->n; w++) {
        size_t len = l->v[w].key_len, lim = a + 16 + len + 1;
        size_t at = pl_key_find(k, a, b < lim ? b : lim, l->v[w].key);
        if (at != (size_t)-1)
            return at + len;
    }
    return (size_t)-1;
}

/* The objective headings of a plan ("a) Mục tiêu 1: …", "II. MỤC TIÊU"),
 * read once: where the first is, and where the first of each number is
 * (up to PL_SPAN_MEMO numbers; a plan with more has the rest looked for
 * again).  The missing targets of one objective all go to the same place,
 * and finding it read the plan's paragraphs twice a target (a tenth of
 * the rule's time), then twice an objective. */
#define PL_SPAN_MEMO 16
typedef struct span_memo {
    int ready, full;
    size_t any;                      /* first heading, or (size_t)-1 */
    int number[PL_SPAN_MEMO];        /* N of "Mục tiêu N" */
    size_t para[PL_SPAN_MEMO];       /* its first heading */
    size_t n;
    size_t at[PL_SPAN_MEMO];         /* paragraphs whose span is known */
    pl_span span[PL_SPAN_MEMO];
    size_t nspans;
} span_memo;

/* Does paragraph p start, after an optional list marker, with "mục
 * tiêu"?  -1 no, else its number (0 for none: at most three digits). */
static int objective_number(const pl_doc *doc, const pl_para *p, const pl_vocab_list *words)
{
    const char *k = doc->text.key;
    size_t a = p->key_start, b = p->key_end;
    size_t i = objective_word(k, a, b, words);
    if (i == (size_t)-1)
        return -1;
    while (i < b && k[i] == ' ')
        i++;
    int n = 0;
    size_t digits = 0;
    for (; i < b && k[i] >= '0' && k[i] <= '9' && digits < 3; i++, digits++)
        n = n * 10 + (k[i] - '0');
    return digits > 0 ? n : 0;
}

static void read_headings(span_memo *m, const pl_doc *doc)
{
    const pl_text *t = &doc->text;
    const pl_vocab_list *words = pl_vocab("objective-words");
    m->ready = 1;
    m->any = (size_t)-1;
    for (size_t i = doc->info.header_end; i < doc->info.end_start && i < t->nparas; i++) {
        if (t->paras[i].kind == PL_PARA_TEXT)
            continue;
        int n = objective_number(doc, &t->paras[i], words);
        if (n < 0)
            continue;
        if (m->any == (size_t)-1)
            m->any = i;
        if (n == 0)
            continue;
        size_t j = 0;
        while (j < m->n && m->number[j] != n)
            j++;
        if (j < m->n)
            continue;
        if (m->n == PL_SPAN_MEMO) {
            m->full = 1;
            continue;
        }
        m->number[m->n] = n;
        m->para[m->n++] = i;
    }
}

/* The first heading of objective N (> 0), or (size_t)-1. */
static size_t heading_of(const span_memo *m, const pl_doc *doc, int objective)
{
    for (size_t j = 0; j < m->n; j++)
        if (m->number[j] == objective)
            return m->para[j];
    if (!m->full)
        return (size_t)-1;
    const pl_text *t = &doc->text;
    const pl_vocab_list *words = pl_vocab("objective-words");
    for (size_t i = m->any; i < doc->info.end_start && i < t->nparas; i++)
        if (t->paras[i].kind != PL_PARA_TEXT &&
            objective_number(doc, &t->paras[i], words) == objective)
            return i;
    return (size_t)-1;
}

/* The objective's own heading ("a) Mục tiêu 1: …"), else the objectives
 * part ("II. MỤC TIÊU"), else the start of the body. */
static pl_span missing_span(span_memo *m, const pl_doc *doc, int objective)
{
    if (!m->ready)
        read_headings(m, doc);
    const pl_text *t = &doc->text;
    size_t i = objective > 0 && m->any != (size_t)-1 ? heading_of(m, doc, objective) : (size_t)-1;
    if (i == (size_t)-1)
        i = m->any;
    if (i == (size_t)-1)
        i = doc->info.header_end;
    if (i >= t->nparas) {
        pl_pos p = {0, 1, 1};
        return pl_span_point(p);
    }
    for (size_t j = 0; j < m->nspans; j++)
        if (m->at[j] == i)
            return m->span[j];
    pl_span sp = pl_span_para_line(doc, i);
    if (m->nspans < PL_SPAN_MEMO) {
        m->at[m->nspans] = i;
        m->span[m->nspans++] = sp;
    }
    return sp;
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

/* Years are four digits, but any int is written whole (pl_decimal:
 * snprintf's "%d" without its cost; a finding of each missing target
 * asked it); the end of what it wrote. */
static char *put_year(char *w, int y)
{
    return w + pl_decimal(w, y);
}

/* "2021–2025", or the one year known ("0" for none); buf holds 32 bytes. */
static void period_text(const pl_doc *doc, char buf[32])
{
    int a = doc->info.period_start, b = doc->info.period_end;
    if (a && b && a != b) {
        char *w = put_year(buf, a);
        memcpy(w, "–", sizeof "–" - 1);
        put_year(w + sizeof "–" - 1, b);
    } else {
        put_year(buf, a ? a : b);
    }
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
    period_text(doc, period);
    pl_arg a[] = {{"period", period, NULL}};
    pl_detail d = {pv->ind, pv->indicator, pv->year, pv, NULL, reaches ? 0 : PL_SEV_INFO};
    pl_ctx_add(cx, PL_R_MISSING_TARGET, missing_span(memo, doc, pv->ind ? pv->ind->objective : 0), &d,
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

/* Which of the chain's values are numbers, and the first of their
 * (indicator, year) with one (pl_chain_value's answer: from the nearest
 * parent): first[i] for each value, from one pass over the values with a
 * table of the (indicator, year) seen (asking each value about the values
 * before it compared ids some 360 times a plan).  Returns how many, or
 * (size_t)-1 when first cannot be allocated (*first NULL). */
static size_t nearest_numbers(const pl_chain *ch, unsigned char **first)
{
    size_t n = ch->nvalues, cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    unsigned char *flags = calloc(n ? n : 1, 1);
    size_t *slot = calloc(cap, sizeof *slot); /* value index + 1, 0 = empty */
    *first = flags;
    if (!flags || !slot) {
        free(flags);
        free(slot);
        *first = NULL;
        return (size_t)-1;
    }
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        const pl_pvalue *v = &ch->values[i];
        if (!v->has_value)
            continue;
        uint32_t h = pl_fnv1a_from(PL_FNV1A_BASIS ^ (uint32_t)v->year, v->indicator);
        size_t k = h & (cap - 1);
        for (; slot[k]; k = (k + 1) & (cap - 1)) {
            const pl_pvalue *u = &ch->values[slot[k] - 1];
            if (u->year == v->year && strcmp(u->indicator, v->indicator) == 0)
                break;
        }
        if (slot[k])
            continue; /* a nearer parent states it */
        slot[k] = i + 1;
        flags[i] = 1;
        count++;
    }
    free(slot);
    return count;
}

/* A plan that restates none of its parent's targets (an agency's plan of
 * tasks: Tổng Liên đoàn Lao động 104/KH-TLĐ) is not missing 60 targets one
 * by one: it gets one note that it sets none (docs/NATIONAL-PROGRAMMES.md §3). */
static void missing_all(pl_ctx *cx, size_t count)
{
    const pl_parent *par = &cx->chain->items[cx->chain->values[0].parent];
    char num[PL_DECIMAL_MAX];
    (void)pl_decimal(num, (long long)count);
    pl_arg a[] = {{"count", num, NULL}};
    pl_detail d = {NULL, NULL, 0, NULL, par, PL_SEV_INFO};
    span_memo memo = {.ready = 0};
    pl_ctx_add(cx, PL_R_MISSING_TARGET, missing_span(&memo, cx->doc, 0), &d,
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
    unsigned char *first;
    size_t count = nearest_numbers(ch, &first);
    if (!first) {
        cx->failed = 1;
        return;
    }
    if (!restates_any(cx)) {
        if (count > 0)
            missing_all(cx, count);
        free(first);
        return;
    }
    span_memo memo = {.ready = 0};
    for (size_t i = 0; i < ch->nvalues && !cx->failed; i++) {
        const pl_pvalue *pv = &ch->values[i];
        if (!first[i] || skipped(cx, pv->indicator))
            continue;
        missing_one(cx, pv, &memo);
    }
    free(first);
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
    for (int l = 0; l < 2; l++)
        if (pl_ctx_lang(cx, (pl_lang)l))
            pl_fmt_ind_value(v[l], sizeof v[l], cx->cat, t->cmp, t->value, t->indicator,
                             (pl_lang)l);
    pl_arg a[] = {pl_ctx_arg(cx, "value", v[0], v[1])};
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
