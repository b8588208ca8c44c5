/* omap.h - offset map from a derived text back to the text it came from.
 *
 * Every normalising stage (decode, NFC, joining wrapped lines, folding
 * whitespace) writes a new string; reported positions must still point at
 * what the user wrote.  A map stores anchors (out, src): output offset `out`
 * came from source offset `src`, and the bytes after it map one-to-one until
 * the next anchor.  Most text passes through unchanged, so a map of a
 * 10 MB file usually holds a few thousand anchors instead of ten million
 * offsets (the design keeps peak memory flat; see docs/DESIGN.md).
 */
#ifndef PL_OMAP_H
#define PL_OMAP_H

#include <stddef.h>

typedef struct pl_anchor {
    size_t out;
    size_t src;
} pl_anchor;

typedef struct pl_omap {
    pl_anchor *a;
    size_t n, cap;
    int failed;
    int backwards; /* an anchor's run passed the next anchor's source
                    * offset when it was added (see pl_omap_monotone) */
} pl_omap;

#define PL_OMAP_INIT {NULL, 0, 0, 0, 0}

/* Record that output offset `out` comes from source offset `src`.  Calls
 * must have non-decreasing `out`.  Anchors that the previous anchor already
 * implies (same delta) are not stored. */
void pl_omap_add_slow(pl_omap *m, size_t out, size_t src);
/* Every character of a text stage is offered: the common case, implied by
 * the last anchor, is answered inline. */
static inline void pl_omap_add(pl_omap *m, size_t out, size_t src)
{
    if (m->n > 0 && !m->failed) {
        const pl_anchor *last = &m->a[m->n - 1];
        if (last->out != out && src >= last->src && src - last->src == out - last->out)
            return;
    }
    pl_omap_add_slow(m, out, src);
}
/* Source offset of output offset `out` (identity when the map is empty). */
size_t pl_omap_lookup(const pl_omap *m, size_t out);
/* The first output offset in [0, out_len] whose source offset is at least
 * `src` (the inverse of pl_omap_lookup): by a search of the anchors where
 * the map never goes back (pl_omap_invert_monotone), else by a search of
 * the output offsets with a lookup at each step (pl_omap_invert_by_lookup). */
size_t pl_omap_invert(const pl_omap *m, size_t out_len, size_t src);
size_t pl_omap_invert_by_lookup(const pl_omap *m, size_t out_len, size_t src);
/* Whether pl_omap_lookup never decreases as `out` grows: no anchor's run
 * of one-to-one bytes passes the next anchor's source offset (a
 * character whose output is two bytes longer than its source does, unless
 * its last bytes get an anchor of their own: the key stage gives them one
 * where a tone mark moves onto a letter of one byte, "thuỷ" -> "thủy", so
 * the pipeline's maps are monotone; pl_omap_add alone does not make a
 * map so, and `backwards` says when one is not).  Then
 * the first output offset pl_omap_invert looks for is unique, and
 * pl_omap_invert_monotone finds it by a search of the anchors instead of
 * a search of the output offsets with a lookup at each step.  O(anchors);
 * pl_omap_invert asks the flag kept as anchors are added instead. */
int pl_omap_monotone(const pl_omap *m);
size_t pl_omap_invert_monotone(const pl_omap *m, size_t out_len, size_t src);
void pl_omap_free(pl_omap *m);

#endif
