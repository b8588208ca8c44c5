/* parents.c - the plans above a plan, and the values they set.
 *
 * A commune plan implements its district's plan, which implements the
 * province's, which implements the national programme.  The chain is:
 *   1. the plan given with --parent, if any;
 *   2. the plans of --plans DIR that the last plan in the chain cites,
 *      "Thực hiện …" (implements) before "Căn cứ …" (basis), matched by
 *      document number and issuer, in turn;
 *   3. the national programme the plan implements.
 * The values of all of them go into one table in chain order, so that the
 * value a finding compares with is the first one found: the nearest
 * parent that sets it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "rules.h"
#include "uni.h"

/* Plans above a plan: commune, district, province, ministry …; a longer
 * chain is a cycle the identity test missed or a malformed index. */
#define PL_MAX_PARENT_DEPTH 8

static int same_plan(const pl_doc *a, const pl_doc *b)
{
    if (a == b)
        return 1;
    if (strcmp(a->text.name, b->text.name) == 0)
        return 1;
    return a->info.number && b->info.number && pl_same_number(a->info.number, b->info.number) &&
           (!a->info.issuer || !b->info.issuer || pl_same_issuer(a->info.issuer, b->info.issuer));
}

/* ---- the index ---------------------------------------------------------- */

const pl_doc *pl_index_resolve(const pl_plan_index *index, const pl_citation *c)
{
    if (!index || !c->number)
        return NULL;
    const pl_doc *only = NULL;
    size_t same_number = 0;
    for (size_t i = 0; i < index->n; i++) {
        const pl_doc *d = index->docs[i];
        if (!d->info.number || !pl_same_number(d->info.number, c->number))
            continue;
        if (c->issuer && d->info.issuer) {
            if (pl_same_issuer(c->issuer, d->info.issuer))
                return d;
            continue;
        }
        same_number++;
        only = d;
    }
    /* numbers such as 81/KH-UBND are reused by every people's committee:
     * without an issuer, only a unique number identifies a plan */
    return same_number == 1 ? only : NULL;
}

/* ---- the chain ---------------------------------------------------------- */

int pl_doc_reach(const pl_doc *doc)
{
    /* an annual plan's "định hướng đến năm 2030" is its programme's
     * horizon, quoted, not a period of its own */
    if (doc->info.period_start && doc->info.period_start == doc->info.period_end)
        return doc->info.period_end;
    int y = doc->info.period_end;
    if (doc->info.horizon > y)
        y = doc->info.horizon;
    if (!y)
        y = doc->info.period_start;
    return y;
}

static int add_parent(pl_chain *ch, const char *name, const char *display, const pl_doc *doc,
                      const pl_program *program, int reach)
{
    if (PL_ARRAY_RESERVE(ch->items, ch->cap, ch->n + 1) != 0)
        return -1;
    pl_parent *p = &ch->items[ch->n];
    p->name = strdup(name);
    p->display = strdup(display);
    p->doc = doc;
    p->program = program;
    p->reach = reach;
    if (!p->name || !p->display) {
        free(p->name);
        free(p->display);
        return -1;
    }
    ch->n++;
    return 0;
}

/* by_entry: pv's indicator is an entry of one programme's table, as are
 * those of the values of its parent already added (a programme holds one
 * entry per id: program.c refuses a duplicate), so the entries compare,
 * not their ids; a plan's targets are compared by id. */
static int add_value(pl_chain *ch, const pl_pvalue *pv, int by_entry)
{
    /* the nearest statement of (indicator, year) in one parent is its value */
    for (size_t i = 0; i < ch->nvalues; i++) {
        const pl_pvalue *u = &ch->values[i];
        if (u->parent == pv->parent && u->year == pv->year &&
            (by_entry ? u->ind == pv->ind : strcmp(u->indicator, pv->indicator) == 0))
            return 0;
    }
    if (PL_ARRAY_RESERVE(ch->values, ch->capvalues, ch->nvalues + 1) != 0)
        return -1;
    ch->values[ch->nvalues++] = *pv;
    return 0;
}

static int add_plan(pl_chain *ch, const pl_doc *d)
{
    char name[512];
    const pl_docinfo *in = &d->info;
    if (in->number && in->issuer)
        snprintf(name, sizeof name, "%s (%s)", in->number, in->issuer);
    else
        snprintf(name, sizeof name, "%s", in->number ? in->number : d->text.name);
    if (add_parent(ch, name, name, d, in->program, pl_doc_reach(d)) != 0)
        return -1;
    int idx = (int)ch->n - 1;
    for (size_t i = 0; i < d->ntargets; i++) {
        const pl_target *t = &d->targets[i];
        if (!pl_target_comparable(t))
            continue;
        pl_pvalue pv = {t->indicator->id, t->indicator, t->year, t->cmp, t->value, 1,
                        PL_CONF_OFFICIAL, idx};
        if (add_value(ch, &pv, 0) != 0)
            return -1;
    }
    return 0;
}

static int add_program(pl_chain *ch, const pl_program *p)
{
    const char *num = p->decision_number ? p->decision_number : p->id;
    char name[256];
    snprintf(name, sizeof name, "national:%s", num);
    int reach = p->horizon > p->period_end ? p->horizon : p->period_end;
    if (add_parent(ch, name, num, NULL, p, reach) != 0)
        return -1;
    int idx = (int)ch->n - 1;
    for (size_t i = 0; i < p->nrefs; i++) {
        const pl_reference *r = &p->refs[i];
        if (!r->indicator)
            continue;
        pl_pvalue pv = {r->indicator->id, r->indicator, r->year, r->cmp, r->value, r->has_value,
                        r->confidence, idx};
        if (add_value(ch, &pv, 1) != 0)
            return -1;
    }
    return 0;
}

/* The plan of the index that `d` implements (or, failing that, is based
 * on), not one already in the chain. */
static const pl_doc *next_parent(const pl_doc *d, const pl_plan_index *index,
                                 const pl_doc *const *seen, size_t nseen)
{
    static const pl_relation order[] = {PL_REL_IMPLEMENTS, PL_REL_BASIS};
    for (size_t o = 0; o < 2; o++)
        for (size_t i = 0; i < d->ncitations; i++) {
            const pl_citation *c = &d->citations[i];
            if (c->relation != order[o])
                continue;
            const pl_doc *p = pl_index_resolve(index, c);
            int dup = !p;
            for (size_t k = 0; p && k < nseen && !dup; k++)
                dup = same_plan(p, seen[k]);
            if (!dup)
                return p;
        }
    return NULL;
}

int pl_chain_build(pl_chain *ch, const pl_doc *doc, const pl_doc *first,
                   const pl_plan_index *index, const pl_program *program)
{
    memset(ch, 0, sizeof *ch);
    const pl_doc *seen[PL_MAX_PARENT_DEPTH + 2];
    size_t nseen = 0;
    seen[nseen++] = doc;
    const pl_doc *cur = doc;
    if (first) {
        if (add_plan(ch, first) != 0)
            return -1;
        seen[nseen++] = first;
        cur = first;
    }
    for (int depth = 0; index && index->n && depth < PL_MAX_PARENT_DEPTH; depth++) {
        const pl_doc *p = next_parent(cur, index, seen, nseen);
        if (!p)
            break;
        if (add_plan(ch, p) != 0)
            return -1;
        seen[nseen++] = p;
        cur = p;
    }
    if (program && add_program(ch, program) != 0)
        return -1;
    return 0;
}

const pl_pvalue *pl_chain_value(const pl_chain *ch, const char *indicator, int year,
                                int with_value)
{
    for (size_t i = 0; i < ch->nvalues; i++) {
        const pl_pvalue *v = &ch->values[i];
        if (v->year == year && strcmp(v->indicator, indicator) == 0 &&
            (!with_value || v->has_value))
            return v;
    }
    return NULL;
}

void pl_chain_free(pl_chain *ch)
{
    for (size_t i = 0; i < ch->n; i++) {
        free(ch->items[i].name);
        free(ch->items[i].display);
    }
    free(ch->items);
    free(ch->values);
    memset(ch, 0, sizeof *ch);
}
