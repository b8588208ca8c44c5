/* test_vocab.c - the parser's vocabulary is data (parser/text/vocab.c).
 *
 * A document type, a body and a clause opener that planlint does not know
 * are added by a vocabulary file alone (tests/data/extra-vocab.xml, read
 * the way the files of data/vocab/ are), and the header and citation readers then
 * recognise them: no word list is left in their C.  The file is added
 * before the first document is parsed, as pl_vocab_add asks; this binary
 * holds no other parsing test, so no earlier test has built the patterns
 * in the same process.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "ident.h"
#include "test_util.h"
#include "uni.h"
#include "vocab.h"

/* A research outline by an institute under a ministry, that implements an
 * outline of the ministry: a type, a body head and an opener planlint does
 * not know; and a plan of a national body it does not know. */
static const char OUTLINE[] =
    "BỘ Y TẾ\n"
    "VIỆN DINH DƯỠNG\n"
    "Số: 12/ĐCg-VDD\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "Hà Nội, ngày 3 tháng 4 năm 2026\n"
    "\n"
    "ĐỀ CƯƠNG\n"
    "Nghiên cứu khẩu phần ăn của trẻ em giai đoạn 2026 - 2030\n"
    "\n"
    "Thi hành Đề cương số 5/ĐCg-BYT ngày 1/2/2026 của Bộ Y tế và Kế hoạch số "
    "7/KH-UBQLV của Ủy ban Quản lý vốn nhà nước tại doanh nghiệp, Viện xây dựng "
    "đề cương như sau.\n";

static const char FUND_PLAN[] =
    "ỦY BAN QUẢN LÝ VỐN NHÀ NƯỚC TẠI DOANH NGHIỆP\n"
    "Số: 3/KH-UBQLV\n"
    "Hà Nội, ngày 5 tháng 1 năm 2026\n"
    "\n"
    "KẾ HOẠCH\n"
    "Chuyển đổi số năm 2026\n";

static const pl_citation *cited(const pl_doc *d, const char *number)
{
    for (size_t i = 0; i < d->ncitations; i++)
        if (d->citations[i].number && strcmp(d->citations[i].number, number) == 0)
            return &d->citations[i];
    return NULL;
}

Test(vocab, entries_added_as_data_are_recognised)
{
    /* planlint does not know them */
    cr_assert_null(pl_doctype_named("đề cương", 0, strlen("đề cương")));
    cr_assert_null(pl_vocab_find(pl_vocab("body-heads"), "viện", strlen("viện")));
    cr_assert_null(pl_vocab_prefix(pl_vocab("clause-openers"), "thi hành", 0,
                                   strlen("thi hành"), NULL));

    pl_test_vocab_add("extra-vocab.xml");
    pl_error err = {0};
    /* longest first still, with the new type among the old */
    const pl_vocab_list *types = pl_vocab("document-types");
    for (size_t k = 1; k < types->n; k++)
        cr_assert_geq(types->v[k - 1].key_len, types->v[k].key_len);
    cr_assert_not_null(strstr(pl_doctype_words(), "đề\\s+cương"));

    pl_doc *d = pl_doc_parse("outline.txt", OUTLINE, sizeof OUTLINE - 1, NULL, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    /* the header: the type-name line and the ký hiệu name the new type, the
     * new head makes the institute the issuer under its ministry */
    cr_expect_str_eq(d->info.kind, "ĐCg");
    cr_expect_str_eq(d->info.number, "12/ĐCg-VDD");
    cr_expect_str_eq(d->info.issuer, "Viện Dinh Dưỡng (Bộ Y tế)");
    cr_expect_eq(d->info.level, PL_LEVEL_NATIONAL);
    cr_expect_eq(d->info.period_start, 2026);
    /* the citations: the new type by its name, the new opener's relation,
     * the new national body as an issuer */
    const pl_citation *c = cited(d, "5/ĐCg-BYT");
    cr_assert_not_null(c);
    cr_expect_str_eq(c->kind, "ĐCg");
    cr_expect_eq(c->relation, PL_REL_IMPLEMENTS);
    cr_expect_str_eq(c->issuer, "Bộ Y tế");
    c = cited(d, "7/KH-UBQLV");
    cr_assert_not_null(c);
    cr_expect_eq(c->relation, PL_REL_IMPLEMENTS, "'Thi hành' covers the sentence");
    pl_doc_free(d);

    /* the new national body issues a plan of its own */
    d = pl_doc_parse("plan.txt", FUND_PLAN, sizeof FUND_PLAN - 1, NULL, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    cr_expect_str_eq(d->info.kind, "KH");
    cr_expect_str_eq(d->info.issuer, "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp");
    cr_expect_eq(d->info.level, PL_LEVEL_NATIONAL);
    pl_doc_free(d);
}

/* A bad file is refused with its name and line, and the lists stay usable. */
Test(vocab, bad_file_is_refused)
{
    static const char bad[] = "<vocabulary>\n  <list name=\"Bad Name\">\n"
                              "    <entry phrase=\"x\"/>\n  </list>\n</vocabulary>\n";
    pl_error err = {0};
    cr_assert_eq(pl_vocab_add("bad.xml", bad, sizeof bad - 1, &err), -1);
    cr_expect_not_null(strstr(err.message, "bad.xml"), "%s", err.message);
    cr_expect_gt(pl_vocab("document-types")->n, 0);
}

/* The alternations the patterns are built from: a space between words is
 * \s+, beside a sign \s* (the motto as headers write it); for NFC text a
 * word of the old tone style also in the new. */
Test(vocab, alternations)
{
    cr_expect_str_eq(pl_vocab_alternation(pl_vocab("committees")), "ủy\\s+ban\\s+nhân\\s+dân|ubnd");
    cr_expect_str_eq(pl_vocab_alternation(pl_vocab("motto-line")),
                     "độc\\s+lập\\s*-\\s*tự\\s+do\\s*-\\s*hạnh\\s+phúc");
    cr_expect_str_eq(pl_vocab_alternation(pl_vocab("nation-line")),
                     "cộng\\s+hòa\\s+xã\\s+hội\\s+chủ\\s+nghĩa\\s+việt\\s+nam|"
                     "việt\\s+nam\\s+dân\\s+chủ\\s+cộng\\s+hòa");
    cr_expect_str_eq(pl_vocab_nfc_alternation(pl_vocab("nation-line")),
                     "cộng\\s+hòa\\s+xã\\s+hội\\s+chủ\\s+nghĩa\\s+việt\\s+nam|"
                     "cộng\\s+hoà\\s+xã\\s+hội\\s+chủ\\s+nghĩa\\s+việt\\s+nam|"
                     "việt\\s+nam\\s+dân\\s+chủ\\s+cộng\\s+hòa|"
                     "việt\\s+nam\\s+dân\\s+chủ\\s+cộng\\s+hoà");
    cr_expect_str_eq(pl_vocab_nfc_alternation(pl_vocab("number-words")), "số");
    /* a phrase with a sign keeps it: "V/v" is the key "v/v" */
    cr_expect_not_null(pl_vocab_find(pl_vocab("issuer-stops"), "v/v", 3));
}

/* Every list is found by its name, also through a name that is not the
 * literal the readers pass (the per-thread cache goes by address), and a
 * name no list has is not (a list made by pl_vocab_add is found in
 * entries_added_as_data_are_recognised). */
Test(vocab, every_list_is_found_by_its_name)
{
    size_t n = pl_vocab_count();
    cr_assert_gt(n, 50);
    for (size_t i = 0; i < n; i++) {
        const pl_vocab_list *l = pl_vocab_at(i);
        char name[128];
        snprintf(name, sizeof name, "%s", l->name);
        cr_expect_eq(pl_vocab(name), l, "%s", name);
        cr_expect_eq(pl_vocab(l->name), l, "%s", name);
        for (size_t k = 0; k < i; k++)
            cr_expect_str_neq(pl_vocab_at(k)->name, l->name, "no name twice");
    }
}

static pl_vocab_firsts firsts_of(const char *const *keys, size_t n)
{
    static pl_vocab_entry v[80];
    cr_assert(n <= sizeof v / sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = (pl_vocab_entry){.phrase = keys[i], .key = keys[i], .key_len = strlen(keys[i])};
    pl_vocab_list l = {.name = "firsts", .v = v, .n = n};
    pl_vocab_firsts f = {0};
    pl_vocab_firsts_add(&f, &l);
    return f;
}

static int may_start(const pl_vocab_firsts *f, const char *letter)
{
    int32_t cp;
    cr_assert(pl_utf8_next(letter, strlen(letter), 0, &cp) > 0);
    return pl_vocab_firsts_may_start(f, cp);
}

Test(vocab, first_letters_of_a_list)
{
    static const char *const keys[] = {"điều", "mục tiêu", "ủy ban", "hòa giải"};
    pl_vocab_firsts f = firsts_of(keys, 4);
    cr_assert_not(f.all);
    /* a first letter in either case, Ð/ð as pl_lower reads them */
    static const char *const yes[] = {"đ", "Đ", "m", "M", "h", "H", "ð", "Ð",
                                      /* the plain vowel of a first letter: "uỷ", "ÚY" */
                                      "u", "U", "ú", "Ũ", "ụ"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        cr_assert(may_start(&f, yes[i]), "%s", yes[i]);
    /* no key starts with these */
    static const char *const no[] = {"d", "D", "x", "a", "ư", "o", "1", "-"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        cr_assert_not(may_start(&f, no[i]), "%s", no[i]);
}

Test(vocab, first_letters_too_many_or_none_let_every_letter_through)
{
    static char keys[66][8];
    const char *kp[66];
    for (int i = 0; i < 65; i++) { /* 65 letters: a-z, then Cyrillic from а */
        size_t n = pl_utf8_encode(i < 26 ? 'a' + i : 0x430 + (i - 26), keys[i]);
        keys[i][n] = '\0';
        kp[i] = keys[i];
    }
    pl_vocab_firsts f = firsts_of(kp, 64);
    cr_assert_not(f.all);
    cr_assert_not(may_start(&f, keys[64])); /* the 65th: not kept */
    f = firsts_of(kp, 65);
    cr_assert(f.all);
    cr_assert(may_start(&f, keys[64]));
    cr_assert(may_start(&f, "z"));
    static const char *const empty[] = {"điều", ""};
    f = firsts_of(empty, 2);
    cr_assert(f.all);
    cr_assert(may_start(&f, "x"));
}
