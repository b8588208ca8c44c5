/* compare.c - `planlint compare`: the table of plans against the national
 * reference values, and its text, Markdown, CSV and JSON forms (the HTML
 * page is compare_html.c).
 *
 * Outline:
 *   handle     pl_compare_new / _add (copies what the table needs; the same
 *              plan twice is added once) / _free
 *   order      pl_compare_status: stronger, equal, weaker
 *   build      programme, columns, rows, cells (once, at the first render)
 *   words      values in Vietnamese convention, statuses, levels, headings
 *   formats    text, md, csv, json; pl_compare_render dispatches
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compare.h"
#include "array.h"
#include "error.h"
#include "escape.h"
#include "ident.h"
#include "json.h"
#include "uni.h"

/* ======================================================================
 * The handle
 * ====================================================================== */

pl_compare *pl_compare_new(const pl_programs *programs, const char *program_id, pl_error *err)
{
    PL_ASSERT_ARG(programs, err, NULL);
    if (program_id && !pl_programs_find(programs, program_id)) {
        pl_error_set(err, PL_ERR_USAGE, NULL, NULL, "unknown programme '%s' (see 'planlint programs')",
                  program_id);
        return NULL;
    }
    pl_compare *c = calloc(1, sizeof *c);
    if (c && program_id && !(c->asked = strdup(program_id))) {
        free(c);
        c = NULL;
    }
    if (!c)
        pl_error_set(err, PL_ERR_NOMEM, NULL, NULL, "out of memory");
    else
        c->programs = programs;
    return c;
}

static void free_table(pl_compare *c)
{
    for (size_t i = 0; c->cells && i < c->nrows * c->ncols; i++)
        free(c->cells[i].idx);
    free(c->cells);
    free(c->rows);
    free(c->cols);
    c->cells = NULL;
    c->rows = NULL;
    c->cols = NULL;
    c->nrows = c->ncols = 0;
    c->built = 0;
}

static void free_plan(pl_cplan *p)
{
    for (size_t i = 0; i < p->nvalues; i++)
        free(p->values[i].indicator);
    free(p->values);
    free(p->source);
    free(p->number);
    free(p->issuer);
    free(p->locality);
    free(p->program);
}

void pl_compare_free(pl_compare *c)
{
    if (!c)
        return;
    free_table(c);
    for (size_t i = 0; i < c->nplans; i++)
        free_plan(&c->plans[i]);
    free(c->plans);
    for (size_t i = 0; i < c->ndups; i++)
        free(c->dups[i].source);
    free(c->dups);
    free(c->asked);
    free(c);
}

static char *dup_or_null(const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *failed = 1;
    return d;
}

/* A target goes in its indicator's row only when it is of the
 * indicator's kind (unit, level or change, yearly or not): a rate per
 * 100 000 is never compared as a percentage, a cut never as a level. */
static int comparable(const pl_target *t)
{
    pl_kind kind = {t->unit, t->change, t->per_year};
    return t->indicator && isfinite(t->value) && pl_indicator_fits(t->indicator, &kind);
}

/* Targets with an indicator: the table has no row for the others (the
 * checker reports them as unrecognised-target). */
static int copy_values(pl_cplan *p, const pl_doc *doc)
{
    p->values = doc->ntargets ? calloc(doc->ntargets, sizeof *p->values) : NULL;
    if (doc->ntargets && !p->values)
        return -1;
    for (size_t i = 0; i < doc->ntargets; i++) {
        const pl_target *t = &doc->targets[i];
        if (!comparable(t))
            continue;
        pl_cvalue *v = &p->values[p->nvalues];
        if (!(v->indicator = strdup(t->indicator->id)))
            return -1;
        v->year = t->per_year ? 0 : t->year;
        v->cmp = t->cmp;
        v->value = t->value;
        memcpy(v->unit, t->indicator->unit, sizeof v->unit);
        v->unit[sizeof v->unit - 1] = '\0';
        v->change = t->change;
        v->per_year = t->per_year;
        v->line = t->pos.line;
        v->col = t->pos.col;
        p->nvalues++;
    }
    return 0;
}

static const char *source_of(const pl_doc *doc)
{
    return doc->text.name ? doc->text.name : "-";
}

/* The same targets in the same order: what a plan's text and its DOCX
 * give, and two different plans of one issuer almost never do. */
static int same_values(const pl_cplan *a, const pl_cplan *b)
{
    if (a->nvalues == 0 || a->nvalues != b->nvalues)
        return 0;
    for (size_t i = 0; i < a->nvalues; i++) {
        const pl_cvalue *x = &a->values[i], *y = &b->values[i];
        if (strcmp(x->indicator, y->indicator) != 0 || x->year != y->year || x->cmp != y->cmp ||
            x->value != y->value || strcmp(x->unit, y->unit) != 0)
            return 0;
    }
    return 1;
}

/* Whether two plans are one document given twice:
 *   the same file (standard input read twice is not);
 *   the same document number and issuer (a plan's text and its DOCX: one
 *   document, one number);
 *   no number on either (a draft, "Số:   /KH-UBND"), but the same issuer,
 *   period and targets: the draft's text and its DOCX. */
static int same_plan(const pl_cplan *a, const pl_cplan *b)
{
    if (strcmp(a->source, "-") != 0 && strcmp(a->source, b->source) == 0)
        return 1;
    if (!pl_same_issuer(a->issuer, b->issuer))
        return 0;
    if (a->number || b->number)
        return pl_same_number(a->number, b->number);
    return a->period_start == b->period_start && a->period_end == b->period_end &&
           same_values(a, b);
}

/* The plan already added that p is, or -1. */
static int same_as_added(const pl_compare *c, const pl_cplan *p)
{
    for (size_t k = 0; k < c->nplans; k++)
        if (same_plan(p, &c->plans[k]))
            return (int)k;
    return -1;
}

/* p (built in the free slot after the plans) is not added: it is the
 * same as plans[kept].  Its source is kept for the list of duplicates. */
static int add_duplicate(pl_compare *c, pl_cplan *p, size_t kept)
{
    int rc = PL_ARRAY_RESERVE(c->dups, c->capdups, c->ndups + 1);
    if (rc == 0) {
        c->dups[c->ndups++] = (pl_cdup){p->source, kept};
        p->source = NULL;
    }
    free_plan(p);
    return rc == 0 ? 0 : -1;
}

size_t pl_compare_duplicates(const pl_compare *c)
{
    return c ? c->ndups : 0;
}

int pl_compare_duplicate(const pl_compare *c, size_t i, const char **dropped, const char **kept)
{
    PL_ASSERT_ARG_NOERR(c, -1);
    if (i >= c->ndups)
        return -1;
    if (dropped)
        *dropped = c->dups[i].source;
    if (kept)
        *kept = c->plans[c->dups[i].kept].source;
    return 0;
}

int pl_compare_add(pl_compare *c, const pl_doc *doc)
{
    PL_ASSERT_ARG_NOERR(c, -1);
    PL_ASSERT_ARG_NOERR(doc, -1);
    if (PL_ARRAY_RESERVE(c->plans, c->capplans, c->nplans + 1) != 0)
        return -1;
    pl_cplan *p = &c->plans[c->nplans];
    memset(p, 0, sizeof *p);
    const pl_docinfo *in = &doc->info;
    int failed = 0;
    p->source = dup_or_null(source_of(doc), &failed);
    p->number = dup_or_null(in->number, &failed);
    p->issuer = dup_or_null(in->issuer, &failed);
    p->locality = dup_or_null(in->locality, &failed);
    p->program = dup_or_null(in->program ? in->program->id : NULL, &failed);
    p->level = in->level;
    p->period_start = in->period_start;
    p->period_end = in->period_end;
    if (failed || copy_values(p, doc) != 0) {
        free_plan(p);
        return -1;
    }
    int same = same_as_added(c, p);
    if (same >= 0)
        return add_duplicate(c, p, (size_t)same);
    c->nplans++;
    free_table(c); /* a later render rebuilds with the new column */
    return 0;
}

size_t pl_compare_count(const pl_compare *c)
{
    return c ? c->nplans : 0;
}

/* ======================================================================
 * The order of targets
 * ====================================================================== */

/* A comparator that makes a bound strict on the indicator's good side:
 * "trên" for a coverage, "dưới" for a rate. */
static int strict(pl_direction dir, pl_cmp cmp)
{
    return dir == PL_DIR_LOWER ? cmp == PL_CMP_LT : cmp == PL_CMP_GT;
}

/* <0: a weaker than b, 0: the same, >0: stronger.  Values first (signed
 * by direction), then strictness.  Values come from the same decimal
 * parser, so equal decimals compare equal as doubles. */
static int order(pl_direction dir, pl_cmp c1, double v1, pl_cmp c2, double v2)
{
    double a = dir == PL_DIR_LOWER ? -v1 : v1, b = dir == PL_DIR_LOWER ? -v2 : v2;
    if (a != b)
        return a < b ? -1 : 1;
    return strict(dir, c1) - strict(dir, c2);
}

pl_cstatus pl_compare_status(pl_direction dir, pl_cmp cmp, double v, pl_cmp ncmp, double nv)
{
    if (!isfinite(v) || !isfinite(nv))
        return PL_CST_NOT_COMPARABLE;
    int o = order(dir, cmp, v, ncmp, nv);
    return o < 0 ? PL_CST_WEAKER : o > 0 ? PL_CST_STRONGER : PL_CST_EQUAL;
}

int pl_compare_weaker(pl_direction dir, pl_cmp cmp1, double v1, pl_cmp cmp2, double v2)
{
    return order(dir, cmp1, v1, cmp2, v2) < 0;
}

/* ======================================================================
 * Building the table
 * ====================================================================== */

/* --program, else the programme most plans implement (ties: registered
 * first), else the first of the registry.  Chosen by id: only the
 * programme chosen has its body read (pl_program_body). */
static const pl_program *choose_program(const pl_compare *c)
{
    if (c->asked)
        return pl_programs_find(c->programs, c->asked);
    size_t n = pl_programs_count(c->programs), best = 0, best_count = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = pl_programs_id_at(c->programs, i);
        size_t count = 0;
        for (size_t k = 0; k < c->nplans; k++)
            count += c->plans[k].program && strcmp(c->plans[k].program, id) == 0;
        if (count > best_count)
            best = i, best_count = count;
    }
    return n ? pl_programs_at(c->programs, best) : NULL;
}

/* A plan is a column unless it is known to implement another programme. */
static int build_columns(pl_compare *c)
{
    c->cols = calloc(c->nplans ? c->nplans : 1, sizeof *c->cols);
    if (!c->cols)
        return -1;
    for (size_t k = 0; k < c->nplans; k++) {
        pl_cplan *p = &c->plans[k];
        p->included = !p->program || (c->prog && strcmp(p->program, c->prog->id) == 0);
        if (p->included)
            c->cols[c->ncols++] = k;
    }
    return 0;
}

static int indicator_index(const pl_program *p, const char *id)
{
    for (size_t i = 0; i < p->nindicators; i++)
        if (strcmp(p->indicators[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* Unknown years (0) sort after the known ones. */
static int by_indicator_year(const void *a, const void *b, const pl_program *p)
{
    const pl_crow *x = a, *y = b;
    int ix = (int)(x->ind - p->indicators), iy = (int)(y->ind - p->indicators);
    if (ix != iy)
        return ix < iy ? -1 : 1;
    unsigned yx = (unsigned)x->year - 1u, yy = (unsigned)y->year - 1u;
    return yx < yy ? -1 : yx > yy;
}

static int has_row(const pl_compare *c, const pl_indicator *ind, int year)
{
    for (size_t r = 0; r < c->nrows; r++)
        if (c->rows[r].ind == ind && c->rows[r].year == year)
            return 1;
    return 0;
}

static int add_row(pl_compare *c, size_t *cap, const pl_indicator *ind, int year)
{
    if (has_row(c, ind, year))
        return 0;
    if (pl_array_reserve(&c->rows, cap, c->nrows + 1, sizeof *c->rows) != 0)
        return -1;
    c->rows[c->nrows++] = (pl_crow){ind, year, pl_program_ref(c->prog, ind->id, year)};
    return 0;
}

/* Insertion sort: rows are indicators x a few years, and it needs no
 * context pointer (qsort has none for the programme). */
static void sort_rows(pl_compare *c)
{
    for (size_t i = 1; i < c->nrows; i++) {
        pl_crow tmp = c->rows[i];
        size_t j = i;
        while (j > 0 && by_indicator_year(&c->rows[j - 1], &tmp, c->prog) > 0) {
            c->rows[j] = c->rows[j - 1];
            j--;
        }
        c->rows[j] = tmp;
    }
}

/* Rows: every reference of the programme, and every (indicator, year) a
 * column states for one of the programme's indicators.  has_row makes
 * this quadratic in the number of rows, which is indicators x years (a
 * few dozen), never in the size of the input. */
static int build_rows(pl_compare *c)
{
    size_t cap = 0;
    const pl_program *p = c->prog;
    for (size_t i = 0; i < p->nrefs; i++)
        if (p->refs[i].indicator && add_row(c, &cap, p->refs[i].indicator, p->refs[i].year) != 0)
            return -1;
    for (size_t k = 0; k < c->ncols; k++) {
        const pl_cplan *pl = &c->plans[c->cols[k]];
        for (size_t i = 0; i < pl->nvalues; i++) {
            int ind = indicator_index(p, pl->values[i].indicator);
            if (ind >= 0 && add_row(c, &cap, &p->indicators[ind], pl->values[i].year) != 0)
                return -1;
        }
    }
    sort_rows(c);
    return 0;
}

/* The whole of a unit: no share of anything is above it. */
static const struct {
    const char *unit;
    double whole;
} UNIT_WHOLE[] = {
    {"%", 100},
    {"‰", 1000},
};

int pl_compare_impossible(const pl_cvalue *v)
{
    if (v->value < 0 || (v->cmp == PL_CMP_LT && v->value <= 0))
        return 1;
    if (v->change == PL_CHANGE_INCREASE)
        return 0;
    for (size_t i = 0; i < sizeof UNIT_WHOLE / sizeof *UNIT_WHOLE; i++)
        if (strcmp(v->unit, UNIT_WHOLE[i].unit) == 0)
            return v->value > UNIT_WHOLE[i].whole ||
                   (v->cmp == PL_CMP_GT && v->value >= UNIT_WHOLE[i].whole);
    return 0;
}

/* Any impossible value makes the cell invalid: it is the plan's error,
 * whichever value is the weakest, and must never read as "stronger". */
static int any_impossible(const pl_cplan *p, const pl_ccell *cell)
{
    for (size_t i = 0; i < cell->n; i++)
        if (pl_compare_impossible(&p->values[cell->idx[i]]))
            return 1;
    return 0;
}

static pl_cstatus cell_status(const pl_crow *row, const pl_cplan *p, const pl_ccell *cell)
{
    if (cell->n == 0)
        return PL_CST_MISSING;
    if (any_impossible(p, cell))
        return PL_CST_INVALID;
    if (!row->ref || !row->ref->has_value)
        return PL_CST_NOT_COMPARABLE;
    const pl_cvalue *w = &p->values[cell->weakest];
    return pl_compare_status(row->ind->direction, w->cmp, w->value, row->ref->cmp, row->ref->value);
}

static int fill_cell(const pl_crow *row, const pl_cplan *p, pl_ccell *cell)
{
    for (size_t i = 0; i < p->nvalues; i++) {
        const pl_cvalue *v = &p->values[i];
        if (v->year != row->year || strcmp(v->indicator, row->ind->id) != 0)
            continue;
        if (PL_ARRAY_RESERVE(cell->idx, cell->cap, cell->n + 1) != 0)
            return -1;
        const pl_cvalue *w = &p->values[cell->weakest];
        if (cell->n == 0 ||
            pl_compare_weaker(row->ind->direction, v->cmp, v->value, w->cmp, w->value))
            cell->weakest = i;
        cell->idx[cell->n++] = i;
    }
    cell->status = cell_status(row, p, cell);
    return 0;
}

static int build_cells(pl_compare *c)
{
    size_t n = c->nrows * c->ncols;
    c->cells = calloc(n ? n : 1, sizeof *c->cells);
    if (!c->cells)
        return -1;
    for (size_t r = 0; r < c->nrows; r++)
        for (size_t k = 0; k < c->ncols; k++)
            if (fill_cell(&c->rows[r], &c->plans[c->cols[k]], &c->cells[r * c->ncols + k]) != 0)
                return -1;
    return 0;
}

int pl_compare_build(pl_compare *c)
{
    if (c->built)
        return 0;
    free_table(c);
    c->prog = choose_program(c);
    if (build_columns(c) != 0 || (c->prog && (build_rows(c) != 0 || build_cells(c) != 0))) {
        free_table(c);
        return -1;
    }
    c->built = 1;
    return 0;
}

const char *pl_compare_program(pl_compare *c)
{
    PL_ASSERT_ARG_NOERR(c, NULL);
    if (!c->built && pl_compare_build(c) != 0)
        return NULL;
    return c->prog ? c->prog->id : NULL;
}

/* ======================================================================
 * Words and numbers
 * ====================================================================== */

static const char *cmp_symbol(pl_cmp cmp)
{
    switch (cmp) {
    case PL_CMP_GE: return "≥ ";
    case PL_CMP_GT: return "> ";
    case PL_CMP_LE: return "≤ ";
    case PL_CMP_LT: return "< ";
    case PL_CMP_EQ: return "= ";
    default: return "";
    }
}

/* Vietnamese convention: a decimal comma (4,9), no thousands separator
 * (the largest values are rates per 100 000: "550"). */
void pl_compare_fmt_value(pl_buf *b, pl_cmp cmp, double value)
{
    char num[64];
    pl_json_format_num(num, sizeof num, value);
    for (char *p = num; *p; p++)
        if (*p == '.')
            *p = ',';
    pl_buf_puts(b, cmp_symbol(cmp));
    pl_buf_puts(b, num);
}

/* How the values of an indicator are counted, by its unit and whether it
 * is a change.  The unit names are those of program.xsd. */
static const struct {
    const char *unit;
    pl_change change;
    const char *vi, *en;
} UNIT_WORDS[] = {
    {"%", PL_CHANGE_NONE, "%", "%"},
    {"‰", PL_CHANGE_NONE, "‰", "‰"},
    {"per100k", PL_CHANGE_NONE, "/100.000", "per 100,000"},
    {"%", PL_CHANGE_DECREASE, "% giảm", "% cut"},
    {"%", PL_CHANGE_INCREASE, "% tăng", "% rise"},
    {"‰", PL_CHANGE_DECREASE, "‰ giảm", "‰ cut"},
    {"‰", PL_CHANGE_INCREASE, "‰ tăng", "‰ rise"},
    {"per100k", PL_CHANGE_DECREASE, "/100.000 giảm", "per 100,000 cut"},
    {"per100k", PL_CHANGE_INCREASE, "/100.000 tăng", "per 100,000 rise"},
};

const char *pl_compare_unit_words(const pl_indicator *ind, pl_lang lang)
{
    const char *unit = ind->unit[0] ? ind->unit : "%";
    for (size_t i = 0; i < sizeof UNIT_WORDS / sizeof *UNIT_WORDS; i++)
        if (strcmp(UNIT_WORDS[i].unit, unit) == 0 && UNIT_WORDS[i].change == ind->change)
            return lang == PL_LANG_EN ? UNIT_WORDS[i].en : UNIT_WORDS[i].vi;
    return unit; /* a unit a later schema adds: its own name */
}

int pl_compare_all_percent(const pl_compare *c)
{
    for (size_t r = 0; r < c->nrows; r++) {
        const pl_indicator *ind = c->rows[r].ind;
        if ((ind->unit[0] && strcmp(ind->unit, "%") != 0) || ind->change != PL_CHANGE_NONE)
            return 0;
    }
    return 1;
}

void pl_compare_fmt_year(pl_buf *b, const pl_crow *row, pl_lang lang)
{
    if (row->year)
        pl_buf_printf(b, "%d", row->year);
    else if (row->ind->per_year)
        pl_buf_puts(b, lang == PL_LANG_EN ? "yearly" : "hằng năm");
    else
        pl_buf_puts(b, "?");
}

void pl_compare_fmt_cell(pl_buf *b, const pl_cplan *p, const pl_ccell *cell)
{
    for (size_t i = 0; i < cell->n; i++) {
        const pl_cvalue *v = &p->values[cell->idx[i]];
        if (i > 0)
            pl_buf_puts(b, "; ");
        pl_compare_fmt_value(b, v->cmp, v->value);
    }
}

void pl_compare_fmt_national(pl_buf *b, const pl_crow *row)
{
    if (!row->ref)
        return;
    if (!row->ref->has_value)
        pl_buf_puts(b, "?");
    else
        pl_compare_fmt_value(b, row->ref->cmp, row->ref->value);
}

const char *pl_cstatus_name(pl_cstatus s)
{
    static const char *const names[] = {"missing", "not-comparable", "weaker",
                                        "equal",   "stronger",       "invalid"};
    return (unsigned)s < PL_CST_COUNT ? names[s] : "not-comparable";
}

const char *pl_cstatus_words(pl_cstatus s, pl_lang lang)
{
    static const char *const vi[] = {"không đặt", "không so sánh được", "yếu hơn", "bằng",
                                     "mạnh hơn",  "không hợp lệ"};
    static const char *const en[] = {"not set", "no national value", "weaker",
                                     "equal",   "stronger",          "invalid"};
    if ((unsigned)s >= PL_CST_COUNT)
        s = PL_CST_NOT_COMPARABLE;
    return lang == PL_LANG_EN ? en[s] : vi[s];
}

const char *pl_cstatus_symbol(pl_cstatus s)
{
    static const char *const sym[] = {"·", "?", "▼", "=", "▲", "!"};
    return (unsigned)s < PL_CST_COUNT ? sym[s] : "?";
}

const char *pl_compare_level_words(pl_level l, pl_lang lang)
{
    int en = lang == PL_LANG_EN;
    switch (l) {
    case PL_LEVEL_NATIONAL: return en ? "national" : "trung ương";
    case PL_LEVEL_PROVINCE: return en ? "province" : "tỉnh";
    case PL_LEVEL_DISTRICT: return en ? "district" : "cấp huyện";
    case PL_LEVEL_COMMUNE: return en ? "commune" : "cấp xã";
    default: return "";
    }
}

const char *pl_compare_label(const pl_indicator *ind, pl_lang lang)
{
    const char *l = lang == PL_LANG_EN ? ind->label_en : ind->label_vi;
    if (!l || !l[0])
        l = lang == PL_LANG_EN ? ind->label_vi : ind->label_en;
    return l && l[0] ? l : ind->id;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

static char *plan_label(const pl_cplan *p, pl_lang lang, int with_file)
{
    pl_buf b = PL_BUF_INIT;
    const char *level = pl_compare_level_words(p->level, lang);
    if (p->locality && p->locality[0]) {
        pl_buf_puts(&b, p->locality);
        if (level[0])
            pl_buf_printf(&b, " (%s)", level);
        if (with_file)
            pl_buf_printf(&b, " – %s", base_name(p->source));
    } else {
        pl_buf_puts(&b, with_file ? p->source : base_name(p->source));
    }
    pl_buf_cstr(&b);
    return b.failed ? (pl_buf_free(&b), NULL) : pl_buf_detach(&b, NULL);
}

void pl_compare_labels_free(char **labels, size_t n)
{
    for (size_t i = 0; labels && i < n; i++)
        free(labels[i]);
    free(labels);
}

/* Two plans of one locality and level (a draft and its final version)
 * would get one heading: both get the file name too (the whole path when
 * the heading is already the file name). */
char **pl_compare_labels(const pl_compare *c, pl_lang lang)
{
    size_t n = c->ncols;
    char **l = calloc(n ? n : 1, sizeof *l);
    int *dup = calloc(n ? n : 1, sizeof *dup);
    int ok = l && dup;
    for (size_t k = 0; ok && k < n; k++)
        ok = (l[k] = plan_label(&c->plans[c->cols[k]], lang, 0)) != NULL;
    for (size_t k = 0; ok && k < n; k++)
        for (size_t j = 0; j < n; j++)
            if (j != k && strcmp(l[j], l[k]) == 0)
                dup[k] = 1;
    for (size_t k = 0; ok && k < n; k++) {
        if (!dup[k])
            continue;
        char *s = plan_label(&c->plans[c->cols[k]], lang, 1);
        ok = s != NULL;
        if (ok) {
            free(l[k]);
            l[k] = s;
        }
    }
    free(dup);
    if (!ok) {
        pl_compare_labels_free(l, n);
        return NULL;
    }
    return l;
}

/* ======================================================================
 * text and md
 * ====================================================================== */

/* Longest indicator label in the text table; the full label is in the
 * legend under it.  Code points, not bytes: Vietnamese letters take two
 * or three bytes and one column. */
#define PL_TEXT_LABEL_MAX 34

typedef struct grid {
    size_t nrows, ncols; /* header row included */
    char **cell;         /* nrows x ncols, owned */
    pl_cstatus *status;  /* per cell, PL_CST_NOT_COMPARABLE for the fixed columns */
    int *colored;        /* whether the cell gets a status colour */
} grid;

static void grid_free(grid *g)
{
    for (size_t i = 0; g->cell && i < g->nrows * g->ncols; i++)
        free(g->cell[i]);
    free(g->cell);
    free(g->status);
    free(g->colored);
}

static int grid_set(grid *g, size_t r, size_t k, pl_buf *b, pl_cstatus st, int colored)
{
    pl_buf_cstr(b);
    if (b->failed)
        return -1;
    g->cell[r * g->ncols + k] = pl_buf_detach(b, NULL);
    g->status[r * g->ncols + k] = st;
    g->colored[r * g->ncols + k] = colored;
    return g->cell[r * g->ncols + k] ? 0 : -1;
}

/* s cut to at most max code points, with "…" when cut. */
static void put_truncated(pl_buf *b, const char *s, size_t max)
{
    size_t len = strlen(s), i = 0, n = 0;
    if (pl_utf8_count(s, len) <= max) {
        pl_buf_puts(b, s);
        return;
    }
    while (i < len && n + 1 < max) {
        int32_t cp;
        int k = pl_utf8_next(s, len, i, &cp);
        i += k > 0 ? (size_t)k : 1;
        n++;
    }
    pl_buf_put(b, s, i);
    pl_buf_puts(b, "…");
}

static const char *const HEAD_VI[] = {"Chỉ tiêu", "Mã", "Năm", "Đơn vị", "Quốc gia"};
static const char *const HEAD_EN[] = {"Indicator", "Id", "Year", "Unit", "National"};
#define FIXED_COLS 5

static int grid_header(grid *g, const pl_compare *c, char **labels, pl_lang lang)
{
    pl_buf b = PL_BUF_INIT;
    for (size_t k = 0; k < FIXED_COLS; k++) {
        pl_buf_puts(&b, (lang == PL_LANG_EN ? HEAD_EN : HEAD_VI)[k]);
        if (grid_set(g, 0, k, &b, PL_CST_NOT_COMPARABLE, 0) != 0)
            return -1;
    }
    for (size_t k = 0; k < c->ncols; k++) {
        pl_buf_puts(&b, labels[k]);
        if (grid_set(g, 0, FIXED_COLS + k, &b, PL_CST_NOT_COMPARABLE, 0) != 0)
            return -1;
    }
    return 0;
}

/* A national value that no official text confirms carries a '*'. */
static int unconfirmed(const pl_crow *row)
{
    return row->ref && row->ref->has_value && row->ref->confidence != PL_CONF_OFFICIAL;
}

static int grid_row(grid *g, const pl_compare *c, size_t r, pl_lang lang, int md)
{
    const pl_crow *row = &c->rows[r];
    pl_buf b = PL_BUF_INIT;
    size_t gr = r + 1;
    if (md)
        pl_buf_puts(&b, pl_compare_label(row->ind, lang));
    else
        put_truncated(&b, pl_compare_label(row->ind, lang), PL_TEXT_LABEL_MAX);
    int rc = grid_set(g, gr, 0, &b, PL_CST_NOT_COMPARABLE, 0);
    pl_buf_puts(&b, row->ind->id);
    rc |= grid_set(g, gr, 1, &b, PL_CST_NOT_COMPARABLE, 0);
    pl_compare_fmt_year(&b, row, lang);
    rc |= grid_set(g, gr, 2, &b, PL_CST_NOT_COMPARABLE, 0);
    pl_buf_puts(&b, pl_compare_unit_words(row->ind, lang));
    rc |= grid_set(g, gr, 3, &b, PL_CST_NOT_COMPARABLE, 0);
    pl_compare_fmt_national(&b, row);
    if (b.len == 0)
        pl_buf_puts(&b, "—");
    if (unconfirmed(row))
        pl_buf_putc(&b, '*');
    rc |= grid_set(g, gr, 4, &b, PL_CST_NOT_COMPARABLE, 0);
    for (size_t k = 0; k < c->ncols; k++) {
        const pl_ccell *cell = pl_compare_cell(c, r, k);
        pl_compare_fmt_cell(&b, &c->plans[c->cols[k]], cell);
        if (cell->n)
            pl_buf_putc(&b, ' ');
        pl_buf_puts(&b, pl_cstatus_symbol(cell->status));
        rc |= grid_set(g, gr, FIXED_COLS + k, &b, cell->status, 1);
    }
    pl_buf_free(&b);
    return rc ? -1 : 0;
}

static int grid_build(grid *g, const pl_compare *c, pl_lang lang, int md)
{
    g->nrows = c->nrows + 1;
    g->ncols = FIXED_COLS + c->ncols;
    size_t n = g->nrows * g->ncols;
    g->cell = calloc(n, sizeof *g->cell);
    g->status = calloc(n, sizeof *g->status);
    g->colored = calloc(n, sizeof *g->colored);
    char **labels = pl_compare_labels(c, lang);
    int rc = g->cell && g->status && g->colored && labels ? 0 : -1;
    if (rc == 0)
        rc = grid_header(g, c, labels, lang);
    for (size_t r = 0; rc == 0 && r < c->nrows; r++)
        rc = grid_row(g, c, r, lang, md);
    pl_compare_labels_free(labels, c->ncols);
    return rc;
}

static size_t width(const char *s)
{
    return pl_utf8_count(s, strlen(s));
}

static const char *status_color(pl_cstatus s)
{
    switch (s) {
    case PL_CST_STRONGER: return "\033[32m";
    case PL_CST_WEAKER:
    case PL_CST_INVALID: return "\033[1;31m";
    case PL_CST_EQUAL: return "";
    default: return "\033[2m";
    }
}

static void text_row(pl_buf *b, const grid *g, size_t r, const size_t *w, int color)
{
    for (size_t k = 0; k < g->ncols; k++) {
        size_t i = r * g->ncols + k;
        const char *s = g->cell[i];
        const char *on = color && g->colored[i] ? status_color(g->status[i]) : "";
        if (k > 0)
            pl_buf_puts(b, "  ");
        pl_buf_puts(b, on);
        pl_buf_puts(b, s);
        if (on[0])
            pl_buf_puts(b, "\033[0m");
        if (k + 1 < g->ncols)
            for (size_t pad = width(s); pad < w[k]; pad++)
                pl_buf_putc(b, ' ');
    }
    pl_buf_putc(b, '\n');
}

/* The unit is the table's "Đơn vị" column: a programme mixes %, ‰, rates
 * per 100 000 and cuts, so the heading names none. */
static void heading_line(pl_buf *b, const pl_compare *c, pl_lang lang)
{
    const pl_program *p = c->prog;
    if (lang == PL_LANG_EN)
        pl_buf_printf(b, "Targets against %s (%s)\n",
                      p->decision_number ? p->decision_number : p->id, p->id);
    else
        pl_buf_printf(b, "Chỉ tiêu so với %s (%s)\n",
                      p->decision_number ? p->decision_number : p->id, p->id);
}

const pl_cstatus pl_cstatus_legend[6] = {PL_CST_STRONGER, PL_CST_EQUAL,          PL_CST_WEAKER,
                                    PL_CST_INVALID,  PL_CST_NOT_COMPARABLE, PL_CST_MISSING};

static void legend_lines(pl_buf *b, pl_lang lang, int md)
{
    const char *sep = md ? " · " : "  ";
    if (md)
        pl_buf_putc(b, '\n');
    for (size_t i = 0; i < sizeof pl_cstatus_legend / sizeof *pl_cstatus_legend; i++)
        pl_buf_printf(b, "%s%s %s", i ? sep : "", pl_cstatus_symbol(pl_cstatus_legend[i]),
                      pl_cstatus_words(pl_cstatus_legend[i], lang));
    /* Markdown would read a leading '*' as a bullet */
    pl_buf_puts(b, md ? "\n\\* " : "\n* ");
    pl_buf_puts(b, lang == PL_LANG_EN
                       ? "national value not confirmed by the official text; ? not established; "
                         "— not set by the programme for that year\n"
                       : "mức quốc gia chưa được xác nhận bằng văn bản chính thức; ? chưa rõ; "
                         "— chương trình không đặt cho năm đó\n");
}

/* Plans left out: they implement another programme. */
static void left_out(pl_buf *b, const pl_compare *c, pl_lang lang, int md)
{
    int first = 1;
    for (size_t k = 0; k < c->nplans; k++) {
        const pl_cplan *p = &c->plans[k];
        if (p->included)
            continue;
        if (md && first)
            pl_buf_putc(b, '\n');
        first = 0;
        pl_buf_printf(
            b, lang == PL_LANG_EN ? "%snot compared: " : "%skhông so sánh: ", md ? "- " : "");
        if (md)
            pl_esc_md(b, p->source);
        else
            pl_esc_visible_str(b, p->source);
        pl_buf_printf(b, lang == PL_LANG_EN ? " (implements %s)\n" : " (thực hiện %s)\n",
                      p->program);
    }
}

/* Every cell of the grid through an escape for the output's format: the
 * grid holds the text as read, each renderer makes it safe for its own
 * format (escape.h). */
static int grid_escape(grid *g, void (*esc)(pl_buf *, const char *))
{
    for (size_t i = 0; i < g->nrows * g->ncols; i++) {
        pl_buf b = PL_BUF_INIT;
        esc(&b, g->cell[i]);
        pl_buf_cstr(&b);
        if (b.failed)
            return pl_buf_free(&b), -1;
        free(g->cell[i]);
        g->cell[i] = pl_buf_detach(&b, NULL);
    }
    return 0;
}

static int render_text(pl_buf *b, const pl_compare *c, pl_lang lang, int color)
{
    grid g = {0};
    if (grid_build(&g, c, lang, 0) != 0 || grid_escape(&g, pl_esc_visible_str) != 0)
        return grid_free(&g), -1;
    size_t *w = calloc(g.ncols, sizeof *w);
    if (!w)
        return grid_free(&g), -1;
    for (size_t i = 0; i < g.nrows * g.ncols; i++)
        if (width(g.cell[i]) > w[i % g.ncols])
            w[i % g.ncols] = width(g.cell[i]);
    heading_line(b, c, lang);
    for (size_t r = 0; r < g.nrows; r++)
        text_row(b, &g, r, w, color);
    legend_lines(b, lang, 0);
    left_out(b, c, lang, 0);
    free(w);
    grid_free(&g);
    return 0;
}

/* A Markdown table cell: its text escaped (pl_esc_md: '|' cannot end the
 * cell, '<' cannot open HTML, a line break cannot end the row), or an
 * indicator id from the programme data as code. */
static void md_cell(pl_buf *b, const char *s, int code)
{
    pl_buf_putc(b, ' ');
    if (code)
        pl_buf_printf(b, "`%s`", s);
    else
        pl_esc_md(b, s);
    pl_buf_puts(b, " |");
}

static int render_md(pl_buf *b, const pl_compare *c, pl_lang lang)
{
    grid g = {0};
    if (grid_build(&g, c, lang, 1) != 0)
        return grid_free(&g), -1;
    pl_buf_puts(b, "### ");
    heading_line(b, c, lang);
    pl_buf_putc(b, '\n');
    for (size_t r = 0; r < g.nrows; r++) {
        pl_buf_putc(b, '|');
        for (size_t k = 0; k < g.ncols; k++)
            md_cell(b, g.cell[r * g.ncols + k], r > 0 && k == 1);
        pl_buf_putc(b, '\n');
        if (r == 0) {
            pl_buf_putc(b, '|');
            for (size_t k = 0; k < g.ncols; k++)
                pl_buf_puts(b, k >= 1 && k <= 3 ? ":---:|" : k >= 4 ? "---:|" : "---|");
            pl_buf_putc(b, '\n');
        }
    }
    legend_lines(b, lang, 1);
    left_out(b, c, lang, 1);
    grid_free(&g);
    return 0;
}

/* ======================================================================
 * csv and json: tidy long form
 * ====================================================================== */

const char *const pl_compare_long_columns[PL_LONG_NCOLS] = {
    "plan",
    "number",
    "level",
    "locality",
    "indicator",
    "label",
    "year",
    "comparator",
    "value",
    "unit",
    "change",
    "per_year",
    "cell",
    "targets",
    "line",
    "national_comparator",
    "national_value",
    "confidence",
    "status",
};

static pl_lfield lf_text(const char *s)
{
    return s ? (pl_lfield){PL_LF_TEXT, s, 0} : (pl_lfield){PL_LF_EMPTY, NULL, 0};
}

static pl_lfield lf_num(double v, int known)
{
    return known ? (pl_lfield){PL_LF_NUMBER, NULL, v} : (pl_lfield){PL_LF_EMPTY, NULL, 0};
}

void pl_compare_long_fields(const pl_compare *c, size_t k, size_t r, pl_lang lang, pl_buf *cell,
                            pl_lfield f[PL_LONG_NCOLS])
{
    const pl_cplan *p = &c->plans[c->cols[k]];
    const pl_crow *row = &c->rows[r];
    const pl_ccell *cl = pl_compare_cell(c, r, k);
    const pl_cvalue *w = cl->n ? &p->values[cl->weakest] : NULL; /* decides the status */
    const pl_reference *ref = row->ref;
    int national = ref && ref->has_value;
    pl_compare_fmt_cell(cell, p, cl);
    pl_buf_cstr(cell);
    size_t i = 0;
    f[i++] = lf_text(p->source);
    f[i++] = lf_text(p->number);
    f[i++] = lf_text(pl_level_name(p->level));
    f[i++] = lf_text(p->locality);
    f[i++] = lf_text(row->ind->id);
    f[i++] = lf_text(pl_compare_label(row->ind, lang));
    f[i++] = lf_num(row->year, row->year != 0);
    f[i++] = lf_text(w ? pl_cmp_name(w->cmp) : NULL);
    f[i++] = lf_num(w ? w->value : 0, w != NULL);
    f[i++] = lf_text(row->ind->unit);
    f[i++] = lf_text(pl_change_name(row->ind->change));
    f[i++] = (pl_lfield){PL_LF_BOOL, row->ind->per_year ? "true" : "false", row->ind->per_year};
    f[i++] = lf_text(w && !cell->failed ? cell->data : NULL);
    f[i++] = lf_num((double)cl->n, 1);
    f[i++] = lf_num(w ? w->line : 0, w != NULL);
    f[i++] = lf_text(national ? pl_cmp_name(ref->cmp) : NULL);
    f[i++] = lf_num(national ? ref->value : 0, national);
    f[i++] = lf_text(ref ? pl_confidence_name(ref->confidence) : NULL);
    f[i++] = lf_text(pl_cstatus_name(cl->status));
}

/* One field: text from outside `guard`ed (escape.h: formula injection,
 * as extract -f csv); a number planlint formats itself, never prefixed. */
static void csv_field(pl_buf *b, int first, const pl_lfield *f)
{
    char num[64];
    if (!first)
        pl_buf_putc(b, ',');
    if (f->kind == PL_LF_NUMBER)
        pl_json_format_num(num, sizeof num, f->num);
    pl_esc_csv_field(b, f->kind == PL_LF_NUMBER ? num : f->text, f->kind == PL_LF_TEXT);
}

static void csv_row(pl_buf *b, const pl_compare *c, size_t k, size_t r, pl_lang lang)
{
    pl_lfield f[PL_LONG_NCOLS];
    pl_buf cell = PL_BUF_INIT;
    pl_compare_long_fields(c, k, r, lang, &cell, f);
    for (size_t i = 0; i < PL_LONG_NCOLS; i++)
        csv_field(b, i == 0, &f[i]);
    pl_buf_puts(b, "\r\n");
    if (cell.failed)
        b->failed = 1;
    pl_buf_free(&cell);
}

/* RFC 4180, as extract -f csv: CRLF after every row, quotes only where a
 * field needs them, empty fields for unknown values, '.' as the decimal
 * point (the "cell" column keeps the Vietnamese form as shown).
 * Every status is a word (never empty, never "n/a"), so that pandas and
 * spreadsheets keep it as text. */
static int render_csv(pl_buf *b, const pl_compare *c, pl_lang lang)
{
    for (size_t i = 0; i < PL_LONG_NCOLS; i++)
        csv_field(b, i == 0, &(pl_lfield){PL_LF_TEXT, pl_compare_long_columns[i], 0});
    pl_buf_puts(b, "\r\n");
    for (size_t k = 0; k < c->ncols; k++)
        for (size_t r = 0; r < c->nrows; r++)
            csv_row(b, c, k, r, lang);
    return 0;
}

static void json_plan(pl_json *j, const pl_cplan *p, const char *label)
{
    pl_json_obj(j);
    pl_json_key(j, "plan");
    pl_json_str(j, p->source);
    pl_json_key(j, "label");
    pl_json_str(j, label);
    pl_json_key(j, "number");
    pl_json_str(j, p->number);
    pl_json_key(j, "issuer");
    pl_json_str(j, p->issuer);
    pl_json_key(j, "level");
    pl_json_str(j, pl_level_name(p->level));
    pl_json_key(j, "locality");
    pl_json_str(j, p->locality);
    pl_json_key(j, "program");
    pl_json_str(j, p->program);
    pl_json_end_obj(j);
}

static void json_row(pl_json *j, const pl_compare *c, size_t k, size_t r, pl_lang lang)
{
    pl_lfield f[PL_LONG_NCOLS];
    pl_buf cell = PL_BUF_INIT;
    pl_compare_long_fields(c, k, r, lang, &cell, f);
    pl_json_obj(j);
    for (size_t i = 0; i < PL_LONG_NCOLS; i++) {
        pl_json_key(j, pl_compare_long_columns[i]);
        if (f[i].kind == PL_LF_NUMBER)
            pl_json_num(j, f[i].num);
        else if (f[i].kind == PL_LF_BOOL)
            pl_json_bool(j, f[i].num != 0);
        else
            pl_json_str(j, f[i].text); /* NULL: null */
    }
    pl_json_end_obj(j);
    if (cell.failed)
        j->out->failed = 1;
    pl_buf_free(&cell);
}

static void json_head(pl_json *j, const pl_compare *c)
{
    pl_json_key(j, "planlint");
    pl_json_int(j, PL_CONTRACT_VERSION);
    pl_json_key(j, "program");
    pl_json_str(j, c->prog->id);
    pl_json_key(j, "decision");
    pl_json_str(j, c->prog->decision_number);
}

static int render_json(pl_buf *b, const pl_compare *c, pl_lang lang)
{
    char **labels = pl_compare_labels(c, lang);
    if (!labels)
        return -1;
    pl_json j;
    pl_json_init(&j, b, 1);
    pl_json_obj(&j);
    json_head(&j, c);
    pl_json_key(&j, "plans");
    pl_json_arr(&j);
    for (size_t k = 0; k < c->ncols; k++)
        json_plan(&j, &c->plans[c->cols[k]], labels[k]);
    pl_json_end_arr(&j);
    pl_json_key(&j, "excluded");
    pl_json_arr(&j);
    for (size_t k = 0; k < c->nplans; k++)
        if (!c->plans[k].included)
            json_plan(&j, &c->plans[k], NULL);
    pl_json_end_arr(&j);
    pl_json_key(&j, "rows");
    pl_json_arr(&j);
    for (size_t k = 0; k < c->ncols; k++)
        for (size_t r = 0; r < c->nrows; r++)
            json_row(&j, c, k, r, lang);
    pl_json_end_arr(&j);
    pl_json_end_obj(&j);
    pl_buf_putc(b, '\n');
    pl_compare_labels_free(labels, c->ncols);
    return 0;
}

/* ======================================================================
 * Rendering
 * ====================================================================== */

static int use_color(FILE *out)
{
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc)
        return 0;
    return isatty(fileno(out));
}

static int render_into(pl_buf *b, const pl_compare *c, FILE *out, pl_format fmt, pl_lang lang)
{
    switch (fmt) {
    case PL_FMT_TEXT: return render_text(b, c, lang, use_color(out));
    case PL_FMT_MD: return render_md(b, c, lang);
    case PL_FMT_CSV: return render_csv(b, c, lang);
    case PL_FMT_JSON: return render_json(b, c, lang);
    case PL_FMT_HTML: pl_compare_render_html(b, c, lang); return 0;
    default: return -1;
    }
}

static int fail(pl_error *err, pl_status st, const char *msg)
{
    pl_error_set(err, st, NULL, NULL, "%s", msg);
    return -1;
}

int pl_compare_render(pl_compare *c, FILE *out, pl_format fmt, pl_lang lang, pl_error *err)
{
    PL_ASSERT_ARG(c, err, -1);
    PL_ASSERT_ARG(out, err, -1);
    if (fmt != PL_FMT_TEXT && fmt != PL_FMT_MD && fmt != PL_FMT_CSV && fmt != PL_FMT_JSON &&
        fmt != PL_FMT_HTML && fmt != PL_FMT_XLSX)
        return fail(err, PL_ERR_USAGE, "unsupported format (text, md, csv, json, html, xlsx)");
    if (pl_compare_build(c) != 0)
        return fail(err, PL_ERR_NOMEM, "out of memory");
    if (!c->prog)
        return fail(err, PL_ERR_DATA, "no programme to compare with");
    if (fmt == PL_FMT_XLSX) /* a zip, written by libxlsxwriter (compare_xlsx.c) */
        return pl_compare_render_xlsx(c, out, lang, err);
    pl_buf b = PL_BUF_INIT;
    int rc = render_into(&b, c, out, fmt, lang);
    if (rc != 0 || b.failed) {
        pl_buf_free(&b);
        return fail(err, PL_ERR_NOMEM, "out of memory");
    }
    size_t len = b.len, n = fwrite(b.data ? b.data : "", 1, len, out);
    pl_buf_free(&b);
    if (n != len || fflush(out) != 0)
        return fail(err, PL_ERR_IO, "cannot write output");
    return 0;
}
