/* stamps.c - the digits stamped into small form widgets (see stamps.h).
 *
 * The page is drawn for printing (appearance streams included) onto a
 * cairo PDF surface and read back with poppler: that copy's text holds
 * the stamped digits.  A digit of the copy inside a small widget that the
 * page's own text does not have at the same place is stamped; printed
 * digits inside the widget are covered by it (a draft's month "4" under a
 * stamped "5") and replaced; otherwise the digits go in before the first
 * printed character right of them on the same line.  Only digits are
 * taken, so the signer's name or a "Ký bởi" label never enters the text.
 * Only pages with such widgets are drawn again (about 0.5 s a page).
 */
#include "stamps.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* A stamp's widget: a number or a day, not a signature image. */
#define STAMP_MAX_W 150.0
#define STAMP_MAX_H 40.0
#define STAMP_MIN_SIDE 4.0
/* Two glyphs at the same place (points). */
#define SAME_PLACE 1.5
#define MAX_WIDGETS 16

typedef struct box {
    double x0, y0, x1, y1; /* top-left origin, y down */
} box;

/* A page's characters: byte offsets into its text and their boxes. */
typedef struct chars {
    char *text;
    const char **at; /* n pointers into text */
    box *b;
    size_t n;
} chars;

static void chars_free(chars *c)
{
    g_free(c->text);
    free(c->at);
    free(c->b);
}

static int chars_of(PopplerPage *page, chars *c)
{
    memset(c, 0, sizeof *c);
    PopplerRectangle *r = NULL;
    guint nr = 0;
    c->text = poppler_page_get_text(page);
    if (!c->text || !poppler_page_get_text_layout(page, &r, &nr))
        return -1;
    c->at = calloc(nr ? nr : 1, sizeof *c->at);
    c->b = calloc(nr ? nr : 1, sizeof *c->b);
    if (!c->at || !c->b) {
        g_free(r);
        return -1;
    }
    const char *s = c->text;
    for (guint k = 0; k < nr && *s; k++, s += g_utf8_skip[*(const guchar *)s]) {
        c->at[k] = s;
        c->b[k] = (box){r[k].x1, r[k].y1, r[k].x2, r[k].y2};
        c->n = k + 1;
    }
    g_free(r);
    return 0;
}

static double cx(const box *b)
{
    return (b->x0 + b->x1) / 2;
}

static double cy(const box *b)
{
    return (b->y0 + b->y1) / 2;
}

static int inside(const box *w, const box *b)
{
    return cx(b) >= w->x0 && cx(b) <= w->x1 && cy(b) >= w->y0 && cy(b) <= w->y1;
}

static int is_digit(const char *s)
{
    return *s >= '0' && *s <= '9';
}

/* The small widgets of the page, in top-left coordinates. */
static size_t widgets(PopplerPage *page, box *w, size_t max)
{
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    GList *list = poppler_page_get_form_field_mapping(page);
    size_t n = 0;
    for (GList *l = list; l && n < max; l = l->next) {
        const PopplerFormFieldMapping *m = l->data;
        double width = m->area.x2 - m->area.x1, height = m->area.y2 - m->area.y1;
        if (width >= STAMP_MIN_SIDE && height >= STAMP_MIN_SIDE && width <= STAMP_MAX_W &&
            height <= STAMP_MAX_H)
            w[n++] = (box){m->area.x1, ph - m->area.y2, m->area.x2, ph - m->area.y1};
    }
    poppler_page_free_form_field_mapping(list);
    return n;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    pl_buf *b = closure;
    pl_buf_put(b, data, len);
    return b->failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* The page drawn for printing into a one-page PDF, read back. */
static int flattened(PopplerPage *page, chars *c)
{
    memset(c, 0, sizeof *c);
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    pl_buf pdf = PL_BUF_INIT;
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &pdf, pw, ph);
    cairo_t *cr = cairo_create(s);
    poppler_page_render_for_printing(page, cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    int ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && !pdf.failed;
    cairo_surface_destroy(s);
    GBytes *bytes = ok ? g_bytes_new(pdf.data, pdf.len) : NULL;
    pl_buf_free(&pdf);
    PopplerDocument *doc = bytes ? poppler_document_new_from_bytes(bytes, NULL, NULL) : NULL;
    PopplerPage *p = doc ? poppler_document_get_page(doc, 0) : NULL;
    int rc = p ? chars_of(p, c) : -1;
    if (p)
        g_object_unref(p);
    if (doc)
        g_object_unref(doc);
    if (bytes)
        g_bytes_unref(bytes);
    return rc;
}

/* Does the page's own text have this glyph at this place? */
static int printed(const chars *page, const char *glyph, const box *b)
{
    for (size_t k = 0; k < page->n; k++)
        if (*page->at[k] == *glyph && fabs(cx(&page->b[k]) - cx(b)) < SAME_PLACE &&
            fabs(cy(&page->b[k]) - cy(b)) < SAME_PLACE)
            return 1;
    return 0;
}

/* The stamped digits inside w; the box of the first.  0 when none. */
static size_t stamped(const chars *flat, const chars *page, const box *w, char *digits,
                      size_t max, box *first)
{
    size_t n = 0;
    for (size_t k = 0; k < flat->n && n + 1 < max; k++) {
        if (!is_digit(flat->at[k]) || !inside(w, &flat->b[k]) ||
            printed(page, flat->at[k], &flat->b[k]))
            continue;
        if (n == 0)
            *first = flat->b[k];
        digits[n++] = *flat->at[k];
    }
    digits[n] = '\0';
    return n;
}

/* What a stamp covers: printed digits (a draft's "4") and blanks. */
static int coverable(const char *s)
{
    return is_digit(s) || *s == ' ';
}

/* Is `right` the first printed character of a line that begins after
 * `left`'s line ended (the two halves of a row split by the gap)? */
static int starts_later_line(const char *left, const char *right)
{
    const char *c = right;
    while (c > left && c[-1] == ' ')
        c--;
    if (c == left || c[-1] != '\n')
        return 0;
    return memchr(left, '\n', (size_t)(right - left)) != NULL;
}

/* Where the digits go in the page's text: over the digits and blanks the
 * widget covers, else after the nearest character left of them on their
 * line (before the nearest right of them when none is).  0 when no printed
 * line is level with them.  s->join: see stamps.h. */
static int place(const chars *page, const box *w, const box *first, pl_stamp *s)
{
    for (size_t k = 0; k < page->n; k++) {
        if (!coverable(page->at[k]) || !inside(w, &page->b[k]))
            continue;
        size_t e = k;
        while (e + 1 < page->n && coverable(page->at[e + 1]) && inside(w, &page->b[e + 1]))
            e++;
        s->at = (size_t)(page->at[k] - page->text);
        s->cut = (size_t)(page->at[e] - page->at[k]) + 1;
        return 1;
    }
    const char *left = NULL, *right = NULL;
    double lx = -1e9, rx = 1e9, h = first->y1 - first->y0;
    for (size_t k = 0; k < page->n; k++) {
        const box *b = &page->b[k];
        if (*page->at[k] == '\n' || *page->at[k] == ' ' || fabs(cy(b) - cy(first)) > h / 2)
            continue;
        if (cx(b) < cx(first) && cx(b) > lx) {
            lx = cx(b);
            left = page->at[k] + g_utf8_skip[*(const guchar *)page->at[k]];
        } else if (cx(b) >= cx(first) && cx(b) < rx) {
            rx = cx(b);
            right = page->at[k];
        }
    }
    if (!left && !right)
        return 0;
    s->at = (size_t)((left ? left : right) - page->text);
    s->cut = 0;
    if (left && right && right > left && starts_later_line(left, right))
        s->join = (size_t)(right - page->text);
    return 1;
}

static int by_offset(const void *a, const void *b)
{
    const pl_stamp *x = a, *y = b;
    return (x->at > y->at) - (x->at < y->at);
}

size_t pl_pdf_stamps(PopplerPage *page, pl_stamp *out, size_t max)
{
    box w[MAX_WIDGETS];
    size_t nw = widgets(page, w, MAX_WIDGETS), n = 0;
    if (nw == 0)
        return 0;
    chars own, flat;
    int rc = chars_of(page, &own);
    memset(&flat, 0, sizeof flat);
    if (rc == 0)
        rc = flattened(page, &flat);
    for (size_t i = 0; rc == 0 && i < nw && n < max; i++) {
        box first = {0, 0, 0, 0};
        out[n].join = PL_STAMP_NO_JOIN;
        if (stamped(&flat, &own, &w[i], out[n].digits, sizeof out[n].digits, &first) &&
            place(&own, &w[i], &first, &out[n]))
            n++;
    }
    chars_free(&own);
    chars_free(&flat);
    qsort(out, n, sizeof *out, by_offset);
    /* two stamps over the same place: keep the first */
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || out[i].at >= out[k - 1].at + out[k - 1].cut)
            out[k++] = out[i];
    return k;
}
