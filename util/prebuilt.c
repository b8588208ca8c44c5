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
