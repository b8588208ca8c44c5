/* vocab.c - load the vocabulary lists (vocab.h).
 *
 * Every embedded file under "vocab/" was validated against
 * schema/vocab.xsd and turned into a tree table at build time
 * (data/check_data.c, data/gen_trees.c); the trees stay loaded for the
 * life of the process (the entries point into them), like the compiled
 * patterns of the modules that use them.  pl_vocab_add parses and
 * validates one more file, onto the lists already loaded.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "buf.h"
#include "embedded.h"
#include "hash.h"
#include "prebuilt.h"
#include "text.h"
#include "tone.h"
#include "uni.h"
#include "vocab.h"
#include "xml.h"

#define SCHEMA_NAME "schema/vocab.xsd"
#define VOCAB_DIR "vocab/"

static pl_vocab_list *lists;
static size_t nlists, caplists;
/* Bumped whenever `lists` moves or grows, so that pl_vocab's cache of
 * pointers into it is dropped. */
static unsigned lists_gen = 1;
static pl_xml_node **trees;
static size_t ntrees, captrees;
static pl_error load_err;
static int load_rc;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int fail(pl_error *err, const char *name, int line, const char *what)
{
    pl_error_set(err, PL_ERR_DATA, name, NULL, "line %d: %s", line, what);
    return -1;
}

/* The key form of a phrase: the text pipeline's own folding (text.h), so
 * that a phrase compares with key text bytewise, without the pipeline's
 * markers and paragraphs (the markers read lists of this loader).  The
 * embedded phrases were folded at build time (prebuilt.h): their keys are
 * the table's own strings, which outlive the lists like the trees do
 * (copying them was 549 malloc a process); *owned says whether the key
 * was folded here (malloc'd). */
static const char *key_of(const char *phrase, size_t *n, int *owned)
{
    size_t len = strlen(phrase);
    const pl_prebuilt_fold *f = pl_prebuilt_find(&pl_prebuilt_keys, phrase, len);
    *owned = !f;
    if (!f)
        return pl_text_key_of(phrase, len, n);
    *n = f->out_len;
    return pl_prebuilt_out(f);
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


/* One key as a pattern: metacharacters escaped, a space between words
 * \s+, a space beside a sign \s* (a header writes "Độc lập - Tự do" and
 * "Độc lập-Tự do" alike). */
static void put_pattern(pl_buf *b, const char *key)
{
    for (const char *p = key; *p; p++) {
        if (*p == ' ') {
            pl_buf_puts(b, pl_vocab_space_optional(key, p) ? "\\s*" : "\\s+");
            continue;
        }
        if (strchr("\\^$.|?*+()[]{}", *p))
            pl_buf_putc(b, '\\');
        pl_buf_putc(b, *p);
    }
}

/* The key with its words in the new tone style ("hòa" -> "hoà"), or NULL
 * when no word changes (tone.h). */
static char *new_style(const char *key)
{
    size_t n = strlen(key), nw = 0;
    int32_t *w = malloc((n + 1) * sizeof *w);
    pl_buf b = PL_BUF_INIT;
    int changed = 0;
    if (!w)
        return NULL;
    for (size_t i = 0; i <= n;) {
        int32_t cp = 0;
        int k = i < n ? pl_utf8_next(key, n, i, &cp) : 1;
        if (k <= 0)
            break;
        if (i < n && (pl_is_letter(cp) || pl_is_mark(cp))) {
            w[nw++] = cp;
        } else {
            changed |= pl_tone_new_style(w, nw);
            for (size_t j = 0; j < nw; j++)
                pl_buf_put_cp(&b, w[j]);
            nw = 0;
            if (i < n)
                pl_buf_put_cp(&b, cp);
        }
        i += (size_t)k;
    }
    free(w);
    char *out = pl_buf_detach(&b, NULL);
    if (!changed) {
        free(out);
        return NULL;
    }
    return out;
}

/* The alternation of a list: for key text, or (nfc) for NFC text, where
 * a word may also be written in the new tone style.  The new-style
 * spelling has the same length as the old (the mark moves), so it stands
 * beside its key and the order stays longest first. */
char *pl_vocab_alternation_build(const pl_vocab_list *l, int nfc)
{
    pl_buf b = PL_BUF_INIT;
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            pl_buf_putc(&b, '|');
        put_pattern(&b, l->v[i].key);
        char *other = nfc ? new_style(l->v[i].key) : NULL;
        if (other) {
            pl_buf_putc(&b, '|');
            put_pattern(&b, other);
            free(other);
        }
    }
    return pl_buf_detach(&b, NULL);
}

/* The alternations are set when a pattern first asks for them: a run
 * uses a few of the lists' (the patterns of the stages it reaches).  A
 * list as embedded takes the build's (util/prebuilt.h: building them was
 * 0.68 M of the 11.1 M instructions of checking a 16 KB plan, issue 17);
 * one that pl_vocab_add extended builds its own, and forgets it when it
 * grows again. */
static pthread_mutex_t alternation_lock = PTHREAD_MUTEX_INITIALIZER;

static void forget_alternation(pl_vocab_list *l)
{
    pthread_mutex_lock(&alternation_lock);
    if (l->built) {
        free((char *)(uintptr_t)l->alternation);
        free((char *)(uintptr_t)l->nfc_alternation);
    }
    l->alternation = l->nfc_alternation = NULL;
    l->built = 0;
    pthread_mutex_unlock(&alternation_lock);
}

/* Under alternation_lock: the list's alternations, the build's or built. */
static int set_alternation(pl_vocab_list *l)
{
    if (!l->extended) {
        size_t n = strlen(l->name);
        const pl_prebuilt_fold *a = pl_prebuilt_find(&pl_prebuilt_alternations, l->name, n);
        const pl_prebuilt_fold *f = pl_prebuilt_find(&pl_prebuilt_nfc_alternations, l->name, n);
        if (a && f) {
            l->alternation = pl_prebuilt_out(a);
            l->nfc_alternation = pl_prebuilt_out(f);
            l->built = 0;
            return 0;
        }
    }
    char *a = pl_vocab_alternation_build(l, 0), *f = pl_vocab_alternation_build(l, 1);
    if (!a || !f) {
        free(a);
        free(f);
        return -1;
    }
    l->alternation = a;
    l->nfc_alternation = f;
    l->built = 1;
    return 0;
}

static const char *alternation_of(const pl_vocab_list *cl, int nfc)
{
    pl_vocab_list *l = (pl_vocab_list *)(uintptr_t)cl; /* filled lazily, logically const */
    pthread_mutex_lock(&alternation_lock);
    if (!l->alternation && set_alternation(l) != 0) {
        fprintf(stderr, "planlint: out of memory building the vocabulary list '%s'\n", l->name);
        abort();
    }
    const char *a = nfc ? l->nfc_alternation : l->alternation;
    pthread_mutex_unlock(&alternation_lock);
    return a;
}

/* The lists by name: an open-addressed table of list index + 1 (0 free),
 * at least twice as many slots as lists, written when a list is added
 * (the loaders run once, or from one thread before parsing: vocab.h).
 * A name was looked up by comparing it with every list's: about 5 600
 * strcmp a run, 0.2 M instructions of checking a 16 KB plan (issue 17). */
static uint32_t *name_slots;
static size_t name_mask;

static uint32_t name_hash(const char *s)
{
    return pl_fnv1a(s);
}

static pl_vocab_list *list_named(const char *name)
{
    if (!name_slots)
        return NULL;
    for (size_t i = name_hash(name) & name_mask;; i = (i + 1) & name_mask) {
        uint32_t k = name_slots[i];
        if (k == 0)
            return NULL;
        if (strcmp(lists[k - 1].name, name) == 0)
            return &lists[k - 1];
    }
}

static void name_put(uint32_t *slots, size_t mask, size_t l)
{
    size_t i = name_hash(lists[l].name) & mask;
    while (slots[i])
        i = (i + 1) & mask;
    slots[i] = (uint32_t)(l + 1);
}

/* Enter the newest list (nlists - 1), in a table remade twice as large
 * when it would be more than half full; -1 when out of memory (the table
 * is left without it). */
static int index_name(void)
{
    if (name_slots && 2 * nlists <= name_mask + 1) {
        name_put(name_slots, name_mask, nlists - 1);
        return 0;
    }
    size_t n = 16;
    while (n < 2 * nlists)
        n *= 2;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t l = 0; l < nlists; l++)
        name_put(slots, n - 1, l);
    free(name_slots);
    name_slots = slots;
    name_mask = n - 1;
    return 0;
}

static pl_vocab_list *new_list(const char *name)
{
    if (PL_ARRAY_RESERVE(lists, caplists, nlists + 1) != 0)
        return NULL;
    lists_gen++;
    pl_vocab_list *l = &lists[nlists++];
    memset(l, 0, sizeof *l);
    l->name = name;
    if (index_name() != 0) {
        nlists--;
        return NULL;
    }
    return l;
}

/* Read list element ln into a new list, or (`extend`) onto the end of the
 * list of that name when there is one. */
static int load_list(const char *file, const pl_xml_node *ln, int extend, pl_error *err)
{
    const char *name = pl_xml_attr(ln, "name");
    pl_vocab_list *l = list_named(name);
    if (l && !extend)
        return fail(err, file, pl_xml_line(ln), "list name used twice");
    if (!l && (l = new_list(name)) == NULL)
        return fail(err, file, pl_xml_line(ln), "out of memory");
    if (extend)
        l->extended = 1; /* the build's alternations are not this list's */
    size_t n = l->n;
    for (const pl_xml_node *e = pl_xml_first(ln, "entry"); e; e = pl_xml_next(e, "entry"))
        n++;
    if (PL_ARRAY_RESERVE(l->v, l->cap, n ? n : 1) != 0)
        return fail(err, file, pl_xml_line(ln), "out of memory");
    for (const pl_xml_node *e = pl_xml_first(ln, "entry"); e; e = pl_xml_next(e, "entry")) {
        pl_vocab_entry *v = &l->v[l->n];
        memset(v, 0, sizeof *v);
        v->phrase = pl_xml_attr(e, "phrase");
        v->node = e;
        int owned = 0;
        if ((v->key = key_of(v->phrase, &v->key_len, &owned)) == NULL || v->key_len == 0) {
            if (owned)
                free((char *)(uintptr_t)v->key);
            v->key = NULL;
            /* the entries read so far stay usable (pl_vocab_add) */
            sort_longest_first(l);
            forget_alternation(l);
            return fail(err, file, pl_xml_line(e), "phrase has no text");
        }
        l->n++;
    }
    sort_longest_first(l);
    forget_alternation(l);
    return 0;
}

/* Keep a parsed tree for the life of the process (the entries point into
 * it) and read its lists. */
static int load_tree(const char *name, pl_xml_node *root, int extend, pl_error *err)
{
    if (PL_ARRAY_RESERVE(trees, captrees, ntrees + 1) != 0) {
        pl_xml_free(root);
        return fail(err, name, 1, "out of memory");
    }
    trees[ntrees++] = root;
    for (const pl_xml_node *ln = pl_xml_first(root, "list"); ln; ln = pl_xml_next(ln, "list"))
        if (load_list(name, ln, extend, err) != 0)
            return -1;
    return 0;
}

static int load_file(const pl_embedded_file *f, const pl_embedded_file *xsd, pl_error *err)
{
    /* the build checked the file against xsd (data/check_data.c) and made
     * its tree (data/gen_trees.c) */
    (void)xsd;
    pl_xml_node *root = pl_embedded_tree(f, NULL, err);
    return root ? load_tree(f->name, root, 0, err) : -1;
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

int pl_vocab_add(const char *name, const char *xml, size_t len, pl_error *err)
{
    if (pl_vocab_load(err) != 0)
        return -1;
    const pl_embedded_file *xsd = pl_embedded_find(SCHEMA_NAME);
    pl_xml_node *root =
        pl_xml_parse(name, xml, len, (const char *)xsd->data, xsd->len, err);
    return root ? load_tree(name, root, 1, err) : -1;
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
    /* The readers name their lists with literals, thousands of times a
     * document (a comparison with every list's name each time showed in
     * profiles): the list last found for a name is remembered by the
     * name's address, per thread, and confirmed by the name itself. */
    static _Thread_local struct {
        const char *name;
        const pl_vocab_list *list;
        unsigned gen;
    } cache[64];
    size_t h = ((uintptr_t)name >> 3) % (sizeof cache / sizeof *cache);
    if (cache[h].name == name && cache[h].gen == lists_gen && strcmp(cache[h].list->name, name) == 0)
        return cache[h].list;
    const pl_vocab_list *l = list_named(name);
    if (l) {
        cache[h].name = name;
        cache[h].list = l;
        cache[h].gen = lists_gen;
        return l;
    }
    fprintf(stderr, "planlint: built-in vocabulary has no list '%s'\n", name);
    abort();
}

size_t pl_vocab_count(void)
{
    return pl_vocab_load(NULL) == 0 ? nlists : 0;
}

const pl_vocab_list *pl_vocab_at(size_t i)
{
    return i < pl_vocab_count() ? &lists[i] : NULL;
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
    return alternation_of(l, 0);
}

const char *pl_vocab_nfc_alternation(const pl_vocab_list *l)
{
    return alternation_of(l, 1);
}

/* A "{name}" or "{nfc:name}" at s (not the "{L}" of "\p{L}"): the length
 * inside the braces, else 0. */
static size_t placeholder(const char *skeleton, const char *s)
{
    if (s[0] != '{' || !(s[1] >= 'a' && s[1] <= 'z') ||
        (s - skeleton >= 2 && s[-2] == '\\' && (s[-1] == 'p' || s[-1] == 'P')))
        return 0;
    size_t n = 1;
    while ((s[n + 1] >= 'a' && s[n + 1] <= 'z') || (s[n + 1] >= '0' && s[n + 1] <= '9') ||
           s[n + 1] == '-' || s[n + 1] == ':')
        n++;
    return s[n + 1] == '}' ? n : 0;
}

char *pl_vocab_regex(const char *skeleton)
{
    pl_buf b = PL_BUF_INIT;
    for (const char *s = skeleton; *s;) {
        size_t n = placeholder(skeleton, s);
        if (!n) {
            pl_buf_putc(&b, *s++);
            continue;
        }
        char name[72];
        if (n >= sizeof name)
            n = sizeof name - 1;
        memcpy(name, s + 1, n);
        name[n] = '\0';
        int nfc = strncmp(name, "nfc:", 4) == 0;
        const pl_vocab_list *l = pl_vocab(nfc ? name + 4 : name);
        pl_buf_puts(&b, "(?:");
        pl_buf_puts(&b, nfc ? pl_vocab_nfc_alternation(l) : pl_vocab_alternation(l));
        pl_buf_putc(&b, ')');
        s += n + 2;
    }
    return pl_buf_detach(&b, NULL);
}

static void firsts_put(int32_t *set, size_t *n, size_t cap, int32_t cp, int *all)
{
    for (size_t k = 0; k < *n; k++)
        if (set[k] == cp)
            return;
    if (*n == cap)
        *all = 1;
    else
        set[(*n)++] = cp;
}

void pl_vocab_firsts_add(pl_vocab_firsts *f, const pl_vocab_list *l)
{
    for (size_t i = 0; i < l->n && !f->all; i++) {
        int32_t cp = -1;
        if (l->v[i].key_len == 0 || pl_utf8_next(l->v[i].key, l->v[i].key_len, 0, &cp) <= 0) {
            f->all = 1;
            break;
        }
        cp = pl_lower(cp);
        firsts_put(f->first, &f->nfirst, sizeof f->first / sizeof *f->first, cp, &f->all);
        int32_t pv = pl_tone_plain(cp);
        if (pv)
            firsts_put(f->plain, &f->nplain, sizeof f->plain / sizeof *f->plain, pv, &f->all);
    }
}

int pl_vocab_firsts_may_start(const pl_vocab_firsts *f, int32_t cp)
{
    if (f->all)
        return 1;
    int32_t lc = pl_lower(cp), pv = pl_tone_plain(lc);
    for (size_t k = 0; k < f->nfirst; k++)
        if (f->first[k] == lc)
            return 1;
    for (size_t k = 0; pv && k < f->nplain; k++)
        if (f->plain[k] == pv)
            return 1;
    return 0;
}
