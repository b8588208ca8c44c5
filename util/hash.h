/* hash.h - FNV-1a over a NUL-terminated string, for the small open
 * address tables of names and ids (vocabulary lists, message ids, a
 * chain's (indicator, year) pairs). */
#ifndef PL_HASH_H
#define PL_HASH_H

#include <stdint.h>

#define PL_FNV1A_BASIS 2166136261u

/* FNV-1a of s, carrying on from h (PL_FNV1A_BASIS to start; a caller
 * that hashes a key of two parts mixes the other into it). */
static inline uint32_t pl_fnv1a_from(uint32_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

static inline uint32_t pl_fnv1a(const char *s)
{
    return pl_fnv1a_from(PL_FNV1A_BASIS, s);
}

#endif
