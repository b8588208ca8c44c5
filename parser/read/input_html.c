/* input_html.c - the main text of an HTML page, as lines.
 *
 * Provincial portals wrap a plan in menus, banners, scripts and footers.
 * What is read:
 *   - nothing inside script, style, noscript, template, nav, form, aside,
 *     iframe, svg, head, buttons and inputs, nor <header>/<footer> outside
 *     an article, nor elements marked hidden or whose class, id or role is
 *     page chrome (CHROME below);
 *   - when the page has a <main> (or exactly one <article>), only that;
 *   - block elements end lines and are set apart by a blank line (a
 *     paragraph), <br>, <li> and <tr> end lines; table cells in a row are
 *     joined with " | " (the pipeline splits a line there); list items keep
 *     a "- " marker, or their number in an <ol>;
 *   - whitespace is folded as a browser folds it, except in <pre>.
 *
 * Positions: each character of the text points into the HTML source.  The
 * text nodes libxml2 returns are found again in the source (entities
 * decoded, in order), so line and column are exact where the text is
 * written out in the page; where a node cannot be found (a page in an
 * encoding libxml2 decoded itself, markup the parser repaired), its
 * characters point at the start of the source line libxml2 reports (column
 * 1), or just after the last text found when that is further on: positions
 * never go back.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input.h"
#include "error.h"
#include "uni.h"
#include "xml.h"

/* A text node is looked for this far ahead in the source. */
#define PL_HTML_SYNC_WINDOW ((size_t)64 * 1024)
/* After this many text nodes in a row not found, stop looking (a page the
 * parser rewrote heavily): positions fall back to source lines. */
#define PL_HTML_SYNC_GIVE_UP 16
/* Source bytes the search may scan in all, per byte of source: a page the
 * parser rewrote cannot make the search quadratic. */
#define PL_HTML_SYNC_BUDGET 16
/* Nested lists tracked for numbering; deeper ones number like the last. */
#define PL_HTML_MAX_LISTS 32

static const char *const SKIP_TAGS[] = {
    "script", "style", "noscript", "template", "nav",    "form",  "aside",  "iframe",
    "svg",    "canvas", "head",    "button",   "select", "input", "textarea", "object",
    "embed",  "map",   "audio",    "video",    "dialog", "menu"};
/* class, id or role tokens that name page chrome */
static const char *const CHROME[] = {
    "nav",     "navbar",   "navigation", "menu",   "mainmenu", "topmenu", "breadcrumb",
    "breadcrumbs", "header", "footer",   "sidebar", "banner",  "share",   "social",
    "cookie",  "cookies",  "contentinfo", "search", "complementary", "skip-link"};
static const char *const BLOCK_TAGS[] = {
    "p",       "div",    "h1",     "h2",   "h3",      "h4",         "h5",     "h6",
    "table",   "ul",     "ol",     "dl",   "blockquote", "section", "article", "main",
    "header",  "footer", "pre",    "figure", "figcaption", "address", "hr",    "center",
    "caption", "fieldset", "details", "summary", "body"};
static const char *const LINE_TAGS[] = {"li", "tr", "dt", "dd"};

typedef struct list_state {
    int ordered;
    long counter;
    char type; /* '1', 'a', 'A', 'i', 'I' */
} list_state;

typedef struct html_ctx {
    const char *name;
    pl_buf *out;
    pl_omap *map;
    pl_input_info *info; /* soft breaks (<br>, <pre> lines) are recorded there */
    /* the source and where line starts are, for positions */
    const char *src;
    size_t src_len;
    const size_t *lines;
    size_t nlines;
    size_t cursor;   /* source offset after the last text found */
    int sync;        /* looking text up in the source at all */
    int misses;
    size_t budget;   /* source bytes the search may still scan */
    /* layout */
    int pending_break; /* 0, 1 = end the line, 2 = blank line */
    int pending_sep;   /* " | " before the next text (a later cell) */
    int pending_space;
    char marker[16];   /* list marker waiting for the item's text */
    int at_line_start;
    int pre;
    int in_article;
    int cells;         /* cells seen in the current row */
    list_state lists[PL_HTML_MAX_LISTS];
    int nlists;        /* may exceed PL_HTML_MAX_LISTS */
    /* <main>, or the single <article>: the part of out kept */
    long main_depth, article_depth, depth;
    size_t main_a, main_b, art_a, art_b;
    int nmain, narticle;
} html_ctx;

static int in_set(const char *name, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(name, set[i]) == 0)
            return 1;
    return 0;
}
#define IN_SET(name, set) in_set((name), (set), sizeof(set) / sizeof *(set))

/* ---- positions ----------------------------------------------------------- */

static size_t line_start(const html_ctx *c, long line)
{
    if (line < 1 || c->nlines == 0)
        return 0;
    size_t i = (size_t)line - 1;
    return c->lines[i < c->nlines ? i : c->nlines - 1];
}

/* Where text not found in the source points: the start of the line
 * libxml2 reports, or the end of the last text found when that is further
 * on, so that positions never go back (a target whose end was such text
 * ended before its start: fuzz_html, regress-span-end-before-start). */
static size_t fallback_at(const html_ctx *c, long line)
{
    size_t ls = line_start(c, line);
    return ls < c->cursor ? c->cursor : ls;
}

/* Skip markup from i: tags, comments, and the raw content of script and
 * style (which may hold '<').  Returns the offset of the next text. */
static size_t skip_markup(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] == '<') {
        if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
            const char *e = NULL;
            for (size_t k = i + 4; k + 3 <= n; k++)
                if (memcmp(s + k, "-->", 3) == 0) {
                    e = s + k;
                    break;
                }
            i = e ? (size_t)(e - s) + 3 : n;
            continue;
        }
        if (i + 1 >= n || !(s[i + 1] == '/' || s[i + 1] == '!' || s[i + 1] == '?' ||
                            ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z')))
            break; /* a lone '<' is text */
        int raw = 0;
        if (i + 7 <= n && strncasecmp(s + i, "<script", 7) == 0)
            raw = 1;
        else if (i + 6 <= n && strncasecmp(s + i, "<style", 6) == 0)
            raw = 2;
        char q = 0;
        while (i < n && !(s[i] == '>' && !q)) { /* to the end of the tag, quotes respected */
            if (q && s[i] == q)
                q = 0;
            else if (!q && (s[i] == '"' || s[i] == '\'') && i > 0 && s[i - 1] == '=')
                q = s[i];
            i++;
        }
        if (i < n)
            i++;
        if (raw) {
            const char *end = raw == 1 ? "</script" : "</style";
            size_t k = strlen(end);
            while (i + k <= n && strncasecmp(s + i, end, k) != 0)
                i++;
            if (i + k > n)
                i = n;
        }
    }
    return i;
}

/* Length of an entity reference at s[i] ('&'), or 0 when it is not one. */
static size_t entity_len(const char *s, size_t n, size_t i)
{
    size_t k = i + 1;
    if (k < n && s[k] == '#') {
        k++;
        if (k < n && (s[k] == 'x' || s[k] == 'X'))
            k++;
        size_t d = k;
        while (k < n && ((s[k] >= '0' && s[k] <= '9') || ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'f')))
            k++;
        if (k == d)
            return 0;
    } else {
        size_t d = k;
        while (k < n && (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') || (s[k] >= '0' && s[k] <= '9')))
            k++;
        if (k == d)
            return 0;
    }
    if (k < n && s[k] == ';')
        k++;
    return k - i;
}

/* Source offsets of text t[0..len) when it is written at s[p...]: fills
 * at[j] for the first byte of each character; returns the offset after it,
 * or 0 when it is not there. */
static size_t match_at(const html_ctx *c, size_t p, const char *t, size_t len, size_t *at)
{
    const char *s = c->src;
    size_t n = c->src_len, q = p, j = 0;
    while (j < len) {
        if (q >= n)
            return 0;
        if (s[q] == t[j]) {
            at[j++] = q++;
            continue;
        }
        if (s[q] == '&') {
            size_t e = entity_len(s, n, q);
            if (e == 0)
                return 0;
            int32_t cp;
            int k = pl_utf8_next(t, len, j, &cp);
            if (k < 0)
                return 0;
            for (int x = 0; x < k; x++)
                at[j + (size_t)x] = q;
            j += (size_t)k;
            q += e;
            continue;
        }
        if (s[q] == '\r') { /* CR LF read as LF */
            q++;
            continue;
        }
        return 0;
    }
    return q;
}

/* Find text node t in the source from the cursor; fill at[] (len entries)
 * with source offsets.  0 when found. */
static int locate(html_ctx *c, const char *t, size_t len, long line, size_t *at)
{
    if (c->sync && c->src) {
        size_t p = c->cursor, limit = c->cursor + PL_HTML_SYNC_WINDOW;
        size_t from = p;
        while (p < c->src_len && p < limit) {
            p = skip_markup(c->src, c->src_len, p);
            if (p >= c->src_len)
                break;
            size_t e = match_at(c, p, t, len, at);
            if (e > 0) {
                c->budget -= p - from < c->budget ? p - from : c->budget;
                c->cursor = e;
                c->misses = 0;
                return 0;
            }
            /* next run of text; step over the current byte first, which may
             * be a lone '<' that skip_markup() left as text */
            p++;
            while (p < c->src_len && c->src[p] != '<')
                p++;
        }
        size_t spent = p - from;
        c->budget -= spent < c->budget ? spent : c->budget;
        if (++c->misses >= PL_HTML_SYNC_GIVE_UP || c->budget == 0)
            c->sync = 0;
    }
    size_t ls = fallback_at(c, line);
    for (size_t j = 0; j < len; j++)
        at[j] = ls;
    return -1;
}

/* ---- output ---------------------------------------------------------------- */

static void put_at(html_ctx *c, const char *s, size_t n, size_t src)
{
    pl_omap_add(c->map, c->out->len, src);
    pl_buf_put(c->out, s, n);
}

/* The '\n' about to be written breaks a line inside a paragraph. */
static void soft_break(html_ctx *c)
{
    if (pl_input_soft_break(c->info, c->out->len) != 0)
        c->out->failed = 1;
}

static void request_break(html_ctx *c, int level)
{
    if (c->pending_sep)
        return; /* a cell's own blocks stay on the row's line */
    if (level > c->pending_break)
        c->pending_break = level;
}

/* Flush pending breaks, separator and marker before text at src. */
static void before_text(html_ctx *c, size_t src)
{
    if (c->pending_break && c->out->len > 0) {
        int nl = c->pending_break;
        /* never more than one blank line */
        size_t have = 0;
        while (have < c->out->len && have < 2 && c->out->data[c->out->len - 1 - have] == '\n')
            have++;
        for (int i = (int)have; i < nl; i++)
            put_at(c, "\n", 1, src);
        c->at_line_start = 1;
    }
    if (c->pending_sep && !c->at_line_start)
        put_at(c, " | ", 3, src);
    else if (c->pending_space && !c->at_line_start)
        put_at(c, " ", 1, src);
    if (c->marker[0]) {
        put_at(c, c->marker, strlen(c->marker), src);
        c->marker[0] = '\0';
    }
    c->pending_break = c->pending_sep = c->pending_space = 0;
    c->at_line_start = 0;
}

static int is_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

static int on_text(html_ctx *c, const pl_xml_ev *ev)
{
    size_t *at = malloc((ev->len ? ev->len : 1) * sizeof *at);
    if (!at) {
        c->out->failed = 1; /* said as "out of memory" by the caller */
        return PL_XML_STOP;
    }
    locate(c, ev->text, ev->len, ev->line, at);
    const char *t = ev->text;
    for (size_t j = 0; j < ev->len;) {
        if (!c->pre && is_ws(t[j])) {
            if (!c->at_line_start || c->pending_break || c->pending_sep)
                c->pending_space = 1;
            j++;
            continue;
        }
        if (c->pre && (t[j] == '\n' || t[j] == '\r')) {
            soft_break(c);
            put_at(c, "\n", 1, at[j]);
            c->at_line_start = 1;
            j++;
            continue;
        }
        int32_t cp;
        int k = pl_utf8_next(t, ev->len, j, &cp);
        if (k < 0)
            k = 1;
        if (cp == 0xA0 && !c->pre) { /* &nbsp; is a space in running text */
            c->pending_space = !c->at_line_start;
            j += (size_t)k;
            continue;
        }
        before_text(c, at[j]);
        put_at(c, t + j, (size_t)k, at[j]);
        j += (size_t)k;
    }
    free(at);
    return c->out->failed ? PL_XML_STOP : PL_XML_GO;
}

/* ---- elements ------------------------------------------------------------------ */

/* Does a class, id or role attribute name chrome? */
static int chrome_attr(const char *v)
{
    while (v && *v) {
        while (*v == ' ' || *v == '\t')
            v++;
        size_t n = strcspn(v, " \t");
        for (size_t i = 0; i < sizeof CHROME / sizeof *CHROME; i++)
            if (strlen(CHROME[i]) == n && strncasecmp(v, CHROME[i], n) == 0)
                return 1;
        v += n;
    }
    return 0;
}

static int hidden(const pl_xml_ev *ev)
{
    const char *st = pl_xml_ev_attr(ev, "style");
    if (st) {
        char buf[128];
        size_t k = 0;
        for (const char *p = st; *p && k + 1 < sizeof buf; p++)
            if (*p != ' ')
                buf[k++] = *p;
        buf[k] = '\0';
        if (strstr(buf, "display:none") || strstr(buf, "visibility:hidden"))
            return 1;
    }
    if (pl_xml_ev_attr(ev, "hidden"))
        return 1;
    const char *aria = pl_xml_ev_attr(ev, "aria-hidden");
    return aria && strcasecmp(aria, "true") == 0;
}

static int is_chrome(const html_ctx *c, const pl_xml_ev *ev)
{
    if (IN_SET(ev->name, SKIP_TAGS))
        return 1;
    if ((!strcasecmp(ev->name, "header") || !strcasecmp(ev->name, "footer")) && !c->in_article)
        return 1;
    if (hidden(ev))
        return 1;
    if (c->in_article && strcasecmp(ev->name, "div") != 0)
        return chrome_attr(pl_xml_ev_attr(ev, "role"));
    return chrome_attr(pl_xml_ev_attr(ev, "class")) || chrome_attr(pl_xml_ev_attr(ev, "id")) ||
           chrome_attr(pl_xml_ev_attr(ev, "role"));
}

/* Roman numeral of 1..3999 into buf. */
static void roman(long v, int upper, char *buf, size_t n)
{
    static const struct { int v; const char *s; } r[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
        {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
    size_t k = 0;
    for (size_t i = 0; i < sizeof r / sizeof *r && v > 0 && v < 4000; i++)
        while (v >= r[i].v && k + 3 < n) {
            for (const char *p = r[i].s; *p; p++)
                buf[k++] = upper ? (char)(*p - 32) : *p;
            v -= r[i].v;
        }
    buf[k] = '\0';
}

static void list_marker(html_ctx *c)
{
    if (c->nlists == 0) {
        snprintf(c->marker, sizeof c->marker, "- ");
        return;
    }
    list_state *l = &c->lists[(c->nlists <= PL_HTML_MAX_LISTS ? c->nlists : PL_HTML_MAX_LISTS) - 1];
    if (!l->ordered) {
        snprintf(c->marker, sizeof c->marker, "- ");
        return;
    }
    long v = l->counter;
    if (l->counter < LONG_MAX) /* <ol start="9223372036854775807">: no overflow */
        l->counter++;
    char num[12];
    if ((l->type == 'i' || l->type == 'I') && v > 0 && v < 4000) {
        roman(v, l->type == 'I', num, sizeof num);
        snprintf(c->marker, sizeof c->marker, "%s. ", num);
    } else if ((l->type == 'a' || l->type == 'A') && v >= 1 && v <= 26) {
        snprintf(c->marker, sizeof c->marker, "%c) ", (char)(l->type + v - 1));
    } else {
        snprintf(c->marker, sizeof c->marker, "%ld. ", v);
    }
}

static void list_push(html_ctx *c, const pl_xml_ev *ev, int ordered)
{
    if (c->nlists < PL_HTML_MAX_LISTS) {
        list_state *l = &c->lists[c->nlists];
        const char *start = pl_xml_ev_attr(ev, "start");
        const char *type = pl_xml_ev_attr(ev, "type");
        l->ordered = ordered;
        l->counter = start ? strtol(start, NULL, 10) : 1;
        l->type = type && strchr("1aAiI", type[0]) && type[0] ? type[0] : '1';
    }
    c->nlists++;
}

static int on_start(html_ctx *c, const pl_xml_ev *ev)
{
    if (is_chrome(c, ev))
        return PL_XML_SKIP;
    const char *n = ev->name;
    c->depth++;
    if (!strcasecmp(n, "main") && c->nmain++ == 0) {
        c->main_depth = c->depth;
        c->main_a = c->out->len;
    }
    if (!strcasecmp(n, "article")) {
        if (c->narticle++ == 0) {
            c->article_depth = c->depth;
            c->art_a = c->out->len;
        }
        c->in_article++;
    }
    if (!strcasecmp(n, "br")) {
        size_t at = fallback_at(c, ev->line);
        soft_break(c);
        put_at(c, "\n", 1, at);
        c->at_line_start = 1;
        c->pending_space = 0;
        return PL_XML_GO;
    }
    if (!strcasecmp(n, "pre"))
        c->pre++;
    if (!strcasecmp(n, "ul") || !strcasecmp(n, "ol"))
        list_push(c, ev, !strcasecmp(n, "ol"));
    if (!strcasecmp(n, "tr") || !strcasecmp(n, "table")) {
        c->cells = 0;
        c->pending_sep = 0; /* a row starts its own line */
    }
    if (!strcasecmp(n, "td") || !strcasecmp(n, "th")) {
        if (c->cells++ > 0) {
            c->pending_break = 0;
            c->pending_sep = 1;
        }
        return PL_XML_GO;
    }
    if (IN_SET(n, BLOCK_TAGS))
        request_break(c, 2);
    else if (IN_SET(n, LINE_TAGS))
        request_break(c, 1);
    if (!strcasecmp(n, "li"))
        list_marker(c);
    return PL_XML_GO;
}

static int on_end(html_ctx *c, const pl_xml_ev *ev)
{
    const char *n = ev->name;
    if (!strcasecmp(n, "main") && c->main_depth == c->depth)
        c->main_b = c->out->len;
    if (!strcasecmp(n, "article")) {
        if (c->article_depth == c->depth)
            c->art_b = c->out->len;
        c->in_article--;
    }
    c->depth--;
    if (!strcasecmp(n, "pre") && c->pre > 0)
        c->pre--;
    if ((!strcasecmp(n, "ul") || !strcasecmp(n, "ol")) && c->nlists > 0)
        c->nlists--;
    if (IN_SET(n, BLOCK_TAGS))
        request_break(c, 2);
    else if (IN_SET(n, LINE_TAGS))
        request_break(c, 1);
    if (!strcasecmp(n, "li"))
        c->marker[0] = '\0';
    return PL_XML_GO;
}

static int on_event(void *ctx, const pl_xml_ev *ev)
{
    html_ctx *c = ctx;
    switch (ev->kind) {
    case PL_XML_START: return on_start(c, ev);
    case PL_XML_END: return on_end(c, ev);
    default: return on_text(c, ev);
    }
}

/* ---- keeping only <main> / the article ------------------------------------------ */

/* Keep the soft breaks inside out[a..b), counted from a. */
static void keep_soft_breaks(pl_input_info *info, size_t a, size_t b)
{
    size_t k = 0;
    for (size_t i = 0; i < info->nsoft; i++)
        if (info->soft_breaks[i] >= a && info->soft_breaks[i] < b)
            info->soft_breaks[k++] = info->soft_breaks[i] - a;
    info->nsoft = k;
}

/* Replace out (and map) by out[a..b). */
static int keep_range(pl_buf *out, pl_omap *map, pl_input_info *info, size_t a, size_t b)
{
    pl_buf nb = PL_BUF_INIT;
    pl_omap nm = PL_OMAP_INIT;
    while (a < b && (out->data[a] == '\n' || out->data[a] == ' '))
        a++;
    keep_soft_breaks(info, a, b);
    for (size_t i = a; i < b;) {
        /* one anchor per stretch that the old map keeps one-to-one */
        size_t src = pl_omap_lookup(map, i);
        pl_omap_add(&nm, i - a, src);
        i++;
    }
    pl_buf_put(&nb, out->data + a, b - a);
    if (nb.failed || nm.failed) {
        pl_buf_free(&nb);
        pl_omap_free(&nm);
        return -1;
    }
    pl_buf_free(out);
    pl_omap_free(map);
    *out = nb;
    *map = nm;
    return 0;
}

/* ---- what the parser would not read --------------------------------------------- */

/* "byte B (line L, column C)" of source offset off, as errors say it. */
static void where(pl_input_src *src, size_t off, char *buf, size_t n)
{
    size_t byte;
    uint32_t line, col;
    pl_input_src_pos(src, off, &byte, &line, &col);
    src->last_col = 0; /* the walk's lookups start afresh */
    snprintf(buf, n, "byte %zu (line %u, column %u)", byte, (unsigned)line, (unsigned)col);
}

static void add_note(pl_buf *note, const char *msg)
{
    if (note->len)
        pl_buf_puts(note, "; ");
    pl_buf_puts(note, msg);
}

/* libxml2's HTML parser takes a NUL byte for the end of the page, so
 * everything after one would be gone.  Browsers drop them; here each
 * becomes a space (one byte for one: positions stay) and the note says
 * so, with the first one's position. */
static void replace_nuls(pl_input_src *src, pl_buf *note)
{
    size_t count = 0, first = 0;
    for (char *p = src->text; (p = memchr(p, '\0', src->len - (size_t)(p - src->text))) != NULL;
         p++) {
        if (count++ == 0)
            first = (size_t)(p - src->text);
        *p = ' ';
    }
    if (count == 0)
        return;
    char at[96], msg[192];
    where(src, first, at, sizeof at);
    snprintf(msg, sizeof msg, "%zu NUL byte%s read as space%s, the first at %s", count,
             count == 1 ? "" : "s", count == 1 ? "" : "s", at);
    add_note(note, msg);
}

/* Nesting past the walk's limit was read on from outside it: say where. */
static void report_restarts(pl_input_src *src, const pl_xml_html_cut *cut, pl_buf *note)
{
    if (cut->restarts == 0)
        return;
    char at[96], msg[256];
    where(src, cut->first_offset, at, sizeof at);
    snprintf(msg, sizeof msg,
             "elements nested deeper than %d levels: read on from %s outside them%s", PL_XML_MAX_DEPTH,
             at, cut->restarts > 1 ? " (and again later)" : "");
    add_note(note, msg);
}

/* ---- entry point ---------------------------------------------------------------- */

/* Does the page say it is UTF-8, where a browser looks (the first 1 024
 * bytes: <meta charset>, the http-equiv Content-Type, or an XML
 * declaration's encoding)? */
static int declares_utf8(const unsigned char *b, size_t n)
{
    static const char *const keys[] = {"charset", "encoding"};
    size_t end = n < 1024 ? n : 1024;
    for (size_t i = 0; i < end; i++)
        for (size_t k = 0; k < 2; k++) {
            size_t kl = strlen(keys[k]);
            if (i + kl > end || strncasecmp((const char *)b + i, keys[k], kl) != 0)
                continue;
            size_t j = i + kl;
            while (j < end && (b[j] == ' ' || b[j] == '\t'))
                j++;
            if (j >= end || b[j] != '=')
                continue;
            j++;
            while (j < end && (b[j] == ' ' || b[j] == '\t' || b[j] == '"' || b[j] == '\''))
                j++;
            if ((j + 5 <= end && strncasecmp((const char *)b + j, "utf-8", 5) == 0) ||
                (j + 4 <= end && strncasecmp((const char *)b + j, "utf8", 4) == 0))
                return 1;
        }
    return 0;
}

int pl_input_html(const char *name, const unsigned char *b, size_t n, pl_encoding enc,
                  pl_buf *out, pl_omap *map, pl_input_info *info, pl_buf *note, pl_error *err)
{
    pl_input_src *src = calloc(1, sizeof *src);
    if (!src) {
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        return -1;
    }
    info->src = src; /* freed with info */
    /* The source as UTF-8 (legacy pages decoded first, so that the parser
     * and the position lookup see the same characters). */
    pl_buf text = PL_BUF_INIT;
    pl_error e2 = {0};
    pl_encoding used = enc;
    const char *force = "UTF-8";
    int sync = 1;
    if (pl_input_text(name, b, n, enc, &text, &src->map, &used, NULL, NULL, note, &e2) != 0) {
        /* A page that says it is UTF-8 and is not: the error says where
         * (libxml2 would read the whole page as Latin-1 instead, every
         * Vietnamese letter garbled and no word said) */
        if (e2.status != PL_ERR_ENCODING || enc != PL_ENC_AUTO || declares_utf8(b, n)) {
            pl_buf_free(&text);
            if (err) /* NULL: the caller wants no message (planlint.h) */
                *err = e2;
            return -1;
        }
        /* not text planlint can decode: let libxml2 read the <meta> charset */
        pl_buf_clear(&text);
        pl_omap_free(&src->map);
        pl_buf_put(&text, b, n);
        force = NULL;
        sync = 0;
        used = PL_ENC_AUTO;
    }
    info->encoding = used;
    src->text = pl_buf_detach(&text, &src->len);
    if (!src->text || !(src->line_starts = pl_input_line_starts(src->text, src->len, &src->nlines))) {
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        return -1;
    }
    replace_nuls(src, note);
    html_ctx c;
    memset(&c, 0, sizeof c);
    c.name = name;
    c.out = out;
    c.map = map;
    c.info = info;
    info->paragraphs = 1;
    c.src = src->text;
    c.src_len = src->len;
    c.lines = src->line_starts;
    c.nlines = src->nlines;
    c.sync = sync;
    c.budget = PL_HTML_SYNC_BUDGET * (src->len + 1);
    c.at_line_start = 1;
    pl_xml_html_cut cut;
    if (pl_xml_html_walk(name, src->text, src->len, force, on_event, &c, &cut, err) != 0) {
        if (out->failed || map->failed)
            pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        return -1;
    }
    if (cut.stopped) { /* text would be lost: an error, never a shorter plan */
        pl_error_set_line(err, PL_ERR_ENCODING, name, cut.stop_line,
                          "the HTML parser stopped here (%s): the rest of the page is not read",
                          cut.why);
        return -1;
    }
    report_restarts(src, &cut, note);
    /* the page's own content, when it says where that is */
    int rc = 0;
    if (c.nmain > 0 && c.main_b > c.main_a)
        rc = keep_range(out, map, info, c.main_a, c.main_b);
    else if (c.nmain == 0 && c.narticle == 1 && c.art_b > c.art_a)
        rc = keep_range(out, map, info, c.art_a, c.art_b);
    if (rc == 0 && out->len > 0 && out->data[out->len - 1] != '\n')
        put_at(&c, "\n", 1, src->len);
    if (rc != 0 || out->failed || map->failed) {
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        return -1;
    }
    return 0;
}
