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

/* "PHẦN I", "Phần thứ hai": the parts of a long plan, by Roman, Arabic or
 * ordinal number (data/vocab/sections.xml); "Phần lớn" and "phần việc"
 * are words, not parts. */
Test(structure, parts_by_number_or_ordinal)
{
    static const struct {
        const char *line;
        long number; /* 0: not a marker */
    } cases[] = {
        {"PHẦN I", 1},          {"Phần II. MỤC TIÊU", 2}, {"PHẦN THỨ NHẤT", 1},
        {"Phần thứ hai", 2},    {"Phần 3: Giải pháp", 3}, {"Phần lớn trẻ em được hỗ trợ", 0},
        {"phần việc còn lại", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pl_marker m;
        int found = pl_marker_parse(cases[i].line, strlen(cases[i].line), &m);
        cr_assert_eq(found && m.style == PL_STYLE_PART, cases[i].number != 0, "%s", cases[i].line);
        if (cases[i].number)
            cr_assert_eq(m.number, cases[i].number, "%s", cases[i].line);
    }
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

/* ---- the vocabulary of targets and sections (data/vocab/) ---------------- */

#include "vocab.h"

/* Every list targets.c and structure.c read loads, longest phrase first,
 * in key form. */
Test(vocab_targets, lists_load_longest_first_in_key_form)
{
    static const char *const names[] = {
        "year-words", "year-prepositions", "month-words", "year-ranges", "comparison-words",
        "past-periods", "per-year", "orientation-prepositions",
        "orientation-openers", "objective-words", "and-words", "lead-in-cues",
        "lead-in-prepositions", "lead-in-orientations", "target-cues", "statistic-cues",
        "statistic-verbs", "achieved", "situation-headings", "caption-words", "comparators",
        "cell-comparators", "bounds-after", "range-words", "change-verbs", "change-fillers",
        "rate-words", "rate-label-words", "rate-verbs", "lowering-words", "harms",
        "per100k-nouns", "predicate-words", "coverage-verbs", "predicate-modals", "group-joins",
        "end-block-openers", "page-counters", "article-words", "indicator-words", "list-letters"};
    pl_test_lists_longest_first(names, sizeof names / sizeof *names);
    /* "xuống dưới" before "dưới", "trẻ em" before "trẻ": the alternation
     * tries the longer phrase first */
    const char *alt = pl_vocab_alternation(pl_vocab("per100k-nouns"));
    cr_expect(strstr(alt, "trẻ\\s+em") < strstr(alt, "|trẻ|"), "%s", alt);
    /* the new tone style folds to the key's: one entry serves both */
    cr_expect_not_null(pl_vocab_find(pl_vocab("caption-words"), "ảnh minh họa",
                                     strlen("ảnh minh họa")));
}

/* The list letters are an order: ranks 1..n, each once (the list itself
 * is kept longest first, so only the rank tells a from b). */
Test(vocab_targets, list_letters_have_one_rank_each)
{
    const pl_vocab_list *l = pl_vocab("list-letters");
    cr_assert_gt(l->n, 0);
    for (size_t r = 1; r <= l->n; r++) {
        size_t with_rank = 0;
        for (size_t i = 0; i < l->n; i++) {
            const char *rank = pl_vocab_attr(&l->v[i], "rank");
            with_rank += rank && (size_t)atoi(rank) == r;
        }
        cr_expect_eq(with_rank, 1, "rank %zu is held by %zu letters", r, with_rank);
    }
}

/* Each comparator names its comparator; the words a table cell may hold
 * before its value take their meaning from `comparators`. */
Test(vocab_targets, comparators_carry_their_meaning)
{
    static const char *const cmps[] = {"lt", "le", "gt", "ge", "eq", "none"};
    const pl_vocab_list *l = pl_vocab("comparators");
    for (size_t i = 0; i < l->n; i++) {
        const char *c = pl_vocab_attr(&l->v[i], "cmp");
        int known = 0;
        for (size_t k = 0; c && k < sizeof cmps / sizeof *cmps; k++)
            known |= strcmp(c, cmps[k]) == 0;
        cr_expect(known, "%s: cmp=\"%s\"", l->v[i].phrase, c ? c : "(none)");
    }
    const pl_vocab_list *cells = pl_vocab("cell-comparators");
    for (size_t i = 0; i < cells->n; i++)
        cr_expect_not_null(pl_vocab_find(l, cells->v[i].key, cells->v[i].key_len),
                           "%s is not in comparators", cells->v[i].phrase);
    const pl_vocab_list *verbs = pl_vocab("change-verbs");
    for (size_t i = 0; i < verbs->n; i++) {
        const char *c = pl_vocab_attr(&verbs->v[i], "change");
        cr_expect(c && (strcmp(c, "decrease") == 0 || strcmp(c, "increase") == 0), "%s",
                  verbs->v[i].phrase);
    }
}

/* The skeleton of a pattern names lists; "\p{L}" is not a name. */
Test(vocab_targets, regex_from_skeleton)
{
    char *re = pl_vocab_regex("(?<![\\p{L}\\d])({change-verbs})\\d{1,2}");
    cr_assert_str_eq(re, "(?<![\\p{L}\\d])((?:giảm|tăng))\\d{1,2}");
    free(re);
}

static const char CUE_PLAN[] = "KẾ HOẠCH\nVề việc x\n\n"
                               "Nhắm tới 90% trẻ em tham gia học bơi.\n"
                               "Phấn đấu đến năm 2025, tỷ lệ trẻ em được tiêm chủng đầy đủ "
                               "vượt 95%.\n"
                               "Ảnh minh hoạ: 50% trẻ em được tiêm.\n";

/* text parsed on its own, which must give `want` targets */
static pl_doc *parsed_with_targets(const char *text, size_t len, size_t want)
{
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse("x", text, len, NULL, NULL, &err);
    cr_assert_not_null(doc, "%s", err.message);
    cr_assert_eq(pl_doc_target_count(doc), want, "%zu targets", pl_doc_target_count(doc));
    return doc;
}

static pl_doc *cue_plan(void)
{
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse("x", CUE_PLAN, sizeof CUE_PLAN - 1, NULL, NULL, &err);
    cr_assert_not_null(doc, "%s", err.message);
    return doc;
}

/* Without tests/data/extra-vocab-targets.xml: "vượt" is no comparator (the figure
 * is a plain level, at least 95%, and "vượt" ends its group) and "nhắm
 * tới" no target cue; a caption's figure is never a target. */
Test(vocab_targets, builtin_words)
{
    pl_doc *doc = cue_plan();
    cr_assert_eq(pl_doc_target_count(doc), 1);
    const pl_target *t = pl_doc_target(doc, 0);
    cr_expect_float_eq(pl_target_value(t), 95, 1e-9);
    cr_expect_str_eq(pl_target_comparator(t), "ge");
    cr_expect_str_eq(pl_target_group(t), "trẻ em được tiêm chủng đầy đủ vượt");
    pl_doc_free(doc);
}

/* A domain expert adds two cue words as data (the file, loaded at run
 * time): the reading changes with no C change.  Criterion runs each test
 * in its own process, so the patterns are compiled after the words are
 * added. */
Test(vocab_targets, a_cue_word_added_as_data)
{
    pl_test_vocab_add("extra-vocab-targets.xml");
    /* the folded key of "Nhắm tới" joins the list */
    cr_expect_not_null(pl_vocab_find(pl_vocab("target-cues"), "nhắm tới", strlen("nhắm tới")));
    pl_doc *doc = cue_plan();
    cr_assert_eq(pl_doc_target_count(doc), 2, "%zu targets", pl_doc_target_count(doc));
    const pl_target *t = pl_doc_target(doc, 0);
    cr_expect_float_eq(pl_target_value(t), 90, 1e-9);
    cr_expect_str_eq(pl_target_group(t), "trẻ em tham gia học bơi");
    t = pl_doc_target(doc, 1);
    cr_expect_float_eq(pl_target_value(t), 95, 1e-9);
    cr_expect_str_eq(pl_target_comparator(t), "gt", "vượt 95%: above it");
    cr_expect_str_eq(pl_target_group(t), "trẻ em được tiêm chủng đầy đủ");
    pl_doc_free(doc);
}

/* A photo caption on a line of its own that names its photo at the end
 * ("... - Ảnh minh họa", "... Ảnh: M.L") repeats the body's figures: none
 * of them is a target, whatever its cue; a body line of the same words is
 * read.  "đạt tỷ lệ 90%" sets a level as "đạt 90%" does. */
static const char CAPTION_PLAN[] =
    "Tăng chiều cao trẻ em\n\n"
    "Giảm tỷ lệ suy dinh dưỡng thể thấp còi xuống còn 26% vào năm 2015 - Ảnh minh họa\n\n"
    "Phấn đấu 80% trẻ em được tiêm chủng vào năm 2025. Ảnh: M.L\n\n"
    "Cụ thể, giảm tỷ lệ suy dinh dưỡng thể thấp còi xuống còn 26% vào năm 2015; đến năm "
    "2030, 70% học sinh được dạy kỹ năng an toàn và đạt tỷ lệ 90% vào năm 2035.\n";

Test(vocab_targets, trailing_caption_and_dat_ty_le)
{
    pl_doc *doc = parsed_with_targets(CAPTION_PLAN, sizeof CAPTION_PLAN - 1, 3);
    static const double value[] = {26, 70, 90};
    static const int year[] = {2015, 2030, 2035};
    for (size_t i = 0; i < 3; i++) {
        const pl_target *t = pl_doc_target(doc, i);
        cr_expect_float_eq(pl_target_value(t), value[i], 1e-9);
        cr_expect_eq(pl_target_year(t), year[i], "target %zu: %d", i, pl_target_year(t));
        cr_expect_eq(pl_target_line(t), 7ul, "target %zu is the body's, line %lu", i,
                     pl_target_line(t));
    }
    cr_expect_str_eq(pl_target_comparator(pl_doc_target(doc, 2)), "ge");
    pl_doc_free(doc);
}

/* A line that ends with its source ("(Nguồn: ngân sách tỉnh)", "- Nguồn:
 * ...") or lists pictures ("hình ảnh: pano, áp phích") is no caption: its
 * target is read. */
static const char NOT_CAPTION_PLAN[] =
    "Phấn đấu đến năm 2025, 100% trạm y tế xã đạt chuẩn quốc gia (Nguồn: ngân sách tỉnh).\n\n"
    "- 95% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ - Nguồn: Chương trình MTQG\n\n"
    "Đến năm 2025, 100% xã có tài liệu, hình ảnh: pano, áp phích\n";

Test(vocab_targets, source_note_and_picture_list_are_no_caption)
{
    pl_doc *doc = parsed_with_targets(NOT_CAPTION_PLAN, sizeof NOT_CAPTION_PLAN - 1, 3);
    static const double value[] = {100, 95, 100};
    static const unsigned long line[] = {1, 3, 5};
    for (size_t i = 0; i < 3; i++) {
        const pl_target *t = pl_doc_target(doc, i);
        cr_expect_float_eq(pl_target_value(t), value[i], 1e-9);
        cr_expect_eq(pl_target_line(t), line[i], "target %zu: line %lu", i, pl_target_line(t));
    }
    pl_doc_free(doc);
}

/* "mục tiêu của năm 2016" names the targets' year, not a past one, even
 * after a lead-in set a later year; "phải giảm được 50% ... so với năm
 * 2013" is a change to reach (a modal of duty); a result told in the next
 * item ("...; đến nay ... đã được kéo giảm") is not the figure's. */
static const char DUTY_PLAN[] =
    "Tới năm 2020, 90% trẻ em có hoàn cảnh đặc biệt được trợ giúp.\n\n"
    "Một số mục tiêu của năm 2016 là giảm tỷ lệ trẻ em có hoàn cảnh đặc biệt xuống 5,5% "
    "trên tổng số trẻ em.\n\n"
    "Để bảo vệ trẻ em, nhất là phải giảm được 50% số trẻ em bị tai nạn thương tích so với năm "
    "2013, các ngành đẩy mạnh tuyên truyền; nhờ vậy, đến nay số trường hợp tai nạn đã được "
    "kéo giảm.\n";

Test(vocab_targets, target_year_after_cue_and_duty_change)
{
    pl_doc *doc = parsed_with_targets(DUTY_PLAN, sizeof DUTY_PLAN - 1, 3);
    const pl_target *t = pl_doc_target(doc, 1);
    cr_expect_float_eq(pl_target_value(t), 5.5, 1e-9);
    cr_expect_eq(pl_target_year(t), 2016);
    cr_expect_str_eq(pl_target_comparator(t), "le");
    t = pl_doc_target(doc, 2);
    cr_expect_float_eq(pl_target_value(t), 50, 1e-9);
    cr_expect_str_eq(pl_target_change(t), "decrease");
    cr_expect_eq(pl_target_base_year(t), 2013);
    pl_doc_free(doc);
}

/* A modal of duty after a word that makes it past or denied ("đã phải",
 * "buộc phải", "không cần") sets no target: the change is a result or
 * none. */
static const char DUTY_PAST_PLAN[] =
    "Năm 2021, do dịch COVID-19, nhiều doanh nghiệp đã phải giảm 30% lao động.\n\n"
    "Nhiều cơ sở buộc phải giảm 20% công suất.\n\n"
    "Các xã không cần tăng 10% kinh phí.\n\n"
    "Để bảo vệ trẻ em, cần giảm 15% số trẻ em bị tai nạn thương tích so với năm 2013.\n";

Test(vocab_targets, duty_after_past_or_denial_is_no_target)
{
    pl_doc *doc = parsed_with_targets(DUTY_PAST_PLAN, sizeof DUTY_PAST_PLAN - 1, 1);
    const pl_target *t = pl_doc_target(doc, 0);
    cr_expect_float_eq(pl_target_value(t), 15, 1e-9);
    cr_expect_eq(pl_target_line(t), 7ul);
    pl_doc_free(doc);
}

/* A target cue further back in the item ("Thực hiện mục tiêu Chương
 * trình, năm 2019 ...") does not make its year the targets' own: the
 * figure of a past year is a result. */
static const char CUE_FAR_PLAN[] =
    "Đến năm 2025, 95% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ.\n\n"
    "Thực hiện mục tiêu Chương trình, năm 2019 tỷ lệ trẻ em suy dinh dưỡng giảm xuống 12%.\n\n"
    "Một số chỉ tiêu trong năm 2016 là giảm tỷ lệ trẻ em bỏ học xuống 3%.\n";

Test(vocab_targets, cue_far_before_a_past_year_is_no_target)
{
    pl_doc *doc = parsed_with_targets(CUE_FAR_PLAN, sizeof CUE_FAR_PLAN - 1, 2);
    cr_expect_float_eq(pl_target_value(pl_doc_target(doc, 0)), 95, 1e-9);
    const pl_target *t = pl_doc_target(doc, 1);
    cr_expect_float_eq(pl_target_value(t), 3, 1e-9);
    cr_expect_eq(pl_target_year(t), 2016);
    pl_doc_free(doc);
}

static const char OUTLINE_HEAD[] = "VIỆN DINH DƯỠNG\nĐỀ CƯƠNG\nNghiên cứu\n";

/* How many paragraphs the text pipeline makes of OUTLINE_HEAD. */
static size_t outline_head_paragraphs(void)
{
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse("x", OUTLINE_HEAD, sizeof OUTLINE_HEAD - 1, NULL, NULL, &err);
    cr_assert_not_null(doc, "%s", err.message);
    size_t n = doc->text.nparas;
    pl_doc_free(doc);
    return n;
}

/* The marker words as built in: "Chỉ tiêu 2:" numbers an indicator,
 * "Điều 5." an article; "Tiêu chí 3:" is no marker and "ĐỀ CƯƠNG" no
 * type name (tests/data/extra-vocab-markers.xml adds them). */
Test(vocab_markers, builtin_words)
{
    pl_marker mk;
    cr_assert(pl_marker_parse("Chỉ tiêu 2: Tỷ lệ", strlen("Chỉ tiêu 2: Tỷ lệ"), &mk));
    cr_expect_eq(mk.style, PL_STYLE_INDICATOR);
    cr_expect_eq(mk.number, 2);
    cr_assert(pl_marker_parse("ĐIỀU 5. Tổ chức", strlen("ĐIỀU 5. Tổ chức"), &mk));
    cr_expect_eq(mk.style, PL_STYLE_ARTICLE);
    cr_expect_eq(mk.number, 5);
    cr_assert(pl_marker_parse("Mục tiêu II: Giảm", strlen("Mục tiêu II: Giảm"), &mk));
    cr_expect_eq(mk.style, PL_STYLE_OBJECTIVE);
    cr_expect_eq(mk.objective, 2);
    cr_expect_not(pl_marker_parse("Tiêu chí 3: Giao thông", strlen("Tiêu chí 3: Giao thông"), &mk));
    cr_expect(pl_type_name_line("KẾ HOẠCH", strlen("KẾ HOẠCH")));
    cr_expect(pl_type_name_line("GIẤY MỜI", strlen("GIẤY MỜI")));
    cr_expect_not(pl_type_name_line("Kế hoạch", strlen("Kế hoạch")));
    cr_expect_not(pl_type_name_line("ĐỀ CƯƠNG", strlen("ĐỀ CƯƠNG")));
    /* two lines in capitals without a stop are one paragraph */
    size_t n = outline_head_paragraphs();
    cr_expect_eq(n, 2, "%zu paragraphs", n);
}

/* An indicator word and a document type added as data: the markers and
 * the type-name line read them (the patterns are built after the file is
 * added: each test runs in its own process). */
Test(vocab_markers, marker_words_added_as_data)
{
    pl_test_vocab_add("extra-vocab-markers.xml");
    pl_marker mk;
    const char *line = "TIÊU CHÍ 3: Giao thông";
    cr_assert(pl_marker_parse(line, strlen(line), &mk), "a capital T starts a marker now");
    cr_expect_eq(mk.style, PL_STYLE_INDICATOR);
    cr_expect_eq(mk.number, 3);
    cr_expect_str_eq(mk.label, "TIÊU CHÍ 3");
    cr_assert(pl_marker_parse("Chỉ tiêu 2: Tỷ lệ", strlen("Chỉ tiêu 2: Tỷ lệ"), &mk));
    cr_expect_eq(mk.style, PL_STYLE_INDICATOR);
    cr_expect(pl_type_name_line("ĐỀ CƯƠNG", strlen("ĐỀ CƯƠNG")));
    /* and the text pipeline with them: the type-name line starts a
     * paragraph of its own under a line in capitals without a stop */
    size_t n = outline_head_paragraphs();
    cr_expect_eq(n, 3, "%zu paragraphs", n);
}

/* A vocabulary file that breaks the schema is refused, naming itself. */
Test(vocab_targets, added_vocabulary_is_checked)
{
    static const char bad[] = "<vocabulary><list name=\"x\"><entry/></list></vocabulary>";
    pl_error err = {0};
    cr_assert_eq(pl_vocab_add("bad.xml", bad, sizeof bad - 1, &err), -1);
    cr_expect(strstr(err.message, "bad.xml") != NULL, "%s", err.message);
}

/* targets.c answers its phrase-list patterns (target-cues,
 * situation-headings, achieved) by one scan of the span: a plain test of
 * each byte and a hash of the next bytes before comparing phrases.  On
 * random text made of the phrases, pieces of them, blanks, capitals and
 * the characters PCRE2 folds (long s, Kelvin sign), every span the scan
 * answers gets the pattern's answer. */
Test(vocab_targets, phrase_scan_answers_as_the_pattern)
{
    static const char *const lists[] = {"target-cues", "situation-headings", "achieved"};
    static const char *const extra[] = {" ", " ", " ", "  ", "\n", "A", "Đ", "ſ", "\xE2\x84\xAA",
                                        "90%", "2025", ",", "đ", "đã", "ng", "nh", "t", "ả",
                                        "tiêu", "hướng", "kết", "quả", "có"};
    unsigned seed = 12345;
    for (size_t li = 0; li < sizeof lists / sizeof *lists; li++) {
        const pl_vocab_list *l = pl_vocab(lists[li]);
        cr_assert(l && l->n > 0);
        int yes = 0, no = 0;
        for (int round = 0; round < 300; round++) {
            pl_buf b = PL_BUF_INIT;
            for (int k = 0; k < 8; k++) {
                seed = seed * 1103515245u + 12345u;
                unsigned r = (seed >> 16) % 100;
                if (r < 30) {
                    const char *w = l->v[(seed >> 8) % l->n].key;
                    size_t n = strlen(w);
                    size_t cut = r < 15 ? n : 1 + (seed >> 4) % n; /* whole, or a piece */
                    while (cut < n && ((unsigned char)w[cut] & 0xC0) == 0x80)
                        cut++; /* of whole characters */
                    pl_buf_put(&b, w, cut);
                } else {
                    pl_buf_puts(&b, extra[(seed >> 8) % (sizeof extra / sizeof *extra)]);
                }
            }
            const char *s = b.data;
            size_t n = b.len;
            for (size_t a = 0; a <= n; a += 1 + a % 3)
                for (size_t e = a; e <= n; e += 1 + e % 5) {
                    if ((a < n && ((unsigned char)s[a] & 0xC0) == 0x80) ||
                        (e < n && ((unsigned char)s[e] & 0xC0) == 0x80))
                        continue; /* spans of whole characters, as the callers' */
                    int pattern = -9;
                    int scan = pl_targets_phrase_test(lists[li], s, a, e, &pattern);
                    cr_assert(scan >= -1 && (pattern == 0 || pattern == 1));
                    if (scan == -1)
                        continue;
                    cr_assert_eq(scan, pattern, "%s on \"%.*s\" [%zu, %zu): scan %d, pattern %d",
                                 lists[li], (int)n, s, a, e, scan, pattern);
                    if (scan)
                        yes++;
                    else
                        no++;
                }
            pl_buf_free(&b);
        }
        cr_assert(yes > 100 && no > 100, "%s: %d yes, %d no", lists[li], yes, no);
    }
    int pattern;
    const char *t = "ngay 15 thang 3 se phan dau de dat muc tieu";
    cr_assert_eq(pl_targets_phrase_test("target-cues", t, 0, strlen(t), &pattern), 0);
    cr_assert_eq(pl_targets_phrase_test("no-such-list", t, 0, strlen(t), &pattern), -2);
}

/* The cheap tests before the marker patterns (marker.c) turn away only
 * what the patterns would: each line start is read with and without them,
 * the same style, label, number, objective and length; and where the
 * reader calls its answer stable, the line with a space and more text
 * after it gives the same answer.  The lines are made of the pieces the
 * patterns turn on (Roman letters, digits, stops, brackets, the bullets,
 * PCRE2's spaces beyond ASCII, digits of other scripts, marker words,
 * letters in both cases, đ/Đ), at random, and every code point stands once
 * in each place a test reads one. */
static void markers_agree(const char *s, size_t n)
{
    pl_marker a, b;
    int stable;
    int ra = pl_marker_parse_line(s, n, &a, &stable);
    int rb = pl_marker_parse_re(s, n, &b);
    cr_assert_eq(ra, rb, "'%.*s': found %d, the patterns %d", (int)n, s, ra, rb);
    if (ra) {
        cr_assert_eq(a.style, b.style, "'%.*s'", (int)n, s);
        cr_assert_str_eq(a.label, b.label, "'%.*s'", (int)n, s);
        cr_assert_eq(a.number, b.number, "'%.*s'", (int)n, s);
        cr_assert_eq(a.objective, b.objective, "'%.*s'", (int)n, s);
        cr_assert_eq(a.len, b.len, "'%.*s'", (int)n, s);
    }
    if (stable) {
        static const char *const tails[] = {" ", " x", " . y", " ) z", "  1", " Mục tiêu"};
        for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
            char buf[512];
            size_t tl = strlen(tails[t]);
            if (n + tl >= sizeof buf)
                continue;
            memcpy(buf, s, n);
            memcpy(buf + n, tails[t], tl);
            pl_marker c;
            int rc = pl_marker_parse_re(buf, n + tl, &c);
            cr_assert_eq(rc, ra, "'%.*s' stable, but not with '%s'", (int)n, s, tails[t]);
            if (rc) {
                cr_assert_eq(c.style, a.style, "'%.*s' + '%s'", (int)n, s, tails[t]);
                cr_assert_str_eq(c.label, a.label, "'%.*s' + '%s'", (int)n, s, tails[t]);
                cr_assert_eq(c.len, a.len, "'%.*s' + '%s'", (int)n, s, tails[t]);
                cr_assert_eq(c.number, a.number, "'%.*s' + '%s'", (int)n, s, tails[t]);
            }
        }
    }
}

Test(structure, marker_pretests_answer_as_the_patterns)
{
    static const char *const pieces[] = {
        "I", "V", "X", "II", "IV", "IX", "XX", "XXXX", "1", "2", "12", "123", "0", ".", ")", ",", "%",
        "/", " ", "  ", "\t", "\xC2\xA0", "\xC2\x85", "\xE1\xA0\x8E", "\xE2\x80\x83", "\xE3\x80\x80",
        "\xE2\x80\xA8", "-", "+", "*", "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x80\x93", "\xE2\x80\x94",
        "\xE2\x97\xA6", "\xE2\x96\xAA", "\xD9\xA3", "\xEF\xBC\x95", "a", "b", "đ", "Đ", "A", "B", "Z",
        "i", "x", "e", "Mục tiêu", "mục tiêu", "Chỉ tiêu", "Điều", "ĐIỀU", "Phần", "PHẦN", "thứ hai",
        "Nội dung", "năm", "Ủy", "ð", "\xE2\x84\xAA"};
    const size_t np = sizeof pieces / sizeof *pieces;
    unsigned long seed = 12345;
    char buf[256];
    for (int round = 0; round < 60000; round++) {
        size_t n = 0;
        int k = 1 + (int)(seed % 7);
        for (int j = 0; j < k; j++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            const char *p = pieces[(seed >> 33) % np];
            size_t l = strlen(p);
            if (n + l >= sizeof buf)
                break;
            memcpy(buf + n, p, l);
            n += l;
        }
        seed = seed * 6364136223846793005ul + 1442695040888963407ul;
        markers_agree(buf, n);
    }
    /* every code point in each place a reader tests one */
    static const char *const frames[][2] = {
        {"", ". x"}, {"1", " x"}, {"1.", " x"}, {"1.1", " x"}, {"1.2.", "x"}, {"1)", "x"},
        {"1. ", ""}, {"a)", "x"}, {"a) ", ""}, {"", ") x"}, {"IV", ". x"}, {"I.", ""},
        {"-", "x"}, {"- ", ""}, {"", " x"}, {"", ""}, {"Điều 1", " x"}, {"-  ", ""}};
    for (int32_t cp = 1; cp < 0x110000; cp++) {
        if (cp >= 0xD800 && cp < 0xE000)
            continue;
        if (cp > 0x3100 && cp < 0xFF00 && (cp & 0xFF) != 0x10) /* the Nd digits there, and a sample */
            if (!(cp >= 0xA620 && cp <= 0xA629) && !(cp >= 0xA8D0 && cp <= 0xA8D9) &&
                !(cp >= 0xA900 && cp <= 0xA909) && !(cp >= 0xA9D0 && cp <= 0xA9D9) &&
                !(cp >= 0xAA50 && cp <= 0xAA59) && !(cp >= 0xABF0 && cp <= 0xABF9))
                continue;
        if (cp > 0x1FFFF && (cp & 0xFFF) != 0)
            continue;
        char u[5] = {0};
        size_t ul = pl_utf8_encode(cp, u);
        u[ul] = 0;
        for (size_t f = 0; f < sizeof frames / sizeof *frames; f++) {
            int len = snprintf(buf, sizeof buf, "%s%s%s", frames[f][0], u, frames[f][1]);
            markers_agree(buf, (size_t)len);
        }
    }
}

/* targets.c runs a pattern only where the bytes every match holds are
 * there (NEEDS: "năm 20" for a year, a caption word at the start, a dash
 * or range word at the end...).  Those tests turn away only what the
 * patterns would: on random key text made of the lists' phrases, pieces
 * of them, years, figures, signs and what makes a span not plain (two
 * spaces, a line end, a capital, the long s, the Kelvin sign), searched
 * from and anchored at every character; on every paragraph of the corpus
 * plans from every tenth byte; and the corpus plans read with and without
 * them give the same targets. */
/* Random key text for the pretest tests: `words` pieces, each a phrase of
 * one of the lists (whole, or cut at a character), or one of `extra`, drawn
 * from *seed. */
static void random_key_text(pl_buf *b, unsigned *seed, int words, const char *const *lists,
                            size_t nlists, const char *const *extra, size_t nextra)
{
    const pl_test_word_mix mix = {lists, nlists, extra, nextra, 45, 0, 35, 0};
    pl_test_random_words(b, seed, words, &mix);
}

static void pretests_agree(const char *s, size_t a, size_t b, int *turned)
{
    int wrong = pl_targets_pretest_test(s, a, b, turned);
    cr_assert_eq(wrong, 0, "a pretest turned away a match in \"%.*s\" [%zu, %zu)", (int)b, s, a, b);
}

Test(vocab_targets, pretests_turn_away_only_what_the_patterns_would)
{
    static const char *const lists[] = {
        "comparison-words", "past-periods", "past-likenesses", "year-words", "year-prepositions",
        "year-ranges", "statistic-verbs", "statistic-cues", "rate-words", "change-verbs",
        "change-fillers", "coverage-verbs", "having-verbs", "objective-words", "per-year",
        "caption-words", "bounds-after", "range-words", "horizon-words", "and-words",
        "lead-in-cues", "lead-in-prepositions", "lead-in-orientations", "lead-in-openers",
        "orientation-prepositions", "comparators"};
    static const char *const extra[] = {" ", " ", " ", " ", "  ", "\n", "A", "ſ", "\xE2\x84\xAA",
                                        " 2025", "2030", "20", "2", "90%", "5", "1", ",", ":",
                                        ".", ";", "(", ")", "-", "–", "—", "/", "đ", "ng", "t",
                                        "ả", "trẻ em", "năm", "học", "so với năm 2020",
                                        "so với cùng kỳ năm 2021", "tầm nhìn đến năm 2030",
                                        "định hướng đến năm 2030", "mục tiêu đến năm 2025",
                                        "chỉ tiêu trong năm 2024"};
    unsigned seed = 4242;
    int turned = 0;
    for (int round = 0; round < 400; round++) {
        pl_buf b = PL_BUF_INIT;
        random_key_text(&b, &seed, 10, lists, sizeof lists / sizeof *lists, extra,
                        sizeof extra / sizeof *extra);
        for (size_t a = 0; a <= b.len; a++) {
            if (a < b.len && ((unsigned char)b.data[a] & 0xC0) == 0x80)
                continue;
            pretests_agree(b.data, a, b.len, &turned);
        }
        pl_buf_free(&b);
    }
    cr_assert(turned > 10000, "%d turned away", turned);

    char **files = pl_test_corpus_files();
    int n = 0;
    for (size_t f = 0; files[f]; f++) {
        pl_error err = {0};
        pl_doc *doc = pl_doc_read(files[f], NULL, NULL, &err);
        cr_assert_not_null(doc, "%s", err.message);
        for (size_t p = 0; p < doc->text.nparas; p++) {
            const pl_para *para = &doc->text.paras[p];
            for (size_t a = para->key_start; a < para->key_end; a += 10) {
                while (a < para->key_end && ((unsigned char)doc->text.key[a] & 0xC0) == 0x80)
                    a++;
                pretests_agree(doc->text.key, a, para->key_end, &turned);
                n++;
            }
        }
        pl_targets_pretests(0);
        pl_doc *off = pl_doc_read(files[f], NULL, NULL, &err);
        pl_targets_pretests(1);
        cr_assert_not_null(off, "%s", err.message);
        cr_assert_eq(off->ntargets, doc->ntargets, "%s", files[f]);
        for (size_t t = 0; t < doc->ntargets; t++) {
            const pl_target *x = &doc->targets[t], *y = &off->targets[t];
            cr_assert(x->indicator == y->indicator && x->objective == y->objective &&
                          x->year == y->year && x->cmp == y->cmp && x->value == y->value &&
                          strcmp(x->unit, y->unit) == 0 && x->change == y->change &&
                          x->base_year == y->base_year && x->per_year == y->per_year &&
                          strcmp(x->group, y->group) == 0 && strcmp(x->text, y->text) == 0 &&
                          x->flat_start == y->flat_start && x->flat_end == y->flat_end,
                      "%s: target %zu", files[f], t);
        }
        pl_doc_free(off);
        pl_doc_free(doc);
    }
    pl_test_free_list(files);
    cr_assert(n > 1000, "%d spans", n);
}

/* citations.c tries the reference pattern only where it marks that one
 * may start (a number's first digit when a ký hiệu follows it, a type word
 * before it, a type cited by name with a letter after it), and reads the
 * match of a type cited by name off the bytes where they decide it: on
 * random text of type words, pieces of them, "số", numbers, dates, year
 * ranges and signs, searched from every character, and on every paragraph
 * of the corpus plans, the first reference found so is the pattern's own
 * first match, with the same end and groups; and the corpus plans read
 * with the marks off (pl_citations_pretests(0)) give the same citations. */
Test(vocab_targets, citation_marks_find_the_patterns_first_match)
{
    static const char *const lists[] = {"document-types", "number-words", "types-cited-by-name"};
    static const char *const extra[] = {" ", " ", " ", "  ", "81/kh-ubnd", "56/2017/nđ-cp", "05-ct/tw",
                                        "12", "/", "-", ":", ",", "(", "2021", "ngày", "của",
                                        "ubnd", "đ", "t", "ả", "A", "trẻ em", "1.5", "24/4/2023",
                                        "2021-2025", "2021 - 2025", "12 - kh/tw", "5/ 2020 /qh14",
                                        "7//kh", "33/2020/", "luật ", "luật,", "pháp luật về ",
                                        "bộ luật ", "luật ả", "\xc2\xa0", "&", "x", ".", "10.5/"};
    unsigned seed = 777;
    int hits = 0;
    for (int round = 0; round < 2000; round++) {
        pl_buf b = PL_BUF_INIT;
        random_key_text(&b, &seed, 8, lists, sizeof lists / sizeof *lists, extra,
                        sizeof extra / sizeof *extra);
        for (size_t a = 0; a < b.len; a++) {
            if (((unsigned char)b.data[a] & 0xC0) == 0x80)
                continue;
            size_t marked, found;
            int same;
            if (pl_citations_ref_test(b.data, a, b.len, &marked, &found, &same) == 0) {
                cr_assert_eq(marked, found, "\"%s\" from %zu: marked %zu, pattern %zu", b.data, a,
                             marked, found);
                cr_assert(same, "\"%s\" from %zu: the match at %zu differs", b.data, a, found);
                hits += a == 0 && found != SIZE_MAX;
            }
        }
        pl_buf_free(&b);
    }
    cr_assert(hits > 200, "%d found", hits);
    char **files = pl_test_corpus_files();
    for (size_t f = 0; files[f]; f++) {
        pl_error err = {0};
        pl_doc *doc = pl_doc_read(files[f], NULL, NULL, &err);
        cr_assert_not_null(doc, "%s", err.message);
        for (size_t p = 0; p < doc->text.nparas; p++) {
            const pl_para *para = &doc->text.paras[p];
            size_t marked, found;
            int same;
            if (pl_citations_ref_test(doc->text.key, para->key_start, para->key_end, &marked,
                                      &found, &same) == 0) {
                cr_assert_eq(marked, found, "%s, paragraph %zu", files[f], p);
                cr_assert(same, "%s, paragraph %zu", files[f], p);
            }
        }
        pl_citations_pretests(0);
        pl_doc *off = pl_doc_read(files[f], NULL, NULL, &err);
        pl_citations_pretests(1);
        cr_assert_not_null(off, "%s", err.message);
        cr_assert_eq(off->ncitations, doc->ncitations, "%s", files[f]);
        for (size_t i = 0; i < doc->ncitations; i++) {
            const pl_citation *x = &doc->citations[i], *y = &off->citations[i];
#define SAME_STR(s) ((x->s == NULL && y->s == NULL) || (x->s && y->s && strcmp(x->s, y->s) == 0))
            cr_assert(x->relation == y->relation && x->flat_start == y->flat_start &&
                          x->flat_end == y->flat_end && x->date.year == y->date.year &&
                          x->date.month == y->date.month && x->date.day == y->date.day &&
                          SAME_STR(kind) && SAME_STR(number) && SAME_STR(title) && SAME_STR(issuer),
                      "%s: citation %zu", files[f], i);
#undef SAME_STR
        }
        pl_doc_free(off);
        pl_doc_free(doc);
    }
    pl_test_free_list(files);
}
