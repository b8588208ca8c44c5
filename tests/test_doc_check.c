/* test_doc_check.c - pl_doc_check (parser/doc/doc_check.c): the invariants
 * of a parsed document hold on every corpus plan, and each kind of broken
 * document is caught and named. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "test_util.h"

static const char PLAN[] = "ỦY BAN NHÂN DÂN\nHUYỆN A\nSố: 12/KH-UBND\n\nKẾ HOẠCH\n"
                           "I. MỤC TIÊU\n1. Mục tiêu chung\nĐến năm 2025, trên 90% trẻ em có "
                           "nguy cơ được tiếp cận giáo dục.\nII. NHIỆM VỤ\nTuyên truyền.\n";

static pl_doc *parse(const char *s, size_t n)
{
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse("plan.txt", s, n, NULL, NULL, &err);
    cr_assert_not_null(doc, "%s", err.message);
    return doc;
}

/* pl_doc_check fails, and its reason contains `want`. */
static void broken(const pl_doc *doc, const char *want)
{
    char why[256];
    cr_assert_eq(pl_doc_check(doc, why, sizeof why), -1, "expected a broken invariant: %s", want);
    cr_assert(strstr(why, want), "reason '%s' does not mention '%s'", why, want);
}

Test(doc_check, holds_on_every_corpus_plan)
{
    char **files = pl_test_corpus_files();
    for (size_t f = 0; files[f]; f++) {
        pl_error err = {0};
        pl_doc *doc = pl_doc_read(files[f], NULL, NULL, &err);
        cr_assert_not_null(doc, "%s", err.message);
        char why[256];
        cr_expect_eq(pl_doc_check(doc, why, sizeof why), 0, "%s: %s", files[f], why);
        pl_doc_free(doc);
    }
    pl_test_free_list(files);
}

Test(doc_check, control_bytes_never_reach_the_flat_text)
{
    /* a NUL and an ESC inside a line are blanks of the running text */
    static const char in[] = "Trên 90%\0trẻ em\x1b[31m được hỗ trợ.\n";
    pl_doc *doc = parse(in, sizeof in - 1);
    char why[256];
    cr_assert_eq(pl_doc_check(doc, why, sizeof why), 0, "%s", why);
    cr_assert_eq(strlen(doc->text.flat), doc->text.flat_len);
    cr_assert_null(memchr(doc->text.flat, 0x1b, doc->text.flat_len));
    pl_doc_free(doc);
}

Test(doc_check, an_empty_document_is_a_string)
{
    /* 0 bytes, and a page break between blank lines (blank lines alone
     * are refused as an empty file) */
    static const struct {
        const char *s;
        size_t n;
    } empty[] = {{"", 0}, {"\f\n\n", 3}};
    for (size_t i = 0; i < sizeof empty / sizeof *empty; i++) {
        pl_doc *doc = parse(empty[i].s, empty[i].n);
        cr_assert_eq(doc->text.flat_len, 0, "%zu", i);
        cr_assert_eq(doc->text.flat[0], '\0');
        cr_assert_eq(pl_doc_check(doc, NULL, 0), 0);
        pl_doc_free(doc);
    }
}

Test(doc_check, catches_a_section_whose_parent_comes_after_it)
{
    pl_doc *doc = parse(PLAN, sizeof PLAN - 1);
    cr_assert_geq(doc->nsections, 2);
    doc->sections[0].parent = 1;
    broken(doc, "section 0: parent 1");
    pl_doc_free(doc);
}

Test(doc_check, catches_a_wrong_depth)
{
    pl_doc *doc = parse(PLAN, sizeof PLAN - 1);
    cr_assert_geq(doc->nsections, 2);
    doc->sections[1].depth += 3;
    broken(doc, "section 1: depth");
    pl_doc_free(doc);
}

Test(doc_check, catches_a_target_past_the_text)
{
    pl_doc *doc = parse(PLAN, sizeof PLAN - 1);
    cr_assert_geq(doc->ntargets, 1);
    doc->targets[0].flat_end = doc->text.flat_len + 1;
    broken(doc, "target 0: flat range");
    pl_doc_free(doc);
}

Test(doc_check, catches_a_span_that_ends_before_it_starts)
{
    pl_doc *doc = parse(PLAN, sizeof PLAN - 1);
    cr_assert_geq(doc->ntargets, 1);
    cr_assert_eq(pl_doc_check(doc, NULL, 0), 0);
    doc->targets[0].end = doc->targets[0].pos;
    doc->targets[0].end.col--;
    broken(doc, "target 0: span ends at");
    pl_doc_free(doc);
}

Test(doc_check, catches_a_map_that_goes_back)
{
    pl_doc *doc = parse(PLAN, sizeof PLAN - 1);
    pl_omap *m = &doc->text.flat_map;
    cr_assert_geq(m->n, 2);
    m->a[1].src = m->a[0].src - (m->a[0].src > 0);
    m->a[1].out = m->a[0].out; /* not after the anchor before it */
    broken(doc, "flat map: anchor 1");
    pl_doc_free(doc);
}

Test(doc_check, catches_paragraphs_out_of_order)
{
    pl_doc *doc = parse(PLAN, sizeof PLAN - 1);
    cr_assert_geq(doc->text.nparas, 2);
    doc->text.paras[1].flat_start = 0;
    broken(doc, "paragraph 1: flat range");
    pl_doc_free(doc);
}

Test(doc_check, catches_a_position_that_is_not_one_based)
{
    pl_doc *doc = parse(PLAN, sizeof PLAN - 1);
    cr_assert_geq(doc->ncitations + doc->ntargets, 1);
    doc->targets[0].pos.col = 0;
    broken(doc, "target 0: position");
    pl_doc_free(doc);
}

Test(doc_check, catches_invalid_utf8_in_a_field)
{
    pl_doc *doc = parse(PLAN, sizeof PLAN - 1);
    free(doc->info.number);
    doc->info.number = strdup("12/KH-\xff");
    broken(doc, "number");
    pl_doc_free(doc);
}

Test(doc_check, catches_an_unterminated_text)
{
    pl_doc *doc = parse(PLAN, sizeof PLAN - 1);
    doc->text.key[doc->text.key_len] = 'x';
    broken(doc, "key text not NUL-terminated");
    doc->text.key[doc->text.key_len] = '\0';
    pl_doc_free(doc);
}
