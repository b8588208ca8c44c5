/* phrases.c - a list of phrases found in a text in one pass (phrases.h).
 *
 * Wu and Manber's multi-pattern search (1994).  Let m be the length of the
 * shortest phrase (at most PL_PH_MAXM) and B the length of a block (3
 * bytes, fewer when m is shorter).  Only the first m bytes of each phrase
 * take part in the search: the text is read through a window of m bytes,
 * and the block that ends the window is hashed.  shift[h] is how far the
 * window may move when its last block hashes to h: m - B + 1 when no
 * phrase prefix holds a block of that hash, else the distance from the
 * rightmost such block to the prefix's end.  A shift of 0 means a phrase
 * may start at the window: the phrases whose prefix ends in a block of
 * that hash (a chain) are compared whole with memcmp.  Hashes collide; that
 * only costs a comparison, it never loses an occurrence.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "phrases.h"

#define PL_PH_HBITS 12            /* bits of a block's hash: shift[] has 4096 entries */
#define PL_PH_CBITS 8             /* bits of the hash that pick a chain: 256 chains */
#define PL_PH_MAXM 64             /* the window's longest: shifts fit a byte */
#define PL_PH_B 3                 /* bytes of a block */

struct pl_phrases {
    size_t n, cap;
    const char **ph;
    size_t *len;
    uint32_t *hash;               /* of each phrase's last block of its prefix */
    uint32_t *first;              /* each phrase's first 4 bytes (when it has 4) */
    uint32_t *next;               /* chain: id + 1 of the next phrase, 0 at the end */
    size_t m, b;                  /* window and block lengths; m 0: nothing to find */
    uint32_t head[1u << PL_PH_CBITS]; /* id + 1 of a chain's first phrase, 0: none */
    uint8_t shift[1u << PL_PH_HBITS];
};

pl_phrases *pl_phrases_new(size_t cap)
{
    /* not calloc: the tables are 5 KB, and pl_phrases_build fills them */
    pl_phrases *s = malloc(sizeof *s);
    if (!s)
        return NULL;
    s->n = s->m = s->b = 0;
    s->cap = cap;
    s->ph = NULL;
    s->len = NULL;
    s->hash = s->first = s->next = NULL;
    /* ids are kept in 32 bits in the chains: more phrases are refused */
    if (cap > 0 && cap < UINT32_MAX && cap < SIZE_MAX / sizeof(size_t)) {
        s->ph = malloc(cap * sizeof *s->ph);
        s->len = malloc(cap * sizeof *s->len);
        s->hash = malloc(cap * sizeof *s->hash);
        s->first = malloc(cap * sizeof *s->first);
        s->next = malloc(cap * sizeof *s->next);
    }
    if (cap > 0 && (!s->ph || !s->len || !s->hash || !s->first || !s->next)) {
        pl_phrases_free(s);
        return NULL;
    }
    return s;
}

void pl_phrases_free(pl_phrases *s)
{
    if (!s)
        return;
    free(s->ph);
    free(s->len);
    free(s->hash);
    free(s->first);
    free(s->next);
    free(s);
}

int pl_phrases_add(pl_phrases *s, const char *ph, size_t len)
{
    if (s->n >= s->cap)
        return -1;
    s->ph[s->n] = ph;
    s->len[s->n] = len;
    s->n++;
    return 0;
}

/* The hash of the b bytes at p (1 <= b <= 3). */
static inline uint32_t block_hash(const unsigned char *p, size_t b)
{
    uint32_t x = p[0];
    if (b > 1)
        x |= (uint32_t)p[1] << 8;
    if (b > 2)
        x |= (uint32_t)p[2] << 16;
    return (x * 0x9E3779B1u) >> (32 - PL_PH_HBITS);
}

void pl_phrases_build(pl_phrases *s)
{
    size_t m = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->len[i] > 0 && (m == 0 || s->len[i] < m))
            m = s->len[i];
    if (m > PL_PH_MAXM)
        m = PL_PH_MAXM;
    size_t b = m < PL_PH_B ? m : PL_PH_B;
    s->m = m;
    s->b = b;
    memset(s->head, 0, sizeof s->head);
    if (m == 0)
        return;
    memset(s->shift, (int)(m - b + 1), sizeof s->shift);
    /* chains in order of id: pushed from the last phrase to the first */
    for (size_t i = s->n; i-- > 0;) {
        if (s->len[i] == 0)
            continue;
        const unsigned char *p = (const unsigned char *)s->ph[i];
        for (size_t j = 0; j + b <= m; j++) {
            uint32_t h = block_hash(p + j, b);
            if (s->shift[h] > m - b - j)
                s->shift[h] = (uint8_t)(m - b - j);
        }
        uint32_t h = block_hash(p + m - b, b);
        s->hash[i] = h;
        if (s->len[i] >= 4)
            memcpy(&s->first[i], p, 4);
        uint32_t c = h >> (PL_PH_HBITS - PL_PH_CBITS);
        s->next[i] = s->head[c];
        s->head[c] = (uint32_t)(i + 1);
    }
}

/* The hash of the 3 bytes at p, read with one load of 4 (p[3] must be
 * there): block_hash's value. */
static inline uint32_t block_hash_3(const unsigned char *p)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t x;
    memcpy(&x, p, 4);
    return ((x & 0xFFFFFFu) * 0x9E3779B1u) >> (32 - PL_PH_HBITS);
#else
    return block_hash(p, PL_PH_B);
#endif
}

int pl_phrases_scan(const pl_phrases *s, const char *text, size_t n, pl_phrase_fn fn, void *arg)
{
    size_t m = s->m, b = s->b;
    if (m == 0 || n < m)
        return 0;
    const unsigned char *t = (const unsigned char *)text;
    size_t back = m - b; /* from the window's start to its last block */
    for (size_t pos = back; pos <= n - b;) {
        /* the window moves on by its shifts, one load and a table look-up
         * a step, until it stops where a phrase may start (most of the
         * scan: 3 bytes loaded one by one were half its cost) */
        uint32_t h;
        if (b == PL_PH_B && pos + 4 <= n) {
            h = block_hash_3(t + pos);
            unsigned sh = s->shift[h];
            while (sh && pos + sh + 4 <= n) {
                pos += sh;
                h = block_hash_3(t + pos);
                sh = s->shift[h];
            }
            if (sh) {
                pos += sh;
                continue;
            }
        } else {
            h = block_hash(t + pos, b);
            unsigned sh = s->shift[h];
            if (sh) {
                pos += sh;
                continue;
            }
        }
        size_t at = pos - back;
        for (uint32_t k = s->head[h >> (PL_PH_HBITS - PL_PH_CBITS)]; k; k = s->next[k - 1]) {
            size_t id = k - 1, len = s->len[id];
            if (s->hash[id] != h || len > n - at)
                continue;
            if (len >= 4) { /* most candidates differ in their first bytes: no call */
                uint32_t x;
                memcpy(&x, t + at, 4);
                if (x != s->first[id])
                    continue;
            }
            if (memcmp(t + at, s->ph[id], len) == 0) {
                int r = fn(arg, id, at);
                if (r)
                    return r;
            }
        }
        pos++;
    }
    return 0;
}
