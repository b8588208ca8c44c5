/* check_values.c - rules about the plan's own numbers:
 *   value-out-of-range   a percentage above 100 or below 0, "trên 100%"
 *   conflicting-targets  one indicator and year, two values
 *   trend-inconsistent   a later year weaker than an earlier one
 *   unrealistic-target   a rate of 0 %, 100 % where the parent asks far less
 *   unrecognised-target  a target that matches no indicator
 * Values are compared in their own unit: a rate per 100 000 is never read
 * as a percentage (only percentages can be out of range).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

static int is_percent(const pl_target *t) { return !t->unit[0] || strcmp(t->unit, "%") == 0; }

/* The target's value as messages quote it, v[0] in Vietnamese and v[1]
 * in English; only one language asked (pl_ctx_lang): that one in both. */
static void value_args(const pl_ctx *cx, const pl_target *t, char v[2][64])
{
    for (int l = 0; l < 2; l++) {
        if (!pl_ctx_lang(cx, (pl_lang)l))
            continue;
        if (t->indicator)
            pl_fmt_ind_value(v[l], 64, cx->cat, t->cmp, t->value, t->indicator, (pl_lang)l);
        else
            pl_fmt_value(v[l], 64, cx->cat, t->cmp, t->value, t->unit, (pl_lang)l);
        if (cx->one_lang)
            memcpy(v[!l], v[l], 64);
    }
}

/* ---- value-out-of-range ------------------------------------------------- */

static void out_of_range(pl_ctx *cx, const pl_target *t)
{
    if (!pl_ctx_wants(cx, PL_R_VALUE_OUT_OF_RANGE))
        return;
    const char *msg = NULL;
    if (t->value > 100 || (t->value == 100 && t->cmp == PL_CMP_GT))
        msg = "value-out-of-range.above";
    else if (t->value < 0 || (t->value == 0 && t->cmp == PL_CMP_LT))
        msg = "value-out-of-range.below";
    if (!msg)
        return;
    char *q = pl_target_quote(cx->doc, t);
    if (!q) {
        cx->failed = 1;
        return;
    }
    pl_detail d = {t->indicator, NULL, t->year, NULL, NULL, 0};
    pl_arg a[] = {{"quote", q, NULL}};
    pl_ctx_add(cx, PL_R_VALUE_OUT_OF_RANGE, pl_span_target(cx->doc, t), &d, msg, a, 1);
    free(q);
}

/* ---- conflicting-targets and trend-inconsistent --------------------------
 *
 * Both walk the usable targets grouped by (indicator, year) in document
 * order (pl_target_order).  The first statement of a key is the plan's
 * value for it. */

/* Two values for one indicator and year in one paragraph split the group
 * ("trên 90% … giáo dục phổ thông, trên 95% … đào tạo nghề" both count as
 * cl.education); a conflict is a second statement elsewhere.  Each
 * statement is compared with the key's first statement, or, when it shares
 * that statement's paragraph, with the first statement outside it. */
static void conflicting(pl_ctx *cx, const pl_target *t, const pl_target *head,
                        const pl_target *other)
{
    const pl_target *o = t->para != head->para ? head : other;
    if (!pl_ctx_wants(cx, PL_R_CONFLICTING_TARGETS))
        return;
    if (!o || o == t || o->para == t->para || fabs(o->value - t->value) <= 1e-9)
        return;
    char v[2][64], ov[2][64], line[16];
    value_args(cx, t, v);
    value_args(cx, o, ov);
    snprintf(line, sizeof line, "%u", (unsigned)o->pos.line);
    pl_detail d = {t->indicator, NULL, t->year, NULL, NULL, 0};
    pl_arg a[] = {{"value", v[0], v[1]}, {"other_value", ov[0], ov[1]}, {"other_line", line, NULL}};
    pl_ctx_add(cx, PL_R_CONFLICTING_TARGETS, pl_span_target(cx->doc, t), &d, "conflicting-targets", a, 3);
}

/* t (the first statement of its year) against e (that of the indicator's
 * previous year). */
static void trend(pl_ctx *cx, const pl_target *t, const pl_target *e)
{
    if (!pl_weaker(t->indicator->direction, t->value, e->value))
        return;
    char v[2][64], ev[2][64], year[16], line[16];
    value_args(cx, t, v);
    value_args(cx, e, ev);
    snprintf(year, sizeof year, "%d", e->year);
    snprintf(line, sizeof line, "%u", (unsigned)e->pos.line);
    pl_detail d = {t->indicator, NULL, t->year, NULL, NULL, 0};
    pl_arg a[] = {{"value", v[0], v[1]},
                  {"earlier_value", ev[0], ev[1]},
                  {"earlier_year", year, NULL},
                  {"earlier_line", line, NULL}};
    pl_ctx_add(cx, PL_R_TREND_INCONSISTENT, pl_span_target(cx->doc, t), &d, "trend-inconsistent", a, 4);
}

static int by_keys(pl_ctx *cx)
{
    size_t n;
    int failed = 0;
    size_t *order = pl_target_order(cx->doc, &n, &failed);
    const pl_target *head = NULL, *other = NULL, *prev_year_head = NULL;
    for (size_t k = 0; k < n && !cx->failed; k++) {
        const pl_target *t = &cx->doc->targets[order[k]];
        if (!head || !pl_target_same_key(head, t)) {
            /* a new key: the previous head is the earlier year of the same
             * indicator, if it is one */
            prev_year_head = head && strcmp(head->indicator->id, t->indicator->id) == 0 ? head
                                                                                       : NULL;
            head = t;
            other = NULL;
            if (prev_year_head)
                trend(cx, t, prev_year_head);
            continue;
        }
        conflicting(cx, t, head, other);
        if (!other && t->para != head->para)
            other = t;
    }
    free(order);
    return failed ? -1 : 0;
}

/* ---- unrealistic-target ------------------------------------------------- */

static void unrealistic(pl_ctx *cx, const pl_target *t)
{
    if (!pl_ctx_wants(cx, PL_R_UNREALISTIC_TARGET))
        return;
    /* the value is formatted only for a finding: most targets make none */
    char v[2][64];
    pl_arg a[] = {{"value", v[0], v[1]}};
    pl_detail d = {t->indicator, NULL, t->year, NULL, NULL, 0};
    if (t->indicator->direction == PL_DIR_LOWER) {
        /* "xuống 0%": no child labour at all; "dưới 0%" is out of range */
        if (t->value == 0 && t->cmp != PL_CMP_LT) {
            value_args(cx, t, v);
            pl_ctx_add(cx, PL_R_UNREALISTIC_TARGET, pl_span_target(cx->doc, t), &d, "unrealistic-target.zero", a, 1);
        }
        return;
    }
    if (t->value != 100 || t->cmp == PL_CMP_GT)
        return;
    const pl_pvalue *pv = pl_chain_value(cx->chain, t->indicator->id, t->year, 1);
    if (!pv || pv->value > 100 - cx->cat->full_gap)
        return;
    d.pvalue = pv;
    value_args(cx, t, v);
    pl_ctx_add(cx, PL_R_UNREALISTIC_TARGET, pl_span_target(cx->doc, t), &d, "unrealistic-target.full", a, 1);
}

/* ---- unrecognised-target ------------------------------------------------ */

static void unrecognised(pl_ctx *cx, const pl_target *t)
{
    if (!pl_ctx_wants(cx, PL_R_UNRECOGNISED_TARGET))
        return;
    /* a programme without indicators (the children's action programme)
     * has nothing to match: its plans' numbers are not ours to judge */
    if (!cx->program || cx->program->nindicators == 0)
        return;
    char v[2][64];
    value_args(cx, t, v);
    char *q = pl_quote_flat(cx->doc, t->flat_start, t->flat_end, 120);
    if (!q) {
        cx->failed = 1;
        return;
    }
    const char *prog = cx->program->decision_number ? cx->program->decision_number
                                                    : cx->program->id;
    pl_arg a[] = {{"value", v[0], v[1]}, {"quote", q, NULL}, {"program", prog, NULL}};
    pl_detail d = {NULL, NULL, t->year, NULL, NULL, 0};
    pl_ctx_add(cx, PL_R_UNRECOGNISED_TARGET, pl_span_target(cx->doc, t), &d, "unrecognised-target", a, 3);
    free(q);
}

int pl_check_values(pl_ctx *cx)
{
    const pl_doc *doc = cx->doc;
    for (size_t j = 0; j < doc->ntargets && !cx->failed; j++) {
        const pl_target *t = &doc->targets[j];
        /* a rate per 1 000 or per 100 000 may well be above 100 */
        if (is_percent(t))
            out_of_range(cx, t);
        if (!t->indicator)
            unrecognised(cx, t);
        else if (pl_target_comparable(t))
            unrealistic(cx, t);
    }
    if (!cx->failed && by_keys(cx) != 0)
        cx->failed = 1;
    return cx->failed ? -1 : 0;
}
