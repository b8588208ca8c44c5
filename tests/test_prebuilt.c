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
#include "text.h"
#include "uni.h"
#include "xml.h"

Test(prebuilt, keys_are_what_the_pipeline_folds)
{
    cr_assert_gt(pl_prebuilt_keys.n, 400, "the vocabulary has some 500 phrases");
    for (size_t i = 0; i < pl_prebuilt_keys.n; i++) {
        const pl_prebuilt_fold *f = &pl_prebuilt_keys.v[i];
        size_t n = 0;
        char *k = pl_text_key_of(f->text, strlen(f->text), &n);
        cr_assert_not_null(k);
        cr_assert_eq(n, f->out_len, "%s", f->text);
        cr_assert_str_eq(k, f->out, "%s", f->text);
        cr_assert_eq(f->text_len, strlen(f->text));
        free(k);
    }
}

Test(prebuilt, loose_phrases_are_what_fold_loose_makes)
{
    cr_assert_gt(pl_prebuilt_loose.n, 100);
    for (size_t i = 0; i < pl_prebuilt_loose.n; i++) {
        const pl_prebuilt_fold *f = &pl_prebuilt_loose.v[i];
        char *l = pl_fold_loose(f->text, strlen(f->text));
        cr_assert_not_null(l);
        cr_assert_str_eq(l, f->out, "%s", f->text);
        cr_assert_eq(f->out_len, strlen(l));
        free(l);
    }
}

static const pl_xml_node *next_in_order(const pl_xml_node *root, const pl_xml_node *n)
{
    const pl_xml_node *child = pl_xml_first(n, NULL);
    if (child)
        return child;
    while (n != root && pl_xml_next(n, NULL) == NULL)
        n = pl_xml_parent(n);
    return n == root ? NULL : pl_xml_next(n, NULL);
}

/* Every phrase of the embedded files under `dir` that the loaders fold is
 * in table t, with its own fold; returns how many were looked up. */
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
        for (const pl_xml_node *e = root; e; e = next_in_order(root, e)) {
            const char *name = pl_xml_name(e), *text = NULL;
            if (!loose && strcmp(name, "entry") == 0)
                text = pl_xml_attr(e, "phrase");
            else if (loose && (strcmp(name, "phrase") == 0 || strcmp(name, "word") == 0 ||
                               strcmp(name, "any") == 0 || strcmp(name, "all") == 0 ||
                               strcmp(name, "none") == 0))
                text = pl_xml_text(e);
            if (!text)
                continue;
            const pl_prebuilt_fold *fd = pl_prebuilt_find(t, text, strlen(text));
            cr_assert_not_null(fd, "%s: \"%s\" was not folded at build time", f->name, text);
            cr_assert_str_eq(fd->text, text);
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
}

Test(prebuilt, lookup_finds_the_text_and_nothing_else)
{
    const pl_prebuilt_fold *f = &pl_prebuilt_keys.v[0];
    cr_assert_eq(pl_prebuilt_find(&pl_prebuilt_keys, f->text, f->text_len), f);
    /* a prefix, or the text with one more byte, is another text */
    if (f->text_len > 1)
        cr_assert_null(pl_prebuilt_find(&pl_prebuilt_keys, f->text, f->text_len - 1));
    char longer[512];
    snprintf(longer, sizeof longer, "%sx", f->text);
    cr_assert_null(pl_prebuilt_find(&pl_prebuilt_keys, longer, strlen(longer)));
    cr_assert_null(pl_prebuilt_find(&pl_prebuilt_keys, "no such phrase, surely", 22));
    size_t n = 0;
    char *d = pl_prebuilt_dup(&pl_prebuilt_keys, f->text, f->text_len, &n);
    cr_assert_not_null(d);
    cr_assert_eq(n, f->out_len);
    cr_assert_str_eq(d, f->out);
    free(d);
    cr_assert_null(pl_prebuilt_dup(&pl_prebuilt_keys, "no such phrase", 14, NULL));
}
