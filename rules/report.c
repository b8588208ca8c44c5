/* report.c - a report: the findings about one document, and the public
 * accessors over it. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "report.h"
#include "array.h"

pl_report *pl_report_new(const char *source, pl_lang lang, pl_severity fail_on)
{
    pl_report *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->source = strdup(source ? source : "-");
    if (!r->source) {
        free(r);
        return NULL;
    }
    r->lang = lang;
    r->fail_on = fail_on;
    return r;
}

int pl_report_add_parent(pl_report *r, const char *name)
{
    if (PL_ARRAY_RESERVE(r->parents, r->capparents, r->nparents + 1) != 0)
        return -1;
    if (!(r->parents[r->nparents] = strdup(name)))
        return -1;
    r->nparents++;
    return 0;
}

/* A finding's strings live in one block, its Vietnamese message first:
 * one allocation a finding instead of five. */
static void free_finding(pl_finding *f)
{
    free(f->message[0]);
}

/* s copied to *w (NULL stays NULL), *w moved past it. */
static char *put_str(char **w, const char *s, size_t len)
{
    if (!s)
        return NULL;
    char *d = *w;
    memcpy(d, s, len + 1);
    *w += len + 1;
    return d;
}

int pl_report_add(pl_report *r, const pl_finding_spec *f)
{
    if (PL_ARRAY_RESERVE(r->items, r->cap, r->n + 1) != 0)
        return -1;
    const char *m0 = f->message[0] ? f->message[0] : "", *m1 = f->message[1] ? f->message[1] : "";
    /* one message for both languages (pl_checker_set_one_language): kept once */
    int shared = m0 == m1;
    const char *strs[5] = {m0, shared ? NULL : m1, f->indicator, f->parent, f->where};
    size_t lens[5], total = 0;
    for (int i = 0; i < 5; i++) {
        lens[i] = strs[i] ? strlen(strs[i]) : 0;
        if (strs[i])
            total += lens[i] + 1;
    }
    char *block = malloc(total), *w = block;
    if (!block)
        return -1;
    pl_finding *d = &r->items[r->n];
    d->rule = f->rule;
    d->rule_index = f->rule_index;
    d->seq = r->n;
    d->severity = f->severity;
    d->pos = f->span.start;
    d->span = f->span;
    d->year = f->year;
    d->confirmed = f->confirmed;
    d->message[0] = put_str(&w, m0, lens[0]);
    d->message[1] = shared ? d->message[0] : put_str(&w, m1, lens[1]);
    d->indicator = put_str(&w, f->indicator, lens[2]);
    d->parent = put_str(&w, f->parent, lens[3]);
    d->where = put_str(&w, f->where, lens[4]);
    r->n++;
    if ((unsigned)f->severity < PL_SEV_NEVER)
        r->counts[f->severity]++;
    return 0;
}

static int by_position(const void *a, const void *b)
{
    const pl_finding *x = a, *y = b;
    if (x->pos.line != y->pos.line)
        return x->pos.line < y->pos.line ? -1 : 1;
    if (x->pos.col != y->pos.col)
        return x->pos.col < y->pos.col ? -1 : 1;
    if (x->rule_index != y->rule_index)
        return x->rule_index < y->rule_index ? -1 : 1;
    /* findings of one rule at one place keep the order the rule made them */
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void pl_report_sort(pl_report *r)
{
    if (r->n > 1)
        qsort(r->items, r->n, sizeof *r->items, by_position);
}

void pl_report_free(pl_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free_finding(&r->items[i]);
    free(r->items);
    for (size_t i = 0; i < r->nparents; i++)
        free(r->parents[i]);
    free(r->parents);
    free(r->source);
    free(r->config);
    free(r);
}

/* ---- public accessors --------------------------------------------------- */

const char *pl_report_source(const pl_report *r)
{
    return r ? r->source : NULL;
}
size_t pl_report_count(const pl_report *r)
{
    return r ? r->n : 0;
}

size_t pl_report_count_severity(const pl_report *r, pl_severity s)
{
    return r && (unsigned)s < PL_SEV_NEVER ? r->counts[s] : 0;
}

int pl_report_fails(const pl_report *r)
{
    PL_ASSERT_ARG_NOERR(r, 0);
    for (int s = (int)r->fail_on; s < (int)PL_SEV_NEVER; s++)
        if (s > PL_SEV_OFF && r->counts[s] > 0)
            return 1;
    return 0;
}

size_t pl_report_parent_count(const pl_report *r)
{
    return r ? r->nparents : 0;
}

const char *pl_report_parent(const pl_report *r, size_t i)
{
    return r && i < r->nparents ? r->parents[i] : NULL;
}

pl_lang pl_report_lang(const pl_report *r)
{
    return r ? r->lang : PL_LANG_VI;
}

const char *pl_report_config(const pl_report *r)
{
    return r ? r->config : NULL;
}

const pl_finding *pl_report_finding(const pl_report *r, size_t i)
{
    return r && i < r->n ? &r->items[i] : NULL;
}

const char *pl_finding_rule(const pl_finding *f) { return f ? f->rule : NULL; }
pl_severity pl_finding_severity(const pl_finding *f) { return f ? f->severity : PL_SEV_OFF; }
unsigned long pl_finding_line(const pl_finding *f) { return f ? f->pos.line : 0; }
unsigned long pl_finding_column(const pl_finding *f) { return f ? f->pos.col : 0; }
unsigned long pl_finding_end_line(const pl_finding *f) { return f ? f->span.end.line : 0; }
unsigned long pl_finding_end_column(const pl_finding *f) { return f ? f->span.end.col : 0; }
size_t pl_finding_end_byte(const pl_finding *f) { return f ? f->span.end.byte : 0; }
long pl_finding_target(const pl_finding *f) { return f ? f->span.target : -1; }
long pl_finding_citation(const pl_finding *f) { return f ? f->span.citation : -1; }
const char *pl_finding_paragraph(const pl_finding *f) { return f ? f->where : NULL; }
const char *pl_finding_indicator(const pl_finding *f) { return f ? f->indicator : NULL; }
int pl_finding_year(const pl_finding *f) { return f ? f->year : 0; }
const char *pl_finding_parent(const pl_finding *f) { return f ? f->parent : NULL; }
int pl_finding_confirmed(const pl_finding *f) { return f ? f->confirmed : -1; }

const char *pl_finding_message(const pl_finding *f, pl_lang lang)
{
    return f ? f->message[lang == PL_LANG_EN] : NULL;
}
