/* test_examples.c - the readable example suite (tests/examples/NAME.txt).
 *
 * Each case is a snippet of a plan and what planlint must extract from it,
 * in the style of cmark's spec.txt and jq's tests/jq.test:
 *
 *     ### where the case comes from, what it shows
 *     <<<
 *     plan text (any number of lines, taken verbatim; "\r" at a line end
 *     is written as the two characters \r)
 *     >>>
 *     cl.rate le 4.9 2025 @3:12 o=1
 *     null ge 60 2024
 *     doc.number = 151/KH-UBND
 *     none
 *
 * A target line is INDICATOR COMPARATOR VALUE YEAR, then what differs from
 * a plain percentage level (u=‰ or u=per100k, decrease or increase,
 * base=YEAR, per_year, in that order; always compared), then optional
 * @LINE:COL (position of the target) and o=N (objective); "null" where
 * unknown.  The
 * target lines must list every target, in order ("none" when there are
 * none).  "doc.FIELD = VALUE" checks a document field (kind, number,
 * issuer, level, locality, date, period, horizon, program, form);
 * "cite N = KIND NUMBER DATE" checks citation N (1-based), "cite N
 * relation = REL" the relation of its clause (implements, basis,
 * mentioned: where sentences end, pl_text_sentence_end); "citations = N"
 * the number of citations (the plan's own number and a document cited
 * twice count once or not at all: ident.h); "sections = N" the number of
 * sections.
 *
 * The plan is read against the programme a line "Programme: ID" above the
 * cases names, when its text names none (most cases are fragments of
 * plans of that programme); "<<< program=ID" or "<<< program=none" on a
 * case's opening line overrides it for that case.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "test_util.h"

typedef struct example {
    char title[256];
    pl_buf plan;
    pl_buf expect;
    int line; /* line of the ### heading in the example file */
    char program[64]; /* read against this programme when none is named; "" = none */
} example;

static pl_programs *programs(void)
{
    static pl_programs *ps;
    if (!ps) {
        pl_error err = {0};
        ps = pl_programs_new_builtin(&err);
        cr_assert_not_null(ps, "%s", err.message);
    }
    return ps;
}

/* "\r" written out in the example file becomes a real CR. */
static void put_plan_line(pl_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'r') {
            pl_buf_putc(b, '\r');
            i++;
        } else {
            pl_buf_putc(b, s[i]);
        }
    }
}

static void fmt_target(pl_buf *b, const pl_target *t, int with_pos, int with_obj)
{
    char val[32];
    snprintf(val, sizeof val, "%g", t->value);
    pl_buf_printf(b, "%s %s %s ", t->indicator ? t->indicator->id : "null",
                  pl_cmp_name(t->cmp), val);
    if (t->year)
        pl_buf_printf(b, "%d", t->year);
    else
        pl_buf_puts(b, "null");
    if (strcmp(t->unit, "%") != 0)
        pl_buf_printf(b, " u=%s", t->unit);
    if (t->change)
        pl_buf_printf(b, " %s", pl_change_name(t->change));
    if (t->base_year)
        pl_buf_printf(b, " base=%d", t->base_year);
    if (t->per_year)
        pl_buf_puts(b, " per_year");
    if (with_pos)
        pl_buf_printf(b, " @%u:%u", t->pos.line, t->pos.col);
    if (with_obj) {
        if (t->objective)
            pl_buf_printf(b, " o=%d", t->objective);
        else
            pl_buf_puts(b, " o=null");
    }
}

static const char *field(const pl_doc *doc, const char *name, char *buf, size_t n)
{
    const pl_docinfo *in = &doc->info;
    if (!strcmp(name, "kind"))
        return in->kind ? in->kind : "null";
    if (!strcmp(name, "number"))
        return in->number ? in->number : "null";
    if (!strcmp(name, "issuer"))
        return in->issuer ? in->issuer : "null";
    if (!strcmp(name, "locality"))
        return in->locality ? in->locality : "null";
    if (!strcmp(name, "level"))
        return pl_level_name(in->level) ? pl_level_name(in->level) : "null";
    if (!strcmp(name, "form"))
        return in->form == PL_FORM_SUMMARY ? "summary" : "document";
    if (!strcmp(name, "program"))
        return in->program ? in->program->id : "null";
    if (!strcmp(name, "date")) {
        pl_date_iso(&in->date, buf, n);
        return buf[0] ? buf : "null";
    }
    if (!strcmp(name, "period")) {
        if (!in->period_start && !in->period_end)
            return "null";
        snprintf(buf, n, "%d-%d", in->period_start, in->period_end);
        return buf;
    }
    if (!strcmp(name, "horizon")) {
        if (!in->horizon)
            return "null";
        snprintf(buf, n, "%d", in->horizon);
        return buf;
    }
    if (!strcmp(name, "placeholders")) {
        pl_buf b = PL_BUF_INIT;
        for (size_t i = 0; i < in->nplaceholders; i++)
            pl_buf_printf(&b, "%s%s@%u:%u", i ? " " : "", in->placeholders[i].field,
                          in->placeholders[i].pos.line, in->placeholders[i].pos.col);
        snprintf(buf, n, "%s", in->nplaceholders ? pl_buf_cstr(&b) : "none");
        pl_buf_free(&b);
        return buf;
    }
    return "?unknown field";
}

static void fmt_citation(pl_buf *b, const pl_citation *c)
{
    char date[16];
    pl_date_iso(&c->date, date, sizeof date);
    pl_buf_printf(b, "%s %s %s", c->kind ? c->kind : "null", c->number ? c->number : "null",
                  date[0] ? date : "null");
}

/* Check one case; returns the number of mismatches (reported with
 * cr_expect so that every failing case is listed). */
static int run_case(const char *file, example *ex)
{
    pl_error err = {0};
    pl_parse_options opt = {0};
    opt.program = ex->program[0] ? ex->program : NULL;
    pl_doc *doc = pl_doc_parse("example", pl_buf_cstr(&ex->plan), ex->plan.len,
                               programs(), &opt, &err);
    cr_assert_not_null(doc, "%s:%d: %s", file, ex->line, err.message);
    int bad = 0;
    size_t ti = 0;
    int saw_targets = 0;
    const char *p = pl_buf_cstr(&ex->expect);
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)n, p);
        p += n + (e ? 1 : 0);
        if (!line[0])
            continue;
        char got[1024] = "";
        if (!strncmp(line, "doc.", 4)) {
            char name[64], want[512], buf[256];
            if (sscanf(line + 4, "%63[^ =] = %511[^\n]", name, want) != 2)
                cr_assert_fail("%s:%d: bad line '%s'", file, ex->line, line);
            snprintf(got, sizeof got, "%s", field(doc, name, buf, sizeof buf));
            if (strcmp(got, want) != 0) {
                bad++;
                cr_expect_fail("%s:%d (%s): doc.%s is '%s', want '%s'", file, ex->line,
                               ex->title, name, got, want);
            }
        } else if (!strncmp(line, "cite ", 5) && strstr(line, " relation = ")) {
            unsigned k;
            char want[64];
            if (sscanf(line + 5, "%u relation = %63s", &k, want) != 2 || k == 0)
                cr_assert_fail("%s:%d: bad line '%s'", file, ex->line, line);
            const char *rel = k <= doc->ncitations ? pl_citation_relation(&doc->citations[k - 1])
                                                   : "(missing)";
            if (strcmp(rel, want) != 0) {
                bad++;
                cr_expect_fail("%s:%d (%s): citation %u relation is '%s', want '%s'", file,
                               ex->line, ex->title, k, rel, want);
            }
        } else if (!strncmp(line, "cite ", 5)) {
            unsigned k;
            char want[512];
            if (sscanf(line + 5, "%u = %511[^\n]", &k, want) != 2 || k == 0)
                cr_assert_fail("%s:%d: bad line '%s'", file, ex->line, line);
            pl_buf b = PL_BUF_INIT;
            if (k <= doc->ncitations)
                fmt_citation(&b, &doc->citations[k - 1]);
            else
                pl_buf_puts(&b, "(missing)");
            if (strcmp(pl_buf_cstr(&b), want) != 0) {
                bad++;
                cr_expect_fail("%s:%d (%s): citation %u is '%s', want '%s'", file, ex->line,
                               ex->title, k, pl_buf_cstr(&b), want);
            }
            pl_buf_free(&b);
        } else if (!strncmp(line, "citations = ", 12)) {
            size_t want = (size_t)atoi(line + 12);
            if (doc->ncitations != want) {
                bad++;
                cr_expect_fail("%s:%d (%s): %zu citations, want %zu", file, ex->line, ex->title,
                               doc->ncitations, want);
            }
        } else if (!strncmp(line, "sections = ", 11)) {
            size_t want = (size_t)atoi(line + 11);
            if (doc->nsections != want) {
                bad++;
                cr_expect_fail("%s:%d (%s): %zu sections, want %zu", file, ex->line, ex->title,
                               doc->nsections, want);
            }
        } else if (!strcmp(line, "none")) {
            saw_targets = 1;
        } else {
            saw_targets = 1;
            pl_buf b = PL_BUF_INIT;
            if (ti < doc->ntargets)
                fmt_target(&b, &doc->targets[ti], strchr(line, '@') != NULL,
                           strstr(line, " o=") != NULL);
            else
                pl_buf_puts(&b, "(no target)");
            if (strcmp(pl_buf_cstr(&b), line) != 0) {
                bad++;
                cr_expect_fail("%s:%d (%s): target %zu is '%s', want '%s'", file, ex->line,
                               ex->title, ti + 1, pl_buf_cstr(&b), line);
            }
            pl_buf_free(&b);
            ti++;
        }
    }
    if (saw_targets && ti < doc->ntargets) {
        bad++;
        pl_buf b = PL_BUF_INIT;
        fmt_target(&b, &doc->targets[ti], 1, 1);
        cr_expect_fail("%s:%d (%s): %zu unexpected target(s), first: %s", file, ex->line,
                       ex->title, doc->ntargets - ti, pl_buf_cstr(&b));
        pl_buf_free(&b);
    }
    pl_doc_free(doc);
    return bad;
}

/* Parse an example file and run every case; returns the number of cases. */
static int run_file(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/examples/%s", PL_SOURCE_DIR, name);
    size_t len;
    char *s = pl_test_read_file(path, &len);
    example ex;
    memset(&ex, 0, sizeof ex);
    enum { NONE, PLAN, EXPECT } state = NONE;
    int cases = 0, lineno = 0;
    char file_program[64] = "";
    char *p = s;
    while (*p) {
        char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        lineno++;
        int heading = n >= 4 && !strncmp(p, "### ", 4);
        if (heading || (state == EXPECT && n == 0)) {
            if (state == EXPECT) {
                run_case(name, &ex);
                cases++;
            }
            pl_buf_free(&ex.plan);
            pl_buf_free(&ex.expect);
            memset(&ex, 0, sizeof ex);
            state = NONE;
            if (heading) {
                snprintf(ex.title, sizeof ex.title, "%.*s", (int)(n - 4), p + 4);
                ex.line = lineno;
            }
            snprintf(ex.program, sizeof ex.program, "%s", file_program);
        } else if (state == NONE && n > 11 && !strncmp(p, "Programme: ", 11)) {
            snprintf(file_program, sizeof file_program, "%.*s", (int)(n - 11), p + 11);
            snprintf(ex.program, sizeof ex.program, "%s", file_program);
        } else if (n >= 3 && !strncmp(p, "<<<", 3) && state != PLAN) {
            if (state == EXPECT) { /* the next case under the same heading */
                run_case(name, &ex);
                cases++;
                pl_buf_free(&ex.plan);
                pl_buf_free(&ex.expect);
                snprintf(ex.program, sizeof ex.program, "%s", file_program);
            }
            if (n > 12 && !strncmp(p, "<<< program=", 12))
                snprintf(ex.program, sizeof ex.program, "%.*s", (int)(n - 12), p + 12);
            if (!strcmp(ex.program, "none"))
                ex.program[0] = '\0';
            state = PLAN;
        } else if (n == 3 && !strncmp(p, ">>>", 3)) {
            state = EXPECT;
        } else if (state == PLAN) {
            put_plan_line(&ex.plan, p, n);
            pl_buf_putc(&ex.plan, '\n');
        } else if (state == EXPECT) {
            pl_buf_put(&ex.expect, p, n);
            pl_buf_putc(&ex.expect, '\n');
        }
        p += n + (e ? 1 : 0);
    }
    if (state == EXPECT) {
        run_case(name, &ex);
        cases++;
    }
    pl_buf_free(&ex.plan);
    pl_buf_free(&ex.expect);
    free(s);
    return cases;
}

Test(examples, targets) { cr_assert_geq(run_file("targets.txt"), 40); }
Test(examples, header) { cr_assert_geq(run_file("header.txt"), 15); }
Test(examples, programmes) { cr_assert_geq(run_file("programmes.txt"), 9); }
