/* test_text.c - parser/text/text.c, parser/text/tone.c, util/uni.c: the text
 * pipeline that everything else stands on. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "input.h"
#include "test_util.h"
#include "text.h"
#include "tone.h"
#include "uni.h"

/* ---- decoding and error positions -------------------------------------- */

Test(text, rejects_invalid_utf8_with_position)
{
    /* line 2, column 5: "ab\ncdef\xE0" -> the bad byte is at offset 7 */
    const char in[] = "ab\ncdef\xE0 tail";
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init(&t, "plan.txt", in, sizeof in - 1, &err), -1);
    cr_assert_eq(err.status, PL_ERR_ENCODING);
    cr_assert_str_eq(err.message, "plan.txt: invalid UTF-8 at byte 7 (line 2, column 5)");
}

Test(text, rejects_truncated_utf8_at_end)
{
    const char in[] = "Kế hoạch \xE1\xBB"; /* first two bytes of a 3-byte letter */
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init(&t, "x", in, sizeof in - 1, &err), -1);
    cr_assert(strstr(err.message, "at byte 13 (line 1, column 10)"), "%s", err.message);
}

Test(text, rejects_overlong_and_surrogates)
{
    const char *bad[] = {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"};
    for (size_t i = 0; i < 4; i++) {
        pl_text t;
        pl_error err = {0};
        cr_assert_eq(pl_text_init(&t, "x", bad[i], strlen(bad[i]), &err), -1, "case %zu", i);
    }
}

Test(text, bom_is_skipped_and_positions_count_after_it)
{
    const char in[] = "\xEF\xBB\xBFKẾ HOẠCH\r\n\r\nMục tiêu";
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init(&t, "x", in, sizeof in - 1, &err), 0, "%s", err.message);
    cr_assert_str_eq(t.nfc, "KẾ HOẠCH\n\nMục tiêu");
    /* "Mục" is on line 3, column 1, at byte 3 (BOM) + 12 + 4 = 19 */
    size_t off = (size_t)(strstr(t.nfc, "Mục") - t.nfc);
    pl_pos p = pl_text_pos_nfc(&t, off);
    cr_assert_eq(p.line, 3);
    cr_assert_eq(p.col, 1);
    cr_assert_eq(p.byte, 3 + strlen("KẾ HOẠCH") + 4);
    pl_text_free(&t);
}

/* Plain UTF-8 taken over is not copied: the input's buffer is the text
 * (a BOM moved out of it), positions still count the file's bytes; other
 * input (UTF-16 here) is decoded into a text of its own. */
Test(text, plain_utf8_taken_over_is_the_text_itself)
{
    const char *cases[] = {"KẾ HOẠCH\nMục tiêu", "\xEF\xBB\xBFKẾ HOẠCH\nMục tiêu"};
    for (size_t c = 0; c < 2; c++) {
        size_t len = strlen(cases[c]);
        unsigned char *b = malloc(len + 1);
        cr_assert_not_null(b);
        memcpy(b, cases[c], len + 1);
        pl_text t;
        pl_error err = {0};
        cr_assert_eq(pl_text_init_take(&t, "x", b, len, NULL, &err), 0, "%s", err.message);
        cr_assert_eq((void *)t.utf8, (void *)b, "case %zu: the text is a copy", c);
        cr_assert_null(t.bytes);
        cr_assert_str_eq(t.utf8, "KẾ HOẠCH\nMục tiêu");
        cr_assert_eq(t.utf8_len, strlen("KẾ HOẠCH\nMục tiêu"));
        size_t off = (size_t)(strstr(t.nfc, "Mục") - t.nfc);
        cr_assert_eq(pl_text_pos_nfc(&t, off).byte, 3 * c + strlen("KẾ HOẠCH\n"));
        pl_text_free(&t);
    }
    const unsigned char u16[] = {0xFF, 0xFE, 'A', 0, '\n', 0, 'b', 0};
    unsigned char *b = malloc(sizeof u16 + 1);
    cr_assert_not_null(b);
    memcpy(b, u16, sizeof u16);
    b[sizeof u16] = 0;
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init_take(&t, "x", b, sizeof u16, NULL, &err), 0, "%s", err.message);
    cr_assert_str_eq(t.utf8, "A\nb");
    cr_assert_neq((void *)t.utf8, (void *)b);
    pl_text_free(&t);
}

Test(text, lone_cr_is_a_line_end)
{
    const char in[] = "một\rhai\rba";
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init(&t, "x", in, sizeof in - 1, &err), 0);
    cr_assert_eq(t.nlines, 3);
    pl_pos p = pl_text_pos_nfc(&t, (size_t)(strstr(t.nfc, "ba") - t.nfc));
    cr_assert_eq(p.line, 3);
    pl_text_free(&t);
}

/* ---- NFC --------------------------------------------------------------- */

static void check_nfc_equals_reference(const char *s, size_t n)
{
    pl_buf out = PL_BUF_INIT;
    pl_omap map = PL_OMAP_INIT;
    cr_assert_eq(pl_nfc_append(s, n, 0, &out, &map), 0);
    /* the reference sees the same line ends as the fast path produces */
    pl_buf lf = PL_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r') {
            pl_buf_putc(&lf, '\n');
            if (i + 1 < n && s[i + 1] == '\n')
                i++;
        } else {
            pl_buf_putc(&lf, s[i]);
        }
    }
    char *ref = pl_nfc_reference(pl_buf_cstr(&lf), lf.len);
    cr_assert_not_null(ref);
    cr_assert_eq(out.len, strlen(ref));
    cr_assert(memcmp(pl_buf_cstr(&out), ref, out.len) == 0);
    free(ref);
    pl_buf_free(&lf);
    pl_buf_free(&out);
    pl_omap_free(&map);
}

/* pl_nfc_dup (the data's phrases) copies a string of stable code points
 * and composes any other, exactly as utf8proc does. */
Test(nfc, dup_equals_the_reference)
{
    static const char *const cases[] = {
        "", "kế hoạch", "Kế hoạch số 12/KH-UBND – “trẻ em” 95%", "K\x65\xCC\x82\xCC\x81 hoa\xCC\xA3" "ch",
        "\xE2\x84\xAA \xEF\xBC\xA1", "\xC3\x85\xCC\x81", "\xEA\xB0\x80\xE1\x86\xA8",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = strlen(cases[i]);
        char *got = pl_nfc_dup(cases[i], n);
        char *want = pl_nfc_reference(cases[i], n);
        cr_assert_not_null(got);
        cr_assert_not_null(want);
        cr_assert_str_eq(got, want, "case %zu", i);
        free(got);
        free(want);
    }
}

Test(nfc, decomposed_input_is_composed_and_mapped)
{
    /* "Kế" in NFD: K e U+0302 U+0301 */
    const char in[] = "K\x65\xCC\x82\xCC\x81 hoa\xCC\xA3" "ch";
    pl_buf out = PL_BUF_INIT;
    pl_omap map = PL_OMAP_INIT;
    cr_assert_eq(pl_nfc_append(in, sizeof in - 1, 0, &out, &map), 0);
    cr_assert_str_eq(pl_buf_cstr(&out), "Kế hoạch");
    /* " hoạch" starts at output byte 4 (K + 3-byte ế) and input byte 6 */
    cr_assert_eq(pl_omap_lookup(&map, 4), 6);
    pl_buf_free(&out);
    pl_omap_free(&map);
}

/* A line with a code point NFC changes goes through the slow path; a
 * U+0000 in it (a UTF-16 file decodes to one) is text like any other: kept,
 * and the map's anchors never go back (a fuzzer found "가\0ਪ"-like lines
 * cut at the U+0000 and anchors left behind by the discarded pieces). */
Test(nfc, slow_path_keeps_u0000_and_anchors_ascend)
{
    const char in[] = "e\xCC\x81\0x \xEA\xB0\x80\xE1\x86\xA8\0\xE0\xA8\xAA";
    pl_buf out = PL_BUF_INIT;
    pl_omap map = PL_OMAP_INIT;
    cr_assert_eq(pl_nfc_append(in, sizeof in - 1, 0, &out, &map), 0);
    const char want[] = "\xC3\xA9\0x \xEA\xB0\x81\0\xE0\xA8\xAA";
    cr_assert_eq(out.len, sizeof want - 1);
    cr_assert(memcmp(out.data, want, out.len) == 0);
    for (size_t k = 1; k < map.n; k++) {
        cr_assert_gt(map.a[k].out, map.a[k - 1].out, "anchor %zu", k);
        cr_assert_geq(map.a[k].src, map.a[k - 1].src, "anchor %zu", k);
    }
    pl_buf_free(&out);
    pl_omap_free(&map);
}

Test(nfc, fast_path_equals_utf8proc_on_corpus)
{
    const char *files[] = {"hung-yen-province-2021-news.txt", "lang-son-city-2024-draft.txt",
                           "binh-thuan-province-2021-summary.txt",
                           "hoang-duc-commune-2023-pdf.txt",
                           "tld-agency-2021-children-action.txt"};
    for (size_t i = 0; i < 5; i++) {
        size_t n;
        char *s = pl_test_read_corpus(files[i], &n);
        check_nfc_equals_reference(s, n);
        free(s);
    }
}

Test(nfc, fast_path_equals_utf8proc_on_random_text)
{
    /* random sequences of Vietnamese letters, combining marks, ASCII,
     * Hangul jamo (compose across clusters) and CR/LF */
    static const char *const pieces[] = {"a", "ơ", "Đ", "ế", "\xCC\x81", "\xCC\xA3",
                                         "\xCC\x82", " ", "\r\n", "\n", "\r", "Ω", "\xE1\x84\x80",
                                         "\xE1\x85\xA1", "\xE1\x86\xA8", "x", "\xCD\x81"};
    unsigned seed = 12345;
    for (int round = 0; round < 300; round++) {
        pl_buf s = PL_BUF_INIT;
        int len = 1 + (int)(seed % 40);
        pl_test_random_pieces(&s, &seed, len, pieces, sizeof pieces / sizeof *pieces);
        check_nfc_equals_reference(pl_buf_cstr(&s), s.len);
        pl_buf_free(&s);
    }
}

/* ---- tone styles ------------------------------------------------------- */

static void to_cps(const char *s, int32_t *cps, size_t *n)
{
    size_t i = 0, k = 0;
    while (s[i]) {
        int32_t cp;
        int len = pl_utf8_next(s, strlen(s), i, &cp);
        cps[k++] = cp;
        i += (size_t)len;
    }
    *n = k;
}

static void from_cps(const int32_t *cps, size_t n, char *out)
{
    pl_buf b = PL_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        pl_buf_put_cp(&b, cps[i]);
    strcpy(out, pl_buf_cstr(&b)); /* test-only; out is large enough */
    pl_buf_free(&b);
}

static void check_old(const char *in, const char *want)
{
    int32_t cps[32];
    size_t n;
    char out[64];
    to_cps(in, cps, &n);
    pl_tone_old_style(cps, n);
    from_cps(cps, n, out);
    cr_assert_str_eq(out, want, "%s -> %s, want %s", in, out, want);
}

Test(tone, all_thirty_pairs_fold_to_old_style)
{
    /* every tone on oa, oe, uy, in both cases of the vowel pair */
    static const char *const newstyle[] = {
        "hoà", "hoá", "hoả", "hoã", "hoạ", "khoè", "khoé", "khoẻ", "khoẽ", "khoẹ",
        "thuỳ", "thuý", "thuỷ", "thuỹ", "thuỵ", "HOÀ", "HOÁ", "HOẢ", "HOÃ", "HOẠ",
        "KHOÈ", "KHOÉ", "KHOẺ", "KHOẼ", "KHOẸ", "THUỲ", "THUÝ", "THUỶ", "THUỸ", "THUỴ"};
    static const char *const oldstyle[] = {
        "hòa", "hóa", "hỏa", "hõa", "họa", "khòe", "khóe", "khỏe", "khõe", "khọe",
        "thùy", "thúy", "thủy", "thũy", "thụy", "HÒA", "HÓA", "HỎA", "HÕA", "HỌA",
        "KHÒE", "KHÓE", "KHỎE", "KHÕE", "KHỌE", "THÙY", "THÚY", "THỦY", "THŨY", "THỤY"};
    for (size_t i = 0; i < 30; i++) {
        check_old(newstyle[i], oldstyle[i]);
        check_old(oldstyle[i], oldstyle[i]); /* already old: unchanged */
    }
}

Test(tone, qu_gi_and_closed_syllables_are_left_alone)
{
    check_old("quý", "quý");
    check_old("quỳnh", "quỳnh");
    check_old("giá", "giá");
    check_old("hoàng", "hoàng");
    check_old("khuỷu", "khuỷu");
    check_old("huỳnh", "huỳnh");
    check_old("khuya", "khuya");
    check_old("toán", "toán");
}

Test(tone, key_text_unifies_styles_and_maps_back)
{
    const char in[] = "Hoà nhập.\nHòa nhập và THUỶ lợi.";
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init(&t, "x", in, sizeof in - 1, &err), 0);
    cr_assert_str_eq(t.key, "hòa nhập.\nhòa nhập và thủy lợi.");
    /* "thủy" in key maps back to "THUỶ" in the input: line 2, column 13 */
    size_t k = (size_t)(strstr(t.key, "thủy") - t.key);
    pl_pos p = pl_text_pos_key(&t, k);
    cr_assert_eq(p.line, 2);
    cr_assert_eq(p.col, 13);
    pl_text_free(&t);
}

/* A word rewritten in the old tone style moves the mark onto a letter of
 * one byte ("Uỷ" -> "ủy": u is 1 byte, ủ 3): the key map stays monotone
 * (it went back inside such a letter: every realdocs DOCX with "Uỷ ban",
 * tests/examples header.txt's "Hoà Bình", targets.txt's "thuỷ"), so the
 * inverse is searched by anchors; every key offset maps into the letter
 * it belongs to, and flat -> key -> flat comes back to each letter. */
Test(tone, key_map_of_a_moved_mark_never_goes_back)
{
    const char in[] = "Uỷ ban; THUỶ lợi, khoẻ, toạ đàm, Hoà, xoè, ngoạ, UỶ.";
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init(&t, "x", in, sizeof in - 1, &err), 0);
    cr_assert_str_eq(t.key, "ủy ban; thủy lợi, khỏe, tọa đàm, hòa, xòe, ngọa, ủy.");
    cr_assert(pl_omap_monotone(&t.key_map));
    cr_assert_not(t.key_map.backwards);
    size_t prev = 0;
    for (size_t k = 0; k <= t.key_len; k++) {
        size_t f = pl_omap_lookup(&t.key_map, k);
        cr_assert_geq(f, prev, "key %zu -> flat %zu after %zu", k, f, prev);
        prev = f;
    }
    for (size_t f = 0; f < t.flat_len; f++) {
        if (((unsigned char)t.flat[f] & 0xC0) == 0x80)
            continue;
        size_t k = pl_text_flat_to_key(&t, f);
        cr_assert_eq(pl_text_key_to_flat(&t, k), f, "flat %zu -> key %zu", f, k);
        cr_assert_eq(k, pl_omap_invert_by_lookup(&t.key_map, t.key_len, f));
    }
    pl_text_free(&t);
}

/* The key pass splits the words once and keeps what the word checks
 * need: each tone style's count and first word (flat offsets), and the
 * words repeated in a row, only spaces between, within one paragraph. */
Test(tone, key_pass_counts_styles_and_finds_repeats)
{
    const char in[] = "Công tác công tác tuyên truyền truyền thông.\n\n"
                      "Hòa bình, hoà hợp và hòa giải; công tác, công tác.\n\n"
                      "Mục a a và chữ Abcdefghijklmnopqoà lạ.\n\n"
                      "I. CÔNG TÁC\nCông tác phong trào.";
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init(&t, "x", in, sizeof in - 1, &err), 0);
    cr_assert_eq(t.styles[1].count, 2); /* Hòa, hòa */
    cr_assert_eq(t.styles[2].count, 1); /* hoà; the 18-letter run is no word */
    size_t old = (size_t)(strstr(t.flat, "Hòa") - t.flat);
    size_t neu = (size_t)(strstr(t.flat, "hoà") - t.flat);
    cr_expect_eq(t.styles[1].first, old);
    cr_expect_eq(t.styles[1].first_end, old + strlen("Hòa"));
    cr_expect_eq(t.styles[2].first, neu);
    cr_expect_eq(t.styles[2].first_end, neu + strlen("hoà"));
    /* two words twice, and one; not across a comma, a lone letter, or a
     * paragraph end */
    cr_assert_eq(t.nrepeats, 2);
    size_t a = (size_t)(strstr(t.key, "công tác công tác") - t.key);
    cr_expect_eq(t.repeats[0].a, a);
    cr_expect_eq(t.repeats[0].b, a + strlen("công tác công tác"));
    a = (size_t)(strstr(t.key, "truyền truyền") - t.key);
    cr_expect_eq(t.repeats[1].a, a);
    cr_expect_eq(t.repeats[1].b, a + strlen("truyền truyền"));
    pl_text_free(&t);
}

/* A phrase's key (what the vocabulary loader folds its entries with) is
 * the key of a text holding just the phrase: decomposed marks composed,
 * blanks folded and trimmed, tone moved, capitals lowered. */
Test(tone, phrase_key_is_the_key_of_the_phrase_as_a_text)
{
    static const char *const phrases[] = {
        "  Hoa\xcc\x80  nhập\t", "THUỶ LỢI", "V/v", "Độc lập - Tự do", "Điều", "KẾ HOẠCH", "x",
    };
    for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++) {
        pl_text t;
        pl_error err = {0};
        size_t n = 0;
        cr_assert_eq(pl_text_init(&t, "x", phrases[i], strlen(phrases[i]), &err), 0);
        char *k = pl_text_key_of(phrases[i], strlen(phrases[i]), &n);
        cr_assert_not_null(k);
        cr_assert_eq(n, t.key_len, "%s", phrases[i]);
        cr_assert_str_eq(k, t.key);
        free(k);
        pl_text_free(&t);
    }
    size_t n = 0;
    const char *p = "  Hoa\xcc\x80  NHẬP ";
    char *k = pl_text_key_of(p, strlen(p), &n);
    cr_assert_str_eq(k, "hòa nhập");
    free(k);
}

/* The key pass's rarer letters: a key form shorter than the letter
 * (U+212A KELVIN SIGN is "k"), longer (U+023A "Ⱥ" is "ⱥ", three bytes
 * for two), a letter beyond the tables (Greek), and runs of letters
 * longer than a word, one ending in a syllable of the new style.  Each
 * letter of the key maps back to its letter in the input. */
Test(tone, key_pass_letters_of_other_lengths_map_back)
{
    const char in[] = "\xE2\x84\xAA" "ELVIN \xC8\xBA\xC8\xBA" "a \xCE\x9B\xCE\xA3 "
                      "Abcdefghijklmnopqrstu hoà xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxthuỷ "
                      "\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA"
                      "\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA\xC8\xBA"
                      " Uỷ.";
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init(&t, "x", in, sizeof in - 1, &err), 0);
    cr_assert_str_eq(t.key, "kelvin \xE2\xB1\xA5\xE2\xB1\xA5" "a \xCE\xBB\xCF\x83 "
                            "abcdefghijklmnopqrstu hòa xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxthủy "
                            "\xE2\xB1\xA5\xE2\xB1\xA5\xE2\xB1\xA5\xE2\xB1\xA5\xE2\xB1\xA5\xE2\xB1\xA5"
                            "\xE2\xB1\xA5\xE2\xB1\xA5\xE2\xB1\xA5\xE2\xB1\xA5\xE2\xB1\xA5\xE2\xB1\xA5"
                            "\xE2\xB1\xA5\xE2\xB1\xA5\xE2\xB1\xA5\xE2\xB1\xA5\xE2\xB1\xA5\xE2\xB1\xA5"
                            " ủy.");
    cr_assert(pl_omap_monotone(&t.key_map));
    /* hoà, Uỷ; "…xthuỷ" is no word, but its last chunk of letters is
     * written in the old style all the same */
    cr_assert_eq(t.styles[2].count, 2);
    /* every character of the key starts where its letter starts in the
     * input, and the next character of the key where the next one does */
    size_t ki = 0, ii = 0;
    while (ki < t.key_len) {
        int32_t kc, ic;
        int kl = pl_utf8_next(t.key, t.key_len, ki, &kc);
        int il = pl_utf8_next(in, sizeof in - 1, ii, &ic);
        cr_assert(kl > 0 && il > 0);
        cr_assert_eq(pl_text_pos_key(&t, ki).byte, ii, "key %zu (U+%04X)", ki, (unsigned)kc);
        ki += (size_t)kl;
        ii += (size_t)il;
    }
    cr_assert_eq(ii, sizeof in - 1);
    pl_text_free(&t);
}

/* The reader says when a plain UTF-8 text is NFC with LF line ends
 * already, found as it validates the text, and the NFC stage then takes
 * the decoded text as it is: only when pl_nfc_append would write the
 * same bytes with its one anchor.  Each BMP code point alone between two
 * letters, and a CR. */
Test(text, nfc_stage_takes_a_text_that_is_nfc_already)
{
    for (int32_t cp = 0; cp < 0x10000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char in[8] = "a";
        size_t n = 1 + pl_utf8_encode(cp, in + 1);
        in[n++] = 'b';
        int nfc = -1;
        cr_assert_eq(pl_utf8_validate_nfc(in, n, &nfc), n);
        pl_buf out = PL_BUF_INIT;
        pl_omap map = PL_OMAP_INIT;
        cr_assert_eq(pl_nfc_append(in, n, 0, &out, &map), 0);
        int same = out.len == n && memcmp(out.data, in, n) == 0 && map.n == 1 &&
                   map.a[0].out == 0 && map.a[0].src == 0;
        if (nfc)
            cr_assert(same, "U+%04X taken as NFC", (unsigned)cp);
        else
            cr_assert(cp >= 0x300 || cp == '\r', "U+%04X", (unsigned)cp);
        pl_buf_free(&out);
        pl_omap_free(&map);
    }
    static const struct {
        const char *s;
        int nfc;
    } cases[] = {
        {"Kế hoạch số 12/KH-UBND\n\nvề “phòng, chống” – thuỷ\n", 1},
        {"Kế hoạch\r\nsố 12\n", 0},          /* CR LF becomes LF */
        {"Hoa\xcc\x80 nhập\n", 0},            /* a + U+0300 composes */
        {"\xF0\x9F\x98\x80 bốn byte\n", 0},   /* beyond the fast path's list */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pl_text t;
        pl_error err = {0};
        cr_assert_eq(pl_text_init(&t, "x", cases[i].s, strlen(cases[i].s), &err), 0);
        cr_assert_eq(t.input->nfc, cases[i].nfc, "case %zu", i);
        if (cases[i].nfc)
            cr_assert(t.nfc == t.utf8); /* one copy serves both */
        char *ref = pl_nfc_reference(t.utf8, t.utf8_len);
        if (!cases[i].nfc && strchr(cases[i].s, '\r') == NULL)
            cr_assert_str_eq(t.nfc, ref, "case %zu", i);
        if (cases[i].nfc) {
            cr_assert_str_eq(t.nfc, ref);
            for (size_t k = 0; k <= t.nfc_len; k++)
                cr_assert_eq(pl_omap_lookup(&t.nfc_map, k), k);
        }
        free(ref);
        pl_text_free(&t);
    }
}

/* ---- artefacts and paragraphs ------------------------------------------ */

Test(text, pdf_artefacts_are_dropped_and_wrapped_lines_joined)
{
    const char in[] =
        "- Tổ chức các chiến dịch, đợt cao điểm\n1\n truyền thông thúc đẩy sự thay đổi \n\n"
        "nhận thức của toàn xã hội. \n\n\n\n2 \n \n- Việc tổ chức các hoạt động\n\n"
        "\t\tchutich@thanhhoa.gov.vn\n\t2023-04-27T13:49:52+0700\n";
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init(&t, "x", in, sizeof in - 1, &err), 0);
    cr_assert_str_eq(t.flat, "- Tổ chức các chiến dịch, đợt cao điểm truyền thông thúc đẩy sự "
                             "thay đổi nhận thức của toàn xã hội.\n- Việc tổ chức các hoạt động");
    cr_assert_eq(t.nparas, 2);
    cr_assert_eq(t.lines[1].kind, PL_LINE_PAGENO);
    cr_assert_eq(t.lines[12].kind, PL_LINE_SIGNATURE);
    pl_text_free(&t);
}

/* A page number between a line that ends with a day word and one that
 * opens a date with no month word, or between a line with no day word and
 * a month line, stays a page number: only a day (1 to 31) between both is
 * a place-date line's day ("Hà Nội," / "ngày" / "12" / "tháng 09 năm 2017"). */
Test(text, page_number_beside_one_side_of_a_date_stays_a_page_number)
{
    static const char *const in[] = {
        "Các xã báo cáo kết quả trước ngày\n\n2\n\n15/12 hằng năm cho Ủy ban.\n",
        "Các xã phấn đấu đến hết\n\n5\n\ntháng 12 năm 2025 đạt 90%.\n",
        "Hà Nội, ngày\n\n45\n\ntháng 09 năm 2017\n",
    };
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        pl_text t;
        pl_error err = {0};
        cr_assert_eq(pl_text_init(&t, "x", in[i], strlen(in[i]), &err), 0);
        cr_expect_eq(t.lines[2].kind, PL_LINE_PAGENO, "text %zu: line 3 is kind %d", i,
                     (int)t.lines[2].kind);
        pl_text_free(&t);
    }
    const char day[] = "Hà Nội, ngày\n12\ntháng 09 năm 2017\n";
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init(&t, "x", day, sizeof day - 1, &err), 0);
    cr_expect_neq(t.lines[1].kind, PL_LINE_PAGENO);
    pl_text_free(&t);
}

Test(text, table_cells_and_emphasis)
{
    const char in[] = "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n**KT. CHỦ TỊCH**\n";
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init(&t, "x", in, sizeof in - 1, &err), 0);
    cr_assert_str_eq(t.flat, "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKT. CHỦ TỊCH");
    pl_text_free(&t);
}

Test(text, short_heading_is_not_joined_to_the_next_line)
{
    const char in[] = "1. Mục đích\n\nTiếp tục nâng cao chất lượng.\n";
    pl_text t;
    pl_error err = {0};
    cr_assert_eq(pl_text_init(&t, "x", in, sizeof in - 1, &err), 0);
    cr_assert_eq(t.nparas, 2);
    pl_text_free(&t);
}

/* ---- the offset map round-trips on every corpus file ------------------- */

/* The same letter once case, accents and tone placement are folded away
 * (the key moves the tone of "hoà" onto the o). */
static int same_base_letter(int32_t a, int32_t b)
{
    pl_buf x = PL_BUF_INIT, y = PL_BUF_INIT;
    pl_buf_put_cp(&x, a);
    pl_buf_put_cp(&y, b);
    char *fa = pl_fold_loose(pl_buf_cstr(&x), x.len), *fb = pl_fold_loose(pl_buf_cstr(&y), y.len);
    int same = fa && fb && strcmp(fa, fb) == 0;
    free(fa);
    free(fb);
    pl_buf_free(&x);
    pl_buf_free(&y);
    return same;
}

/* For every character of the key text that is a letter or digit, the
 * reported position must point at the same letter (case-folded, tone
 * style aside) in the original input. */
Test(text, every_key_position_lands_on_its_character_in_the_input)
{
    char **files = pl_test_corpus_files();
    for (size_t f = 0; files[f]; f++) {
        size_t n;
        char *s = pl_test_read_file(files[f], &n);
        pl_text t;
        pl_error err = {0};
        cr_assert_eq(pl_text_init(&t, files[f], s, n, &err), 0, "%s", err.message);
        size_t checked = 0;
        for (size_t k = 0; k < t.key_len;) {
            int32_t cp;
            int len = pl_utf8_next(t.key, t.key_len, k, &cp);
            if (cp < 0x80 && ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))) {
                pl_pos p = pl_text_pos_key(&t, k);
                int32_t orig;
                pl_utf8_next(s, n, p.byte, &orig);
                cr_assert(same_base_letter(orig, cp), "%s: key %zu ('%c') -> byte %zu", files[f],
                          k, (char)cp, p.byte);
                /* line/column agree with the byte offset */
                cr_assert_eq(pl_test_line_of(s, p.byte), p.line);
                cr_assert_eq(pl_test_col_of(s, p.byte), p.col);
                checked++;
            }
            k += (size_t)(len > 0 ? len : 1);
        }
        cr_assert_gt(checked, 500, "%s", files[f]);
        pl_text_free(&t);
        free(s);
    }
    pl_test_free_list(files);
}

/* The flat stage copies runs of characters at once and decodes a
 * character to test it for a blank only when its first byte is one a
 * blank can start with (text.c, may_be_blank): C2 (U+00A0), E1 (U+1680),
 * E2 (U+2000-U+205F), E3 (U+3000), EF (U+FEFF).  Every blank code point
 * of this utf8proc must start with one of them. */
Test(text, every_blank_starts_with_a_byte_the_flat_stage_tests)
{
    for (int32_t cp = 0x80; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        if (!(pl_is_space(cp) || cp == 0xFEFF || cp == 0x200B))
            continue;
        char u[4];
        pl_utf8_encode(cp, u);
        unsigned char c = (unsigned char)u[0];
        cr_assert(c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF,
                  "U+%04X is blank and starts with %02X", (unsigned)cp, c);
        /* and is one of those is_blank_cp asks utf8proc about */
        cr_assert(cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x205F) || cp == 0x3000 ||
                      cp == 0xFEFF,
                  "U+%04X is blank", (unsigned)cp);
        /* and its second byte is one the flat stage decodes after
         * (text.c, cand_may_be_blank) */
        unsigned char d = (unsigned char)u[1];
        cr_assert((c == 0xC2 && d == 0xA0) || (c == 0xE1 && d == 0x9A) ||
                      (c == 0xE2 && (d == 0x80 || d == 0x81)) || (c == 0xE3 && d == 0x80) ||
                      (c == 0xEF && d == 0xBB),
                  "U+%04X is blank and starts with %02X %02X", (unsigned)cp, c, d);
    }
}

/* The same run copying must keep the flat text and its positions: a
 * line of words, no-break spaces, emphasis and a table bar. */
Test(text, flat_runs_keep_positions)
{
    const char *s = "*Mục tiêu*\xC2\xA0" "1:  đạt 90%\xE2\x80\x83trẻ | em\n  tiếp  theo\n";
    pl_text t;
    pl_error err;
    cr_assert_eq(pl_text_init(&t, "x", s, strlen(s), &err), 0);
    /* a line with a table bar ends its paragraph */
    cr_assert_str_eq(t.flat, "Mục tiêu 1: đạt 90% trẻ\nem\ntiếp theo");
    const char *w = strstr(t.flat, "90%");
    pl_pos p = pl_text_pos_flat(&t, (size_t)(w - t.flat));
    cr_assert_eq(p.byte, (size_t)(strstr(s, "90%") - s));
    w = strstr(t.flat, "tiếp");
    p = pl_text_pos_flat(&t, (size_t)(w - t.flat));
    cr_assert_eq(p.byte, (size_t)(strstr(s, "tiếp") - s));
    cr_assert_eq(p.line, 2);
    pl_text_free(&t);
    /* single spaces are copied with the words around them, as folding
     * would write them; before a quote, a dash or a letter of Latin
     * Extended Additional too, not before a blank or '*' */
    s = "Tỷ lệ “trẻ em” – đạt\xC2\xA0" "90% *và* ở \xE1\x9A\x80 đây\n";
    cr_assert_eq(pl_text_init(&t, "x", s, strlen(s), &err), 0);
    cr_assert_str_eq(t.flat, "Tỷ lệ “trẻ em” – đạt 90% và ở đây");
    static const char *const words[] = {"lệ", "“trẻ", "em”", "–", "đạt", "90%", "và", "ở", "đây"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        w = strstr(t.flat, words[i]);
        p = pl_text_pos_flat(&t, (size_t)(w - t.flat));
        cr_assert_eq(p.byte, (size_t)(strstr(s, words[i]) - s), "%s", words[i]);
        /* and the space before it, to the byte before the word */
        p = pl_text_pos_flat(&t, (size_t)(w - t.flat) - 1);
        cr_assert_eq(p.byte, (size_t)(strstr(s, words[i]) - s) - 1, "%s", words[i]);
    }
    pl_text_free(&t);
}

/* pl_utf8_count counts eight bytes at a time: the same as a byte loop on
 * long runs of continuation bytes (every lane full) and random text. */
Test(text, utf8_count_equals_a_byte_loop)
{
    enum { N = 5000 };
    static char buf[N];
    unsigned seed = 7;
    for (int round = 0; round < 40; round++) {
        for (size_t i = 0; i < N; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (char)(round < 4 ? 0x80 | (seed >> 16 & 0x3F)
                                      : (seed >> 16) & (round & 1 ? 0xFF : 0x7F));
        }
        for (size_t len = 0; len < N; len += 1 + len / 3) {
            size_t want = 0;
            for (size_t i = 0; i < len; i++)
                want += ((unsigned char)buf[i] & 0xC0) != 0x80;
            cr_assert_eq(pl_utf8_count(buf, len), want, "round %d, length %zu", round, len);
        }
    }
}

/* pl_fold_loose's table path (the code points of Vietnamese text, runs of
 * ASCII eight bytes at a time) gives what utf8proc's does: a character
 * outside the table sends a string to utf8proc, so the same string with
 * an emoji after it is folded there. */
Test(text, loose_table_path_equals_utf8proc)
{
    static const char *pieces[] = {"Đ", "đ", "Ð", "ð", "a", "A", "Ấ", "ệ", "ừ", "Ỹ", " ", "  ", "\t",
                                   "\xC2\xA0", "\xE2\x80\x83", "\n", "–", "“", "”", "…", "•", "→",
                                   "■", "\xEF\x82\xB7", "o\xCC\x81", "ǅ", "ß", "İ", "1", ",", "x",
                                   /* runs of printable ASCII, folded eight bytes at a time */
                                   "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "Kế Hoạch", "abcdefghijklmnopqrstuvwxyz",
                                   "0123456789", " !\"#$%&'()*+,-./", ":;<=>?@[\\]^_`{|}~\x7F",
                                   "\x01", "\x1F", "\r\n", "\v\f"};
    unsigned seed = 11;
    for (int round = 0; round < 3000; round++) {
        pl_buf b = PL_BUF_INIT;
        int n = round % 40;
        pl_test_random_pieces(&b, &seed, n, pieces, sizeof pieces / sizeof *pieces);
        pl_buf_puts(&b, "x"); /* no blank at the end: the emoji would keep it */
        char *fast = pl_fold_loose(pl_buf_cstr(&b), b.len);
        pl_buf_puts(&b, "\xF0\x9F\x98\x80");
        char *slow = pl_fold_loose(pl_buf_cstr(&b), b.len);
        cr_assert(fast && slow);
        size_t fl = strlen(fast);
        cr_assert(strlen(slow) == fl + 4 && memcmp(slow, fast, fl) == 0 &&
                      strcmp(slow + fl, "\xF0\x9F\x98\x80") == 0,
                  "[%s]: table [%s], utf8proc [%s]", pl_buf_cstr(&b), fast, slow);
        free(fast);
        free(slow);
        pl_buf_free(&b);
    }
}

/* pl_fold_loose_mark gives pl_fold_loose of the whole string and, in the
 * same pass, the length of pl_fold_loose of its first `mark` bytes: a
 * blank on either side of the mark, blanks only before it, and a
 * character outside the table (utf8proc's path) before or after it. */
Test(text, loose_mark_is_the_loose_prefix_length)
{
    static const char *pieces[] = {"Kế", "hoạch", " ", "  ", "\n", "\xC2\xA0", "Đ", "ừ", "–",
                                   "\xF0\x9F\x98\x80", "1", "x"};
    unsigned seed = 7;
    for (int round = 0; round < 2000; round++) {
        pl_buf b = PL_BUF_INIT;
        size_t marks[16], nm = 0;
        int n = round % 14;
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            marks[nm++] = b.len;
            pl_buf_puts(&b, pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)]);
        }
        marks[nm++] = b.len;
        const char *s = pl_buf_cstr(&b);
        char *whole = pl_fold_loose(s, b.len);
        cr_assert_not_null(whole);
        for (size_t m = 0; m < nm; m++) {
            size_t ml = 12345;
            char *got = pl_fold_loose_mark(s, b.len, marks[m], &ml);
            char *prefix = pl_fold_loose(s, marks[m]);
            cr_assert(got && prefix);
            cr_assert_str_eq(got, whole, "[%s]", s);
            cr_assert_eq(ml, strlen(prefix), "[%s] mark %zu: %zu, [%s]", s, marks[m], ml, prefix);
            free(got);
            free(prefix);
        }
        free(whole);
        pl_buf_free(&b);
    }
}

/* pl_fold_loose_into gives pl_fold_loose's string, in the caller's
 * buffer when the input is shorter than half of it and the table folds
 * it, else allocated; it writes nothing past the buffer (a block of
 * exactly cap bytes, which the ASan build checks): buffers too small,
 * just large enough, larger, and a character utf8proc's path folds. */
Test(text, loose_into_equals_loose)
{
    static const char *pieces[] = {"Kế", "HOẠCH", " ", "  ", "\n", "\xC2\xA0", "Đ", "ừ", "–",
                                   "\xF0\x9F\x98\x80", "1", "x", "abcdefghijkl", "782/QĐ-TTg"};
    unsigned seed = 5;
    for (int round = 0; round < 2000; round++) {
        pl_buf b = PL_BUF_INIT;
        int n = round % 12;
        pl_test_random_pieces(&b, &seed, n, pieces, sizeof pieces / sizeof *pieces);
        const char *s = pl_buf_cstr(&b);
        char *want = pl_fold_loose(s, b.len);
        cr_assert_not_null(want);
        int table = strstr(s, "\xF0\x9F") == NULL;
        size_t caps[] = {1, 2 * b.len, 2 * b.len + 1, 2 * b.len + 2, 3 * b.len + 9};
        for (size_t k = 0; k < sizeof caps / sizeof *caps; k++) {
            char *buf = malloc(caps[k]);
            cr_assert_not_null(buf);
            char *got = pl_fold_loose_into(s, b.len, buf, caps[k]);
            cr_assert_not_null(got);
            cr_assert_str_eq(got, want, "[%s] cap %zu", s, caps[k]);
            cr_assert_eq(got == buf, table && b.len < caps[k] / 2, "[%s] cap %zu", s, caps[k]);
            pl_fold_loose_done(got, buf);
            free(buf);
        }
        free(want);
        pl_buf_free(&b);
    }
}

/* pl_utf8_validate, which skips runs of ASCII a word at a time, finds
 * the first invalid byte where a walk with pl_utf8_next_slow (utf8proc's
 * checks beyond two and three bytes) does: random strings of ASCII runs,
 * letters of two, three and four bytes, and broken sequences (a lone
 * continuation byte, a cut letter, an overlong, a surrogate, C0/F5). */
Test(text, utf8_validate_equals_a_walk)
{
    static const char *pieces[] = {"a", "ab", "abcdefghij", " ", "ạ", "ờ", "Đ", "–", "😀",
                                   "\x80", "\xE1\xBA", "\xC0\xAF", "\xED\xA0\x80", "\xF5\x80",
                                   "\xE0\x80\x80", "0123456789012345"};
    unsigned seed = 3;
    for (int round = 0; round < 20000; round++) {
        pl_buf b = PL_BUF_INIT;
        int n = round % 24;
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned k = (seed >> 16) % (sizeof pieces / sizeof *pieces);
            if (k >= 9 && k <= 14 && (seed >> 8) % 4) /* broken pieces rarer */
                k = (seed >> 4) % 9;
            pl_buf_puts(&b, pieces[k]);
        }
        const char *s = pl_buf_cstr(&b);
        size_t want = 0;
        while (want < b.len) {
            int32_t cp;
            int k = pl_utf8_next_slow(s, b.len, want, &cp);
            if (k < 0)
                break;
            want += (size_t)k;
        }
        cr_assert_eq(pl_utf8_validate(s, b.len), want, "round %d, %zu bytes", round, b.len);
        pl_buf_free(&b);
    }
}

/* pl_omap_invert_monotone finds what pl_omap_invert's search of the
 * output offsets finds, on every map pl_omap_monotone says yes to: random
 * maps of runs that keep, shrink or grow by one byte (what the key and
 * flat stages write), at every source offset and output length; a map
 * with a character two bytes longer than its source is not monotone. */
Test(text, omap_invert_monotone_equals_the_search)
{
    unsigned seed = 5;
    int monotone_maps = 0;
    for (int round = 0; round < 3000; round++) {
        pl_omap m = PL_OMAP_INIT;
        size_t out = 0, src = 0;
        int n = round % 12;
        if (round % 3 == 0) { /* a map that starts late */
            out = (size_t)(round % 5);
            src = (size_t)(round % 7);
        }
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            pl_omap_add(&m, out, src);
            size_t run = (seed >> 16) % 6, kind = (seed >> 8) % 4;
            out += 1 + run;
            src += 1 + run + (kind == 0 ? 1 : 0);
            if (kind == 2 && out > 1) /* a character one byte longer */
                src -= 1;
            if (kind == 3 && round % 40 == 0) /* two bytes longer: not monotone */
                out += 2;
        }
        size_t out_len = out + (size_t)(round % 4);
        if (!pl_omap_monotone(&m)) {
            /* pl_omap_invert must not take the anchors' search here */
            cr_assert(m.backwards, "round %d: a map that goes back is not flagged", round);
            pl_omap_free(&m);
            continue;
        }
        monotone_maps++;
        for (size_t s = 0; s <= src + 4; s++)
            for (size_t ol = out_len > 3 ? out_len - 3 : 0; ol <= out_len; ol++) {
                cr_assert_eq(pl_omap_invert_monotone(&m, ol, s), pl_omap_invert_by_lookup(&m, ol, s),
                             "round %d, src %zu, out_len %zu", round, s, ol);
                cr_assert_eq(pl_omap_invert(&m, ol, s), pl_omap_invert_by_lookup(&m, ol, s));
            }
        pl_omap_free(&m);
    }
    cr_assert_gt(monotone_maps, 1000);
    pl_omap m = PL_OMAP_INIT;
    pl_omap_add(&m, 0, 0);
    pl_omap_add(&m, 3, 1); /* one source byte, three output bytes */
    cr_assert_not(pl_omap_monotone(&m));
    cr_assert(m.backwards);
    pl_omap_free(&m);
}
