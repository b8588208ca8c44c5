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

#endif
