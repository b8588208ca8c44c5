#include "omap.h"
#include "array.h"

#include <stdlib.h>

/* Does anchor k's run of one-to-one bytes pass anchor k + 1's source
 * offset (pl_omap_lookup goes back there)? */
static int goes_back(const pl_omap *m, size_t k)
{
    return m->a[k].src + (m->a[k + 1].out - 1 - m->a[k].out) > m->a[k + 1].src;
}

/* The last anchor was added or changed: it and the one before are
 * checked in their current state.  Every pair is checked in its final
 * state, so a map that goes back is always flagged; one flagged on the way
 * and not at the end only loses the faster search. */
static void note_last(pl_omap *m)
{
    if (m->n >= 2 && goes_back(m, m->n - 2))
        m->backwards = 1;
}

void pl_omap_add_slow(pl_omap *m, size_t out, size_t src)
{
    if (m->failed)
        return;
    if (m->n > 0) {
        pl_anchor *last = &m->a[m->n - 1];
        if (last->out == out) { /* a later anchor at the same place wins */
            last->src = src;
            note_last(m);
            return;
        }
        if (src >= last->src && src - last->src == out - last->out)
            return; /* implied by the previous anchor */
    }
    if (PL_ARRAY_RESERVE(m->a, m->cap, m->n + 1) != 0) {
        m->failed = 1;
        return;
    }
    m->a[m->n].out = out;
    m->a[m->n].src = src;
    m->n++;
    note_last(m);
}

size_t pl_omap_lookup(const pl_omap *m, size_t out)
{
    if (m->n == 0)
        return out;
    size_t lo = 0, hi = m->n; /* find last anchor with a.out <= out */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->a[mid].out <= out)
            lo = mid;
        else
            hi = mid;
    }
    const pl_anchor *a = &m->a[lo];
    if (a->out > out)
        return a->src;
    return a->src + (out - a->out);
}

size_t pl_omap_invert(const pl_omap *m, size_t out_len, size_t src)
{
    return m->backwards ? pl_omap_invert_by_lookup(m, out_len, src)
                        : pl_omap_invert_monotone(m, out_len, src);
}

size_t pl_omap_invert_by_lookup(const pl_omap *m, size_t out_len, size_t src)
{
    /* an identity map (no anchor, or one at (0, 0): the key text of most
     * plans) answers without the search */
    if (m->n == 0 || (m->n == 1 && m->a[0].out == 0 && m->a[0].src == 0))
        return src < out_len ? src : out_len;
    size_t lo = 0, hi = out_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pl_omap_lookup(m, mid) < src)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int pl_omap_monotone(const pl_omap *m)
{
    for (size_t k = 0; k + 1 < m->n; k++)
        if (goes_back(m, k))
            return 0;
    return 1;
}

size_t pl_omap_invert_monotone(const pl_omap *m, size_t out_len, size_t src)
{
    if (m->n == 0)
        return src < out_len ? src : out_len;
    /* the last anchor whose source offset is below src (they never
     * decrease): the answer is in its run, or the next anchor */
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->a[mid].src < src)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0) /* lookup(0) is the first anchor's source offset, not below src */
        return 0;
    const pl_anchor *a = &m->a[lo - 1];
    size_t end = lo < m->n ? m->a[lo].out : out_len;
    size_t x = a->out + (src - a->src);
    if (x > end)
        x = end;
    return x < out_len ? x : out_len;
}

void pl_omap_free(pl_omap *m)
{
    free(m->a);
    m->a = NULL;
    m->n = m->cap = 0;
    m->failed = 0;
    m->backwards = 0;
}
