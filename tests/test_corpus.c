/* test_corpus.c - the golden corpus: every plan in corpus/plans/ must give
 * exactly corpus/expected/NAME.json (written by running `planlint extract`
 * and then checked field by field against the plan by reading it).  A
 * change that moves any target, citation, section or header field shows up
 * here and in the diff of the expected file. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planlint.h"
#include "test_util.h"

/* Render one plan as `planlint extract FILE` does, the source named as it
 * is when run from the repository root. */
static char *extract(const char *rel, const pl_programs *ps)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", PL_SOURCE_DIR, rel);
    size_t n;
    char *bytes = pl_test_read_file(path, &n);
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse(rel, bytes, n, ps, NULL, &err);
    cr_assert_not_null(doc, "%s", err.message);
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    pl_extract_writer *w = pl_extract_writer_new(f, PL_FMT_JSON, 1);
    cr_assert_eq(pl_extract_writer_add(w, doc), 0);
    cr_assert_eq(pl_extract_writer_end(w), 0);
    pl_extract_writer_free(w);
    fclose(f);
    pl_doc_free(doc);
    free(bytes);
    return out;
}

Test(corpus, extraction_matches_expected_json)
{
    pl_error err = {0};
    pl_programs *ps = pl_programs_new_builtin(&err);
    cr_assert_not_null(ps, "%s", err.message);
    char **files = pl_test_corpus_files();
    size_t checked = 0;
    for (size_t i = 0; files[i]; i++) {
        const char *base = strrchr(files[i], '/') + 1;
        char rel[512], want_path[1024];
        snprintf(rel, sizeof rel, "corpus/plans/%s", base);
        snprintf(want_path, sizeof want_path, "%s/corpus/expected/%.*s.json", PL_SOURCE_DIR,
                 (int)(strlen(base) - 4), base);
        char *got = extract(rel, ps);
        size_t n;
        char *want = pl_test_read_file(want_path, &n);
        cr_expect_str_eq(got, want, "%s differs from %s (diff `planlint extract %s` against it)",
                         rel, want_path, rel);
        free(got);
        free(want);
        checked++;
    }
    cr_assert_geq(checked, 5);
    pl_test_free_list(files);
    pl_programs_free(ps);
}

/* The findings of `planlint check FILE` (text format, Vietnamese) for every
 * corpus plan must equal corpus/expected/NAME.findings, written by reading
 * each plan: the errors, warnings and infos a provincial reviewer would
 * agree with, each at its line. */
static char *check(const char *rel, const pl_programs *ps, pl_checker *ck)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", PL_SOURCE_DIR, rel);
    size_t n;
    char *bytes = pl_test_read_file(path, &n);
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse(rel, bytes, n, ps, NULL, &err);
    cr_assert_not_null(doc, "%s", err.message);
    pl_report *r = pl_check_doc(ck, doc, &err);
    cr_assert_not_null(r, "%s", err.message);
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    pl_findings_writer *w = pl_findings_writer_new(f, PL_FMT_TEXT, PL_LANG_VI);
    cr_assert_eq(pl_findings_writer_add(w, r), 0);
    cr_assert_eq(pl_findings_writer_end(w), 0);
    pl_findings_writer_free(w);
    fclose(f);
    pl_report_free(r);
    pl_doc_free(doc);
    free(bytes);
    return out;
}

Test(corpus, findings_match_expected)
{
    pl_error err = {0};
    pl_programs *ps = pl_programs_new_builtin(&err);
    cr_assert_not_null(ps, "%s", err.message);
    pl_config *cfg = pl_config_new();
    pl_config_use_files(cfg, 0); /* no .planlint from the machine running the test */
    pl_checker *ck = pl_checker_new(ps, cfg, &err);
    cr_assert_not_null(ck, "%s", err.message);
    char **files = pl_test_corpus_files();
    for (size_t i = 0; files[i]; i++) {
        const char *base = strrchr(files[i], '/') + 1;
        char rel[512], want_path[1024];
        snprintf(rel, sizeof rel, "corpus/plans/%s", base);
        snprintf(want_path, sizeof want_path, "%s/corpus/expected/%.*s.findings", PL_SOURCE_DIR,
                 (int)(strlen(base) - 4), base);
        char *got = check(rel, ps, ck);
        if (getenv("PL_WRITE_EXPECTED")) { /* for a reviewer to diff, never in CI */
            FILE *o = fopen(want_path, "w");
            fputs(got, o);
            fclose(o);
        }
        size_t n;
        char *want = pl_test_read_file(want_path, &n);
        cr_expect_str_eq(got, want, "%s: findings differ from %s", rel, want_path);
        free(got);
        free(want);
    }
    pl_test_free_list(files);
    pl_checker_free(ck);
    pl_config_free(cfg);
    pl_programs_free(ps);
}
