/* test_compare.c - render/compare.c and render/compare_html.c: the order
 * of targets (every direction x comparator case), the table the corpus
 * gives, and every format parsed back: CSV with an RFC 4180 reader
 * written here, JSON with json-c, HTML checked for escaping.  Two
 * hand-built plans carry the cases the corpus lacks: a split target
 * (Cà Mau's "trên 90%" general education and "trên 95%" vocational
 * training) and hostile names (quotes, commas, "<script>").
 *
 * The JSON Schema (data/schema/compare.schema.json) is checked by
 * tests/format_schema_check.sh with python3-jsonschema. */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compare.h"
#include "doc.h"
#include "test_util.h"
#include "uni.h"

/* ======================================================================
 * Helpers
 * ====================================================================== */

static pl_programs *programs(void)
{
    pl_error err = {0};
    pl_programs *ps = pl_programs_new_builtin(&err);
    cr_assert_not_null(ps, "%s", err.message);
    return ps;
}

static pl_doc *corpus_doc(const pl_programs *ps, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus/plans/%s", PL_SOURCE_DIR, name);
    pl_error err = {0};
    pl_doc *d = pl_doc_read(path, ps, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    return d;
}

/* A compare of `program` (NULL: the default) with every corpus plan
 * added, in the sorted order of the directory. */
static pl_compare *corpus_added(const pl_programs *ps, const char *program)
{
    pl_error err = {0};
    pl_compare *c = pl_compare_new(ps, program, &err);
    cr_assert_not_null(c, "%s", err.message);
    char **files = pl_test_corpus_files();
    for (size_t i = 0; files[i]; i++) {
        pl_doc *d = pl_doc_read(files[i], ps, NULL, &err);
        cr_assert_not_null(d, "%s", err.message);
        cr_assert_eq(pl_compare_add(c, d), 0);
        pl_doc_free(d);
    }
    pl_test_free_list(files);
    return c;
}

/* A compare over every corpus plan, in the sorted order of the directory. */
static pl_compare *corpus_compare(const pl_programs *ps)
{
    pl_compare *c = corpus_added(ps, NULL);
    cr_assert_eq(pl_compare_build(c), 0);
    return c;
}

/* A plan built by hand: only what pl_compare_add reads. */
typedef struct tgt {
    const char *indicator;
    int year;
    pl_cmp cmp;
    double value;
} tgt;

static pl_doc *hand_doc(const pl_programs *ps, const char *name, const char *locality,
                        pl_level level, const tgt *t, size_t n)
{
    const pl_program *p = pl_programs_find(ps, "child-labour-2021");
    cr_assert_not_null(p);
    pl_doc *d = calloc(1, sizeof *d);
    cr_assert_not_null(d);
    d->text.name = strdup(name);
    d->info.locality = locality ? strdup(locality) : NULL;
    d->info.level = level;
    d->info.program = p;
    d->targets = calloc(n ? n : 1, sizeof *d->targets);
    cr_assert_not_null(d->targets);
    for (size_t i = 0; i < n; i++) {
        d->targets[i].indicator = pl_program_indicator(p, t[i].indicator);
        cr_assert_not_null(d->targets[i].indicator, "%s", t[i].indicator);
        d->targets[i].year = t[i].year;
        d->targets[i].cmp = t[i].cmp;
        d->targets[i].value = t[i].value;
        strcpy(d->targets[i].unit, "%");
        d->targets[i].pos.line = (uint32_t)(10 + i);
        d->targets[i].pos.col = 1;
    }
    d->ntargets = n;
    return d;
}

static long column_of(const pl_compare *c, const char *file_part)
{
    for (size_t k = 0; k < c->ncols; k++)
        if (strstr(c->plans[c->cols[k]].source, file_part))
            return (long)k;
    return -1;
}

static long row_of(const pl_compare *c, const char *indicator, int year)
{
    for (size_t r = 0; r < c->nrows; r++)
        if (strcmp(c->rows[r].ind->id, indicator) == 0 && c->rows[r].year == year)
            return (long)r;
    return -1;
}

/* The cell as the table shows it ("> 90; > 95"), and its status. */
static pl_cstatus cell(const pl_compare *c, const char *file_part, const char *indicator, int year,
                       char *shown, size_t n)
{
    long k = column_of(c, file_part), r = row_of(c, indicator, year);
    cr_assert_geq(k, 0, "no column %s", file_part);
    cr_assert_geq(r, 0, "no row %s %d", indicator, year);
    const pl_ccell *cl = pl_compare_cell(c, (size_t)r, (size_t)k);
    pl_buf b = PL_BUF_INIT;
    pl_compare_fmt_cell(&b, &c->plans[c->cols[k]], cl);
    snprintf(shown, n, "%s", pl_buf_cstr(&b));
    pl_buf_free(&b);
    return cl->status;
}

typedef struct output {
    char *s;
    size_t n;
} output;

static output render(pl_compare *c, pl_format fmt, pl_lang lang)
{
    output o = {NULL, 0};
    FILE *f = open_memstream(&o.s, &o.n);
    cr_assert_not_null(f);
    pl_error err = {0};
    cr_assert_eq(pl_compare_render(c, f, fmt, lang, &err), 0, "%s", err.message);
    cr_assert_eq(fclose(f), 0);
    return o;
}

/* ======================================================================
 * The order: direction first, then the comparator
 * ====================================================================== */

typedef struct order_case {
    pl_direction dir;
    pl_cmp cmp;
    double v;
    pl_cmp ncmp;
    double nv;
    pl_cstatus want;
    const char *why;
} order_case;

Test(compare_status, every_direction_and_comparator)
{
    const pl_direction H = PL_DIR_HIGHER, L = PL_DIR_LOWER;
    static const order_case cases[] = {
        /* coverage: higher is stronger, "trên" is stricter than "≥" */
        {PL_DIR_HIGHER, PL_CMP_GE, 90, PL_CMP_GE, 90, PL_CST_EQUAL, "≥ 90 vs ≥ 90"},
        {PL_DIR_HIGHER, PL_CMP_GT, 90, PL_CMP_GE, 90, PL_CST_STRONGER, "> 90 vs ≥ 90"},
        {PL_DIR_HIGHER, PL_CMP_GE, 90, PL_CMP_GT, 90, PL_CST_WEAKER, "≥ 90 vs > 90"},
        {PL_DIR_HIGHER, PL_CMP_GT, 90, PL_CMP_GT, 90, PL_CST_EQUAL, "> 90 vs > 90"},
        {PL_DIR_HIGHER, PL_CMP_GE, 95, PL_CMP_GT, 90, PL_CST_STRONGER, "≥ 95 vs > 90"},
        {PL_DIR_HIGHER, PL_CMP_GT, 85, PL_CMP_GE, 90, PL_CST_WEAKER, "> 85 vs ≥ 90"},
        {PL_DIR_HIGHER, PL_CMP_GE, 60, PL_CMP_GE, 70, PL_CST_WEAKER, "Hưng Yên parents"},
        {PL_DIR_HIGHER, PL_CMP_GT, 100, PL_CMP_GT, 90, PL_CST_STRONGER,
         "order alone (the cell is invalid: see impossible_values_are_invalid)"},
        {PL_DIR_HIGHER, PL_CMP_EQ, 90, PL_CMP_GE, 90, PL_CST_EQUAL, "= 90 is a plain value"},
        {PL_DIR_HIGHER, PL_CMP_NONE, 90, PL_CMP_GE, 90, PL_CST_EQUAL, "bare 90"},
        {PL_DIR_HIGHER, PL_CMP_LE, 90, PL_CMP_GE, 90, PL_CST_EQUAL, "upper bound: value only"},
        {PL_DIR_HIGHER, PL_CMP_LT, 95, PL_CMP_GE, 90, PL_CST_STRONGER, "upper bound: value only"},
        /* rate: lower is stronger, "dưới" is stricter than "xuống" (≤) */
        {PL_DIR_LOWER, PL_CMP_LT, 4, PL_CMP_LE, 4.9, PL_CST_STRONGER, "Hưng Yên < 4"},
        {PL_DIR_LOWER, PL_CMP_LE, 4.9, PL_CMP_LE, 4.9, PL_CST_EQUAL, "≤ 4,9 vs ≤ 4,9"},
        {PL_DIR_LOWER, PL_CMP_LT, 4.9, PL_CMP_LE, 4.9, PL_CST_STRONGER, "< 4,9 vs ≤ 4,9"},
        {PL_DIR_LOWER, PL_CMP_LE, 4.9, PL_CMP_LT, 4.9, PL_CST_WEAKER, "≤ 4,9 vs < 4,9"},
        {PL_DIR_LOWER, PL_CMP_LE, 5, PL_CMP_LE, 4.9, PL_CST_WEAKER, "≤ 5 vs ≤ 4,9"},
        {PL_DIR_LOWER, PL_CMP_LT, 5, PL_CMP_LE, 4.9, PL_CST_WEAKER, "< 5 vs ≤ 4,9: value first"},
        {PL_DIR_LOWER, PL_CMP_LT, 1, PL_CMP_LE, 4.9, PL_CST_STRONGER, "Cà Mau < 1"},
        {PL_DIR_LOWER, PL_CMP_EQ, 4.9, PL_CMP_LE, 4.9, PL_CST_EQUAL, "= 4,9"},
        {PL_DIR_LOWER, PL_CMP_GT, 4.9, PL_CMP_LE, 4.9, PL_CST_EQUAL, "lower bound: value only"},
        {PL_DIR_LOWER, PL_CMP_LE, 0, PL_CMP_LE, 4.5, PL_CST_STRONGER, "≤ 0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const order_case *t = &cases[i];
        cr_expect_eq(pl_compare_status(t->dir, t->cmp, t->v, t->ncmp, t->nv), t->want,
                     "case %zu (%s): got %s", i, t->why,
                     pl_cstatus_name(pl_compare_status(t->dir, t->cmp, t->v, t->ncmp, t->nv)));
    }
    cr_expect_eq(pl_compare_status(H, PL_CMP_GE, NAN, PL_CMP_GE, 90), PL_CST_NOT_COMPARABLE);
    cr_expect_eq(pl_compare_status(L, PL_CMP_LE, 3, PL_CMP_LE, INFINITY), PL_CST_NOT_COMPARABLE);
}

Test(compare_status, weaker_is_the_same_order)
{
    cr_expect(pl_compare_weaker(PL_DIR_HIGHER, PL_CMP_GE, 90, PL_CMP_GT, 90));
    cr_expect_not(pl_compare_weaker(PL_DIR_HIGHER, PL_CMP_GT, 90, PL_CMP_GE, 90));
    cr_expect(pl_compare_weaker(PL_DIR_LOWER, PL_CMP_LE, 4.9, PL_CMP_LT, 4));
    cr_expect_not(pl_compare_weaker(PL_DIR_LOWER, PL_CMP_LE, 4.9, PL_CMP_LE, 4.9));
}

Test(compare_words, values_in_vietnamese_convention)
{
    static const struct {
        pl_cmp cmp;
        double v;
        const char *want;
    } cases[] = {
        {PL_CMP_GT, 90, "> 90"}, {PL_CMP_GE, 90, "≥ 90"}, {PL_CMP_LE, 4.9, "≤ 4,9"},
        {PL_CMP_LT, 1, "< 1"},   {PL_CMP_EQ, 70, "= 70"}, {PL_CMP_NONE, 2.25, "2,25"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pl_buf b = PL_BUF_INIT;
        pl_compare_fmt_value(&b, cases[i].cmp, cases[i].v);
        cr_expect_str_eq(pl_buf_cstr(&b), cases[i].want);
        pl_buf_free(&b);
    }
}

/* ======================================================================
 * The corpus table
 * ====================================================================== */

Test(compare_corpus, programme_columns_and_left_out)
{
    pl_programs *ps = programs();
    pl_compare *c = corpus_compare(ps);
    cr_assert_str_eq(pl_compare_program(c), "child-labour-2021");
    cr_expect_eq(pl_compare_count(c), 6);
    cr_expect_eq(c->ncols, 4, "TLĐ (23/QĐ-TTg) and Ninh Bình (1248/QĐ-TTg): left out");
    cr_expect_eq(column_of(c, "tld-agency"), -1);
    /* rows: indicators in the programme's order, years ascending */
    for (size_t r = 1; r < c->nrows; r++) {
        const pl_crow *a = &c->rows[r - 1], *b = &c->rows[r];
        cr_expect(a->ind < b->ind || (a->ind == b->ind && a->year < b->year), "row %zu", r);
    }
    cr_expect_geq(row_of(c, "train.coop", 2025), 0);
    cr_expect_geq(row_of(c, "cl.hazardous", 2030), 0, "a reference with no number is a row");
    pl_compare_free(c);
    pl_programs_free(ps);
}

Test(compare_corpus, hung_yen_and_hoang_duc)
{
    pl_programs *ps = programs();
    pl_compare *c = corpus_compare(ps);
    char s[128];
    cr_expect_eq(cell(c, "hung-yen", "comm.parents", 2025, s, sizeof s), PL_CST_WEAKER);
    cr_expect_str_eq(s, "≥ 60");
    cr_expect_eq(cell(c, "hung-yen", "comm.business", 2025, s, sizeof s), PL_CST_WEAKER);
    cr_expect_str_eq(s, "≥ 80");
    cr_expect_eq(cell(c, "hung-yen", "cl.rate", 2025, s, sizeof s), PL_CST_STRONGER,
                 "< 4 is stronger than ≤ 4,9");
    cr_expect_str_eq(s, "< 4");
    cr_expect_eq(cell(c, "hung-yen", "cl.education", 2025, s, sizeof s), PL_CST_EQUAL);
    cr_expect_str_eq(s, "> 90");
    cr_expect_eq(cell(c, "hoang-duc", "cl.education", 2025, s, sizeof s), PL_CST_INVALID,
                 "above 100 %% is a value no plan may set, never stronger");
    cr_expect_str_eq(s, "> 100");
    cr_expect_eq(cell(c, "hoang-duc", "cl.rate", 2025, s, sizeof s), PL_CST_MISSING);
    cr_expect_str_eq(s, "");
    cr_expect_eq(cell(c, "hoang-duc", "train.officials", 2025, s, sizeof s), PL_CST_MISSING);
    cr_expect_eq(cell(c, "binh-thuan", "train.business", 2025, s, sizeof s), PL_CST_NOT_COMPARABLE,
                 "the national value is not established");
    cr_expect_eq(cell(c, "lang-son", "comm.parents", 2024, s, sizeof s), PL_CST_NOT_COMPARABLE,
                 "no national value for 2024");
    cr_expect_eq(cell(c, "lang-son", "comm.parents", 2025, s, sizeof s), PL_CST_MISSING);
    pl_compare_free(c);
    pl_programs_free(ps);
}

Test(compare_corpus, program_asked_for)
{
    pl_programs *ps = programs();
    pl_error err = {0};
    cr_expect_null(pl_compare_new(ps, "no-such-programme", &err));
    cr_expect_eq(err.status, PL_ERR_USAGE);
    pl_compare *c = pl_compare_new(ps, "children-action-2021", &err);
    cr_assert_not_null(c);
    pl_doc *tld = corpus_doc(ps, "tld-agency-2021-children-action.txt");
    pl_doc *hy = corpus_doc(ps, "hung-yen-province-2021-news.txt");
    cr_assert_eq(pl_compare_add(c, tld), 0);
    cr_assert_eq(pl_compare_add(c, hy), 0);
    cr_assert_str_eq(pl_compare_program(c), "children-action-2021");
    cr_expect_eq(c->ncols, 1);
    cr_expect_eq(column_of(c, "tld-agency"), 0);
    pl_doc_free(tld);
    pl_doc_free(hy);
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* Compare chooses its programme by id and reads that one's body alone:
 * the other built-ins stay headers (pl_program_body). */
Test(compare_corpus, only_the_chosen_programme_is_read)
{
    pl_programs *ps = programs();
    pl_error err = {0};
    pl_compare *c = pl_compare_new(ps, NULL, &err);
    cr_assert_not_null(c, "%s", err.message);
    pl_doc *d = corpus_doc(ps, "hung-yen-province-2021-news.txt");
    cr_assert_eq(pl_compare_add(c, d), 0);
    cr_assert_str_eq(pl_compare_program(c), "child-labour-2021");
    cr_expect_geq(row_of(c, "cl.rate", 2025), 0, "the chosen programme's body is read");
    size_t read = 0;
    for (size_t i = 0; i < ps->n; i++) {
        read += ps->items[i]->nindicators > 0;
        if (strcmp(ps->items[i]->id, "child-labour-2021") != 0)
            cr_expect_eq(ps->items[i]->nindicators, 0, "%s read", ps->items[i]->id);
    }
    cr_expect_eq(read, 1);
    pl_doc_free(d);
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* A plan's text and its DOCX are one plan: one column, the first given
 * kept, the DOCX listed as the duplicate.  The draft (no number) is
 * recognised by its issuer, period and targets. */
Test(compare_duplicates, text_and_docx_are_one_column)
{
    pl_programs *ps = programs();
    pl_error err = {0};
    pl_compare *c = pl_compare_new(ps, NULL, &err);
    cr_assert_not_null(c);
    const char *const files[] = {"corpus/plans/hung-yen-province-2021-news.txt",
                                 "tests/fixtures/docx/hung-yen-province-2021-news.docx",
                                 "corpus/plans/lang-son-city-2024-draft.txt",
                                 "tests/fixtures/docx/lang-son-city-2024-draft.docx",
                                 "corpus/plans/hung-yen-province-2021-news.txt"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", PL_SOURCE_DIR, files[i]);
        pl_doc *d = pl_doc_read(path, ps, NULL, &err);
        cr_assert_not_null(d, "%s", err.message);
        cr_assert_eq(pl_compare_add(c, d), 0);
        pl_doc_free(d);
    }
    cr_expect_eq(pl_compare_count(c), 2, "Hưng Yên and Lạng Sơn, once each");
    cr_assert_eq(pl_compare_duplicates(c), 3);
    const char *want[][2] = {{"hung-yen-province-2021-news.docx", "hung-yen-province-2021-news.txt"},
                             {"lang-son-city-2024-draft.docx", "lang-son-city-2024-draft.txt"},
                             {"hung-yen-province-2021-news.txt", "hung-yen-province-2021-news.txt"}};
    for (size_t i = 0; i < 3; i++) {
        const char *dropped = NULL, *kept = NULL;
        cr_assert_eq(pl_compare_duplicate(c, i, &dropped, &kept), 0);
        cr_expect(strstr(dropped, want[i][0]) != NULL, "duplicate %zu is %s", i, dropped);
        cr_expect(strstr(kept, want[i][1]) != NULL, "duplicate %zu kept %s", i, kept);
    }
    cr_expect_eq(pl_compare_duplicate(c, 3, NULL, NULL), -1);
    cr_assert_eq(pl_compare_build(c), 0);
    cr_expect_eq(c->ncols, 2);
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* Not the same plan: one number from two issuers (every province has a
 * "12/KH-UBND"), and two drafts without a number of one issuer with
 * different targets. */
Test(compare_duplicates, same_number_or_issuer_alone_is_not_enough)
{
    pl_programs *ps = programs();
    pl_error err = {0};
    pl_compare *c = pl_compare_new(ps, NULL, &err);
    cr_assert_not_null(c);
    const tgt t90[] = {{"cl.education", 2025, PL_CMP_GE, 90}};
    const tgt t80[] = {{"cl.education", 2025, PL_CMP_GE, 80}};
    struct {
        const char *file, *number, *issuer;
        const tgt *t;
    } plans[] = {{"a.txt", "12/KH-UBND", "UBND tỉnh Hưng Yên", t90},
                 {"b.txt", "12/KH-UBND", "UBND tỉnh Lào Cai", t90},
                 {"c.txt", NULL, "UBND xã Hoằng Đức", t90},
                 {"d.txt", NULL, "UBND xã Hoằng Đức", t80},
                 {"e.txt", NULL, "UBND xã Hoằng Đức", t90}};
    for (size_t i = 0; i < 5; i++) {
        pl_doc *d = hand_doc(ps, plans[i].file, NULL, PL_LEVEL_PROVINCE, plans[i].t, 1);
        d->info.number = plans[i].number ? strdup(plans[i].number) : NULL;
        d->info.issuer = strdup(plans[i].issuer);
        cr_assert_eq(pl_compare_add(c, d), 0);
        pl_doc_free(d);
    }
    cr_expect_eq(pl_compare_count(c), 4, "a, b, c, d");
    cr_assert_eq(pl_compare_duplicates(c), 1, "e is c's draft given again");
    const char *dropped, *kept;
    pl_compare_duplicate(c, 0, &dropped, &kept);
    cr_expect_str_eq(dropped, "e.txt");
    cr_expect_str_eq(kept, "c.txt");
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* Cà Mau splits the education target: general education above 90 %,
 * vocational training above 95 %.  Both are shown; the weaker decides. */
Test(compare_cells, split_target_shows_all_takes_the_weakest)
{
    pl_programs *ps = programs();
    static const tgt t[] = {
        {"cl.education", 2025, PL_CMP_GT, 95}, {"cl.education", 2025, PL_CMP_GT, 90},
        {"cl.rate", 2025, PL_CMP_LT, 1},       {"comm.parents", 2025, PL_CMP_GE, 80},
        {"comm.parents", 2025, PL_CMP_GE, 65},
    };
    pl_doc *d = hand_doc(ps, "ca-mau.txt", "Cà Mau", PL_LEVEL_PROVINCE, t, 5);
    pl_error err = {0};
    pl_compare *c = pl_compare_new(ps, NULL, &err);
    cr_assert_eq(pl_compare_add(c, d), 0);
    pl_doc_free(d);
    cr_assert_eq(pl_compare_build(c), 0);
    char s[128];
    cr_expect_eq(cell(c, "ca-mau", "cl.education", 2025, s, sizeof s), PL_CST_EQUAL);
    cr_expect_str_eq(s, "> 95; > 90", "document order");
    cr_expect_eq(cell(c, "ca-mau", "comm.parents", 2025, s, sizeof s), PL_CST_WEAKER,
                 "65 is the weakest");
    cr_expect_str_eq(s, "≥ 80; ≥ 65");
    cr_expect_eq(cell(c, "ca-mau", "cl.rate", 2025, s, sizeof s), PL_CST_STRONGER);
    output o = render(c, PL_FMT_TEXT, PL_LANG_VI);
    cr_expect(strstr(o.s, "> 95; > 90 =") != NULL, "%s", o.s);
    cr_expect(strstr(o.s, "Cà Mau (tỉnh)") != NULL);
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* A value no plan may set (above 100 %, below 0) is invalid in every
 * format, whichever value of the cell is the weakest and whatever the
 * direction; the HTML bar stops at the axis. */
Test(compare_cells, impossible_values_are_invalid)
{
    pl_programs *ps = programs();
    static const tgt t[] = {
        {"cl.education", 2025, PL_CMP_GT, 95}, {"cl.education", 2025, PL_CMP_GE, 120},
        {"cl.rate", 2025, PL_CMP_LE, -1},      {"comm.parents", 2025, PL_CMP_GE, 100},
        {"comm.staff", 2025, PL_CMP_GT, 100},
    };
    pl_doc *d = hand_doc(ps, "bad.txt", "Sai Số", PL_LEVEL_PROVINCE, t, 5);
    pl_error err = {0};
    pl_compare *c = pl_compare_new(ps, NULL, &err);
    cr_assert_eq(pl_compare_add(c, d), 0);
    pl_doc_free(d);
    cr_assert_eq(pl_compare_build(c), 0);
    char s[128];
    cr_expect_eq(cell(c, "bad", "cl.education", 2025, s, sizeof s), PL_CST_INVALID,
                 "120 %% is not the weakest, still the cell is invalid");
    cr_expect_eq(cell(c, "bad", "cl.rate", 2025, s, sizeof s), PL_CST_INVALID,
                 "below 0 on a rate whose lower is stronger");
    cr_expect_eq(cell(c, "bad", "comm.parents", 2025, s, sizeof s), PL_CST_STRONGER,
                 "100 %% is possible");
    cr_expect_eq(cell(c, "bad", "comm.staff", 2025, s, sizeof s), PL_CST_INVALID, "> 100 %%");
    output o = render(c, PL_FMT_TEXT, PL_LANG_EN);
    cr_expect(strstr(o.s, "> 95; ≥ 120 !"), "%s", o.s);
    cr_expect(strstr(o.s, "! invalid"), "the legend names the symbol");
    free(o.s);
    o = render(c, PL_FMT_MD, PL_LANG_VI);
    cr_expect(strstr(o.s, "≤ -1 \\! |"), "%s", o.s); /* Markdown escapes its "!" */
    free(o.s);
    o = render(c, PL_FMT_CSV, PL_LANG_VI);
    size_t invalid = 0;
    for (const char *p = o.s; (p = strstr(p, ",invalid\r\n")); p++)
        invalid++;
    cr_expect_eq(invalid, 3);
    free(o.s);
    o = render(c, PL_FMT_JSON, PL_LANG_VI);
    invalid = 0;
    for (const char *p = o.s; (p = strstr(p, "\"status\": \"invalid\"")); p++)
        invalid++;
    cr_expect_eq(invalid, 3, "%s", o.s);
    free(o.s);
    o = render(c, PL_FMT_HTML, PL_LANG_VI);
    cr_expect(strstr(o.s, "data-status=\"invalid\""));
    /* every bar ends at or before the end of the axis (its width at most 100 %) */
    size_t bars = 0, invalid_bars = 0;
    static const char PLOT[] = "<span class=\"plot\" style=\"--w:";
    for (const char *p = o.s; (p = strstr(p, PLOT)); p++) {
        unsigned whole = 0, hundredths = 0;
        cr_assert_eq(sscanf(p + strlen(PLOT), "%u.%u%%", &whole, &hundredths), 2, "%.80s", p);
        cr_expect_leq(whole * 100 + hundredths, 10000, "a bar past the axis");
        const char *bar = strstr(p, "<span class=\"bar ");
        cr_assert_not_null(bar);
        bars++;
        invalid_bars += strncmp(bar, "<span class=\"bar st-invalid\"", 28) == 0;
    }
    cr_expect_eq(bars, 4);
    cr_expect_eq(invalid_bars, 3);
    cr_expect_not(strstr(o.s, ">150 %<"), "the scale does not grow for an impossible value");
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* ======================================================================
 * Formats
 * ====================================================================== */

/* Columns are aligned by code points: the national column starts at the
 * same character on every row, whatever the bytes before it. */
Test(compare_formats, text_columns_align_by_code_points)
{
    pl_programs *ps = programs();
    pl_compare *c = corpus_compare(ps);
    output o = render(c, PL_FMT_TEXT, PL_LANG_VI);
    char *save = NULL, *line = strtok_r(o.s, "\n", &save);
    long at = -1;
    int rows = 0;
    for (line = strtok_r(NULL, "\n", &save); line && rows < (int)c->nrows + 1;
         line = strtok_r(NULL, "\n", &save), rows++) {
        /* the year column: the first run of 4 digits or "Năm" */
        const char *y = strstr(line, rows == 0 ? "Năm" : " 20");
        cr_assert_not_null(y, "%s", line);
        if (rows > 0)
            y++;
        long cp = (long)pl_utf8_count(line, (size_t)(y - line));
        if (at < 0)
            at = cp;
        cr_expect_eq(cp, at, "row %d: %s", rows, line);
    }
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

Test(compare_formats, markdown_table)
{
    pl_programs *ps = programs();
    pl_compare *c = corpus_compare(ps);
    output o = render(c, PL_FMT_MD, PL_LANG_EN);
    cr_expect(strstr(o.s, "| Indicator | Id | Year | Unit | National | Bình Thuận (province) |") !=
                  NULL,
              "%s", o.s);
    /* '*' (unconfirmed) escaped like any Markdown syntax in a cell */
    cr_expect(strstr(o.s, "| `comm.parents` | 2025 | % | ≥ 70\\* |") != NULL, "%s", o.s);
    cr_expect(strstr(o.s, "≥ 60 ▼") != NULL);
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* ---- CSV: an RFC 4180 reader, strict about CRLF and quotes ---------------- */

typedef struct csv {
    char ***rows; /* rows of NULL-terminated field arrays */
    size_t n;
} csv;

static void csv_free(csv *t)
{
    for (size_t r = 0; r < t->n; r++) {
        for (size_t k = 0; t->rows[r][k]; k++)
            free(t->rows[r][k]);
        free(t->rows[r]);
    }
    free(t->rows);
}

static char *csv_field(const char **p)
{
    const char *s = *p;
    size_t cap = strlen(s) + 1, n = 0;
    char *out = malloc(cap);
    cr_assert_not_null(out);
    if (*s == '"') {
        for (s++;; s++) {
            cr_assert(*s, "unterminated quoted field");
            if (*s == '"' && s[1] == '"')
                out[n++] = '"', s++;
            else if (*s == '"')
                break;
            else
                out[n++] = *s;
        }
        s++;
        cr_assert(*s == ',' || *s == '\r', "text after a closing quote");
    } else {
        for (; *s && *s != ',' && *s != '\r'; s++) {
            cr_assert(*s != '"' && *s != '\n', "a quote or LF in an unquoted field");
            out[n++] = *s;
        }
    }
    out[n] = '\0';
    *p = s;
    return out;
}

static csv csv_parse(const char *s)
{
    csv t = {NULL, 0};
    while (*s) {
        char **row = calloc(64, sizeof *row);
        size_t k = 0;
        for (;;) {
            cr_assert_lt(k, 63);
            row[k++] = csv_field(&s);
            if (*s == ',') {
                s++;
                continue;
            }
            cr_assert(s[0] == '\r' && s[1] == '\n', "rows end with CRLF");
            s += 2;
            break;
        }
        t.rows = realloc(t.rows, (t.n + 1) * sizeof *t.rows);
        t.rows[t.n++] = row;
    }
    return t;
}

static long col_index(const csv *t, const char *name)
{
    for (size_t k = 0; t->rows[0][k]; k++)
        if (strcmp(t->rows[0][k], name) == 0)
            return (long)k;
    cr_assert_fail("no column %s", name);
    return -1;
}

static const char *field(const csv *t, size_t r, const char *name)
{
    return t->rows[r][col_index(t, name)];
}

static long find_row(const csv *t, const char *plan_part, const char *ind, const char *year)
{
    for (size_t r = 1; r < t->n; r++)
        if (strstr(field(t, r, "plan"), plan_part) && strcmp(field(t, r, "indicator"), ind) == 0 &&
            strcmp(field(t, r, "year"), year) == 0)
            return (long)r;
    return -1;
}

Test(compare_formats, csv_long_form_parses_back)
{
    pl_programs *ps = programs();
    pl_compare *c = corpus_compare(ps);
    output o = render(c, PL_FMT_CSV, PL_LANG_VI);
    csv t = csv_parse(o.s);
    cr_assert_eq(t.n, 1 + c->ncols * c->nrows, "one row per plan x indicator x year");
    long r = find_row(&t, "hung-yen", "comm.parents", "2025");
    cr_assert_geq(r, 1);
    cr_expect_str_eq(field(&t, (size_t)r, "comparator"), "ge");
    cr_expect_str_eq(field(&t, (size_t)r, "value"), "60");
    cr_expect_str_eq(field(&t, (size_t)r, "cell"), "≥ 60");
    cr_expect_str_eq(field(&t, (size_t)r, "national_comparator"), "ge");
    cr_expect_str_eq(field(&t, (size_t)r, "national_value"), "70");
    cr_expect_str_eq(field(&t, (size_t)r, "confidence"), "summaries");
    cr_expect_str_eq(field(&t, (size_t)r, "status"), "weaker");
    cr_expect_str_eq(field(&t, (size_t)r, "level"), "province");
    cr_expect_str_eq(field(&t, (size_t)r, "locality"), "Hưng Yên");
    cr_expect_str_eq(field(&t, (size_t)r, "number"), "151/KH-UBND");
    r = find_row(&t, "hung-yen", "cl.rate", "2025");
    cr_expect_str_eq(field(&t, (size_t)r, "value"), "4");
    cr_expect_str_eq(field(&t, (size_t)r, "national_value"), "4.9", "'.' whatever the locale");
    cr_expect_str_eq(field(&t, (size_t)r, "status"), "stronger");
    r = find_row(&t, "hoang-duc", "cl.rate", "2025");
    cr_expect_str_eq(field(&t, (size_t)r, "status"), "missing");
    cr_expect_str_eq(field(&t, (size_t)r, "value"), "");
    cr_expect_str_eq(field(&t, (size_t)r, "targets"), "0");
    r = find_row(&t, "hoang-duc", "cl.education", "2025");
    cr_expect_str_eq(field(&t, (size_t)r, "status"), "invalid", "> 100 %%");
    r = find_row(&t, "lang-son", "comm.parents", "2024");
    cr_expect_str_eq(field(&t, (size_t)r, "status"), "not-comparable", "no national value");
    /* every status a word pandas and spreadsheets keep as text */
    static const char *const words[] = {"stronger", "equal",   "weaker",
                                        "missing",  "invalid", "not-comparable"};
    for (size_t i = 1; i < t.n; i++) {
        const char *st = field(&t, i, "status");
        int ok = 0;
        for (size_t w = 0; w < sizeof words / sizeof *words; w++)
            ok |= strcmp(st, words[w]) == 0;
        cr_expect(ok, "row %zu: status '%s'", i, st);
    }
    csv_free(&t);
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

static const char HOSTILE_NAME[] = "dir/\"Hà, Nội\"\r\n<script>alert(1)</script>.txt";
static const char HOSTILE_PLACE[] = "<script>alert('x')</script> & \"Hà, Nội\"";

static pl_compare *hostile_compare(pl_programs *ps)
{
    static const tgt t[] = {{"comm.parents", 2025, PL_CMP_GE, 75}};
    pl_doc *d = hand_doc(ps, HOSTILE_NAME, HOSTILE_PLACE, PL_LEVEL_PROVINCE, t, 1);
    pl_error err = {0};
    pl_compare *c = pl_compare_new(ps, NULL, &err);
    cr_assert_eq(pl_compare_add(c, d), 0);
    pl_doc_free(d);
    return c;
}

Test(compare_formats, csv_quotes_hostile_fields)
{
    pl_programs *ps = programs();
    pl_compare *c = hostile_compare(ps);
    output o = render(c, PL_FMT_CSV, PL_LANG_VI);
    csv t = csv_parse(o.s);
    cr_assert_gt(t.n, 1);
    for (size_t r = 1; r < t.n; r++) {
        cr_expect_str_eq(field(&t, r, "plan"), HOSTILE_NAME);
        cr_expect_str_eq(field(&t, r, "locality"), HOSTILE_PLACE);
    }
    csv_free(&t);
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* ---- JSON ------------------------------------------------------------------ */

static json_object *get(json_object *o, const char *key)
{
    json_object *v = NULL;
    cr_assert(json_object_object_get_ex(o, key, &v), "no key %s", key);
    return v;
}

Test(compare_formats, json_parses_back)
{
    pl_programs *ps = programs();
    pl_compare *c = corpus_compare(ps);
    output o = render(c, PL_FMT_JSON, PL_LANG_EN);
    json_object *root = json_tokener_parse(o.s);
    cr_assert_not_null(root, "not JSON");
    cr_expect_eq(json_object_get_int(get(root, "planlint")), 1);
    cr_expect_str_eq(json_object_get_string(get(root, "program")), "child-labour-2021");
    cr_expect_str_eq(json_object_get_string(get(root, "decision")), "782/QĐ-TTg");
    cr_expect_eq(json_object_array_length(get(root, "plans")), c->ncols);
    /* TLĐ (23/QĐ-TTg) and Ninh Bình (1248/QĐ-TTg) implement other programmes */
    cr_expect_eq(json_object_array_length(get(root, "excluded")), 2);
    json_object *rows = get(root, "rows");
    cr_assert_eq(json_object_array_length(rows), c->ncols * c->nrows);
    int seen = 0;
    for (size_t i = 0; i < json_object_array_length(rows); i++) {
        json_object *r = json_object_array_get_idx(rows, i);
        const char *st = json_object_get_string(get(r, "status"));
        if (strstr(json_object_get_string(get(r, "plan")), "hung-yen"))
            cr_expect_str_eq(json_object_get_string(get(r, "number")), "151/KH-UBND");
        cr_expect(strcmp(st, "stronger") == 0 || strcmp(st, "equal") == 0 ||
                      strcmp(st, "weaker") == 0 || strcmp(st, "missing") == 0 ||
                      strcmp(st, "invalid") == 0 || strcmp(st, "not-comparable") == 0,
                  "%s", st);
        if (!strstr(json_object_get_string(get(r, "plan")), "hoang-duc") ||
            strcmp(json_object_get_string(get(r, "indicator")), "cl.education") != 0)
            continue;
        seen = 1;
        cr_expect_eq(json_object_get_int(get(r, "year")), 2025);
        cr_expect_str_eq(json_object_get_string(get(r, "comparator")), "gt");
        cr_expect_eq(json_object_get_double(get(r, "value")), 100);
        cr_expect_str_eq(json_object_get_string(get(r, "cell")), "> 100");
        cr_expect_str_eq(json_object_get_string(get(r, "national_comparator")), "gt");
        cr_expect_eq(json_object_get_double(get(r, "national_value")), 90);
        cr_expect_str_eq(json_object_get_string(get(r, "confidence")), "official");
        cr_expect_str_eq(json_object_get_string(get(r, "status")), "invalid");
        cr_expect_eq(json_object_get_int(get(r, "line")), 103);
        cr_expect(json_object_is_type(get(r, "number"), json_type_null), "no number on the PDF");
    }
    cr_expect(seen);
    json_object_put(root);
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

Test(compare_formats, json_keeps_hostile_strings)
{
    pl_programs *ps = programs();
    pl_compare *c = hostile_compare(ps);
    output o = render(c, PL_FMT_JSON, PL_LANG_VI);
    json_object *root = json_tokener_parse(o.s);
    cr_assert_not_null(root);
    json_object *plan = json_object_array_get_idx(get(root, "plans"), 0);
    cr_expect_str_eq(json_object_get_string(get(plan, "plan")), HOSTILE_NAME);
    cr_expect_str_eq(json_object_get_string(get(plan, "locality")), HOSTILE_PLACE);
    json_object_put(root);
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* ---- HTML ------------------------------------------------------------------ */

static int contains_ci(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return 1;
    return 0;
}

Test(compare_formats, html_escapes_what_documents_say)
{
    pl_programs *ps = programs();
    pl_compare *c = hostile_compare(ps);
    output o = render(c, PL_FMT_HTML, PL_LANG_VI);
    cr_expect_not(contains_ci(o.s, "<script"), "no script element, escaped or not");
    cr_expect(
        strstr(o.s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Hà, Nội&quot;"),
        "the locality, escaped");
    cr_expect_not(strchr(o.s, '\r'), "a CR in a name becomes U+FFFD");
    cr_expect(strstr(o.s, "<meta charset=\"utf-8\">"));
    cr_expect_not(contains_ci(o.s, "http://") &&
                  !strstr(o.s, "xmlns=\"http://www.w3.org/2000/svg\""));
    cr_expect_not(contains_ci(o.s, "https://"), "nothing from the network");
    cr_expect_not(contains_ci(o.s, " src="), "no external resource");
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

Test(compare_formats, html_table_and_charts)
{
    pl_programs *ps = programs();
    pl_compare *c = corpus_compare(ps);
    output o = render(c, PL_FMT_HTML, PL_LANG_VI);
    cr_expect(strstr(o.s, "<html lang=\"vi\">"));
    cr_expect(strstr(
        o.s, "<td class=\"cell st-weaker lvf lv-province\" data-status=\"weaker\" title=\"Hưng Yên (tỉnh): ≥ 60"));
    cr_expect(strstr(o.s, "<span class=\"v\">≥ 60</span><span class=\"mk\">▼ yếu hơn</span>"));
    cr_expect(
        strstr(o.s, "<span class=\"v\">&gt; 100</span><span class=\"mk\">! không hợp lệ</span>"));
    /* a chart per indicator with numbers, a bar per plan that sets a value */
    size_t charts = 0, bars = 0;
    for (const char *p = o.s; (p = strstr(p, "<figure class=\"chart\"")); p++)
        charts++;
    for (const char *p = o.s; (p = strstr(p, "<span class=\"bar ")); p++)
        bars++;
    size_t set = 0;
    for (size_t i = 0; i < c->nrows * c->ncols; i++)
        set += c->cells[i].n > 0;
    cr_expect_eq(charts, 11, "12 indicators, cl.hazardous has no number");
    cr_expect_eq(bars, set);
    free(o.s);
    output en = render(c, PL_FMT_HTML, PL_LANG_EN);
    cr_expect(strstr(en.s, "<html lang=\"en\">"));
    cr_expect(strstr(en.s, "Parents and caregivers informed"));
    cr_expect(strstr(en.s, "▼ weaker"));
    free(en.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* 63 plans (a province each, some districts and communes): every chart
 * has a row per plan whose label is whole, a sort rank that orders the
 * values strongest first (a permutation of 0..62), a level class the
 * filter hides by, and the page has the controls and the CSS that act on
 * them (no script), and keeps the indicator column in view. */
Test(compare_formats, html_many_plans_sorted_filtered_readable)
{
    pl_programs *ps = programs();
    pl_error err = {0};
    pl_compare *c = pl_compare_new(ps, "child-labour-2021", &err);
    cr_assert_not_null(c);
    enum { N = 63 };
    char name[64], place[96];
    for (int i = 0; i < N; i++) {
        /* distinct values, in an order that is not the order given */
        tgt t[] = {{"cl.education", 2025, PL_CMP_GE, 37 + (i * 29) % N}};
        pl_level lv = i < 40 ? PL_LEVEL_PROVINCE : i < 55 ? PL_LEVEL_DISTRICT : PL_LEVEL_COMMUNE;
        snprintf(name, sizeof name, "plans/p%02d.txt", i);
        snprintf(place, sizeof place, "Tỉnh có một cái tên rất dài để thử nhãn số %02d", i);
        pl_doc *d = hand_doc(ps, name, place, lv, t, 1);
        cr_assert_eq(pl_compare_add(c, d), 0);
        pl_doc_free(d);
    }
    output o = render(c, PL_FMT_HTML, PL_LANG_VI);
    cr_expect_not(contains_ci(o.s, "<script"), "sorting and filtering need no script");
    const char *ids[] = {"ord-given", "ord-value", "lv-all", "lv-province", "lv-district",
                         "lv-commune"};
    for (size_t i = 0; i < 6; i++) {
        char want[64];
        snprintf(want, sizeof want, "type=\"radio\" class=\"ctl\" name=\"%s\" id=\"%s\"",
                 i < 2 ? "order" : "level", ids[i]);
        cr_expect(strstr(o.s, want), "control %s", ids[i]);
        snprintf(want, sizeof want, "<label for=\"%s\">", ids[i]);
        cr_expect(strstr(o.s, want), "label of %s", ids[i]);
    }
    cr_expect(strstr(o.s, "#ord-value:checked~section .chart .row{order:var(--s)}"));
    cr_expect(strstr(o.s, "#lv-district:checked~section .lvf:not(.lv-district)"));
    cr_expect(strstr(o.s, "table.cmp th.ind{position:sticky;left:0;"), "indicator column sticky");
    /* the education chart: one row per plan, labels whole */
    const char *fig = strstr(o.s, "<figure class=\"chart\" data-indicator=\"cl.education\"");
    cr_assert_not_null(fig);
    const char *end = strstr(fig, "</figure>");
    int seen[N] = {0};
    double value_at_rank[N];
    size_t rows = 0;
    for (const char *p = fig; (p = strstr(p, "<div class=\"row lvf ")) && p < end; p++, rows++) {
        unsigned k, rank;
        char lv[16];
        cr_assert_eq(sscanf(p, "<div class=\"row lvf lv-%15[a-z]\" style=\"--k:%u;--s:%u\"", lv, &k,
                            &rank), 3, "%.80s", p);
        cr_assert_lt(k, N);
        cr_assert_lt(rank, N);
        cr_expect_str_eq(lv, k < 40 ? "province" : k < 55 ? "district" : "commune");
        seen[rank]++;
        value_at_rank[rank] = 37 + (k * 29) % N;
        char label[160];
        snprintf(label, sizeof label,
                 "<span class=\"pl\">Tỉnh có một cái tên rất dài để thử nhãn số %02u (", k);
        cr_expect(strncmp(strstr(p, "<span class=\"pl\">"), label, strlen(label)) == 0,
                  "row %u: the label is whole", k);
    }
    cr_expect_eq(rows, N, "%zu rows, one per plan", rows);
    for (int r = 0; r < N; r++) {
        cr_expect_eq(seen[r], 1, "rank %d given %d times", r, seen[r]);
        if (r > 0)
            cr_expect_geq(value_at_rank[r - 1], value_at_rank[r], "strongest first at rank %d", r);
    }
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

Test(compare_formats, unsupported_format_is_a_usage_error)
{
    pl_programs *ps = programs();
    pl_error err = {0};
    pl_compare *c = pl_compare_new(ps, NULL, &err);
    cr_expect_eq(pl_compare_render(c, stdout, PL_FMT_XML, PL_LANG_VI, &err), -1);
    cr_expect_eq(err.status, PL_ERR_USAGE);
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* ======================================================================
 * Programmes in other units: rates per 100 000 and per mille, cuts, a
 * yearly cut.  Every format names the unit of every row; none says "%"
 * for the whole table.
 * ====================================================================== */

static pl_doc *text_doc(const pl_programs *ps, const char *name, const char *text)
{
    pl_error err = {0};
    pl_doc *d = pl_doc_parse(name, text, strlen(text), ps, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    return d;
}

#define INJURY_HEAD(PROVINCE)                                                                  \
    "ỦY BAN NHÂN DÂN\nTỈNH " PROVINCE "\nSố: 150/KH-UBND\n\nKẾ HOẠCH\n"                        \
    "Triển khai thực hiện Chương trình phòng, chống tai nạn, thương tích trẻ em giai đoạn "    \
    "2021-2030\n"                                                                              \
    "Thực hiện Quyết định số 1248/QĐ-TTg ngày 19/7/2021 của Thủ tướng Chính phủ.\n"            \
    "I. MỤC TIÊU\n"

/* Two provinces: one stronger than the national values on the rate per
 * 100 000 and the yearly cut, one weaker. */
static pl_compare *injury_compare(const pl_programs *ps)
{
    pl_doc *a = text_doc(
        ps, "a.txt",
        INJURY_HEAD("AN GIANG")
        "- Giảm tỷ suất trẻ em bị tai nạn, thương tích năm 2025 xuống còn 500/100.000 trẻ em.\n"
        "- Hằng năm giảm 10% số trẻ em bị tử vong và bị thương do tai nạn giao thông đường bộ.\n"
        "- 95% trẻ em từ 6 đến dưới 16 tuổi biết các quy định về an toàn giao thông đường bộ "
        "vào năm 2025.\n");
    pl_doc *b = text_doc(
        ps, "b.txt",
        INJURY_HEAD("BẠC LIÊU")
        "- Giảm tỷ suất trẻ em bị tai nạn, thương tích năm 2025 xuống còn 600/100.000 trẻ em.\n"
        "- Hằng năm giảm 3% số trẻ em bị tử vong và bị thương do tai nạn giao thông đường bộ.\n"
        "- Giảm 5% số trẻ em bị tử vong do đuối nước năm 2025.\n");
    cr_assert_str_eq(pl_doc_program(a), "child-injury-2021");
    cr_assert_str_eq(pl_doc_program(b), "child-injury-2021");
    pl_error err = {0};
    pl_compare *c = pl_compare_new(ps, NULL, &err);
    cr_assert_not_null(c, "%s", err.message);
    cr_assert_eq(pl_compare_add(c, a), 0);
    cr_assert_eq(pl_compare_add(c, b), 0);
    pl_doc_free(a);
    pl_doc_free(b);
    cr_assert_str_eq(pl_compare_program(c), "child-injury-2021");
    return c;
}

Test(compare_units, text_and_markdown_name_each_rows_unit)
{
    pl_programs *ps = programs();
    pl_compare *c = injury_compare(ps);
    output o = render(c, PL_FMT_TEXT, PL_LANG_VI);
    cr_expect_not(strstr(o.s, "(%)"), "no unit for the whole table:\n%s", o.s);
    cr_expect(strstr(o.s, "Chỉ tiêu so với 1248/QĐ-TTg (child-injury-2021)\n"), "%s", o.s);
    /* each row: year, unit, national value, then the plans */
    static const char *const rows[] = {
        "inj.injury_rate            2025      /100.000  ≤ 550     ≤ 500 ▲          ≤ 600 ▼\n",
        "inj.road_traffic           hằng năm  % giảm    ≥ 5       ≥ 10 ▲           ≥ 3 ▼\n",
        "inj.drowning_deaths        2025      % giảm    ≥ 10      ·                ≥ 5 ▼\n",
        "inj.road_safety_knowledge  2025      %         ≥ 90      ≥ 95 ▲           ·\n",
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        cr_expect(strstr(o.s, rows[i]), "row %zu missing:\n%s", i, o.s);
    free(o.s);
    o = render(c, PL_FMT_MD, PL_LANG_EN);
    cr_expect(strstr(o.s, "### Targets against 1248/QĐ-TTg (child-injury-2021)\n"), "%s", o.s);
    cr_expect(strstr(o.s, "| `inj.injury_rate` | 2025 | per 100,000 | ≤ 550 | ≤ 500 ▲ | ≤ 600 ▼ |"),
              "%s", o.s);
    cr_expect(strstr(o.s, "| `inj.road_traffic` | yearly | % cut | ≥ 5 | ≥ 10 ▲ | ≥ 3 ▼ |"), "%s",
              o.s);
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

Test(compare_units, csv_and_json_carry_unit_change_and_year)
{
    pl_programs *ps = programs();
    pl_compare *c = injury_compare(ps);
    output o = render(c, PL_FMT_CSV, PL_LANG_EN);
    csv t = csv_parse(o.s);
    long r = find_row(&t, "a.txt", "inj.injury_rate", "2025");
    cr_assert_geq(r, 1);
    cr_expect_str_eq(field(&t, (size_t)r, "unit"), "per100k");
    cr_expect_str_eq(field(&t, (size_t)r, "change"), "");
    cr_expect_str_eq(field(&t, (size_t)r, "value"), "500");
    cr_expect_str_eq(field(&t, (size_t)r, "national_value"), "550");
    cr_expect_str_eq(field(&t, (size_t)r, "status"), "stronger");
    r = find_row(&t, "b.txt", "inj.road_traffic", "");
    cr_assert_geq(r, 1, "the yearly cut: no year");
    cr_expect_str_eq(field(&t, (size_t)r, "unit"), "%");
    cr_expect_str_eq(field(&t, (size_t)r, "change"), "decrease");
    cr_expect_str_eq(field(&t, (size_t)r, "per_year"), "true");
    cr_expect_str_eq(field(&t, (size_t)r, "status"), "weaker", "a cut of 3 % against 5 %");
    csv_free(&t);
    free(o.s);

    o = render(c, PL_FMT_JSON, PL_LANG_EN);
    json_object *root = json_tokener_parse(o.s), *rows = NULL;
    cr_assert_not_null(root);
    cr_assert(json_object_object_get_ex(root, "rows", &rows));
    int seen = 0;
    for (size_t i = 0; i < json_object_array_length(rows); i++) {
        json_object *row = json_object_array_get_idx(rows, i), *v;
        json_object_object_get_ex(row, "indicator", &v);
        const char *id = json_object_get_string(v);
        json_object_object_get_ex(row, "unit", &v);
        const char *unit = json_object_get_string(v);
        const pl_indicator *ind = pl_program_indicator(c->prog, id);
        cr_assert_not_null(ind);
        cr_expect_str_eq(unit, ind->unit, "%s", id);
        json_object_object_get_ex(row, "per_year", &v);
        cr_expect_eq(json_object_get_boolean(v), ind->per_year, "%s", id);
        if (strcmp(id, "inj.injury_deaths") == 0) {
            cr_expect_str_eq(unit, "per100k");
            seen++;
        }
    }
    cr_expect_gt(seen, 0);
    json_object_put(root);
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

Test(compare_units, html_unit_column_axis_and_yearly_row)
{
    pl_programs *ps = programs();
    pl_compare *c = injury_compare(ps);
    output o = render(c, PL_FMT_HTML, PL_LANG_VI);
    cr_expect_not(strstr(o.s, "đơn vị: %"), "the page names no unit for the whole table");
    cr_expect(strstr(o.s, "đơn vị theo từng chỉ tiêu"));
    cr_expect(strstr(o.s, "<tr class=\"first\" data-indicator=\"inj.road_traffic\" data-year=\"0\">"));
    cr_expect(strstr(o.s, "<td class=\"yr\">hằng năm</td><td class=\"un\">% giảm</td>"), "%s", o.s);
    cr_expect(strstr(o.s, "<td class=\"yr\">2025</td><td class=\"un\">/100.000</td>"));
    /* the chart of a rate per 100 000: ticks in its unit, never "%" */
    const char *fig = strstr(o.s, "<figure class=\"chart\" data-indicator=\"inj.injury_rate\"");
    cr_assert_not_null(fig);
    const char *end = strstr(fig, "</figure>");
    char *chart = strndup(fig, (size_t)(end - fig));
    cr_expect(strstr(chart, "\">600/100.000</span>"), "%s", chart);
    cr_expect_not(strstr(chart, " %</span>"), "%s", chart);
    cr_expect(strstr(chart, "<strong>Năm 2025</strong>"), "%s", chart);
    free(chart);
    /* a yearly change: its year heading is "hằng năm" alone, its ticks "% giảm" */
    fig = strstr(o.s, "<figure class=\"chart\" data-indicator=\"inj.road_traffic\"");
    cr_assert_not_null(fig);
    end = strstr(fig, "</figure>");
    chart = strndup(fig, (size_t)(end - fig));
    cr_expect(strstr(chart, "<strong>hằng năm</strong>"), "%s", chart);
    cr_expect(strstr(chart, " % giảm</span>"), "%s", chart);
    free(chart);
    free(o.s);
    /* the 782 page keeps its one unit */
    pl_compare_free(c);
    c = corpus_compare(ps);
    o = render(c, PL_FMT_HTML, PL_LANG_VI);
    cr_expect(strstr(o.s, "đơn vị: %"));
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* The children's action programme: under-1 mortality in ‰. */
Test(compare_units, per_mille_rate)
{
    pl_programs *ps = programs();
    pl_doc *d = text_doc(
        ps, "ca.txt",
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 12/KH-UBND\n\nKẾ HOẠCH\n"
        "Thực hiện Chương trình hành động quốc gia vì trẻ em giai đoạn 2021 - 2030\n"
        "Căn cứ Quyết định số 23/QĐ-TTg ngày 07/01/2021 của Thủ tướng Chính phủ;\n"
        "I. MỤC TIÊU\n"
        "- Chỉ tiêu 3: Giảm tỷ suất tử vong trẻ em dưới 1 tuổi xuống còn 14‰ vào năm 2025.\n");
    cr_assert_str_eq(pl_doc_program(d), "children-action-2021");
    pl_error err = {0};
    pl_compare *c = pl_compare_new(ps, NULL, &err);
    cr_assert_eq(pl_compare_add(c, d), 0);
    pl_doc_free(d);
    output o = render(c, PL_FMT_CSV, PL_LANG_EN);
    csv t = csv_parse(o.s);
    long r = find_row(&t, "ca.txt", "ca.infant_mortality", "2025");
    cr_assert_geq(r, 1, "%s", o.s);
    cr_expect_str_eq(field(&t, (size_t)r, "unit"), "‰");
    cr_expect_str_eq(field(&t, (size_t)r, "value"), "14");
    csv_free(&t);
    free(o.s);
    o = render(c, PL_FMT_TEXT, PL_LANG_VI);
    cr_expect(strstr(o.s, "ca.infant_mortality"), "%s", o.s);
    cr_expect(strstr(o.s, "ca.infant_mortality              2025      ‰         ≤ 12,5    ≤ 14 ▼\n"),
              "%s", o.s);
    cr_expect(strstr(o.s, "ca.primary_dropout               2025      %         < 0,12*   ·\n"),
              "the national 0.12 as written: %s", o.s);
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}

/* The corpus's injury plan (Ninh Bình 149/KH-UBND) against 1248/QĐ-TTg:
 * its rates per 100 000 below the national ones are stronger, the ranges
 * and cuts it copies are equal, and the first-aid target it sets only for
 * 2030 is missing for 2025. */
Test(compare_corpus, injury_plan_in_its_units)
{
    pl_programs *ps = programs();
    pl_compare *c = corpus_added(ps, "child-injury-2021");
    output o = render(c, PL_FMT_CSV, PL_LANG_EN);
    csv t = csv_parse(o.s);
    static const struct {
        const char *ind, *year, *value, *unit, *national, *status;
    } want[] = {
        {"inj.injury_rate", "2025", "500", "per100k", "550", "stronger"},
        {"inj.injury_rate", "2030", "450", "per100k", "500", "stronger"},
        {"inj.injury_deaths", "2030", "15", "per100k", "15", "equal"},
        {"inj.road_traffic", "", "5", "%", "5", "equal"},
        {"inj.drowning_deaths", "2030", "20", "%", "20", "equal"},
        {"inj.swimming", "2030", "60", "%", "60", "equal"},
        {"inj.first_aid", "2025", "", "%", "70", "missing"},
        {"inj.first_aid", "2030", "100", "%", "100", "equal"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        long r = find_row(&t, "ninh-binh", want[i].ind, want[i].year);
        cr_assert_geq(r, 1, "%s %s", want[i].ind, want[i].year);
        cr_expect_str_eq(field(&t, (size_t)r, "value"), want[i].value, "%s", want[i].ind);
        cr_expect_str_eq(field(&t, (size_t)r, "unit"), want[i].unit, "%s", want[i].ind);
        cr_expect_str_eq(field(&t, (size_t)r, "national_value"), want[i].national, "%s",
                         want[i].ind);
        cr_expect_str_eq(field(&t, (size_t)r, "status"), want[i].status, "%s %s", want[i].ind,
                         want[i].year);
    }
    csv_free(&t);
    free(o.s);
    pl_compare_free(c);
    pl_programs_free(ps);
}
