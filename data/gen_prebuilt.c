/* gen_prebuilt.c - a build step: the start-up work of a process, done once
 * (util/prebuilt.h).
 *
 *     planlint_gen_prebuilt OUTPUT.c PLAN...
 *
 * Linked with the library's own objects (and data/prebuilt_none.c's empty
 * tables in place of the ones it writes), so the folds it writes are the
 * run-time functions' answers by construction:
 *
 *   pl_prebuilt_keys    pl_text_key_of of each vocabulary entry's phrase
 *                       (vocab/NAME.xml, entry/@phrase: parser/text/vocab.c)
 *   pl_prebuilt_loose   pl_fold_loose of each programme phrase (the texts
 *                       of programs/NAME.xml's phrase, word, any, all and none
 *                       elements: programs/program.c, load_phrases)
 *   pl_prebuilt_rule_keys  pl_key_form of each rule file's phrase and
 *                       allow element (rules/NAME.xml: rules/catalog.c)
 *   pl_prebuilt_alternations, pl_prebuilt_nfc_alternations
 *                       each vocabulary list's alternations, by its name
 *                       (pl_vocab_alternation_build: parser/text/vocab.c)
 *   pl_prebuilt_patterns  every PCRE2 code the library compiles while it
 *                       reads and checks each PLAN (the bundled plans),
 *                       serialized as one set (util/re.c, pl_re_record)
 *
 * tests/test_prebuilt.c folds every entry again and checks that each
 * embedded phrase is in its table, and that each code decodes and matches
 * like the pattern compiled. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "embedded.h"
#include "error.h"
#include "prebuilt.h"
#include "text.h"
#include "uni.h"
#include "re.h"
#include "vocab.h"
#include "rules.h"
#include "xml.h"

#include "planlint.h"

typedef struct fold {
    const char *text; /* points into a tree kept until the end */
    char *out;
    size_t out_len;
} fold;

typedef struct table {
    fold *v;
    size_t n, cap;
} table;

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(((const fold *)a)->text, ((const fold *)b)->text);
}

/* The folding functions the loaders call. */
enum { FOLD_KEY, FOLD_LOOSE, FOLD_RULE };

static int add(table *t, const char *text, int how)
{
    if (PL_ARRAY_RESERVE(t->v, t->cap, t->n + 1) != 0)
        return -1;
    fold *f = &t->v[t->n];
    f->text = text;
    f->out_len = 0;
    if (how == FOLD_KEY)
        f->out = pl_text_key_of(text, strlen(text), &f->out_len);
    else
        f->out = how == FOLD_LOOSE ? pl_fold_loose(text, strlen(text)) : pl_key_form(text);
    if (f->out && how != FOLD_KEY)
        f->out_len = strlen(f->out);
    if (f->out) /* else left to the run, which says what is wrong */
        t->n++;
    return 0;
}

/* What the loaders fold: in the embedded files under `dir`, the texts of
 * the elements named in `elems` (or their attribute `attr`), by `how`. */
typedef struct source {
    const char *dir;
    const char *elems[6];
    const char *attr;
    int how;
    table *t;
} source;

/* Every phrase of one tree that source src folds. */
static int walk(const source *src, const pl_xml_node *root)
{
    for (const pl_xml_node *n = root; n; n = pl_xml_walk_next(root, n)) {
        const char *name = pl_xml_name(n);
        for (size_t i = 0; src->elems[i]; i++) {
            if (strcmp(name, src->elems[i]) != 0)
                continue;
            const char *text = src->attr ? pl_xml_attr(n, src->attr) : pl_xml_text(n);
            if (text && add(src->t, text, src->how) != 0)
                return -1;
        }
    }
    return 0;
}

/* Sort by text and drop repeats (the same text folds the same way); the
 * order makes the output the same at every build. */
static void sort_unique(table *t)
{
    if (t->n)
        qsort(t->v, t->n, sizeof *t->v, by_text);
    size_t w = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (w > 0 && strcmp(t->v[w - 1].text, t->v[i].text) == 0) {
            free(t->v[i].out);
            continue;
        }
        t->v[w++] = t->v[i];
    }
    t->n = w;
}

/* The string pool every table points into by offset (prebuilt.h,
 * pl_prebuilt_strings): each string added with its NUL, written last. */
static char *pool;
static size_t pool_len, pool_cap;

static uint32_t pool_add(const char *s, size_t n)
{
    if (PL_ARRAY_RESERVE(pool, pool_cap, pool_len + n + 1) != 0 || pool_len + n + 1 > UINT32_MAX) {
        fprintf(stderr, "planlint_gen_prebuilt: out of memory\n");
        exit(1);
    }
    uint32_t at = (uint32_t)pool_len;
    memcpy(pool + pool_len, s, n);
    pool[pool_len + n] = '\0';
    pool_len += n + 1;
    return at;
}

/* The pool as one string literal, a line per string: every byte outside
 * printable ASCII, and '"', '\\' and '?' (no trigraph), as a three-digit
 * octal escape, which no following digit can lengthen. */
static void pool_write(FILE *out)
{
    fprintf(out, "const char pl_prebuilt_strings[] =\n    \"");
    for (size_t i = 0; i < pool_len; i++) {
        unsigned char c = (unsigned char)pool[i];
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '?')
            fprintf(out, "\\%03o", c);
        else
            fputc(c, out);
        if (c == '\0' && i + 1 < pool_len)
            fprintf(out, "\"\n    \"");
    }
    fprintf(out, "\";\n");
}

/* An open-addressed slot array for n entries (prebuilt.h): a power of
 * two, at least 16 and twice n; entry i goes in the first free slot from
 * its hash on, as i + 1. */
typedef struct slots {
    uint32_t *v;
    size_t n;
} slots;

static slots slots_new(size_t entries)
{
    slots sl = {NULL, 16};
    while (sl.n < 2 * entries)
        sl.n *= 2;
    sl.v = calloc(sl.n, sizeof *sl.v);
    if (!sl.v) {
        fprintf(stderr, "planlint_gen_prebuilt: out of memory\n");
        exit(1);
    }
    return sl;
}

static void slots_put(slots *sl, uint32_t hash, size_t i)
{
    size_t at = hash & (sl->n - 1);
    while (sl->v[at])
        at = (at + 1) & (sl->n - 1);
    sl->v[at] = (uint32_t)(i + 1);
}

/* Writes the array `name` and frees it. */
static void slots_write(FILE *out, const char *name, slots *sl)
{
    fprintf(out, "static const uint32_t %s[] = {\n", name);
    for (size_t i = 0; i < sl->n; i++)
        fprintf(out, "%u,%s", (unsigned)sl->v[i], i % 16 == 15 ? "\n" : " ");
    fprintf(out, "};\n");
    free(sl->v);
}

static void write_table(FILE *out, const char *name, const table *t)
{
    slots sl = slots_new(t->n);
    fprintf(out, "static const pl_prebuilt_fold %s_v[] = {\n", name);
    for (size_t i = 0; i < t->n; i++) {
        size_t tn = strlen(t->v[i].text);
        uint32_t text = pool_add(t->v[i].text, tn);
        uint32_t o = pool_add(t->v[i].out, t->v[i].out_len);
        fprintf(out, "    {%uu, %uu, %zuu, %zuu},\n", (unsigned)text, (unsigned)o, tn,
                t->v[i].out_len);
        slots_put(&sl, pl_prebuilt_hash(t->v[i].text, strlen(t->v[i].text)), i);
    }
    fprintf(out, "    {0, 0, 0, 0} /* no empty array in C */\n};\n");
    char slots_name[128];
    snprintf(slots_name, sizeof slots_name, "%s_slots", name);
    size_t mask = sl.n - 1;
    slots_write(out, slots_name, &sl);
    fprintf(out, "const pl_prebuilt_table %s = {%s_v, %zu, %s, %zuu};\n\n", name, name, t->n,
            slots_name, mask);
}

/* Each vocabulary list's alternation (nfc: the NFC one), by list name. */
static int add_alternations(table *t, int nfc)
{
    pl_error err = {0};
    if (pl_vocab_load(&err) != 0) {
        fprintf(stderr, "planlint_gen_prebuilt: %s\n", err.message);
        return -1;
    }
    for (size_t i = 0; i < pl_vocab_count(); i++) {
        const pl_vocab_list *l = pl_vocab_at(i);
        if (PL_ARRAY_RESERVE(t->v, t->cap, t->n + 1) != 0)
            return -1;
        fold *f = &t->v[t->n];
        f->text = l->name;
        if ((f->out = pl_vocab_alternation_build(l, nfc)) == NULL)
            return -1;
        f->out_len = strlen(f->out);
        t->n++;
    }
    return 0;
}

/* ---- the codes ---------------------------------------------------------- */

typedef struct code {
    char *pattern;
    uint32_t opts;
} code;

typedef struct codes {
    code *v;
    size_t n, cap;
    unsigned char *set; /* all of them serialized, in the order of v */
    size_t set_len;
} codes;

static int keep_code(void *ctx, const char *pattern, uint32_t opts)
{
    codes *cs = ctx;
    if (PL_ARRAY_RESERVE(cs->v, cs->cap, cs->n + 1) != 0)
        return -1;
    if ((cs->v[cs->n].pattern = strdup(pattern)) == NULL)
        return -1;
    cs->v[cs->n++].opts = opts;
    return 0;
}

static int by_pattern(const void *a, const void *b)
{
    const code *x = a, *y = b;
    int c = strcmp(x->pattern, y->pattern);
    return c ? c : x->opts < y->opts ? -1 : x->opts > y->opts;
}

/* Read and check each plan as `planlint check` does, recording the
 * patterns compiled on the way. */
static int run_plans(char **plans, int nplans, codes *cs)
{
    pl_error err = {0};
    pl_re_record();
    pl_programs *progs = pl_programs_new_builtin(&err);
    pl_config *cfg = pl_config_new();
    pl_checker *ck = progs && cfg ? pl_checker_new(progs, cfg, &err) : NULL;
    int rc = ck ? 0 : -1;
    for (int i = 0; i < nplans && rc == 0; i++) {
        pl_doc *doc = pl_doc_read(plans[i], progs, NULL, &err);
        pl_report *r = doc ? pl_check_doc(ck, doc, &err) : NULL;
        if (!r) {
            fprintf(stderr, "planlint_gen_prebuilt: %s: %s\n", plans[i], err.message);
            rc = -1;
        }
        pl_report_free(r);
        pl_doc_free(doc);
    }
    if (pl_re_recorded(keep_code, cs) != 0) {
        fprintf(stderr, "planlint_gen_prebuilt: out of memory\n");
        rc = -1;
    }
    pl_checker_free(ck);
    pl_config_free(cfg);
    pl_programs_free(progs);
    pl_re_thread_done();
    if (cs->n)
        qsort(cs->v, cs->n, sizeof *cs->v, by_pattern);
    const char **patterns = calloc(cs->n + 1, sizeof *patterns);
    uint32_t *opts = calloc(cs->n + 1, sizeof *opts);
    for (size_t i = 0; patterns && opts && i < cs->n; i++) {
        patterns[i] = cs->v[i].pattern;
        opts[i] = cs->v[i].opts;
    }
    if (rc == 0 && cs->n &&
        (!patterns || !opts ||
         pl_re_serialize(patterns, opts, cs->n, &cs->set, &cs->set_len) != 0)) {
        fprintf(stderr, "planlint_gen_prebuilt: the patterns did not serialize\n");
        rc = -1;
    }
    free(patterns);
    free(opts);
    return rc;
}

static void write_codes(FILE *out, const codes *cs)
{
    slots sl = slots_new(cs->n);
    /* pcre2_serialize_decode reads the set's header in place: aligned */
    fprintf(out, "static _Alignas(16) const unsigned char pl_prebuilt_set[] = {\n");
    for (size_t j = 0; j < cs->set_len; j++)
        fprintf(out, "%u,%s", cs->set[j], j % 24 == 23 ? "\n" : "");
    fprintf(out, "0 /* no empty array in C */\n};\n");
    fprintf(out, "static const pl_prebuilt_code pl_prebuilt_patterns_v[] = {\n");
    for (size_t i = 0; i < cs->n; i++) {
        const code *c = &cs->v[i];
        uint32_t at = pool_add(c->pattern, strlen(c->pattern));
        fprintf(out, "    {%uu, %zuu, %uu},\n", (unsigned)at, strlen(c->pattern),
                (unsigned)c->opts);
        slots_put(&sl, pl_prebuilt_code_hash(c->pattern, strlen(c->pattern), c->opts), i);
    }
    fprintf(out, "    {0, 0, 0} /* no empty array in C */\n};\n");
    size_t mask = sl.n - 1;
    slots_write(out, "pl_prebuilt_patterns_slots", &sl);
    fprintf(out, "const pl_prebuilt_codes pl_prebuilt_patterns = {pl_prebuilt_patterns_v, %zu,\n"
                 "    pl_prebuilt_patterns_slots, %zuu, pl_prebuilt_set, %zu};\n",
            cs->n, mask, cs->set_len);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: planlint_gen_prebuilt OUTPUT.c PLAN...\n");
        return 2;
    }
    table keys = {0}, loose = {0}, rule_keys = {0};
    const source sources[] = {
        /* parser/text/vocab.c, load_list */
        {"vocab/", {"entry", NULL}, "phrase", FOLD_KEY, &keys},
        /* programs/program.c, load_phrases */
        {"programs/", {"phrase", "word", "any", "all", "none", NULL}, NULL, FOLD_LOOSE, &loose},
        /* rules/catalog.c, load_phrases */
        {"rules/", {"allow", "phrase", NULL}, NULL, FOLD_RULE, &rule_keys},
    };
    pl_xml_node **trees = NULL;
    size_t ntrees = 0, cap = 0;
    for (size_t i = 0; i < pl_embedded_count; i++) {
        const pl_embedded_file *f = &pl_embedded_files[i];
        size_t n = strlen(f->name);
        const source *src = NULL;
        for (size_t k = 0; k < sizeof sources / sizeof *sources; k++)
            if (starts_with(f->name, sources[k].dir))
                src = &sources[k];
        if (!src || n < 4 || strcmp(f->name + n - 4, ".xml") != 0)
            continue;
        pl_error err = {0};
        pl_xml_node *root = pl_embedded_tree(f, NULL, &err);
        if (!root || PL_ARRAY_RESERVE(trees, cap, ntrees + 1) != 0) {
            fprintf(stderr, "planlint_gen_prebuilt: %s: %s\n", f->name,
                    root ? "out of memory" : err.message);
            return 1;
        }
        trees[ntrees++] = root;
        if (walk(src, root) != 0)
            return 1;
    }
    sort_unique(&keys);
    sort_unique(&loose);
    sort_unique(&rule_keys);
    table alts = {0}, nfc_alts = {0};
    if (add_alternations(&alts, 0) != 0 || add_alternations(&nfc_alts, 1) != 0) {
        fprintf(stderr, "planlint_gen_prebuilt: the alternations were not built\n");
        return 1;
    }
    sort_unique(&alts);
    sort_unique(&nfc_alts);
    codes cs = {0};
    if (run_plans(argv + 2, argc - 2, &cs) != 0)
        return 1;
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    fprintf(out, "/* Generated by data/gen_prebuilt.c; do not edit. */\n"
                 "#include \"prebuilt.h\"\n\n");
    write_table(out, "pl_prebuilt_keys", &keys);
    write_table(out, "pl_prebuilt_loose", &loose);
    write_table(out, "pl_prebuilt_rule_keys", &rule_keys);
    write_table(out, "pl_prebuilt_alternations", &alts);
    write_table(out, "pl_prebuilt_nfc_alternations", &nfc_alts);
    write_codes(out, &cs);
    pool_write(out);
    free(pool);
    if (fclose(out) != 0) {
        perror(argv[1]);
        remove(argv[1]);
        return 1;
    }
    for (size_t i = 0; i < keys.n; i++)
        free(keys.v[i].out);
    for (size_t i = 0; i < loose.n; i++)
        free(loose.v[i].out);
    for (size_t i = 0; i < rule_keys.n; i++)
        free(rule_keys.v[i].out);
    for (size_t i = 0; i < alts.n; i++)
        free(alts.v[i].out);
    for (size_t i = 0; i < nfc_alts.n; i++)
        free(nfc_alts.v[i].out);
    free(alts.v);
    free(nfc_alts.v);
    free(rule_keys.v);
    for (size_t i = 0; i < cs.n; i++)
        free(cs.v[i].pattern);
    free(cs.v);
    free(cs.set);
    free(keys.v);
    free(loose.v);
    for (size_t i = 0; i < ntrees; i++)
        pl_xml_free(trees[i]);
    free(trees);
    return 0;
}
