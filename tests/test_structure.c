/* test_structure.c - parser/doc/structure.c and parser/text/marker.c: the section
 * tree of every corpus plan against corpus/expected/NAME.sections, a file
 * written by reading the plan (one heading per line: indentation = depth,
 * label, input line, the title's first words). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "marker.h"
#include "test_util.h"

/* Title cut at a code point boundary after at most `max` bytes. */
static void put_title(pl_buf *b, const char *title, size_t max)
{
    size_t n = strlen(title);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)title[n] & 0xC0) == 0x80)
            n--;
    }
    pl_buf_put(b, title, n);
}

static char *render_tree(const pl_doc *doc)
{
    pl_buf b = PL_BUF_INIT;
    for (size_t i = 0; i < doc->nsections; i++) {
        const pl_section *s = &doc->sections[i];
        for (int d = 0; d < s->depth; d++)
            pl_buf_puts(&b, "  ");
        pl_buf_printf(&b, "%s | %u | ", s->label, s->pos.line);
        put_title(&b, s->title, 60);
        pl_buf_putc(&b, '\n');
    }
    return pl_buf_detach(&b, NULL);
}

/* Parse in[0..n) and assert its section tree; the document, for more
 * assertions (the caller frees it). */
static pl_doc *tree_is(const char *in, size_t n, const char *want)
{
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse("x", in, n, NULL, NULL, &err);
    cr_assert_not_null(doc, "%s", err.message);
    char *got = render_tree(doc);
    cr_assert_str_eq(got, want);
    free(got);
    return doc;
}

Test(structure, corpus_section_trees_match_expected_files)
{
    char **files = pl_test_corpus_files();
    for (size_t f = 0; files[f]; f++) {
        pl_error err = {0};
        pl_doc *doc = pl_doc_read(files[f], NULL, NULL, &err);
        cr_assert_not_null(doc, "%s", err.message);
        char *got = render_tree(doc);
        const char *base = strrchr(files[f], '/') + 1;
        char path[1024];
        snprintf(path, sizeof path, "%s/corpus/expected/%.*s.sections", PL_SOURCE_DIR,
                 (int)(strlen(base) - 4), base);
        if (getenv("PL_WRITE_EXPECTED")) { /* for a reviewer to diff, never in CI */
            FILE *o = fopen(path, "w");
            fputs(got, o);
            fclose(o);
        }
        size_t n;
        char *want = pl_test_read_file(path, &n);
        cr_expect_str_eq(got, want, "%s: section tree differs from %s", files[f], path);
        free(want);
        free(got);
        pl_doc_free(doc);
    }
    pl_test_free_list(files);
}

Test(structure, markers)
{
    pl_marker m;
    cr_assert(pl_marker_parse("III.  NỘI DUNG", strlen("III.  NỘI DUNG"), &m));
    cr_assert_eq(m.style, PL_STYLE_ROMAN);
    cr_assert_eq(m.number, 3);
    cr_assert(pl_marker_parse("2.1. Nội dung", strlen("2.1. Nội dung"), &m));
    cr_assert_eq(m.style, PL_STYLE_NESTED);
    cr_assert_str_eq(m.label, "2.1");
    cr_assert(pl_marker_parse("b) Mục tiêu 2: Truyền thông", 30, &m));
    cr_assert_eq(m.style, PL_STYLE_LETTER);
    cr_assert_eq(m.number, 2);
    /* a dash item that names an objective nests as a dash, labelled by it */
    cr_assert(pl_marker_parse("- Mục tiêu 3: Đào tạo", strlen("- Mục tiêu 3: Đào tạo"), &m));
    cr_assert_eq(m.style, PL_STYLE_DASH);
    cr_assert_eq(m.objective, 3);
    cr_assert_str_eq(m.label, "Mục tiêu 3");
    cr_assert(pl_marker_parse("Chỉ tiêu 4: Trẻ em", strlen("Chỉ tiêu 4: Trẻ em"), &m));
    cr_assert_eq(m.style, PL_STYLE_INDICATOR);
    cr_assert(pl_marker_parse("+ 100% trẻ em", strlen("+ 100% trẻ em"), &m));
    cr_assert_eq(m.style, PL_STYLE_PLUS);
    cr_assert(pl_marker_parse("• Địa chỉ", strlen("• Địa chỉ"), &m));
    cr_assert_eq(m.style, PL_STYLE_DOT);
    /* not headings: a percentage, a date, a year, a lone marker */
    cr_assert_not(pl_marker_parse("100% trẻ em", 13, &m));
    cr_assert_not(pl_marker_parse("29.9.2021 ban hành", 20, &m));
    cr_assert_not(pl_marker_parse("2021. Năm", 10, &m));
    cr_assert_not(pl_marker_parse("-", 1, &m));
    cr_assert_not(pl_marker_parse("TP. Lạng Sơn", strlen("TP. Lạng Sơn"), &m));
}

Test(structure, numbering_styles_nest_by_first_appearance)
{
    const char in[] = "I. MỤC TIÊU\n1. Chung\na) Một\n- ý\n- ý\nb) Hai\n2. Riêng\nII. NHIỆM VỤ\n";
    pl_doc *doc = tree_is(in, sizeof in - 1,
                          "I | 1 | MỤC TIÊU\n"
                          "  1 | 2 | Chung\n"
                          "    a | 3 | Một\n"
                          "      - | 4 | ý\n"
                          "      - | 5 | ý\n"
                          "    b | 6 | Hai\n"
                          "  2 | 7 | Riêng\n"
                          "II | 8 | NHIỆM VỤ\n");
    pl_doc_free(doc);
}

Test(structure, a_decision_and_the_plan_it_issues)
{
    /* the plan follows the decision's recipients and signature: it is the
     * body, with an outline of its own, and the end block is its own */
    const char in[] = "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\n"
                      "Số: 456/QĐ-UBND\n"
                      "QUYẾT ĐỊNH\n"
                      "Ban hành Kế hoạch phòng ngừa lao động trẻ em\n"
                      "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n"
                      "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n"
                      "Nơi nhận:\n"
                      "- Như Điều 2;\n"
                      "TM. ỦY BAN NHÂN DÂN\n"
                      "KẾ HOẠCH\n"
                      "Phòng ngừa lao động trẻ em\n"
                      "I. MỤC TIÊU\n"
                      "1. Chung\n"
                      "II. TỔ CHỨC THỰC HIỆN\n"
                      "Nơi nhận: như trên.\n"
                      "- Sở Lao động;\n";
    pl_doc *doc = tree_is(in, sizeof in - 1,
                          "Điều 1 | 5 | Ban hành kèm theo Quyết định này Kế hoạch.\n"
                          "Điều 2 | 6 | Quyết định này có hiệu lực kể từ ngày ký./.\n"
                          "  - | 8 | Như Điều 2\n"
                          "I | 12 | MỤC TIÊU\n"
                          "  1 | 13 | Chung\n"
                          "II | 14 | TỔ CHỨC THỰC HIỆN\n");
    pl_doc_free(doc);

    /* without a plan after it, the end block starts at "Nơi nhận" */
    const char alone[] = "QUYẾT ĐỊNH\nVề việc x\nĐiều 1. Một.\nNơi nhận:\n- Như Điều 1;\n";
    pl_doc_free(tree_is(alone, sizeof alone - 1, "Điều 1 | 3 | Một.\n"));
}

Test(structure, parts_lettered_in_capitals)
{
    /* "A. MỤC ĐÍCH", "B. MỤC TIÊU" ... "Đ.": parts; "I." stays Roman; a
     * sentence that starts with a capital is no part */
    const char in[] = "A. MỤC ĐÍCH, YÊU CẦU\n"
                      "B. MỤC TIÊU\n"
                      "I. Chung\n"
                      "1. Một\n"
                      "C. NHIỆM VỤ\n"
                      "D. KINH PHÍ\n"
                      "Đ. TỔ CHỨC THỰC HIỆN\n"
                      "Các sở, ngành thực hiện.\n"
                      "TP. Lạng Sơn.\n";
    pl_doc *doc = tree_is(in, sizeof in - 1,
                          "A | 1 | MỤC ĐÍCH, YÊU CẦU\n"
                          "B | 2 | MỤC TIÊU\n"
                          "  I | 3 | Chung\n"
                          "    1 | 4 | Một\n"
                          "C | 5 | NHIỆM VỤ\n"
                          "D | 6 | KINH PHÍ\n"
                          "Đ | 7 | TỔ CHỨC THỰC HIỆN\n");
    cr_assert_eq(doc->sections[6].number, 5, "Đ is the fifth letter");
    pl_doc_free(doc);
}
