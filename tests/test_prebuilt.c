/* test_prebuilt.c - the start-up work done at build time (util/prebuilt.h,
 * data/gen_prebuilt.c).
 *
 * The vocabulary's keys and the programmes' loose phrases are folded by
 * the build and looked up at run time.  These tests hold the tables to the
 * functions they stand for: each entry folds, now, to what the table says;
 * each embedded phrase is in its table (else the start-up would fold it
 * again, and the saving would be gone without a test noticing); and the
 * hash finds each entry and nothing else.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "prebuilt.h"
#include "rules.h"
#include "text.h"
#include "uni.h"
#include "vocab.h"
#include "xml.h"

Test(prebuilt, keys_are_what_the_pipeline_folds)
{
    cr_assert_gt(pl_prebuilt_keys.n, 400, "the vocabulary has some 500 phrases");
    for (size_t i = 0; i < pl_prebuilt_keys.n; i++) {
        const pl_prebuilt_fold *f = &pl_prebuilt_keys.v[i];
        size_t n = 0;
        char *k = pl_text_key_of(pl_prebuilt_text(f), strlen(pl_prebuilt_text(f)), &n);
        cr_assert_not_null(k);
        cr_assert_eq(n, f->out_len, "%s", pl_prebuilt_text(f));
        cr_assert_str_eq(k, pl_prebuilt_out(f), "%s", pl_prebuilt_text(f));
        cr_assert_eq(f->text_len, strlen(pl_prebuilt_text(f)));
        free(k);
    }
}

Test(prebuilt, loose_phrases_are_what_fold_loose_makes)
{
    cr_assert_gt(pl_prebuilt_loose.n, 100);
    for (size_t i = 0; i < pl_prebuilt_loose.n; i++) {
        const pl_prebuilt_fold *f = &pl_prebuilt_loose.v[i];
        char *l = pl_fold_loose(pl_prebuilt_text(f), strlen(pl_prebuilt_text(f)));
        cr_assert_not_null(l);
        cr_assert_str_eq(l, pl_prebuilt_out(f), "%s", pl_prebuilt_text(f));
        cr_assert_eq(f->out_len, strlen(l));
        free(l);
    }
}

Test(prebuilt, rule_phrases_are_what_key_form_makes)
{
    cr_assert_gt(pl_prebuilt_rule_keys.n, 50);
    for (size_t i = 0; i < pl_prebuilt_rule_keys.n; i++) {
        const pl_prebuilt_fold *f = &pl_prebuilt_rule_keys.v[i];
        char *k = pl_key_form(pl_prebuilt_text(f));
        cr_assert_not_null(k);
        cr_assert_str_eq(k, pl_prebuilt_out(f), "%s", pl_prebuilt_text(f));
        cr_assert_eq(f->out_len, strlen(k));
        free(k);
    }
}

/* Every phrase of the embedded files under `dir` that the loaders fold
 * (`loose`: 0 vocabulary keys, 1 programme loose forms, 2 rule keys) is in
 * table t; returns how many were looked up. */
static size_t all_found(const char *dir, const pl_prebuilt_table *t, int loose)
{
    size_t seen = 0;
    for (size_t i = 0; i < pl_embedded_count; i++) {
        const pl_embedded_file *f = &pl_embedded_files[i];
        size_t n = strlen(f->name);
        if (strncmp(f->name, dir, strlen(dir)) != 0 || strcmp(f->name + n - 4, ".xml") != 0)
            continue;
        pl_error err = {0};
        pl_xml_node *root = pl_embedded_tree(f, NULL, &err);
        cr_assert_not_null(root, "%s", err.message);
        for (const pl_xml_node *e = root; e; e = pl_xml_walk_next(root, e)) {
            const char *name = pl_xml_name(e), *text = NULL;
            if (loose == 0 && strcmp(name, "entry") == 0)
                text = pl_xml_attr(e, "phrase");
            else if (loose == 1 && (strcmp(name, "phrase") == 0 || strcmp(name, "word") == 0 ||
                                    strcmp(name, "any") == 0 || strcmp(name, "all") == 0 ||
                                    strcmp(name, "none") == 0))
                text = pl_xml_text(e);
            else if (loose == 2 && (strcmp(name, "phrase") == 0 || strcmp(name, "allow") == 0))
                text = pl_xml_text(e);
            if (!text)
                continue;
            const pl_prebuilt_fold *fd = pl_prebuilt_find(t, text, strlen(text));
            cr_assert_not_null(fd, "%s: \"%s\" was not folded at build time", f->name, text);
            cr_assert_str_eq(pl_prebuilt_text(fd), text);
            seen++;
        }
        pl_xml_free(root);
    }
    return seen;
}

Test(prebuilt, every_embedded_phrase_is_in_its_table)
{
    cr_assert_gt(all_found("vocab/", &pl_prebuilt_keys, 0), 400);
    cr_assert_gt(all_found("programs/", &pl_prebuilt_loose, 1), 100);
    cr_assert_gt(all_found("rules/", &pl_prebuilt_rule_keys, 2), 50);
}

Test(prebuilt, lookup_finds_the_text_and_nothing_else)
{
    const pl_prebuilt_fold *f = &pl_prebuilt_keys.v[0];
    cr_assert_eq(pl_prebuilt_find(&pl_prebuilt_keys, pl_prebuilt_text(f), f->text_len), f);
    /* a prefix, or the text with one more byte, is another text */
    if (f->text_len > 1)
        cr_assert_null(pl_prebuilt_find(&pl_prebuilt_keys, pl_prebuilt_text(f), f->text_len - 1));
    char longer[512];
    snprintf(longer, sizeof longer, "%sx", pl_prebuilt_text(f));
    cr_assert_null(pl_prebuilt_find(&pl_prebuilt_keys, longer, strlen(longer)));
    cr_assert_null(pl_prebuilt_find(&pl_prebuilt_keys, "no such phrase, surely", 22));
    size_t n = 0;
    char *d = pl_prebuilt_dup(&pl_prebuilt_keys, pl_prebuilt_text(f), f->text_len, &n);
    cr_assert_not_null(d);
    cr_assert_eq(n, f->out_len);
    cr_assert_str_eq(d, pl_prebuilt_out(f));
    free(d);
    cr_assert_null(pl_prebuilt_dup(&pl_prebuilt_keys, "no such phrase", 14, NULL));
}

/* Every list's alternations in the tables are what the list builds now,
 * and pl_vocab_alternation hands out the table's (a list with no entry
 * there would build its own: the same text, but the build-time work
 * lost). */
Test(prebuilt, alternations_are_what_the_lists_build)
{
    size_t n = pl_vocab_count();
    cr_assert_gt(n, 50);
    cr_assert_eq(pl_prebuilt_alternations.n, n);
    cr_assert_eq(pl_prebuilt_nfc_alternations.n, n);
    for (size_t i = 0; i < n; i++) {
        const pl_vocab_list *l = pl_vocab_at(i);
        for (int nfc = 0; nfc < 2; nfc++) {
            const pl_prebuilt_table *t = nfc ? &pl_prebuilt_nfc_alternations : &pl_prebuilt_alternations;
            const pl_prebuilt_fold *f = pl_prebuilt_find(t, l->name, strlen(l->name));
            cr_assert_not_null(f, "%s", l->name);
            char *built = pl_vocab_alternation_build(l, nfc);
            cr_assert_not_null(built);
            cr_expect_str_eq(pl_prebuilt_out(f), built, "%s (nfc %d)", l->name, nfc);
            cr_expect_eq(f->out_len, strlen(built));
            free(built);
            cr_expect_eq(nfc ? pl_vocab_nfc_alternation(l) : pl_vocab_alternation(l),
                         pl_prebuilt_out(f), "%s: the table's copy", l->name);
        }
    }
}

/* An embedded entry's key is the table's string itself (not a copy), and
 * what the pipeline folds its phrase to. */
Test(prebuilt, vocabulary_keys_are_the_tables_strings)
{
    size_t entries = 0;
    for (size_t i = 0; i < pl_vocab_count(); i++) {
        const pl_vocab_list *l = pl_vocab_at(i);
        for (size_t k = 0; k < l->n; k++, entries++) {
            const pl_vocab_entry *e = &l->v[k];
            const pl_prebuilt_fold *f = pl_prebuilt_find(&pl_prebuilt_keys, e->phrase, strlen(e->phrase));
            cr_assert_not_null(f, "%s", e->phrase);
            cr_expect_eq(e->key, pl_prebuilt_out(f), "%s", e->phrase);
            size_t n = 0;
            char *key = pl_text_key_of(e->phrase, strlen(e->phrase), &n);
            cr_assert_not_null(key);
            cr_expect_eq(e->key_len, n);
            cr_expect_str_eq(e->key, key);
            free(key);
        }
    }
    cr_assert_gt(entries, 400);
}

/* ---- the patterns' codes ------------------------------------------------ */

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "planlint.h"
#include "re.h"

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    char *buf = malloc(1 << 20);
    *n = fread(buf, 1, (1 << 20) - 1, f);
    buf[*n] = '\0';
    fclose(f);
    return buf;
}

/* Every match of code in s, as the list of ovector pairs, into out. */
static size_t all_matches(const pcre2_code *code, const char *s, size_t n, size_t *out, size_t cap)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    size_t k = 0, at = 0;
    while (at <= n && k + 2 <= cap) {
        int rc = pcre2_match(code, (PCRE2_SPTR)s, n, at, 0, md, NULL);
        if (rc < 0)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        for (int g = 0; g < rc && k + 2 <= cap; g++) {
            out[k++] = ov[2 * g];
            out[k++] = ov[2 * g + 1];
        }
        at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        while (at < n && ((unsigned char)s[at] & 0xC0) == 0x80)
            at++;
    }
    pcre2_match_data_free(md);
    return k;
}

Test(prebuilt, each_code_decodes_and_matches_like_the_compiled_pattern)
{
    const pl_prebuilt_codes *t = &pl_prebuilt_patterns;
    cr_assert_gt(t->n, 30, "a check of the bundled plans compiles some 60 patterns");
    size_t len = 0;
    char *text = read_file(PL_SOURCE_DIR "/corpus/plans/hoang-duc-commune-2023-pdf.txt", &len);
    enum { CAP = 1 << 16 };
    size_t *a = malloc(CAP * sizeof *a), *b = malloc(CAP * sizeof *b);
    pcre2_code **set = calloc(t->n, sizeof *set);
    cr_assert_eq(pcre2_serialize_decode(set, (int32_t)t->n, t->set, NULL), (int32_t)t->n);
    cr_assert_eq(pcre2_serialize_get_number_of_codes(t->set), (int32_t)t->n);
    for (size_t i = 0; i < t->n; i++) {
        const pl_prebuilt_code *c = &t->v[i];
        cr_assert_eq(pl_prebuilt_code_find(pl_prebuilt_pattern(c), c->pattern_len, c->opts), c);
        pcre2_code *decoded = set[i];
        int err = 0;
        PCRE2_SIZE off = 0;
        pcre2_code *compiled = pcre2_compile((PCRE2_SPTR)pl_prebuilt_pattern(c),
                                             PCRE2_ZERO_TERMINATED, c->opts, &err, &off, NULL);
        cr_assert_not_null(compiled);
        size_t sa = 0, sb = 0;
        pcre2_pattern_info(decoded, PCRE2_INFO_SIZE, &sa);
        pcre2_pattern_info(compiled, PCRE2_INFO_SIZE, &sb);
        cr_assert_eq(sa, sb, "%s", pl_prebuilt_pattern(c));
        /* the key text a pattern meets is lower case: both forms of the plan */
        for (int lower = 0; lower < 2; lower++) {
            char *s = strdup(text);
            for (size_t j = 0; lower && j < len; j++)
                if (s[j] >= 'A' && s[j] <= 'Z')
                    s[j] = (char)(s[j] + 32);
            size_t na = all_matches(decoded, s, len, a, CAP);
            size_t nb = all_matches(compiled, s, len, b, CAP);
            cr_assert_eq(na, nb, "%s", pl_prebuilt_pattern(c));
            cr_assert(memcmp(a, b, na * sizeof *a) == 0, "%s", pl_prebuilt_pattern(c));
            free(s);
        }
        pcre2_code_free(decoded);
        pcre2_code_free(compiled);
    }
    free(set);
    free(a);
    free(b);
    free(text);
}

static int count_code(void *ctx, const char *pattern, uint32_t opts)
{
    (*(size_t *)ctx)++;
    return 0;
}

/* Checking a bundled plan compiles nothing: every code it needs is decoded
 * (a code that stopped decoding would be compiled, and recorded). */
Test(prebuilt, checking_a_bundled_plan_compiles_no_pattern)
{
    pl_error err = {0};
    pl_re_record();
    pl_programs *progs = pl_programs_new_builtin(&err);
    pl_checker *ck = pl_checker_new(progs, NULL, &err);
    cr_assert_not_null(ck, "%s", err.message);
    pl_doc *doc = pl_doc_read(PL_SOURCE_DIR "/corpus/plans/hoang-duc-commune-2023-pdf.txt", progs,
                              NULL, &err);
    cr_assert_not_null(doc, "%s", err.message);
    pl_report *r = pl_check_doc(ck, doc, &err);
    cr_assert_not_null(r, "%s", err.message);
    size_t compiled = 0;
    cr_assert_eq(pl_re_recorded(count_code, &compiled), 0);
    cr_assert_eq(compiled, 0, "%zu patterns were compiled, not decoded", compiled);
    /* one the table does not hold is compiled (and recorded), and so is
     * one it holds but has handed out already (each code is given once) */
    pl_re_record();
    pl_re *re = pl_re_must("not (a) pattern of the library");
    pl_match m;
    cr_assert_eq(pl_re_find(re, "xx not a pattern of the library", 31, 0, &m), 1);
    const pl_prebuilt_code *c = &pl_prebuilt_patterns.v[0];
    pl_re *again = pl_re_compile(pl_prebuilt_pattern(c), (c->opts & PCRE2_CASELESS) != 0, NULL, 0);
    cr_assert_not_null(again);
    cr_assert_eq(pl_re_recorded(count_code, &compiled), 0);
    cr_assert_eq(compiled, 2);
    pl_re_free(again);
    pl_re_free(re);
    pl_report_free(r);
    pl_doc_free(doc);
    pl_checker_free(ck);
    pl_programs_free(progs);
}
