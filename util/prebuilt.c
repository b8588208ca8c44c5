/* prebuilt.c - looking up the build-time folds (prebuilt.h). */
#include "prebuilt.h"

#include <stdlib.h>
#include <string.h>

uint32_t pl_prebuilt_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* The open-addressed lookup both kinds of table share (prebuilt.h): the
 * entry index (plus one) of the first slot from hash h on whose entry
 * `same` accepts, or 0 at the first empty slot. */
static uint32_t probe(const uint32_t *slots, uint32_t mask, size_t n, uint32_t h,
                      int (*same)(uint32_t index, const void *key), const void *key)
{
    if (n == 0)
        return 0;
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t k = slots[i];
        if (k == 0 || same(k - 1, key))
            return k;
    }
}

typedef struct wanted {
    const void *table;
    const char *s;
    size_t n;
    uint32_t opts;
} wanted;

static int same_fold(uint32_t index, const void *key)
{
    const wanted *w = key;
    const pl_prebuilt_fold *f = &((const pl_prebuilt_table *)w->table)->v[index];
    return f->text_len == w->n && memcmp(pl_prebuilt_text(f), w->s, w->n) == 0;
}

const pl_prebuilt_fold *pl_prebuilt_find(const pl_prebuilt_table *t, const char *s, size_t n)
{
    wanted w = {t, s, n, 0};
    uint32_t k = probe(t->slots, t->mask, t->n, pl_prebuilt_hash(s, n), same_fold, &w);
    return k ? &t->v[k - 1] : NULL;
}

uint32_t pl_prebuilt_code_hash(const char *s, size_t n, uint32_t opts)
{
    size_t head = n < 32 ? n : 32, tail = n - head < 32 ? n - head : 32;
    uint32_t h = pl_prebuilt_hash(s, head) ^ (uint32_t)n * 2654435761u ^ opts * 40503u;
    h ^= pl_prebuilt_hash(s + n - tail, tail) * 16777619u;
    return h;
}

static int same_code(uint32_t index, const void *key)
{
    const wanted *w = key;
    const pl_prebuilt_code *c = &((const pl_prebuilt_codes *)w->table)->v[index];
    return c->pattern_len == w->n && c->opts == w->opts &&
           memcmp(pl_prebuilt_pattern(c), w->s, w->n) == 0;
}

const pl_prebuilt_code *pl_prebuilt_code_find(const char *s, size_t n, uint32_t opts)
{
    const pl_prebuilt_codes *t = &pl_prebuilt_patterns;
    wanted w = {t, s, n, opts};
    uint32_t k = probe(t->slots, t->mask, t->n, pl_prebuilt_code_hash(s, n, opts), same_code, &w);
    return k ? &t->v[k - 1] : NULL;
}

char *pl_prebuilt_dup(const pl_prebuilt_table *t, const char *s, size_t n, size_t *out_len)
{
    const pl_prebuilt_fold *f = pl_prebuilt_find(t, s, n);
    if (!f)
        return NULL;
    char *d = malloc((size_t)f->out_len + 1);
    if (!d)
        return NULL;
    memcpy(d, pl_prebuilt_out(f), (size_t)f->out_len + 1);
    if (out_len)
        *out_len = f->out_len;
    return d;
}
