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

const pl_prebuilt_fold *pl_prebuilt_find(const pl_prebuilt_table *t, const char *s, size_t n)
{
    if (t->n == 0)
        return NULL;
    for (uint32_t i = pl_prebuilt_hash(s, n) & t->mask;; i = (i + 1) & t->mask) {
        uint32_t k = t->slots[i];
        if (k == 0)
            return NULL;
        const pl_prebuilt_fold *f = &t->v[k - 1];
        if (f->text_len == n && memcmp(f->text, s, n) == 0)
            return f;
    }
}

uint32_t pl_prebuilt_code_hash(const char *s, size_t n, uint32_t opts)
{
    size_t head = n < 32 ? n : 32, tail = n - head < 32 ? n - head : 32;
    uint32_t h = pl_prebuilt_hash(s, head) ^ (uint32_t)n * 2654435761u ^ opts * 40503u;
    h ^= pl_prebuilt_hash(s + n - tail, tail) * 16777619u;
    return h;
}

const pl_prebuilt_code *pl_prebuilt_code_find(const char *s, size_t n, uint32_t opts)
{
    const pl_prebuilt_codes *t = &pl_prebuilt_patterns;
    if (t->n == 0)
        return NULL;
    for (uint32_t i = pl_prebuilt_code_hash(s, n, opts) & t->mask;; i = (i + 1) & t->mask) {
        uint32_t k = t->slots[i];
        if (k == 0)
            return NULL;
        const pl_prebuilt_code *c = &t->v[k - 1];
        if (c->pattern_len == n && c->opts == opts && memcmp(c->pattern, s, n) == 0)
            return c;
    }
}

char *pl_prebuilt_dup(const pl_prebuilt_table *t, const char *s, size_t n, size_t *out_len)
{
    const pl_prebuilt_fold *f = pl_prebuilt_find(t, s, n);
    if (!f)
        return NULL;
    char *d = malloc((size_t)f->out_len + 1);
    if (!d)
        return NULL;
    memcpy(d, f->out, (size_t)f->out_len + 1);
    if (out_len)
        *out_len = f->out_len;
    return d;
}
