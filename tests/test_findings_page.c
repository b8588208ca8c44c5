/* test_findings_page.c - render/findings_html.c and findings_sarif.c:
 * `check -f html` (highlights where the findings are, severity filters,
 * escaping of everything a document says) and `check -f sarif` (parsed
 * back with json-c: rule table, levels, locations).  The SARIF is also
 * validated against a schema by tests/format_schema_check.sh, and the
 * page loaded in Chromium by tests/browser_check.sh. */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "findings_page.h"
#include "planlint.h"
#include "rules.h"
#include "test_util.h"

typedef struct run {
    pl_programs *ps;
    pl_checker *ck;
} run;

static run run_new(void)
{
    pl_error err = {0};
    run r = {pl_programs_new_builtin(&err), NULL};
    cr_assert_not_null(r.ps, "%s", err.message);
    pl_config *cfg = pl_config_new();
    pl_config_use_files(cfg, 0);
    r.ck = pl_checker_new(r.ps, cfg, &err);
    pl_config_free(cfg);
    cr_assert_not_null(r.ck, "%s", err.message);
    return r;
}

static void run_free(run *r)
{
    pl_checker_free(r->ck);
    pl_programs_free(r->ps);
}

/* What pl_findings_page_write writes of pg (freed). */
static char *written(pl_findings_page *pg)
{
    char *s = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    cr_assert_not_null(f);
    cr_assert_eq(pl_findings_page_write(pg, f), 0);
    cr_assert_eq(fclose(f), 0);
    pl_findings_page_free(pg);
    return s;
}

/* The page (or log) of `check -f FMT` over docs given as (name, text). */
static char *page(run *rn, pl_format fmt, pl_lang lang, const char *const *names,
                  const char *const *texts, size_t n)
{
    pl_findings_page *pg = pl_findings_page_new(fmt, lang);
    cr_assert_not_null(pg);
    for (size_t i = 0; i < n; i++) {
        pl_error err = {0};
        pl_doc *d = texts[i]
                        ? pl_doc_parse(names[i], texts[i], strlen(texts[i]), rn->ps, NULL, &err)
                        : pl_doc_read(names[i], rn->ps, NULL, &err);
        cr_assert_not_null(d, "%s", err.message);
        pl_report *r = pl_check_doc(rn->ck, d, &err);
        cr_assert_not_null(r, "%s", err.message);
        cr_assert_eq(pl_findings_page_add(pg, r, d), 0);
        pl_report_free(r); /* the page keeps what it needs */
        pl_doc_free(d);
    }
    return written(pg);
}

static char *corpus_path(const char *name)
{
    static char path[4][1024];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/corpus/plans/%s", PL_SOURCE_DIR, name);
    return path[k];
}

static int contains_ci(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return 1;
    return 0;
}

/* ---- HTML ------------------------------------------------------------------ */

Test(findings_html, corpus_highlights_where_the_findings_are)
{
    run rn = run_new();
    const char *names[] = {corpus_path("hoang-duc-commune-2023-pdf.txt"),
                           corpus_path("hung-yen-province-2021-news.txt"),
                           corpus_path("lang-son-city-2024-draft.txt")};
    const char *texts[] = {NULL, NULL, NULL};
    char *s = page(&rn, PL_FMT_HTML, PL_LANG_VI, names, texts, 3);
    cr_expect(strstr(s, "<html lang=\"vi\">"));
    cr_expect(strstr(s, "<meta charset=\"utf-8\">"));
    /* Hoằng Đức's "Trên 100%" on line 103, with its note */
    const char *l103 = strstr(s, "<div class=\"l hit\" id=\"f1-L103\">");
    cr_assert_not_null(l103);
    const char *eol = strchr(l103, '\n');
    const char *m = strstr(l103, "value-out-of-range)\">Trên 100%</mark>");
    cr_expect(m && m < eol, "the mark on line 103");
    const char *note = strstr(l103, "<p class=\"note sev-error\"");
    cr_expect(note && note < eol, "a margin note on line 103");
    cr_expect(strstr(s, "weaker-than-parent)\">60%</mark>"), "Hưng Yên's 60%");
    cr_expect(strstr(s, "duplicate-word)\">công tác công tác</mark>"), "the repeated words");
    cr_expect(strstr(s, "off-topic)\">phòng, chống tai nạn, thương tích</mark>"), "the phrase");
    /* severity filters, CSS only */
    cr_expect(strstr(s, "<input type=\"checkbox\" class=\"flt\" id=\"show-warning\" checked>"));
    cr_expect(strstr(s, "<label for=\"show-info\""));
    cr_expect_not(contains_ci(s, "<script"));
    free(s);
    run_free(&rn);
}

/* A target whose clause runs over a wrapped line: the highlight follows
 * it onto the next line (the span's end), with the number and the note
 * only where it starts. */
Test(findings_html, a_span_over_two_lines_is_drawn_on_both)
{
    run rn = run_new();
    const char *names[] = {"wrap.txt"};
    const char *texts[] = {"ỦY BAN NHÂN DÂN\nXÃ MẪU\nSố: 12/KH-UBND\n\nKẾ HOẠCH\n"
                           "II. MỤC TIÊU\n1. Mục tiêu đến năm 2025\n"
                           "- Phấn đấu đến năm 2025 có trên\n"
                           "120% trẻ em có nguy cơ, lao động trẻ em được tiếp cận giáo dục phổ "
                           "thông.\n"};
    char *s = page(&rn, PL_FMT_HTML, PL_LANG_VI, names, texts, 1);
    const char *l8 = strstr(s, "id=\"f1-L8\"");
    const char *l9 = strstr(s, "id=\"f1-L9\"");
    cr_assert(l8 && l9);
    const char *m8 = strstr(l8, "<mark class=\"sev-error\"");
    const char *m9 = strstr(l9, "<mark class=\"sev-error\"");
    cr_expect(m8 && m8 < l9 && strstr(m8, "(value-out-of-range)\">trên</mark>") < l9,
              "the span starts on line 8");
    const char *e9 = m9 ? strstr(m9, "(value-out-of-range)\">120%</mark>") : NULL;
    cr_expect(e9 && e9 < strchr(m9, '\n'), "and runs to the '%' on line 9");
    cr_expect(!strstr(l9, "<sup") || strstr(l9, "<sup") > strchr(l9, '\n'),
              "its number stays on line 8");
    cr_expect(!strstr(l9, "<p class=\"note") || strstr(l9, "<p class=\"note") > strchr(l9, '\n'),
              "the note stays on line 8");
    free(s);
    run_free(&rn);
}

/* The highlight comes from the finding's span, not from its message: a
 * message with a different quote (as a rewording in messages.xml would
 * give) highlights the same words. */
Test(findings_html, the_message_is_not_read_for_the_highlight)
{
    const char *text = "KẾ HOẠCH\ncông tác công tác tuyên truyền\n";
    pl_error err = {0};
    pl_programs *ps = pl_programs_new_builtin(&err);
    pl_doc *d = pl_doc_parse("m.txt", text, strlen(text), ps, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    pl_report *r = pl_report_new("m.txt", PL_LANG_VI, PL_SEV_ERROR);
    pl_finding_spec f = {0};
    f.rule = "duplicate-word";
    f.severity = PL_SEV_WARNING;
    f.span.start = (pl_pos){19, 2, 6}; /* "tác công" */
    f.span.end = (pl_pos){29, 2, 14};
    f.span.target = f.span.citation = -1;
    f.confirmed = -1;
    f.message[0] = f.message[1] = "từ lặp lại: \"công tác công tác\"";
    cr_assert_eq(pl_report_add(r, &f), 0);
    pl_findings_page *pg = pl_findings_page_new(PL_FMT_HTML, PL_LANG_VI);
    cr_assert_eq(pl_findings_page_add(pg, r, d), 0);
    char *s = written(pg);
    cr_expect(strstr(s, "(duplicate-word)\">tác công</mark>"), "exactly the span");
    free(s);
    pl_report_free(r);
    pl_doc_free(d);
    pl_programs_free(ps);
}

/* A DOCX's line N is a paragraph number Word does not show: text and
 * HTML quote the paragraph's start too; a text input has no such line. */
Test(findings_html, docx_findings_quote_their_paragraph)
{
    run rn = run_new();
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/docx/lang-son-city-2024-draft.docx",
             PL_SOURCE_DIR);
    const char *names[] = {path};
    const char *texts[] = {NULL};
    char *s = page(&rn, PL_FMT_HTML, PL_LANG_VI, names, texts, 1);
    cr_expect(strstr(s, "<span class=\"where\">¶ “4. Xây dựng Kế hoạch và tổ chức triển khai "
                        "các hoạt động Chư…”</span>"),
              "the off-topic finding's paragraph");
    free(s);
    pl_error err = {0};
    pl_doc *d = pl_doc_read(path, rn.ps, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    pl_report *r = pl_check_doc(rn.ck, d, &err);
    cr_assert_not_null(r, "%s", err.message);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    pl_findings_writer *w = pl_findings_writer_new(f, PL_FMT_TEXT, PL_LANG_VI);
    cr_assert_eq(pl_findings_writer_add(w, r), 0);
    pl_findings_writer_end(w);
    pl_findings_writer_free(w);
    fclose(f);
    cr_expect(strstr(out, "[draft-placeholder]\n    ¶ \"Số: /KH-UBND\"\n"), "%s", out);
    cr_expect_str_eq(pl_finding_paragraph(pl_report_finding(r, 0)), "Số: /KH-UBND");
    free(out);
    pl_report_free(r);
    pl_doc_free(d);
    const char *tn[] = {corpus_path("lang-son-city-2024-draft.txt")};
    s = page(&rn, PL_FMT_HTML, PL_LANG_VI, tn, texts, 1);
    cr_expect_not(strstr(s, "class=\"where\""), "a text's lines are its lines");
    free(s);
    run_free(&rn);
}

Test(findings_html, english_interface)
{
    run rn = run_new();
    const char *names[] = {corpus_path("hung-yen-province-2021-news.txt")};
    const char *texts[] = {NULL};
    char *s = page(&rn, PL_FMT_HTML, PL_LANG_EN, names, texts, 1);
    cr_expect(strstr(s, "<html lang=\"en\">"));
    cr_expect(strstr(s, "<title>Plan check results — planlint</title>"));
    cr_expect(strstr(s, "<b>2</b>warnings"));
    free(s);
    run_free(&rn);
}

/* A plan whose name and text carry markup, quotes and
 * a control character: none of it may reach the page as markup (invalid
 * UTF-8 is refused by the parser; pl_html_escape replaces it anyway). */
Test(findings_html, escapes_everything_a_document_says)
{
    run rn = run_new();
    const char *names[] = {"<img src=x onerror=alert(1)>\"'.txt"};
    const char *texts[] = {
        "ỦY BAN NHÂN DÂN\nXÃ MẪU\nSố:    /KH-UBND\n\nKẾ HOẠCH\n"
        "<script>alert(\"x\")</script> công tác công tác & <b>đậm</b>\x01\n"
        "II. MỤC TIÊU\n1. Mục tiêu đến năm 2025\n"
        "- Trên 120% trẻ em có nguy cơ, lao động trẻ em được tiếp cận giáo dục phổ thông.\n"};
    char *s = page(&rn, PL_FMT_HTML, PL_LANG_VI, names, texts, 1);
    cr_expect_not(contains_ci(s, "<script"));
    cr_expect_not(contains_ci(s, "<img"));
    cr_expect_not(contains_ci(s, "<b>đậm"));
    cr_expect(strstr(s, "&lt;img src=x onerror=alert(1)&gt;&quot;&#39;.txt"));
    cr_expect(strstr(s, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    cr_expect(strstr(s, "\xEF\xBF\xBD"), "a control character becomes U+FFFD");
    cr_expect_not(strchr(s, '\x01'));
    cr_expect(strstr(s, "duplicate-word)\">công tác công tác</mark>"));
    cr_expect(strstr(s, "value-out-of-range)\">Trên 120%</mark>"));
    free(s);
    run_free(&rn);
}

Test(findings_html, clean_file_and_formats)
{
    cr_expect_null(pl_findings_page_new(PL_FMT_CSV, PL_LANG_VI));
    run rn = run_new();
    const char *names[] = {corpus_path("binh-thuan-province-2021-summary.txt")};
    const char *texts[] = {NULL};
    char *s = page(&rn, PL_FMT_HTML, PL_LANG_VI, names, texts, 1);
    cr_expect(strstr(s, "Không có phát hiện nào."), "%s", s);
    cr_expect(strstr(s, "<details><summary>"), "a clean text is folded");
    free(s);
    run_free(&rn);
}

/* ---- SARIF ----------------------------------------------------------------- */

static json_object *get(json_object *o, const char *key)
{
    json_object *v = NULL;
    cr_assert(json_object_object_get_ex(o, key, &v), "no key %s", key);
    return v;
}

Test(findings_sarif, corpus_log_parses_back)
{
    run rn = run_new();
    const char *names[] = {corpus_path("hoang-duc-commune-2023-pdf.txt"),
                           corpus_path("hung-yen-province-2021-news.txt")};
    const char *texts[] = {NULL, NULL};
    char *s = page(&rn, PL_FMT_SARIF, PL_LANG_EN, names, texts, 2);
    json_object *root = json_tokener_parse(s);
    cr_assert_not_null(root, "not JSON");
    cr_expect_str_eq(json_object_get_string(get(root, "version")), "2.1.0");
    json_object *run0 = json_object_array_get_idx(get(root, "runs"), 0);
    cr_expect_str_eq(json_object_get_string(get(run0, "columnKind")), "unicodeCodePoints");
    json_object *driver = get(get(run0, "tool"), "driver");
    cr_expect_str_eq(json_object_get_string(get(driver, "name")), "planlint");
    json_object *rules = get(driver, "rules");
    cr_assert_eq(json_object_array_length(rules), PL_R_COUNT);
    for (int i = 0; i < PL_R_COUNT; i++) {
        json_object *r = json_object_array_get_idx(rules, (size_t)i);
        cr_expect_str_eq(json_object_get_string(get(r, "id")), pl_rule_ids[i]);
        const char *lvl = json_object_get_string(get(get(r, "defaultConfiguration"), "level"));
        cr_expect(strcmp(lvl, "error") == 0 || strcmp(lvl, "warning") == 0 ||
                      strcmp(lvl, "note") == 0,
                  "%s", lvl);
        cr_expect_gt(strlen(json_object_get_string(get(get(r, "shortDescription"), "text"))), 0);
    }
    json_object *results = get(run0, "results");
    int found = 0, parents = 0;
    for (size_t i = 0; i < json_object_array_length(results); i++) {
        json_object *r = json_object_array_get_idx(results, i);
        const char *rule = json_object_get_string(get(r, "ruleId"));
        int idx = json_object_get_int(get(r, "ruleIndex"));
        cr_assert(idx >= 0 && idx < PL_R_COUNT);
        cr_expect_str_eq(pl_rule_ids[idx], rule, "ruleIndex points at the rule");
        json_object *loc =
            get(json_object_array_get_idx(get(r, "locations"), 0), "physicalLocation");
        const char *uri = json_object_get_string(get(get(loc, "artifactLocation"), "uri"));
        cr_expect(strstr(uri, "file://") == uri, "an absolute path: %s", uri);
        if (strcmp(rule, "weaker-than-parent") == 0)
            parents++;
        if (strcmp(rule, "value-out-of-range") != 0)
            continue;
        found = 1;
        cr_expect_str_eq(json_object_get_string(get(r, "level")), "error");
        cr_expect(strstr(uri, "hoang-duc-commune-2023-pdf.txt"));
        cr_expect_eq(json_object_get_int(get(get(loc, "region"), "startLine")), 103);
        cr_expect_eq(json_object_get_int(get(get(loc, "region"), "startColumn")), 3);
        /* "Trên 100%": the span ends past the '%' */
        cr_expect_eq(json_object_get_int(get(get(loc, "region"), "endLine")), 103);
        cr_expect_eq(json_object_get_int(get(get(loc, "region"), "endColumn")), 12);
        cr_expect(strstr(json_object_get_string(get(get(r, "message"), "text")), "100"));
    }
    cr_expect(found);
    cr_expect_eq(parents, 2, "Hưng Yên's parents 60 and business 80");
    json_object_put(root);
    free(s);
    run_free(&rn);
}

Test(findings_sarif, uris_are_percent_encoded)
{
    static const struct {
        const char *path, *uri;
    } cases[] = {
        {"corpus/plans/a.txt", "corpus/plans/a.txt"},
        {"kế hoạch/x y.txt", "k%E1%BA%BF%20ho%E1%BA%A1ch/x%20y.txt"},
        {"/tmp/a#b?.txt", "file:///tmp/a%23b%3F.txt"},
        {"-", "-"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pl_buf b = PL_BUF_INIT;
        pl_sarif_uri(&b, cases[i].path);
        cr_expect_str_eq(pl_buf_cstr(&b), cases[i].uri);
        pl_buf_free(&b);
    }
}

Test(findings_sarif, empty_run)
{
    char *s = written(pl_findings_page_new(PL_FMT_SARIF, PL_LANG_VI));
    json_object *root = json_tokener_parse(s);
    cr_assert_not_null(root, "%s", s);
    json_object *run0 = json_object_array_get_idx(get(root, "runs"), 0);
    cr_expect_eq(json_object_array_length(get(run0, "results")), 0);
    json_object_put(root);
    free(s);
}

/* An input that could not be read: a failed invocation whose notification
 * names it (a message with a quote and a control, a name to encode). */
Test(findings_sarif, unreadable_input_is_a_notification)
{
    pl_findings_page *pg = pl_findings_page_new(PL_FMT_SARIF, PL_LANG_EN);
    cr_assert_eq(pl_findings_page_add_error(pg, "a b.txt", "cannot open: \"x\"\n"), 0);
    cr_assert_eq(pl_findings_page_add_error(pg, "c.txt", "empty file (0 bytes)"), 0);
    cr_expect_eq(pl_findings_page_add_error(pg, NULL, "x"), -1);
    cr_expect_eq(pl_findings_page_add_error(NULL, "x", "x"), -1);
    char *s = written(pg);
    json_object *root = json_tokener_parse(s);
    cr_assert_not_null(root, "%s", s);
    json_object *run0 = json_object_array_get_idx(get(root, "runs"), 0);
    json_object *inv = json_object_array_get_idx(get(run0, "invocations"), 0);
    cr_assert_not_null(inv, "%s", s);
    cr_expect_eq(json_object_get_boolean(get(inv, "executionSuccessful")), 0);
    json_object *notes = get(inv, "toolExecutionNotifications");
    cr_assert_eq(json_object_array_length(notes), 2);
    json_object *n0 = json_object_array_get_idx(notes, 0);
    cr_expect_str_eq(json_object_get_string(get(n0, "level")), "error");
    cr_expect_str_eq(json_object_get_string(get(get(n0, "message"), "text")), "cannot open: \"x\"\n");
    json_object *loc = json_object_array_get_idx(get(n0, "locations"), 0);
    cr_expect_str_eq(
        json_object_get_string(get(get(get(loc, "physicalLocation"), "artifactLocation"), "uri")),
        "a%20b.txt");
    cr_expect_eq(json_object_array_length(get(run0, "results")), 0);
    json_object_put(root);
    free(s);

}

/* HTML: an input that could not be read is a line of the summary, in the
 * order given, escaped, and counted beside the others; none, no such
 * card. */
Test(findings_html, unreadable_input_is_in_the_summary)
{
    run rn = run_new();
    const char *names[] = {corpus_path("hung-yen-province-2021-news.txt")};
    const char *texts[] = {NULL};
    char *clean = page(&rn, PL_FMT_HTML, PL_LANG_EN, names, texts, 1);
    cr_expect_null(strstr(clean, "could not be read"), "a clean run names no unreadable input");
    free(clean);

    pl_findings_page *html = pl_findings_page_new(PL_FMT_HTML, PL_LANG_EN);
    cr_assert_eq(pl_findings_page_add_error(html, "<a>.txt", "cannot open: \"x\""), 0);
    cr_assert_eq(pl_findings_page_add_error(html, "c.txt", "empty file (0 bytes)"), 0);
    char *s = written(html);
    const char *first = strstr(s, "<tr class=\"unread\"><td>&lt;a&gt;.txt</td><td colspan=\"3\">"
                                  "could not be read: cannot open: &quot;x&quot;</td></tr>");
    const char *second = strstr(s, "<tr class=\"unread\"><td>c.txt</td><td colspan=\"3\">"
                                   "could not be read: empty file (0 bytes)</td></tr>");
    cr_expect(first && second && first < second, "%s", s);
    cr_expect(strstr(s, "<div class=\"card sev-error unread\"><b>2</b>could not be read</div>"),
              "%s", s);
    free(s);

    pl_findings_page *vi = pl_findings_page_new(PL_FMT_HTML, PL_LANG_VI);
    cr_assert_eq(pl_findings_page_add_error(vi, "c.txt", "tệp rỗng (0 byte)"), 0);
    s = written(vi);
    cr_expect(strstr(s, "<td colspan=\"3\">không đọc được: tệp rỗng (0 byte)</td>"), "%s", s);
    free(s);
    run_free(&rn);
}
