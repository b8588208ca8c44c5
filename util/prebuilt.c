/* prebuilt.c - looking up the build-time folds (prebuilt.h). */
#include "prebuilt.h"

#include <stdlib.h>
#include <string.h>

/* n (at most 8) bytes at p as a little-endian word, so that the hash is
 * the same on every machine: one load where the machine is
 * little-endian. */
static uint64_t word_at(const unsigned char *p, size_t n)
{
    uint64_t w = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(&w, p, n);
#else
    for (size_t k = 0; k < n; k++)
        w |= (uint64_t)p[k] << (8 * k);
#endif
    return w;
}

static uint64_t mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0xff51afd7ed558ccdu;
    return h ^ (h >> 29);
}

/* Eight bytes a step: the vocabulary's phrases are some 25 bytes, and a
 * byte at a time (FNV-1a) was 100 instructions of each of the 900 lookups
 * of a process. */
uint32_t pl_prebuilt_hash(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 0x9e3779b97f4a7c15u ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        h = mix(h, word_at(p + i, 8));
    if (i < n)
        h = mix(h, word_at(p + i, n - i));
    h ^= h >> 32;
    h *= 0xc4ceb9fe1a85ec53u;
    return (uint32_t)(h ^ (h >> 29));
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
