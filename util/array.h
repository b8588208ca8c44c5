/* array.h - growing arrays: the one place for the doubling and the
 * overflow check that every list in the library needs.
 *
 *     if (PL_ARRAY_RESERVE(r->items, r->cap, r->n + 1) != 0)
 *         return -1;
 *     r->items[r->n++] = item;
 *
 * The capacity doubles (from 8), so n appends cost O(n); a count whose
 * byte size would overflow size_t fails like an allocation failure, and on
 * any failure the array and its capacity are left as they were. */
#ifndef PL_ARRAY_H
#define PL_ARRAY_H

#include <stddef.h>

/* Make room for `need` elements of `size` bytes in the array *itemsp
 * points to (any object pointer type), of capacity *cap.  0, or -1. */
int pl_array_reserve(void *itemsp, size_t *cap, size_t need, size_t size);

#define PL_ARRAY_RESERVE(items, cap, need) \
    pl_array_reserve(&(items), &(cap), (need), sizeof *(items))

/* Binary search of a sorted array: into `at`, the first index of [0, n)
 * whose element is not below the one sought, n when none.  `cmp` is an
 * expression of the index `i` (a name the macro declares), <0, 0 or >0 as
 * element i is below, equal to or above the one sought:
 *
 *     size_t at;
 *     PL_LOWER_BOUND(at, i, st->n, strcmp(st->v[i].name, name));
 *     return at < st->n && strcmp(st->v[at].name, name) == 0 ? &st->v[at] : NULL;
 */
#define PL_LOWER_BOUND(at, i, n, cmp)                                                     \
    do {                                                                                  \
        size_t lo_ = 0, hi_ = (n);                                                        \
        while (lo_ < hi_) {                                                               \
            size_t i = lo_ + (hi_ - lo_) / 2;                                             \
            if ((cmp) < 0)                                                                \
                lo_ = i + 1;                                                              \
            else                                                                          \
                hi_ = i;                                                                  \
        }                                                                                 \
        (at) = lo_;                                                                       \
    } while (0)

#endif
