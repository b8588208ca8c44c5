/* array.c - pl_array_reserve (see array.h). */
#include "array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int pl_array_reserve(void *itemsp, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 8;
    while (nc < need) {
        if (nc > SIZE_MAX / 2)
            return -1;
        nc *= 2;
    }
    if (size && nc > SIZE_MAX / size)
        return -1;
    /* the caller's pointer is read and written as bytes: it may be a
     * pointer to any object type, not only void * */
    void *old;
    memcpy(&old, itemsp, sizeof old);
    void *p = realloc(old, nc * size);
    if (!p)
        return -1;
    memcpy(itemsp, &p, sizeof p);
    *cap = nc;
    return 0;
}
