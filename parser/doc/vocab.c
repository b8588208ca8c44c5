/* vocab.c - load the vocabulary lists (vocab.h).
 *
 * Every embedded file under "vocab/" is parsed and validated against
 * schema/vocab.xsd by util/xml.c; the trees stay loaded for the life of
 * the process (the entries point into them), like the compiled patterns
 * of the modules that use them.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "embedded.h"
#include "text.h"
#include "uni.h"
#include "vocab.h"
#include "xml.h"

#define SCHEMA_NAME "schema/vocab.xsd"
#define VOCAB_DIR "vocab/"

static pl_vocab_list *lists;
static size_t nlists;
static pl_xml_node **trees;
static size_t ntrees;
static pl_error load_err;
static int load_rc;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int fail(pl_error *err, const char *name, int line, const char *what)
{
    pl_error_set(err, PL_ERR_DATA, name, NULL, "line %d: %s", line, what);
    return -1;
}

/* The key form of a phrase: the text pipeline's own folding, so that a
 * phrase compares with key text bytewise. */
static char *key_of(const char *phrase, size_t *n)
{
    pl_text t;
    pl_error err;
    if (pl_text_init(&t, "vocabulary", phrase, strlen(phrase), &err) != 0)
        return NULL;
    size_t a = 0, b = t.key_len;
    while (a < b && (t.key[a] == ' ' || t.key[a] == '\n'))
        a++;
    while (b > a && (t.key[b - 1] == ' ' || t.key[b - 1] == '\n'))
        b--;
    char *k = malloc(b - a + 1);
    if (k) {
        memcpy(k, t.key + a, b - a);
        k[b - a] = '\0';
        *n = b - a;
    }
    pl_text_free(&t);
    return k;
}

/* Longest key first; equal lengths keep file order (insertion sort: lists
 * are short). */
static void sort_longest_first(pl_vocab_list *l)
{
    for (size_t i = 1; i < l->n; i++) {
        pl_vocab_entry e = l->v[i];
        size_t j = i;
        while (j > 0 && l->v[j - 1].key_len < e.key_len) {
            l->v[j] = l->v[j - 1];
            j--;
        }
        l->v[j] = e;
    }
}

static int build_alternation(pl_vocab_list *l)
{
    pl_buf b = PL_BUF_INIT;
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            pl_buf_putc(&b, '|');
        for (const char *p = l->v[i].key; *p; p++) {
            if (*p == ' ')
                pl_buf_puts(&b, "\\s+");
            else {
                if (strchr("\\^$.|?*+()[]{}", *p))
                    pl_buf_putc(&b, '\\');
                pl_buf_putc(&b, *p);
            }
        }
    }
    l->alternation = pl_buf_detach(&b, NULL);
    return l->alternation ? 0 : -1;
}

static int load_list(const char *file, const pl_xml_node *ln, pl_error *err)
{
    const char *name = pl_xml_attr(ln, "name");
    for (size_t i = 0; i < nlists; i++)
        if (strcmp(lists[i].name, name) == 0)
            return fail(err, file, pl_xml_line(ln), "list name used twice");
    pl_vocab_list *nl = realloc(lists, (nlists + 1) * sizeof *nl);
    if (!nl)
        return fail(err, file, pl_xml_line(ln), "out of memory");
    lists = nl;
    pl_vocab_list *l = &lists[nlists++];
    memset(l, 0, sizeof *l);
    l->name = name;
    size_t n = 0;
    for (const pl_xml_node *e = pl_xml_first(ln, "entry"); e; e = pl_xml_next(e, "entry"))
        n++;
    if ((l->v = calloc(n ? n : 1, sizeof *l->v)) == NULL)
        return fail(err, file, pl_xml_line(ln), "out of memory");
    for (const pl_xml_node *e = pl_xml_first(ln, "entry"); e; e = pl_xml_next(e, "entry")) {
        pl_vocab_entry *v = &l->v[l->n];
        v->phrase = pl_xml_attr(e, "phrase");
        v->node = e;
        if ((v->key = key_of(v->phrase, &v->key_len)) == NULL || v->key_len == 0)
            return fail(err, file, pl_xml_line(e), "phrase has no text");
        l->n++;
    }
    sort_longest_first(l);
    return build_alternation(l) == 0 ? 0 : fail(err, file, pl_xml_line(ln), "out of memory");
}

static int load_file(const pl_embedded_file *f, const pl_embedded_file *xsd, pl_error *err)
{
    /* the build checked the file against xsd (data/check_data.c) */
    (void)xsd;
    pl_xml_node *root = pl_xml_parse(f->name, (const char *)f->data, f->len, NULL, 0, err);
    if (!root)
        return -1;
    pl_xml_node **nt = realloc(trees, (ntrees + 1) * sizeof *nt);
    if (!nt) {
        pl_xml_free(root);
        return fail(err, f->name, 1, "out of memory");
    }
    trees = nt;
    trees[ntrees++] = root;
    for (const pl_xml_node *ln = pl_xml_first(root, "list"); ln; ln = pl_xml_next(ln, "list"))
        if (load_list(f->name, ln, err) != 0)
            return -1;
    return 0;
}

static void load_all(void)
{
    const pl_embedded_file *xsd = pl_embedded_find(SCHEMA_NAME);
    if (!xsd) {
        load_rc = fail(&load_err, SCHEMA_NAME, 0, "built-in schema is missing");
        return;
    }
    for (size_t i = 0; i < pl_embedded_count; i++) {
        const pl_embedded_file *f = &pl_embedded_files[i];
        if (strncmp(f->name, VOCAB_DIR, strlen(VOCAB_DIR)) == 0 &&
            load_file(f, xsd, &load_err) != 0) {
            load_rc = -1;
            return;
        }
    }
}

int pl_vocab_load(pl_error *err)
{
    pthread_once(&once, load_all);
    if (load_rc != 0 && err)
        *err = load_err;
    return load_rc;
}

const pl_vocab_list *pl_vocab(const char *name)
{
    if (pl_vocab_load(NULL) != 0) {
        fprintf(stderr, "planlint: built-in vocabulary does not load: %s\n", load_err.message);
        abort();
    }
    for (size_t i = 0; i < nlists; i++)
        if (strcmp(lists[i].name, name) == 0)
            return &lists[i];
    fprintf(stderr, "planlint: built-in vocabulary has no list '%s'\n", name);
    abort();
}

const char *pl_vocab_attr(const pl_vocab_entry *e, const char *attr)
{
    return pl_xml_attr((const pl_xml_node *)e->node, attr);
}

const char *pl_vocab_attr_or_phrase(const pl_vocab_entry *e, const char *attr)
{
    const char *v = pl_vocab_attr(e, attr);
    return v ? v : e->phrase;
}

const pl_vocab_entry *pl_vocab_find(const pl_vocab_list *l, const char *key, size_t n)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].key_len == n && memcmp(l->v[i].key, key, n) == 0)
            return &l->v[i];
    return NULL;
}

const pl_vocab_entry *pl_vocab_prefix(const pl_vocab_list *l, const char *key, size_t at,
                                      size_t end, size_t *after)
{
    for (size_t i = 0; i < l->n; i++) {
        size_t n = l->v[i].key_len;
        if (at + n > end || memcmp(key + at, l->v[i].key, n) != 0)
            continue;
        int32_t cp = ' ';
        if (at + n < end)
            pl_utf8_next(key, end, at + n, &cp);
        if (pl_is_letter(cp) || pl_is_digit(cp))
            continue;
        if (after)
            *after = at + n;
        return &l->v[i];
    }
    return NULL;
}

const char *pl_vocab_alternation(const pl_vocab_list *l)
{
    return l->alternation;
}
