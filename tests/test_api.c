/* test_api.c - the public accessors of a document (planlint.h, "what a
 * document holds") against `planlint extract -f json` on the same file:
 * every field the JSON writes is read back through the getters alone, for
 * every corpus plan and its DOCX fixture.  Only planlint.h is included: a
 * program linking the library sees no more than this. */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planlint.h"

static const char *const PLANS[] = {
    "corpus/plans/binh-thuan-province-2021-summary.txt",
    "corpus/plans/hoang-duc-commune-2023-pdf.txt",
    "corpus/plans/hung-yen-province-2021-news.txt",
    "corpus/plans/lang-son-city-2024-draft.txt",
    "corpus/plans/tld-agency-2021-children-action.txt",
    "tests/fixtures/docx/hung-yen-province-2021-news.docx",
    "tests/fixtures/docx/tld-agency-2021-children-action.docx",
    "tests/fixtures/docx/lang-son-city-2024-draft.docx",
};

/* What the command line says about one file. */
static json_object *extract_json(const char *path)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s/planlint' extract -f json '%s'", PL_BINARY_DIR, path);
    FILE *p = popen(cmd, "r");
    cr_assert(p, "cannot run %s", cmd);
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    size_t got;
    while ((got = fread(s + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (cap - n < 4096)
            s = realloc(s, cap *= 2);
    }
    s[n] = '\0';
    cr_assert_eq(pclose(p), 0, "%s failed", cmd);
    json_object *o = json_tokener_parse(s);
    cr_assert(o, "%s: output is not JSON", cmd);
    free(s);
    return o;
}

static json_object *get(json_object *o, const char *key)
{
    json_object *v = NULL;
    cr_assert(json_object_object_get_ex(o, key, &v), "no key %s", key);
    return v;
}

/* A JSON string or null against a getter's string or NULL. */
static void expect_str(json_object *o, const char *key, const char *got, const char *where)
{
    json_object *v = get(o, key);
    if (json_object_is_type(v, json_type_null)) {
        cr_expect_null(got, "%s: %s is \"%s\", JSON null", where, key, got);
        return;
    }
    cr_assert_not_null(got, "%s: %s is NULL, JSON \"%s\"", where, key, json_object_get_string(v));
    cr_expect_str_eq(got, json_object_get_string(v), "%s: %s", where, key);
}

/* A JSON integer or null (= 0 from the getter). */
static void expect_int(json_object *o, const char *key, long got, const char *where)
{
    json_object *v = get(o, key);
    long want = json_object_is_type(v, json_type_null) ? 0 : (long)json_object_get_int64(v);
    cr_expect_eq(got, want, "%s: %s is %ld, JSON %ld", where, key, got, want);
}

/* "YYYY-MM-DD" or null against a date getter's parts. */
static void expect_date(json_object *o, int known, int y, int m, int d, const char *where)
{
    json_object *v = get(o, "date");
    if (json_object_is_type(v, json_type_null)) {
        cr_expect_eq(known, 0, "%s: a date the JSON does not have", where);
        cr_expect(y == 0 && m == 0 && d == 0, "%s: unknown date's parts not 0", where);
        return;
    }
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    cr_expect_eq(known, 1, "%s: date unknown, JSON %s", where, json_object_get_string(v));
    cr_expect_str_eq(iso, json_object_get_string(v), "%s: date", where);
}

static void check_header(const pl_doc *doc, json_object *j, const char *where)
{
    const pl_header *h = pl_doc_header(doc);
    cr_assert_not_null(h);
    expect_str(j, "form", pl_header_form(h), where);
    expect_str(j, "read", pl_doc_reading(doc), where);
    expect_str(j, "kind", pl_header_kind(h), where);
    expect_str(j, "number", pl_header_number(h), where);
    expect_str(j, "issuer", pl_header_issuer(h), where);
    expect_str(j, "level", pl_header_level(h), where);
    expect_str(j, "locality", pl_header_locality(h), where);
    int y, m, d;
    int known = pl_header_date(h, &y, &m, &d);
    expect_date(j, known, y, m, d, where);
    if (known)
        cr_expect(pl_header_date_line(h) > 0, "%s: a date without a line", where);
    json_object *period = get(j, "period");
    if (json_object_is_type(period, json_type_null)) {
        cr_expect_eq(pl_header_period_start(h), 0);
        cr_expect_eq(pl_header_period_end(h), 0);
    } else {
        expect_int(period, "start", pl_header_period_start(h), where);
        expect_int(period, "end", pl_header_period_end(h), where);
    }
    expect_int(j, "horizon", pl_header_horizon(h), where);
    expect_str(j, "program", pl_header_program(h), where);
    expect_str(j, "program", pl_doc_program(doc), where);
    json_object *ph = get(j, "placeholders");
    cr_assert_eq(pl_header_placeholder_count(h), json_object_array_length(ph), "%s", where);
    for (size_t i = 0; i < pl_header_placeholder_count(h); i++) {
        json_object *p = json_object_array_get_idx(ph, i);
        expect_str(p, "field", pl_header_placeholder_field(h, i), where);
        expect_int(p, "line", (long)pl_header_placeholder_line(h, i), where);
        expect_int(p, "column", (long)pl_header_placeholder_column(h, i), where);
    }
    cr_expect_null(pl_header_placeholder_field(h, pl_header_placeholder_count(h)));
}

/* A span's end is at or after its start. */
static void expect_span(unsigned long l, unsigned long c, unsigned long el, unsigned long ec,
                        const char *where)
{
    cr_expect(l > 0 && c > 0, "%s: position %lu:%lu", where, l, c);
    cr_expect(el > l || (el == l && ec >= c), "%s: span %lu:%lu-%lu:%lu ends before it starts",
              where, l, c, el, ec);
}

static void check_citations(const pl_doc *doc, json_object *arr, const char *where)
{
    cr_assert_eq(pl_doc_citation_count(doc), json_object_array_length(arr),
                 "%s: %zu citations, JSON %zu", where, pl_doc_citation_count(doc),
                 json_object_array_length(arr));
    for (size_t i = 0; i < pl_doc_citation_count(doc); i++) {
        const pl_citation *c = pl_doc_citation(doc, i);
        json_object *o = json_object_array_get_idx(arr, i);
        char at[256];
        snprintf(at, sizeof at, "%s: citation %zu", where, i);
        expect_str(o, "kind", pl_citation_kind(c), at);
        expect_str(o, "number", pl_citation_number(c), at);
        expect_str(o, "issuer", pl_citation_issuer(c), at);
        expect_str(o, "relation", pl_citation_relation(c), at);
        json_object *title = NULL;
        if (json_object_object_get_ex(o, "title", &title))
            expect_str(o, "title", pl_citation_title(c), at);
        else
            cr_expect_null(pl_citation_title(c), "%s: title the JSON leaves out", at);
        int y, m, d;
        int known = pl_citation_date(c, &y, &m, &d);
        expect_date(o, known, y, m, d, at);
        expect_int(o, "line", (long)pl_citation_line(c), at);
        expect_int(o, "column", (long)pl_citation_column(c), at);
        expect_span(pl_citation_line(c), pl_citation_column(c), pl_citation_end_line(c),
                    pl_citation_end_column(c), at);
    }
    cr_expect_null(pl_doc_citation(doc, pl_doc_citation_count(doc)));
}

/* The JSON tree flattened in document order (a parent before its
 * children), with each node's depth and parent index. */
typedef struct flat_section {
    json_object *o;
    int depth;
    long parent;
} flat_section;

static void flatten(json_object *arr, int depth, long parent, flat_section *out, size_t *n,
                    size_t cap)
{
    for (size_t i = 0; i < json_object_array_length(arr); i++) {
        json_object *o = json_object_array_get_idx(arr, i);
        cr_assert_lt(*n, cap);
        long me = (long)*n;
        out[(*n)++] = (flat_section){o, depth, parent};
        flatten(get(o, "children"), depth + 1, me, out, n, cap);
    }
}

static void check_sections(const pl_doc *doc, json_object *arr, const char *where)
{
    size_t cap = 4096, n = 0;
    flat_section *flat = calloc(cap, sizeof *flat);
    flatten(arr, 0, -1, flat, &n, cap);
    cr_assert_eq(pl_doc_section_count(doc), n, "%s: %zu sections, JSON %zu", where,
                 pl_doc_section_count(doc), n);
    for (size_t i = 0; i < n; i++) {
        const pl_section *s = pl_doc_section(doc, i);
        char at[256];
        snprintf(at, sizeof at, "%s: section %zu", where, i);
        expect_str(flat[i].o, "label", pl_section_label(s), at);
        expect_str(flat[i].o, "title", pl_section_title(s), at);
        expect_int(flat[i].o, "line", (long)pl_section_line(s), at);
        expect_int(flat[i].o, "column", (long)pl_section_column(s), at);
        cr_expect_eq(pl_section_depth(s), flat[i].depth, "%s: depth", at);
        cr_expect_eq(pl_section_parent(s), flat[i].parent, "%s: parent", at);
    }
    cr_expect_null(pl_doc_section(doc, n));
    free(flat);
}

static void check_targets(const pl_doc *doc, json_object *arr, const char *where)
{
    cr_assert_eq(pl_doc_target_count(doc), json_object_array_length(arr),
                 "%s: %zu targets, JSON %zu", where, pl_doc_target_count(doc),
                 json_object_array_length(arr));
    for (size_t i = 0; i < pl_doc_target_count(doc); i++) {
        const pl_target *t = pl_doc_target(doc, i);
        json_object *o = json_object_array_get_idx(arr, i);
        char at[256];
        snprintf(at, sizeof at, "%s: target %zu", where, i);
        expect_str(o, "indicator", pl_target_indicator(t), at);
        expect_int(o, "objective", pl_target_objective(t), at);
        expect_int(o, "year", pl_target_year(t), at);
        expect_str(o, "comparator", pl_target_comparator(t), at);
        double want = json_object_get_double(get(o, "value"));
        cr_expect(fabs(pl_target_value(t) - want) <= 1e-12 * fabs(want),
                  "%s: value %.17g, JSON %.17g", at, pl_target_value(t), want);
        expect_str(o, "unit", pl_target_unit(t), at);
        expect_str(o, "change", pl_target_change(t), at);
        expect_int(o, "base_year", pl_target_base_year(t), at);
        cr_expect_eq(pl_target_per_year(t), json_object_get_boolean(get(o, "per_year")), "%s", at);
        expect_str(o, "group", pl_target_group(t), at);
        expect_str(o, "text", pl_target_text(t), at);
        expect_int(o, "line", (long)pl_target_line(t), at);
        expect_int(o, "column", (long)pl_target_column(t), at);
        expect_span(pl_target_line(t), pl_target_column(t), pl_target_end_line(t),
                    pl_target_end_column(t), at);
        json_object *page = NULL;
        long want_page = json_object_object_get_ex(o, "page", &page) ? json_object_get_int(page) : 0;
        cr_expect_eq((long)pl_target_ocr_page(t), want_page, "%s: OCR page", at);
    }
    cr_expect_null(pl_doc_target(doc, pl_doc_target_count(doc)));
}

static pl_programs *programs(void)
{
    pl_error err;
    pl_programs *ps = pl_programs_new_builtin(&err);
    cr_assert_not_null(ps, "%s", err.message);
    return ps;
}

static pl_doc *read_plan(const char *rel, const pl_programs *ps, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", PL_SOURCE_DIR, rel);
    pl_error err;
    pl_doc *doc = pl_doc_read(path, ps, NULL, &err);
    cr_assert_not_null(doc, "%s", err.message);
    return doc;
}

Test(api, getters_say_what_extract_json_says)
{
    pl_programs *ps = programs();
    size_t targets = 0, citations = 0, sections = 0;
    for (size_t k = 0; k < sizeof PLANS / sizeof *PLANS; k++) {
        char path[1024];
        pl_doc *doc = read_plan(PLANS[k], ps, path, sizeof path);
        json_object *j = extract_json(path);
        expect_str(j, "source", pl_doc_source(doc), PLANS[k]);
        check_header(doc, get(j, "document"), PLANS[k]);
        check_citations(doc, get(j, "citations"), PLANS[k]);
        check_sections(doc, get(j, "sections"), PLANS[k]);
        check_targets(doc, get(j, "targets"), PLANS[k]);
        targets += pl_doc_target_count(doc);
        citations += pl_doc_citation_count(doc);
        sections += pl_doc_section_count(doc);
        json_object_put(j);
        pl_doc_free(doc);
    }
    /* The comparison saw real data, not empty lists on both sides. */
    cr_expect_gt(targets, 50);
    cr_expect_gt(citations, 10);
    cr_expect_gt(sections, 50);
    pl_programs_free(ps);
}

/* Values read by hand from the plan (corpus/plans/hung-yen-province-2021-news.txt):
 * the getters are right, not only the same as the JSON. */
Test(api, hung_yen_header_and_a_target_by_hand)
{
    pl_programs *ps = programs();
    char path[1024];
    pl_doc *doc = read_plan(PLANS[2], ps, path, sizeof path);
    const pl_header *h = pl_doc_header(doc);
    cr_expect_str_eq(pl_header_number(h), "151/KH-UBND");
    cr_expect_str_eq(pl_header_kind(h), "KH");
    cr_expect_str_eq(pl_header_level(h), "province");
    cr_expect_str_eq(pl_header_locality(h), "Hưng Yên");
    cr_expect_str_eq(pl_header_program(h), "child-labour-2021");
    cr_expect_gt(pl_doc_target_count(doc), 0);
    const pl_target *t = pl_doc_target(doc, 0);
    cr_expect_not_null(pl_target_indicator(t));
    cr_expect_str_eq(pl_target_unit(t), "%");
    pl_doc_free(doc);
    pl_programs_free(ps);
}

/* A finding about a target points at it: its index reaches the target
 * through pl_doc_target, and the finding starts where the target does. */
Test(api, findings_point_at_the_targets_they_are_about)
{
    pl_programs *ps = programs();
    pl_error err;
    pl_checker *ck = pl_checker_new(ps, NULL, &err);
    cr_assert_not_null(ck, "%s", err.message);
    size_t about_targets = 0;
    for (size_t k = 0; k < sizeof PLANS / sizeof *PLANS; k++) {
        char path[1024];
        pl_doc *doc = read_plan(PLANS[k], ps, path, sizeof path);
        pl_report *r = pl_check_doc(ck, doc, &err);
        cr_assert_not_null(r, "%s", err.message);
        for (size_t i = 0; i < pl_report_count(r); i++) {
            const pl_finding *f = pl_report_finding(r, i);
            cr_expect(pl_finding_end_line(f) > pl_finding_line(f) ||
                      (pl_finding_end_line(f) == pl_finding_line(f) &&
                       pl_finding_end_column(f) >= pl_finding_column(f)));
            cr_expect_geq(pl_finding_end_byte(f), pl_finding_byte(f));
            long ti = pl_finding_target(f);
            if (ti < 0)
                continue;
            const pl_target *t = pl_doc_target(doc, (size_t)ti);
            cr_assert_not_null(t, "%s: finding %zu: target %ld of %zu", PLANS[k], i, ti,
                               pl_doc_target_count(doc));
            cr_expect_eq(pl_finding_line(f), pl_target_line(t));
            cr_expect_eq(pl_finding_column(f), pl_target_column(t));
            about_targets++;
        }
        pl_report_free(r);
        pl_doc_free(doc);
    }
    cr_expect_gt(about_targets, 0);
    pl_checker_free(ck);
    pl_programs_free(ps);
}

Test(api, version_macros_and_runtime_agree)
{
    char v[32];
    snprintf(v, sizeof v, "%d.%d.%d", PL_VERSION_MAJOR, PL_VERSION_MINOR, PL_VERSION_PATCH);
    cr_expect_str_eq(v, PL_VERSION);
    cr_expect_str_eq(pl_version(), PL_VERSION);
    cr_expect_eq(pl_version_number(), PL_VERSION_NUMBER);
    cr_expect_eq(PL_VERSION_NUMBER,
                 PL_VERSION_MAJOR * 10000L + PL_VERSION_MINOR * 100L + PL_VERSION_PATCH);
}

/* The NULL rule of planlint.h: an accessor given NULL answers "none". */
Test(api, accessors_given_null)
{
    cr_expect_null(pl_doc_header(NULL));
    cr_expect_null(pl_doc_reading(NULL));
    cr_expect_null(pl_header_issuer(NULL));
    cr_expect_null(pl_header_form(NULL));
    int y = 7;
    cr_expect_eq(pl_header_date(NULL, &y, NULL, NULL), 0);
    cr_expect_eq(y, 0);
    cr_expect_eq(pl_doc_citation_count(NULL), 0);
    cr_expect_null(pl_doc_citation(NULL, 0));
    cr_expect_null(pl_citation_relation(NULL));
    cr_expect_null(pl_doc_section(NULL, 0));
    cr_expect_eq(pl_section_parent(NULL), -1);
    cr_expect_null(pl_doc_target(NULL, 0));
    cr_expect_null(pl_target_comparator(NULL));
    cr_expect_eq(pl_target_value(NULL), 0);
    cr_expect_eq(pl_target_end_line(NULL), 0);
}

/* Blank texts as a file saved empty holds them (the UTF-16 ones count
 * their BOM and their zero bytes). */
static const struct {
    const char *bytes;
    size_t len;
} blank[] = {
    {"\n", 1},
    {"\r\n \t\r\n", 6},
    {"\xEF\xBB\xBF \t\n", 6}, /* UTF-8 with its BOM */
    {"\xFF\xFE\r\0\n\0", 6},  /* UTF-16LE with its BOM */
    {"\xFE\xFF\0 ", 4},       /* UTF-16BE with its BOM */
};

/* A text of only blank lines is an empty file as an editor saves it, in
 * memory as on disk (the blankness is asked of the decoded text, so a BOM
 * and UTF-16 count): an error naming the input, never a plan without
 * targets.  0 bytes in memory stay an empty plan; a letter is a plan. */
Test(api, blank_text_in_memory_is_refused)
{
    pl_programs *ps = programs();
    for (size_t i = 0; i < sizeof blank / sizeof *blank; i++) {
        pl_error err = {0};
        pl_doc *doc = pl_doc_parse("blank.txt", blank[i].bytes, blank[i].len, ps, NULL, &err);
        cr_expect_null(doc, "blank text %zu was read as a plan", i);
        pl_doc_free(doc);
        char want[80];
        snprintf(want, sizeof want, "blank.txt: no text: only blank lines (%zu bytes)", blank[i].len);
        cr_expect_eq(err.status, PL_ERR_ENCODING, "blank text %zu: %s", i, err.message);
        cr_expect_str_eq(err.message, want, "blank text %zu", i);
    }
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse("empty.txt", "", 0, ps, NULL, &err);
    cr_expect_not_null(doc, "%s", err.message);
    pl_doc_free(doc);
    doc = pl_doc_parse("letter.txt", "\xFF\xFE\n\0a\0", 6, ps, NULL, &err);
    cr_expect_not_null(doc, "%s", err.message);
    pl_doc_free(doc);
    pl_programs_free(ps);
}

/* A reader other than the text reader, forced (--format-in), is given a
 * file saved empty: the same refusal as for a text, never an empty page
 * (HTML) or a broken archive (DOCX, ODT, PDF). */
Test(api, blank_bytes_forced_into_any_reader_are_refused)
{
    pl_programs *ps = programs();
    static const char *const reader[] = {"html", "docx", "odt", "pdf"};
    for (size_t r = 0; r < sizeof reader / sizeof *reader; r++) {
        pl_parse_options opt = {.format_in = reader[r]};
        for (size_t i = 0; i < sizeof blank / sizeof *blank; i++) {
            pl_error err = {0};
            pl_doc *doc = pl_doc_parse("blank.x", blank[i].bytes, blank[i].len, ps, &opt, &err);
            cr_expect_null(doc, "%s: blank bytes %zu were read", reader[r], i);
            pl_doc_free(doc);
            char want[80];
            snprintf(want, sizeof want, "blank.x: no text: only blank lines (%zu bytes)", blank[i].len);
            cr_expect_eq(err.status, PL_ERR_ENCODING, "%s %zu: %s", reader[r], i, err.message);
            cr_expect_str_eq(err.message, want, "%s %zu", reader[r], i);
        }
    }
    /* a page whose markup holds no text is still a page, read */
    pl_parse_options html = {.format_in = "html"};
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse("page.html", " <p> </p>\n", 10, ps, &html, &err);
    cr_expect_not_null(doc, "%s", err.message);
    pl_doc_free(doc);
    pl_programs_free(ps);
}

/* A pl_error may be NULL ("none", planlint.h): an input refused by any
 * reader is NULL then, never a write through the NULL.  An HTML page that
 * declares UTF-8 and is not crashed here (found by fuzz_extract, which
 * parses without a pl_error). */
Test(api, refusals_without_an_error_to_fill)
{
    pl_programs *ps = programs();
    static const struct {
        const char *bytes;
        const char *format_in;
    } bad[] = {
        {"<html><meta charset=\"utf-8\">\n<p>K\xe1\xbaX</p>\n", NULL},
        {"<html><meta charset=\"utf-8\">\n<p>K\xe1\xbaX</p>\n", "html"},
        {"abc\xff tail\n", NULL},
        {"\n\n", NULL},
        {"\n\n", "docx"},
        {"not a zip", "odt"},
        {"%PDF-1.4 cut", "pdf"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        pl_parse_options opt = {.format_in = bad[i].format_in};
        pl_doc *doc = pl_doc_parse("bad", bad[i].bytes, strlen(bad[i].bytes), ps, &opt, NULL);
        cr_expect_null(doc, "input %zu was read", i);
        pl_doc_free(doc);
    }
    pl_programs_free(ps);
}
