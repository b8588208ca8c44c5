/* pdf_read.c - the text of a PDF, page by page (the heart of planlint-pdf).
 *
 * Read with poppler through its C interface poppler-glib (Debian
 * libpoppler-glib-dev): no temporary files, and the error of an encrypted
 * document is a code, not a message on stderr to parse (pdftotext's way).
 * Its text order is poppler's reading order, the same as `pdftotext FILE -`.
 * Pages without a usable text layer are drawn with cairo and read through
 * Tesseract (ocr.c).
 *
 * This code runs in its own process, planlint-pdf (pdf_main.c), started
 * by the library for each PDF (../input_pdf.c): poppler cannot be stopped
 * from inside (form XObjects drawing each other run for minutes), only
 * killed, and a process that only reads one PDF has no other thread whose
 * locks it could inherit, and no shared state to race on.  Programs that
 * only read text never load poppler, cairo or Tesseract.
 *
 * Output: each page's lines in order, each ending in LF.  Running headers
 * and footers are removed: a line at the top or the bottom of a page that
 * repeats on at least half the pages (digits ignored, so "Trang 3" matches
 * "Trang 4"), and a page number alone there ("2", "- 2 -", "Trang 2/7").
 * A removed line leaves an empty line, so that line N of a position is
 * line N of the text poppler extracts (as pdftotext prints it).
 *
 * Paragraphs: poppler's text has no blank line between paragraphs, and the
 * text pipeline would join a paragraph with the next one.  Where the layout
 * shows a paragraph end, a blank line is inserted (positions still count
 * poppler's lines: the map skips it): more space above a line than between
 * the lines of the page, a first-line indent, a line after a short one, the
 * start or end of a run of centred lines.  Wrapped lines within a
 * paragraph are rejoined by the pipeline, as for any hard-wrapped copy.
 */
#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <poppler.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "input.h"
#include "ocr.h"
#include "ocr_fix.h"
#include "pdf_result.h"
#include "stamps.h"

/* Pages read at most (a 2000-page plan is already unusual). */
#define PL_PDF_MAX_PAGES 10000
/* Pages whose signing stamps are read (each is drawn again, ~0.5 s), and
 * stamps a page. */
#define PL_PDF_MAX_STAMPED_PAGES 20
#define PL_PDF_MAX_STAMPS 8
/* Lines at each end of a page looked at for headers and footers. */
#define PL_PDF_EDGE_LINES 2
/* Longest line taken for a running header or footer. */
#define PL_PDF_EDGE_MAX 160

/* OCR: pages are drawn at the resolution Tesseract is trained for, with
 * at most this many pixels (a 20 000-point page is drawn smaller, not
 * bigger); a page stops after PL_OCR_PAGE_MS; at most PL_OCR_MAX_PAGES
 * pages are read (a note says where it stopped). */
#define PL_OCR_DPI 300.0
#define PL_OCR_MAX_PIXELS (12.0 * 1000 * 1000)
#define PL_OCR_PAGE_MS 90000
#define PL_OCR_MAX_PAGES 60
/* A drawn page with fewer dark pixels than 1 in this many is blank. */
#define PL_OCR_BLANK_RATIO 5000
/* A text layer reads as Vietnamese when, over at least PL_GARBLED_WORDS
 * words, this share (percent) of the words carry a letter outside ASCII
 * and this share of those are valid syllables (real text: 45-60 %% and
 * over 90 %%; fonts without a Unicode map or an OCR layer without tone
 * marks: far below). */
#define PL_GARBLED_WORDS 30
#define PL_GARBLED_MIN_ACCENTED 15
#define PL_GARBLED_MIN_VALID 60

/* Where a line sits on its page, in points (from poppler's layout). */
typedef struct line_geo {
    double x0, x1, y, h;
    int known;
} line_geo;

typedef struct page_text {
    char *text;    /* g_free */
    char **lines;  /* pointers into text (NUL-terminated in place) */
    size_t nlines;
    int *drop;
    line_geo *geo; /* nlines entries, or NULL when poppler gave no layout */
} page_text;

/* Trimmed line with each digit run as '#' and spaces folded: the key that
 * running headers share from page to page. */
static void edge_key(const char *s, char *key, size_t n)
{
    size_t k = 0;
    int space = 0, digit = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    for (; *s && k + 2 < n; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\f') {
            space = 1;
            continue;
        }
        if (space && k)
            key[k++] = ' ';
        space = 0;
        if (*s >= '0' && *s <= '9') {
            if (!digit)
                key[k++] = '#';
            digit = 1;
            continue;
        }
        digit = 0;
        key[k++] = *s;
    }
    key[k] = '\0';
}

/* "#", "- # -", "Trang #", "Trang # / #", "# / #", "Page # of #". */
static int page_number_key(const char *key)
{
    static const char *const forms[] = {"#",       "- # -",   "-#-",         "Trang #",
                                        "Trang # / #", "Trang #/#", "trang #", "#/#",
                                        "# / #",   "Page #",  "Page # of #", "(#)"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (strcmp(key, forms[i]) == 0)
            return 1;
    return 0;
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\f' && *s != '\r')
            return 0;
    return 1;
}

/* Indices of the first / last `k` non-blank lines of a page. */
static size_t edge_lines(const page_text *p, int top, size_t *idx, size_t k)
{
    size_t got = 0;
    for (size_t j = 0; j < p->nlines && got < k; j++) {
        size_t i = top ? j : p->nlines - 1 - j;
        if (!blank(p->lines[i]))
            idx[got++] = i;
    }
    return got;
}

/* One edge line of one page: its key and on how many pages (same side)
 * that key stands among the edge lines. */
typedef struct edge_entry {
    char *key;
    size_t page, line;
    int top;
    size_t pages; /* filled by count_edges */
} edge_entry;

static int edge_cmp(const void *a, const void *b)
{
    const edge_entry *x = *(const edge_entry *const *)a, *y = *(const edge_entry *const *)b;
    if (x->top != y->top)
        return x->top - y->top;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x->page < y->page ? -1 : x->page > y->page;
}

/* Count, for each entry, the pages sharing its key on its side: sort by
 * (side, key, page) and count the pages of each run.  O(n log n) where
 * comparing every page with every other was quadratic (10 000 pages took
 * 79 s). */
static int count_edges(edge_entry *e, size_t n)
{
    edge_entry **order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return -1;
    for (size_t i = 0; i < n; i++)
        order[i] = &e[i];
    qsort(order, n, sizeof *order, edge_cmp);
    for (size_t i = 0; i < n;) {
        size_t j = i, pages = 0;
        for (; j < n && order[j]->top == order[i]->top && strcmp(order[j]->key, order[i]->key) == 0;
             j++)
            pages += j == i || order[j]->page != order[j - 1]->page;
        for (size_t k = i; k < j; k++)
            order[k]->pages = pages;
        i = j;
    }
    free(order);
    return 0;
}

static void free_edges(edge_entry *e, size_t n)
{
    for (size_t i = 0; e && i < n; i++)
        free(e[i].key);
    free(e);
}

/* The outermost lines of each page that repeat on half the pages or more
 * (or are page numbers) are dropped, from the edge inwards. */
static int mark_edges(page_text *pages, size_t np)
{
    size_t cap = np * 2 * PL_PDF_EDGE_LINES, n = 0;
    edge_entry *e = calloc(cap ? cap : 1, sizeof *e);
    if (!e)
        return -1;
    char key[PL_PDF_EDGE_MAX + 8];
    for (size_t q = 0; q < np; q++)
        for (int top = 0; top <= 1; top++) {
            size_t idx[PL_PDF_EDGE_LINES];
            size_t m = edge_lines(&pages[q], top, idx, PL_PDF_EDGE_LINES);
            for (size_t k = 0; k < m; k++) {
                edge_key(pages[q].lines[idx[k]], key, sizeof key);
                edge_entry *x = &e[n++];
                x->key = strdup(key);
                x->page = q;
                x->line = idx[k];
                x->top = top;
                if (!x->key) {
                    free_edges(e, n);
                    return -1;
                }
            }
        }
    if (count_edges(e, n) != 0) {
        free_edges(e, n);
        return -1;
    }
    /* entries are in page order, side by side, outermost first */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int chrome = 1;
        for (; j < n && e[j].page == e[i].page && e[j].top == e[i].top; j++) {
            const char *line = pages[e[j].page].lines[e[j].line];
            int running = np >= 2 && e[j].pages * 2 >= np && e[j].pages >= 2;
            chrome = chrome && strlen(line) <= PL_PDF_EDGE_MAX &&
                     (page_number_key(e[j].key) || running);
            if (chrome)
                pages[e[j].page].drop[e[j].line] = 1; /* only the outermost lines are chrome */
        }
        i = j;
    }
    free_edges(e, n);
    return 0;
}

/* ---- layout: where paragraphs end ---------------------------------------- */

/* Geometry of each line from the per-character rectangles poppler gives
 * for the page text (one rectangle per character, line ends included). */
static int page_geometry(PopplerPage *page, page_text *p)
{
    PopplerRectangle *r = NULL;
    guint nr = 0;
    if (!poppler_page_get_text_layout(page, &r, &nr))
        return 0;
    p->geo = calloc(p->nlines ? p->nlines : 1, sizeof *p->geo);
    if (!p->geo) {
        g_free(r);
        return -1;
    }
    guint k = 0; /* rectangle index = character index in the page text */
    for (size_t i = 0; i < p->nlines; i++) {
        line_geo *g = &p->geo[i];
        /* g_utf8_next_char would cast the const away (-Wcast-qual in clang) */
        for (const char *c = p->lines[i]; *c; c += g_utf8_skip[*(const guchar *)c], k++) {
            if (k >= nr || *c == ' ' || *c == '\t')
                continue;
            PopplerRectangle *q = &r[k];
            if (!g->known || q->x1 < g->x0)
                g->x0 = q->x1;
            if (!g->known || q->x2 > g->x1)
                g->x1 = q->x2;
            if (!g->known || q->y1 < g->y)
                g->y = q->y1;
            if (q->y2 - q->y1 > g->h)
                g->h = q->y2 - q->y1;
            g->known = 1;
        }
        k++; /* the line's LF */
    }
    if (k < nr - 1 || k > nr + 1) { /* the rectangles do not follow the text */
        free(p->geo);
        p->geo = NULL;
    }
    g_free(r);
    return 0;
}

typedef struct page_frame {
    double left, right, spacing, h; /* text block edges, usual line spacing */
} page_frame;

static int kept(const page_text *p, size_t i)
{
    return !p->drop[i] && !blank(p->lines[i]) && p->geo && p->geo[i].known;
}

static page_frame frame_of(const page_text *p)
{
    page_frame f = {0, 0, 0, 0};
    int first = 1;
    double hist_h = 0;
    size_t nh = 0;
    /* the most frequent spacing (to 0.5 pt) between consecutive lines */
    enum { BINS = 400 };
    unsigned counts[BINS] = {0};
    size_t prev = (size_t)-1;
    for (size_t i = 0; i < p->nlines; i++) {
        if (!kept(p, i))
            continue;
        const line_geo *g = &p->geo[i];
        if (first || g->x0 < f.left)
            f.left = g->x0;
        if (first || g->x1 > f.right)
            f.right = g->x1;
        first = 0;
        hist_h += g->h;
        nh++;
        if (prev != (size_t)-1) {
            double dy = g->y - p->geo[prev].y;
            int bin = (int)(dy * 2 + 0.5);
            if (bin > 0 && bin < BINS)
                counts[bin]++;
        }
        prev = i;
    }
    unsigned best = 0;
    for (int b = 1; b < BINS; b++)
        if (counts[b] > best) {
            best = counts[b];
            f.spacing = b / 2.0;
        }
    f.h = nh ? hist_h / (double)nh : 0;
    return f;
}

static int centred(const page_frame *f, const line_geo *g)
{
    double lm = g->x0 - f->left, rm = f->right - g->x1;
    return lm > 2 * f->h && rm > 2 * f->h && (lm > rm ? lm - rm : rm - lm) < 1.5 * f->h;
}

/* Does a paragraph start at line i (prev: the last kept line before it on
 * the page, or none)?  prev_short carries across pages. */
static int para_start(const page_frame *f, const page_text *p, size_t i, size_t prev,
                      int prev_short, int prev_centred)
{
    const line_geo *g = &p->geo[i];
    int c = centred(f, g);
    if (c != prev_centred)
        return 1;
    if (c)
        return 0; /* a centred title over several lines */
    if (g->x0 > f->left + 0.8 * f->h)
        return 1; /* first-line indent */
    if (prev_short)
        return 1;
    if (prev != (size_t)-1 && f->spacing > 0 &&
        g->y - p->geo[prev].y > f->spacing + (0.12 * f->h > 1.5 ? 0.12 * f->h : 1.5))
        return 1; /* space above the line */
    return 0;
}

static int split_page(page_text *p)
{
    size_t n = 1;
    for (const char *s = p->text; *s; s++)
        n += *s == '\n';
    p->lines = calloc(n, sizeof *p->lines);
    p->drop = calloc(n, sizeof *p->drop);
    if (!p->lines || !p->drop)
        return -1;
    char *s = p->text;
    size_t k = 0;
    p->lines[k++] = s;
    for (; *s; s++)
        if (*s == '\n') {
            *s = '\0';
            p->lines[k++] = s + 1;
        }
    /* the text of a page ends with LF: no empty last line */
    while (k > 0 && p->lines[k - 1][0] == '\0')
        k--;
    p->nlines = k;
    return 0;
}

static void free_pages(page_text *pages, size_t np)
{
    for (size_t i = 0; pages && i < np; i++) {
        g_free(pages[i].text);
        free(pages[i].geo);
        free(pages[i].lines);
        free(pages[i].drop);
    }
    free(pages);
}

/* Write the pages: `src` is poppler's text with headers and footers
 * blanked (positions count its lines), `out` the same with a blank line
 * where a paragraph starts, `map` out -> src. */
static void emit(page_text *pages, size_t np, pl_buf *out, pl_buf *src, pl_omap *map,
                 size_t *page_line)
{
    int prev_short = 0, prev_centred = 0, any = 0;
    size_t src_lines = 0;
    for (size_t q = 0; q < np; q++) {
        page_text *p = &pages[q];
        page_line[q] = src_lines;
        src_lines += p->nlines;
        page_frame f = {0, 0, 0, 0};
        if (p->geo)
            f = frame_of(p);
        size_t prev = (size_t)-1;
        for (size_t i = 0; i < p->nlines; i++) {
            size_t at = src->len;
            if (kept(p, i) && f.h > 0) {
                const line_geo *g = &p->geo[i];
                int c = centred(&f, g);
                if (any && para_start(&f, p, i, prev, prev_short, prev_centred) && out->len >= 2 &&
                    !(out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\n')) {
                    pl_omap_add(map, out->len, at);
                    pl_buf_putc(out, '\n');
                }
                prev_short = !c && g->x1 < f.right - 0.15 * (f.right - f.left);
                prev_centred = c;
                prev = i;
                any = 1;
            }
            const char *line = p->drop[i] ? "" : p->lines[i];
            pl_omap_add(map, out->len, at);
            pl_buf_puts(out, line);
            pl_buf_putc(out, '\n');
            pl_buf_puts(src, line);
            pl_buf_putc(src, '\n');
        }
    }
}

/* "pages 3, 5, 9" (at most ten listed) of pages without text. */
static void note_empty_pages(pl_buf *note, const page_text *pages, size_t np, size_t empty)
{
    if (empty == 0 || !note)
        return;
    if (note->len)
        pl_buf_puts(note, "; ");
    pl_buf_printf(note, "%zu of %zu PDF pages have no text layer (scanned?), page", empty, np);
    pl_buf_puts(note, empty > 1 ? "s" : "");
    size_t listed = 0;
    for (size_t q = 0; q < np && listed < 10; q++)
        if (pages[q].nlines == 0)
            pl_buf_printf(note, "%s %zu", listed++ ? "," : "", q + 1);
    if (empty > listed)
        pl_buf_puts(note, ", ...");
    pl_buf_puts(note, ": run OCR on them (e.g. ocrmypdf)");
}
/* ---- reading, in the child ------------------------------------------------ */

/* What reading a PDF gives, in the child and then in the parent. */
typedef struct pdf_job {
    const char *name;
    const unsigned char *b;
    size_t n;
    pl_child *child; /* ticks while pages are read; NULL: none */
} pdf_job;


static PopplerDocument *open_pdf(const pdf_job *job, pl_error *err)
{
    GError *gerr = NULL;
    GBytes *bytes = g_bytes_new_static(job->b, job->n);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    g_bytes_unref(bytes); /* the document keeps its own reference */
    if (!doc) {
        if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
            pl_error_set(err, PL_ERR_ENCODING, job->name, NULL,
                         "PDF is encrypted (password required)");
        else
            pl_error_set(err, PL_ERR_ENCODING, job->name, NULL, "not a readable PDF (%s)",
                         gerr && gerr->message ? gerr->message : "poppler cannot open it");
    }
    if (gerr)
        g_error_free(gerr);
    return doc;
}

/* Writing a page's text again with its stamps (stamp_page). */
typedef struct restamp {
    const page_text *p;
    const pl_stamp *s;
    size_t n;
    unsigned char *used;  /* per stamp */
    size_t *moved; /* per line: 1 + the line it moved up to behind a stamp
                    * (stamps.h: join), or 0 */
    char *t;
    size_t o;
} restamp;

static size_t line_at(const page_text *p, size_t off)
{
    size_t i = 0;
    while (i + 1 < p->nlines && (size_t)(p->lines[i + 1] - p->text) <= off)
        i++;
    return i;
}

static void put_sep(restamp *r)
{
    if (r->o > 0 && r->t[r->o - 1] != ' ' && r->t[r->o - 1] != '\0')
        r->t[r->o++] = ' ';
}

static void copy_range(restamp *r, size_t at, size_t end);

/* Stamp j's digits; then the line it joins, if poppler put it later. */
static size_t put_stamp(restamp *r, size_t j, size_t end)
{
    const pl_stamp *s = &r->s[j];
    const char *text = r->p->text;
    r->used[j] = 1;
    size_t after = s->at + s->cut <= end ? s->at + s->cut : end;
    put_sep(r);
    size_t k = strlen(s->digits);
    memcpy(r->t + r->o, s->digits, k);
    r->o += k;
    if (s->join != PL_STAMP_NO_JOIN) {
        size_t from = line_at(r->p, s->at), to = line_at(r->p, s->join);
        if (to > from && !r->moved[to]) {
            r->moved[to] = from + 1;
            size_t a = s->join, b = (size_t)(r->p->lines[to] - text) + strlen(r->p->lines[to]);
            put_sep(r);
            copy_range(r, a, b);
        }
    }
    if (after < end && text[after] != ' ' && text[after] != '\0')
        r->t[r->o++] = ' ';
    return after;
}

/* Bytes [at, end) of one line, the stamps in it put in. */
static void copy_range(restamp *r, size_t at, size_t end)
{
    for (;;) {
        size_t j = r->n;
        for (size_t i = 0; i < r->n; i++)
            if (!r->used[i] && r->s[i].at == at) {
                j = i;
                break;
            }
        if (j < r->n) {
            at = put_stamp(r, j, end);
            continue;
        }
        if (at >= end)
            return;
        r->t[r->o++] = r->p->text[at++];
    }
}

/* Put the digits stamped at signing (stamps.h) into the page's lines:
 * the text of `len` bytes is already split into lines (LF -> NUL).  The
 * page keeps its lines: a line moved up behind a stamp (stamps.h: join)
 * leaves an empty line and no geometry, and the row it joins spans both.
 * -1 out of memory. */
static int stamp_page(PopplerPage *page, page_text *p, size_t len, size_t *stamped_pages)
{
    if (*stamped_pages >= PL_PDF_MAX_STAMPED_PAGES)
        return 0;
    pl_stamp s[PL_PDF_MAX_STAMPS];
    size_t n = pl_pdf_stamps(page, s, PL_PDF_MAX_STAMPS);
    if (n == 0)
        return 0;
    (*stamped_pages)++;
    unsigned char used[PL_PDF_MAX_STAMPS] = {0};
    restamp r = {p, s, n, used, calloc(p->nlines ? p->nlines : 1, sizeof(size_t)), NULL, 0};
    r.t = g_try_malloc(len + n * (sizeof s[0].digits + 3) + 1);
    if (!r.t || !r.moved) {
        g_free(r.t);
        free(r.moved);
        return -1;
    }
    size_t *start = malloc((p->nlines ? p->nlines : 1) * sizeof *start);
    if (!start) {
        g_free(r.t);
        free(r.moved);
        return -1;
    }
    for (size_t i = 0; i < p->nlines; i++) {
        start[i] = r.o;
        if (!r.moved[i]) {
            size_t a = (size_t)(p->lines[i] - p->text);
            copy_range(&r, a, a + strlen(p->lines[i]));
        }
        r.t[r.o++] = '\0';
    }
    r.t[r.o] = '\0';
    for (size_t i = 0; p->geo && i < p->nlines; i++) {
        if (!r.moved[i])
            continue;
        line_geo *to = &p->geo[r.moved[i] - 1]; /* the row it went to spans it now */
        if (to->known && p->geo[i].known && p->geo[i].x1 > to->x1)
            to->x1 = p->geo[i].x1;
        p->geo[i].known = 0;
    }
    for (size_t i = 0; i < p->nlines; i++)
        p->lines[i] = r.t + start[i];
    free(start);
    free(r.moved);
    g_free(p->text);
    p->text = r.t;
    return 0;
}

/* A font whose Unicode map gives Ư and ư as the letters OI (U+01A2,
 * U+01A3: "BỘ CÔNG THƢƠNG", "ngƣời"), which no Vietnamese text writes:
 * written as what they stand for, in place (the same two bytes' length,
 * so positions do not move). */
static void fix_oi(char *s)
{
    for (unsigned char *p = (unsigned char *)s; p[0]; p++)
        if (p[0] == 0xC6 && (p[1] == 0xA2 || p[1] == 0xA3))
            p[1] = p[1] == 0xA2 ? 0xAF : 0xB0; /* Ư U+01AF, ư U+01B0 */
}

/* Each page's text and line geometry.  -1 out of memory, -2 err set. */
static int read_pages(const pdf_job *job, PopplerDocument *doc, page_text *pages, size_t np,
                      pl_error *err)
{
    size_t total = 0, stamped_pages = 0;
    for (size_t q = 0; q < np; q++) {
        pl_child_tick(job->child);
        PopplerPage *page = poppler_document_get_page(doc, (int)q);
        pages[q].text = page ? poppler_page_get_text(page) : NULL;
        if (!pages[q].text)
            pages[q].text = g_strdup("");
        fix_oi(pages[q].text);
        size_t len = strlen(pages[q].text);
        total += len;
        int rc = 0;
        if (total > PL_INPUT_MAX_TEXT) {
            pl_error_set(err, PL_ERR_TOO_LARGE, job->name, NULL,
                         "the PDF's text is above %zu bytes", (size_t)PL_INPUT_MAX_TEXT);
            rc = -2;
        } else if (split_page(&pages[q]) != 0 || (page && page_geometry(page, &pages[q]) != 0) ||
                   (page && stamp_page(page, &pages[q], len, &stamped_pages) != 0)) {
            rc = -1;
        }
        if (page)
            g_object_unref(page);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Pages with no text are emptied; the count of them. */
static size_t empty_pages(page_text *pages, size_t np, size_t *text_lines)
{
    size_t empty = 0;
    *text_lines = 0;
    for (size_t q = 0; q < np; q++) {
        size_t filled = 0;
        for (size_t i = 0; i < pages[q].nlines; i++)
            filled += !blank(pages[q].lines[i]);
        if (filled == 0) {
            pages[q].nlines = 0;
            empty++;
        }
        *text_lines += filled;
    }
    return empty;
}

/* ---- OCR: pages without a usable text layer ------------------------------- */

/* Does the text layer read as Vietnamese?  (The encoding detector's
 * syllable test, input_legacy.c.) */
static int layer_garbled(const page_text *pages, size_t np)
{
    size_t words = 0, accented = 0, valid = 0;
    for (size_t q = 0; q < np; q++)
        for (size_t i = 0; i < pages[q].nlines; i++) {
            size_t w, a, v;
            pl_vn_measure(pages[q].lines[i], strlen(pages[q].lines[i]), &w, &a, &v);
            words += w;
            accented += a;
            valid += v;
        }
    return words >= PL_GARBLED_WORDS && (accented * 100 < words * PL_GARBLED_MIN_ACCENTED ||
                                         valid * 100 < accented * PL_GARBLED_MIN_VALID);
}

/* The page drawn in grey, white background; *dpi its resolution.  NULL
 * when it cannot be drawn (out of memory, a page of no size). */
static unsigned char *draw_grey(PopplerPage *page, int *w, int *h, int *dpi)
{
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    if (!(pw > 0 && ph > 0))
        return NULL;
    double scale = PL_OCR_DPI / 72.0;
    if (pw * scale * ph * scale > PL_OCR_MAX_PIXELS)
        scale = sqrt(PL_OCR_MAX_PIXELS / (pw * ph));
    *w = (int)(pw * scale);
    *h = (int)(ph * scale);
    *dpi = (int)(scale * 72.0 + 0.5);
    if (*w < 1 || *h < 1 || *dpi < 1)
        return NULL;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, *w, *h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    unsigned char *grey = px ? malloc((size_t)*w * (size_t)*h) : NULL;
    for (int y = 0; grey && y < *h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        for (int x = 0; x < *w; x++) {
            uint32_t c = row[x];
            unsigned r = (c >> 16) & 255, g = (c >> 8) & 255, b = c & 255;
            grey[(size_t)y * (size_t)*w + (size_t)x] = (unsigned char)((r * 299 + g * 587 + b * 114) / 1000);
        }
    }
    cairo_surface_destroy(s);
    return grey;
}

static int blank_image(const unsigned char *grey, int w, int h)
{
    size_t dark = 0, n = (size_t)w * (size_t)h;
    for (size_t i = 0; i < n; i++)
        dark += grey[i] < 128;
    return dark * PL_OCR_BLANK_RATIO < n;
}

/* Replace a page's text with its OCR (lines mended: ocr_fix.h); blank lines
 * between Tesseract's blocks are dropped, like poppler's text has none. */
static int set_ocr_text(page_text *p, const pl_buf *ocr)
{
    pl_buf fixed = PL_BUF_INIT;
    const char *s = ocr->data ? ocr->data : "";
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        char *line = g_strndup(s, n);
        if (!blank(line)) {
            pl_ocr_fix_line(line, &fixed);
            pl_buf_putc(&fixed, '\n');
        }
        g_free(line);
        s += n + (nl != NULL);
    }
    if (fixed.failed) {
        pl_buf_free(&fixed);
        return -1;
    }
    g_free(p->text);
    free(p->lines);
    free(p->drop);
    free(p->geo);
    p->lines = NULL;
    p->drop = NULL;
    p->geo = NULL;
    p->text = g_strdup(fixed.data ? fixed.data : "");
    pl_buf_free(&fixed);
    return split_page(p);
}

/* OCR the pages marked in `want`; *done counts those read, *stopped those
 * cut by the deadline.  -1 out of memory, -2 err set (no OCR installed). */
static int ocr_pages(const pdf_job *job, PopplerDocument *doc, page_text *pages, size_t np,
                     unsigned char *want, size_t *done, size_t *stopped, pl_error *err)
{
    char why[256];
    pl_ocr *ocr = pl_ocr_new("vie", why, sizeof why);
    if (!ocr) {
        pl_error_set(err, PL_ERR_ENCODING, job->name, NULL,
                     "PDF needs OCR (no usable text layer) and %s: apt-get install %s", why,
                     PL_OCR_PACKAGES);
        return -2;
    }
    size_t total = 0; /* pages to read, for the progress of each */
    for (size_t q = 0; q < np; q++)
        total += want[q] != 0;
    total = total < PL_OCR_MAX_PAGES ? total : PL_OCR_MAX_PAGES;
    int rc = 0;
    for (size_t q = 0; q < np && rc == 0; q++) {
        if (!want[q])
            continue;
        if (*done >= PL_OCR_MAX_PAGES) {
            want[q] = 0;
            continue;
        }
        (*done)++;
        pl_child_tick_long(job->child, (unsigned)*done, (unsigned)total);
        PopplerPage *page = poppler_document_get_page(doc, (int)q);
        int w = 0, h = 0, dpi = 0;
        unsigned char *grey = page ? draw_grey(page, &w, &h, &dpi) : NULL;
        pl_buf text = PL_BUF_INIT;
        if (grey && !blank_image(grey, w, h)) {
            int o = pl_ocr_page(ocr, grey, w, h, w, dpi, PL_OCR_PAGE_MS, &text);
            *stopped += o == 1;
        }
        rc = set_ocr_text(&pages[q], &text);
        pl_buf_free(&text);
        free(grey);
        if (page)
            g_object_unref(page);
    }
    pl_ocr_free(ocr);
    return rc;
}

/* "read through OCR (Tesseract, vie): 2 of 2 pages; ..." */
static void note_ocr(pl_buf *note, size_t np, size_t wanted, size_t done, size_t stopped,
                     int garbled)
{
    if (note->len)
        pl_buf_puts(note, "; ");
    pl_buf_printf(note, "read through OCR (Tesseract, vie): %zu of %zu page%s%s", done, np,
                  np > 1 ? "s" : "",
                  garbled ? " (the text layer does not read as Vietnamese)" : " (no text layer)");
    if (wanted > done)
        pl_buf_printf(note, "; OCR stopped after %d pages, %zu not read", PL_OCR_MAX_PAGES,
                      wanted - done);
    if (stopped)
        pl_buf_printf(note, "; %zu page%s cut at the %d s limit", stopped, stopped > 1 ? "s" : "",
                      PL_OCR_PAGE_MS / 1000);
}

/* Pages to read through OCR: all when the layer is garbled, else those
 * without text.  Returns how many; 0 needs none. */
static size_t pages_for_ocr(page_text *pages, size_t np, unsigned char *want, int *garbled)
{
    size_t text_lines = 0, n = 0;
    (void)empty_pages(pages, np, &text_lines);
    *garbled = text_lines > 0 && layer_garbled(pages, np);
    for (size_t q = 0; q < np; q++) {
        want[q] = *garbled || pages[q].nlines == 0;
        n += want[q];
    }
    return n;
}

static int read_pdf(const pdf_job *job, pl_pdf_result *r)
{
    PopplerDocument *doc = open_pdf(job, &r->err);
    if (!doc)
        return -2;
    int np = poppler_document_get_n_pages(doc);
    if (np <= 0 || np > PL_PDF_MAX_PAGES) {
        g_object_unref(doc);
        if (np <= 0)
            pl_error_set(&r->err, PL_ERR_ENCODING, job->name, NULL,
                         "PDF has no pages (an empty or damaged page tree)");
        else
            pl_error_set(&r->err, PL_ERR_TOO_LARGE, job->name, NULL,
                         "PDF has %d pages, above the limit of %d", np, PL_PDF_MAX_PAGES);
        return -2;
    }
    size_t npages = (size_t)np, text_lines = 0, empty = 0, wanted = 0, done = 0, stopped = 0;
    int garbled = 0;
    page_text *pages = calloc(npages, sizeof *pages);
    r->npages = npages;
    r->page_line = calloc(npages, sizeof *r->page_line);
    r->page_ocr = calloc(npages, 1);
    int rc = pages && r->page_line && r->page_ocr ? 0 : -1;
    if (rc == 0)
        rc = read_pages(job, doc, pages, npages, &r->err);
    if (rc == 0)
        wanted = pages_for_ocr(pages, npages, r->page_ocr, &garbled);
    if (rc == 0 && wanted)
        rc = ocr_pages(job, doc, pages, npages, r->page_ocr, &done, &stopped, &r->err);
    g_object_unref(doc);
    if (rc == 0) {
        empty = empty_pages(pages, npages, &text_lines);
        if (text_lines == 0) {
            pl_error_set(&r->err, PL_ERR_ENCODING, job->name, NULL,
                         done ? "PDF has no text: no text layer, and OCR read none on its %zu "
                                "page%s (blank or unreadable)"
                              : "PDF has no text layer (%zu page%s)",
                         npages, npages > 1 ? "s" : "");
            rc = -2;
        }
    }
    if (rc == 0)
        rc = mark_edges(pages, npages);
    if (rc == 0) {
        emit(pages, npages, &r->out, &r->src, &r->map, r->page_line);
        if (done)
            note_ocr(&r->note, npages, wanted, done, stopped, garbled);
        else
            note_empty_pages(&r->note, pages, npages, empty);
    }
    free_pages(pages, npages);
    return rc;
}

/* ---- the entry point ---------------------------------------------------------- */

int pl_pdf_read(const char *name, const unsigned char *b, size_t n, pl_child *c,
                pl_pdf_result *r)
{
    pdf_job job = {name, b, n, c};
    int rc = read_pdf(&job, r);
    if (rc == -1)
        pl_error_set(&r->err, PL_ERR_NOMEM, name, NULL, "out of memory");
    r->rc = rc ? -1 : 0;
    return r->rc;
}
