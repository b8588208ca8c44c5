/* findings_html.c - `check -f html`: one self-contained page for a run,
 * and the pl_findings_page handle that also carries SARIF
 * (findings_sarif.c).
 *
 * The page, top to bottom:
 *   summary   files, errors, warnings, infos; one line per file
 *   filters   a checkbox per severity: CSS alone hides that severity's
 *             findings, notes and highlights (no script: the page reads
 *             the same in a browser that runs none)
 *   files     per file: the parents compared with, the findings, then
 *             the text, every finding highlighted where it is (<mark>
 *             with the message as its title, a numbered note in the
 *             margin)
 * Everything taken from a document or a message is escaped
 * (pl_html_escape: also invalid UTF-8 and control characters).
 *
 * The text shown is the one positions are counted in: the decoded text
 * of a plain-text input, the source of an HTML input, the paragraphs of a
 * DOCX (parser/read/input.h), so that line L column C of a finding is line L
 * column C on the page.  Each finding carries its span [start, end)
 * (rules/report.h): the highlight covers exactly that, across lines when
 * the words run over several; a span that is a place, not words (a part
 * that is missing), is a marked spot.  No message text is read.
 */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "array.h"
#include "error.h"
#include "findings_page.h"
#include "input.h"
#include "rules.h"
#include "uni.h"

/* Documents longer than this show only the lines around findings
 * (PL_HTML_CONTEXT either side): the page stays small enough for a
 * browser whatever the input. */
#define PL_HTML_FULL_LINES 10000
#define PL_HTML_CONTEXT 2

struct pl_findings_page {
    pl_format fmt;
    pl_lang lang;
    size_t files;
    size_t counts[PL_SEV_NEVER];
    pl_buf body; /* HTML: the file sections; SARIF: the results */
    pl_buf toc;  /* HTML: one summary line per file */
    int first;   /* SARIF: no result written yet */
    pl_buf notes; /* SARIF: the notifications of unreadable inputs */
    size_t unread; /* HTML: inputs that could not be read (a line each in toc) */
};

/* ======================================================================
 * Words of the interface
 * ====================================================================== */

typedef struct words {
    const char *title, *files, *error, *warning, *info, *errors, *warnings, *infos, *show, *parents,
        *text, *lines, *none, *no_text, *excerpt, *no_position, *line_word, *unreadable;
} words;

static const words VI = {
    "Kết quả kiểm tra kế hoạch",
    "tệp",
    "lỗi",
    "cảnh báo",
    "thông tin",
    "lỗi",
    "cảnh báo",
    "thông tin",
    "Hiển thị:",
    "So sánh với",
    "Văn bản",
    "dòng",
    "Không có phát hiện nào.",
    "Không có văn bản để hiển thị.",
    "Văn bản dài: chỉ hiển thị các dòng quanh phát hiện.",
    "Không gắn với vị trí trong văn bản",
    "dòng",
    "không đọc được",
};

static const words EN = {
    "Plan check results",
    "files",
    "error",
    "warning",
    "info",
    "errors",
    "warnings",
    "infos",
    "Show:",
    "Compared with",
    "Text",
    "lines",
    "No findings.",
    "No text to show.",
    "Long text: only the lines around findings are shown.",
    "Not tied to a place in the text",
    "line",
    "could not be read",
};

static const words *words_of(pl_lang lang)
{
    return lang == PL_LANG_EN ? &EN : &VI;
}

static const char *sev_class(pl_severity s)
{
    switch (s) {
    case PL_SEV_ERROR: return "sev-error";
    case PL_SEV_WARNING: return "sev-warning";
    default: return "sev-info";
    }
}

static const char *sev_word(pl_severity s, pl_lang lang)
{
    const words *w = words_of(lang);
    switch (s) {
    case PL_SEV_ERROR: return w->error;
    case PL_SEV_WARNING: return w->warning;
    default: return w->info;
    }
}

static const char STYLE[] =
    ":root{--error:#cf222e;--warning:#bf8700;--info:#0969da;--ink:#1f2328;--muted:#59636e;"
    "--line:#d1d9e0;--bg:#f6f8fa}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',"
    "'DejaVu Sans','Liberation Sans',Arial,sans-serif;color:var(--ink)}\n"
    "header.top{padding:20px 32px 14px;border-bottom:1px solid var(--line);background:var(--bg)}\n"
    "h1{font-size:22px;margin:0 0 10px}h2{font-size:17px;margin:0;word-break:break-all}\n"
    ".cards{display:flex;gap:12px;flex-wrap:wrap}\n"
    ".card{min-width:110px;padding:8px 14px;border:1px solid var(--line);border-radius:6px;"
    "background:#fff}\n"
    ".card b{display:block;font-size:24px;line-height:1.2}\n"
    ".card.sev-error b{color:var(--error)}.card.sev-warning b{color:var(--warning)}"
    ".card.sev-info b{color:var(--info)}\n"
    "table.toc{border-collapse:collapse;margin-top:12px;font-size:13px}\n"
    ".badge.zero{background:#d0d7de!important;color:#59636e}\n"
    "table.toc td{padding:2px 12px 2px 0}table.toc td.n{text-align:right;"
    "font-variant-numeric:tabular-nums}\n"
    "table.toc tr.unread td{color:var(--error)}\n"
    "main{padding:0 32px 40px}\n"
    "input.flt{position:absolute;opacity:0;pointer-events:none}\n"
    ".filters{position:sticky;top:0;z-index:2;background:#fff;padding:10px 0;"
    "border-bottom:1px solid var(--line);font-size:14px}\n"
    ".filters label{display:inline-block;margin-left:8px;padding:2px 10px;border-radius:12px;"
    "border:1px solid var(--line);cursor:pointer;user-select:none;opacity:.45}\n"
    ".filters label::before{content:'☐ '}\n"
    "#show-error:checked~main label[for=show-error],#show-warning:checked~main "
    "label[for=show-warning],#show-info:checked~main label[for=show-info]{opacity:1}\n"
    "#show-error:checked~main label[for=show-error]::before,#show-warning:checked~main "
    "label[for=show-warning]::before,#show-info:checked~main label[for=show-info]::before"
    "{content:'☑ '}\n"
    "#show-error:not(:checked)~main .sev-error.finding,#show-error:not(:checked)~main "
    ".note.sev-error,#show-error:not(:checked)~main sup.sev-error,"
    "#show-warning:not(:checked)~main .sev-warning.finding,#show-warning:not(:checked)~main "
    ".note.sev-warning,#show-warning:not(:checked)~main sup.sev-warning,"
    "#show-info:not(:checked)~main .sev-info.finding,#show-info:not(:checked)~main "
    ".note.sev-info,#show-info:not(:checked)~main sup.sev-info{display:none}\n"
    "#show-error:not(:checked)~main mark.sev-error,#show-warning:not(:checked)~main "
    "mark.sev-warning,#show-info:not(:checked)~main mark.sev-info{background:none;"
    "border-bottom-color:transparent}\n"
    "section.file{margin-top:26px;border:1px solid var(--line);border-radius:6px}\n"
    "section.file>.fh{padding:10px 16px;background:var(--bg);border-bottom:1px solid var(--line)}\n"
    ".meta{color:var(--muted);font-size:13px;margin:2px 0 0}\n"
    "ol.findings{margin:0;padding:8px 16px 8px 16px;list-style:none;font-size:14px}\n"
    "ol.findings li{padding:3px 0;display:grid;grid-template-columns:4.5em 6.5em 1fr;gap:8px}\n"
    "ol.findings a{color:var(--muted);font-variant-numeric:tabular-nums;text-decoration:none}\n"
    ".badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;color:#fff;"
    "height:fit-content;text-align:center}\n"
    ".sev-error .badge,.badge.sev-error{background:var(--error)}"
    ".sev-warning .badge,.badge.sev-warning{background:var(--warning)}"
    ".sev-info .badge,.badge.sev-info{background:var(--info)}\n"
    "code{font:12px ui-monospace,'DejaVu Sans Mono',monospace;color:var(--muted)}\n"
    "details{border-top:1px solid var(--line)}summary{padding:8px 16px;cursor:pointer;"
    "font-weight:600}\n"
    /* proportional: the monospace fonts at hand lack precomposed Vietnamese
     * letters (ề, ổ) and fall back to loose combining marks */
    ".doc{font:14px/1.6 system-ui,'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',Arial,sans-serif;"
    "padding:4px 0 12px}\n"
    ".l{display:grid;grid-template-columns:4.2em minmax(0,1fr) minmax(14em,30%)}\n"
    ".l.hit{background:#fffbe6}\n"
    ".ln{color:#8c959f;text-align:right;padding-right:10px;user-select:none;"
    "font:12px/1.95 ui-monospace,'DejaVu Sans Mono',monospace}\n"
    ".tx{white-space:pre-wrap;overflow-wrap:anywhere;padding-right:12px}\n"
    ".nt{font:12px/1.4 system-ui,'DejaVu Sans',sans-serif;border-left:1px solid var(--line);"
    "padding:0 10px}\n"
    ".gap{color:var(--muted);padding-left:4.2em}\n"
    "mark{border-radius:2px;padding:0 1px;border-bottom:2px solid}\n"
    "mark.sev-error{background:#ffd7d5;border-bottom-color:var(--error)}\n"
    "mark.sev-warning{background:#fff1b8;border-bottom-color:var(--warning)}\n"
    "mark.sev-info{background:#ddeeff;border-bottom-color:var(--info)}\n"
    "sup a{text-decoration:none;font:700 10px system-ui,sans-serif}\n"
    "sup.sev-error a{color:var(--error)}sup.sev-warning a{color:var(--warning)}"
    "sup.sev-info a{color:var(--info)}\n"
    ".note{margin:0 0 4px}.note b{margin-right:4px}\n"
    ".note.sev-error b{color:var(--error)}.note.sev-warning b{color:var(--warning)}"
    ".note.sev-info b{color:var(--info)}\n"
    "p.none{padding:8px 16px;margin:0;color:var(--muted)}\n"
    ".where{color:var(--muted);font-size:13px}\n"
    "footer{color:var(--muted);font-size:12px;padding:0 32px 24px}\n";

/* ======================================================================
 * The text shown and where findings are in it
 * ====================================================================== */

typedef struct shown {
    const char *text;
    size_t len;
    const size_t *starts;
    size_t nlines;
} shown;

static shown shown_text(const pl_doc *doc)
{
    const pl_text *t = &doc->text;
    if (t->input && t->input->src)
        return (shown){t->input->src->text, t->input->src->len, t->input->src->line_starts,
                       t->input->src->nlines};
    return (shown){t->utf8, t->utf8_len, t->line_starts, t->nlines};
}

/* Line L (1-based) without its line end: [*a, *b). */
static void line_range(const shown *s, size_t L, size_t *a, size_t *b)
{
    *a = s->starts[L - 1];
    *b = L < s->nlines ? s->starts[L] : s->len;
    if (*b > *a && s->text[*b - 1] == '\n')
        (*b)--;
    if (*b > *a && s->text[*b - 1] == '\r')
        (*b)--;
}

/* Byte offset of code point `n` (0-based) of [a, b), or b. */
static size_t advance(const shown *s, size_t a, size_t b, size_t n)
{
    while (a < b && n > 0) {
        int32_t cp;
        int k = pl_utf8_next(s->text, b, a, &cp);
        a += k > 0 ? (size_t)k : 1;
        n--;
    }
    return a;
}

/* Byte offset in the shown text of position p, or SIZE_MAX when its line
 * is not in the text (a finding tied to no place). */
static size_t offset_of(const shown *s, pl_pos p)
{
    if (p.line == 0 || p.line > s->nlines)
        return SIZE_MAX;
    size_t a, b;
    line_range(s, p.line, &a, &b);
    return advance(s, a, b, p.col ? p.col - 1 : 0);
}

/* The finding's span [*from, *to) in the shown text, clipped to line L
 * [a, b); 0 when it does not touch the line.  A span that ends where it
 * starts (a place, not words) is an empty highlight at its start. */
static int span_on_line(const shown *s, const pl_finding *f, size_t L, size_t a, size_t b,
                        size_t *from, size_t *to)
{
    pl_pos st = f->span.start, en = f->span.end;
    if (st.line > L || (en.line < L && st.line != L))
        return 0;
    size_t x = st.line == L ? offset_of(s, st) : a;
    size_t y = en.line == L ? offset_of(s, en) : en.line > L ? b : x;
    if (x == SIZE_MAX)
        return 0;
    if (y == SIZE_MAX || y < x)
        y = x;
    *from = x < b ? x : b;
    *to = y < b ? y : b;
    return 1;
}

/* ======================================================================
 * One line of text with its highlights
 * ====================================================================== */

typedef struct hl {
    size_t from, to;
    size_t first, n; /* findings first..first+n-1 (numbers first+1..) */
    pl_severity sev; /* the highest */
    int cont;        /* the rest of a span begun on an earlier line: no number */
} hl;

/* Highlights inside one another nest (<mark> in <mark>: a heading marked
 * whole, a repeated word in it); one that starts inside another and ends
 * past it is cut at the other's end.  Nesting deeper than this is cut
 * flat: a line with that many overlapping findings is rare and still
 * lists every one in the margin. */
#define PL_HTML_MAX_NEST 8

static void mark_title(pl_buf *b, const pl_report *r, size_t i, pl_lang lang)
{
    const pl_finding *f = &r->items[i];
    pl_buf_printf(b, "[%zu] %s: ", i + 1, sev_word(f->severity, lang));
    pl_html_escape_str(b, f->message[r->lang == PL_LANG_EN]);
    pl_buf_printf(b, " (%s)", f->rule);
}

static void open_mark(pl_buf *b, const hl *h, const pl_report *r, pl_lang lang)
{
    pl_buf_printf(b, "<mark class=\"%s\" title=\"", sev_class(h->sev));
    for (size_t i = h->first; i < h->first + h->n; i++) {
        if (i > h->first)
            pl_buf_puts(b, "&#10;");
        mark_title(b, r, i, lang);
    }
    pl_buf_puts(b, "\">");
    if (h->to == h->from)
        pl_buf_puts(b, "\xC2\xA0"); /* nothing to cover: a visible spot */
}

static void close_mark(pl_buf *b, const hl *h, const pl_report *r, size_t file)
{
    pl_buf_puts(b, "</mark>");
    for (size_t i = h->first; !h->cont && i < h->first + h->n; i++)
        pl_buf_printf(b, "<sup class=\"%s\"><a href=\"#f%zu-n%zu\">%zu</a></sup>",
                      sev_class(r->items[i].severity), file, i + 1, i + 1);
}

static void emit_notes(pl_buf *b, const pl_report *r, size_t first, size_t n, size_t file,
                       pl_lang lang)
{
    for (size_t i = first; i < first + n; i++) {
        const pl_finding *f = &r->items[i];
        pl_buf_printf(b, "<p class=\"note %s\" id=\"f%zu-n%zu\"><b>%zu</b>", sev_class(f->severity),
                      file, i + 1, i + 1);
        pl_buf_printf(b, "<span class=\"badge %s\">%s</span> ", sev_class(f->severity),
                      sev_word(f->severity, lang));
        pl_html_escape_str(b, f->message[r->lang == PL_LANG_EN]);
        pl_buf_printf(b, " <code>%s</code></p>", f->rule);
    }
}

/* Outer highlights first: by start, the longer of two at one start
 * first, so that the shorter nests inside it. */
static int by_start(const void *x, const void *y)
{
    const hl *p = x, *q = y;
    if (p->from != q->from)
        return p->from < q->from ? -1 : 1;
    if (p->to != q->to)
        return p->to > q->to ? -1 : 1;
    return p->first < q->first ? -1 : p->first > q->first;
}

/* The highlights of line L [a, e): the spans of the findings that
 * continue onto it (cont[0..ncont)) and of those that start on it
 * (first..first+n-1), those covering the same text merged into one. */
static size_t spans(const shown *s, const pl_report *r, const size_t *cont, size_t ncont,
                    size_t first, size_t n, size_t L, size_t a, size_t e, hl *out)
{
    size_t nh = 0;
    for (size_t k = 0; k < ncont; k++) {
        size_t from, to;
        if (span_on_line(s, &r->items[cont[k]], L, a, e, &from, &to) && to > from)
            out[nh++] = (hl){from, to, cont[k], 1, r->items[cont[k]].severity, 1};
    }
    for (size_t i = first; i < first + n; i++) {
        size_t from = a, to = a;
        span_on_line(s, &r->items[i], L, a, e, &from, &to);
        hl *last = nh ? &out[nh - 1] : NULL;
        if (last && !last->cont && last->from == from && last->to == to &&
            last->first + last->n == i) {
            last->n++;
            if (r->items[i].severity > last->sev)
                last->sev = r->items[i].severity;
            continue;
        }
        out[nh++] = (hl){from, to, i, 1, r->items[i].severity, 0};
    }
    qsort(out, nh, sizeof *out, by_start);
    return nh;
}

/* The text of [a, e) with the highlights h[0..nh) (sorted by start),
 * nested with an explicit stack. */
static void emit_highlighted(pl_buf *b, const shown *s, size_t a, size_t e, hl *h, size_t nh,
                             const pl_report *r, size_t file, pl_lang lang)
{
    hl *stack[PL_HTML_MAX_NEST];
    size_t depth = 0, at = a;
    for (size_t k = 0; k <= nh; k++) {
        size_t next = k < nh ? h[k].from : e;
        while (depth > 0 && stack[depth - 1]->to <= next) { /* close what ends first */
            hl *top = stack[--depth];
            pl_html_escape(b, s->text + at, top->to > at ? top->to - at : 0);
            at = top->to > at ? top->to : at;
            close_mark(b, top, r, file);
        }
        if (k == nh)
            break;
        pl_html_escape(b, s->text + at, next - at);
        at = next;
        if (depth > 0 && h[k].to > stack[depth - 1]->to)
            h[k].to = stack[depth - 1]->to; /* cut at the enclosing end */
        if (depth == PL_HTML_MAX_NEST) {
            open_mark(b, &h[k], r, lang);
            close_mark(b, &h[k], r, file);
            continue;
        }
        open_mark(b, &h[k], r, lang);
        stack[depth++] = &h[k];
    }
    pl_html_escape(b, s->text + at, e - at);
}

static void emit_line(pl_buf *b, const shown *s, size_t L, const pl_report *r,
                      const size_t *cont, size_t ncont, size_t first, size_t n, size_t file,
                      pl_lang lang)
{
    size_t a, e;
    line_range(s, L, &a, &e);
    pl_buf_printf(b,
                  "<div class=\"l%s\" id=\"f%zu-L%zu\"><span class=\"ln\">%zu</span>"
                  "<span class=\"tx\">",
                  n || ncont ? " hit" : "", file, L, L);
    hl *h = n + ncont ? malloc((n + ncont) * sizeof *h) : NULL;
    if (n + ncont && !h)
        b->failed = 1;
    size_t nh = h ? spans(s, r, cont, ncont, first, n, L, a, e, h) : 0;
    emit_highlighted(b, s, a, e, h, nh, r, file, lang);
    pl_buf_puts(b, "</span><span class=\"nt\">");
    emit_notes(b, r, first, n, file, lang);
    pl_buf_puts(b, "</span></div>\n");
    free(h);
}

/* Findings whose span runs past the line they start on, still open at
 * line L: the list is updated line by line (spans are a few lines at
 * most, so it stays short). */
typedef struct open_spans {
    size_t *v;
    size_t n, cap;
} open_spans;

static void open_spans_step(open_spans *o, const pl_report *r, size_t L, size_t first,
                            size_t n, pl_buf *b)
{
    size_t k = 0;
    for (size_t j = 0; j < o->n; j++) /* drop those that ended */
        if (r->items[o->v[j]].span.end.line > L)
            o->v[k++] = o->v[j];
    o->n = k;
    for (size_t i = first; i < first + n; i++) {
        if (r->items[i].span.end.line <= L)
            continue;
        if (PL_ARRAY_RESERVE(o->v, o->cap, o->n + 1) != 0) {
            b->failed = 1;
            return;
        }
        o->v[o->n++] = i;
    }
}

/* ======================================================================
 * One file
 * ====================================================================== */

/* Index of the first finding at or after line L (findings are sorted). */
static size_t findings_from(const pl_report *r, size_t i, size_t L)
{
    while (i < r->n && r->items[i].pos.line < L)
        i++;
    return i;
}

/* Whether line L is shown: all of them in a short text, else those near
 * a finding. */
static int line_shown(const pl_report *r, const shown *s, size_t L, size_t *cursor)
{
    if (s->nlines <= PL_HTML_FULL_LINES)
        return 1;
    size_t i = *cursor;
    while (i < r->n && r->items[i].pos.line + PL_HTML_CONTEXT < L)
        i++;
    *cursor = i;
    return i < r->n && r->items[i].pos.line <= L + PL_HTML_CONTEXT;
}

static void document_text(pl_buf *b, const pl_doc *doc, const pl_report *r, size_t file,
                          pl_lang lang)
{
    const words *w = words_of(lang);
    shown s = shown_text(doc);
    /* a clean document's text is folded away: nothing to look at there */
    pl_buf_printf(b, "<details%s><summary>%s (%zu %s)</summary>\n", r->n ? " open" : "", w->text,
                  s.nlines, w->lines);
    if (s.nlines > PL_HTML_FULL_LINES)
        pl_buf_printf(b, "<p class=\"none\">%s</p>\n", w->excerpt);
    pl_buf_puts(b, "<div class=\"doc\">\n");
    size_t i = 0, cursor = 0;
    int gap = 0;
    open_spans cont = {NULL, 0, 0};
    for (size_t L = 1; L <= s.nlines; L++) {
        i = findings_from(r, i, L);
        size_t n = 0;
        while (i + n < r->n && r->items[i + n].pos.line == L)
            n++;
        if (!line_shown(r, &s, L, &cursor)) {
            if (!gap)
                pl_buf_puts(b, "<div class=\"gap\">⋯</div>\n");
            gap = 1;
        } else {
            gap = 0;
            emit_line(b, &s, L, r, cont.v, cont.n, i, n, file, lang);
        }
        open_spans_step(&cont, r, L, i, n, b);
    }
    free(cont.v);
    pl_buf_puts(b, "</div></details>\n");
}

static void finding_item(pl_buf *b, const pl_report *r, size_t i, size_t file, pl_lang lang)
{
    const pl_finding *f = &r->items[i];
    pl_buf_printf(b, "<li class=\"finding %s\"><a href=\"#f%zu-n%zu\">%lu:%lu</a>",
                  sev_class(f->severity), file, i + 1, (unsigned long)f->pos.line,
                  (unsigned long)f->pos.col);
    pl_buf_printf(b, "<span><span class=\"badge\">%s</span></span><span>",
                  sev_word(f->severity, lang));
    pl_html_escape_str(b, f->message[r->lang == PL_LANG_EN]);
    pl_buf_printf(b, " <code>%s</code>", f->rule);
    if (f->where) { /* a DOCX: the paragraph as Word shows it, not its number */
        pl_buf_puts(b, "<br><span class=\"where\">¶ “");
        pl_html_escape_str(b, f->where);
        pl_buf_puts(b, "”</span>");
    }
    pl_buf_puts(b, "</span></li>\n");
}

static void counts_text(pl_buf *b, const size_t *counts, pl_lang lang)
{
    const words *w = words_of(lang);
    pl_buf_printf(b, "%zu %s, %zu %s, %zu %s", counts[PL_SEV_ERROR], w->errors,
                  counts[PL_SEV_WARNING], w->warnings, counts[PL_SEV_INFO], w->infos);
}

static void file_head(pl_buf *b, const pl_report *r, size_t file, pl_lang lang)
{
    const words *w = words_of(lang);
    pl_buf_printf(b, "<section class=\"file\" id=\"f%zu\">\n<div class=\"fh\"><h2>", file);
    pl_html_escape_str(b, r->source);
    pl_buf_puts(b, "</h2><p class=\"meta\">");
    counts_text(b, r->counts, lang);
    if (r->nparents) {
        pl_buf_printf(b, " · %s: ", w->parents);
        for (size_t i = 0; i < r->nparents; i++) {
            if (i)
                pl_buf_puts(b, "; ");
            pl_html_escape_str(b, r->parents[i]);
        }
    }
    pl_buf_puts(b, "</p></div>\n");
}

/* Findings whose line is not in the text (0, or past its end) are listed
 * but have no place to be highlighted. */
static void file_section(pl_buf *b, const pl_report *r, const pl_doc *doc, size_t file,
                         pl_lang lang)
{
    const words *w = words_of(lang);
    file_head(b, r, file, lang);
    if (r->n == 0)
        pl_buf_printf(b, "<p class=\"none\">%s</p>\n", w->none);
    else
        pl_buf_puts(b, "<ol class=\"findings\">\n");
    for (size_t i = 0; i < r->n; i++)
        finding_item(b, r, i, file, lang);
    if (r->n)
        pl_buf_puts(b, "</ol>\n");
    if (doc)
        document_text(b, doc, r, file, lang);
    else
        pl_buf_printf(b, "<p class=\"none\">%s</p>\n", w->no_text);
    pl_buf_puts(b, "</section>\n");
}

static void toc_line(pl_buf *b, const pl_report *r, size_t file, pl_lang lang)
{
    pl_buf_printf(b, "<tr><td><a href=\"#f%zu\">", file);
    pl_html_escape_str(b, r->source);
    pl_buf_puts(b, "</a></td>");
    static const pl_severity sev[] = {PL_SEV_ERROR, PL_SEV_WARNING, PL_SEV_INFO};
    for (size_t i = 0; i < 3; i++)
        pl_buf_printf(b, "<td class=\"n\"><span class=\"badge %s%s\">%zu</span></td>",
                      sev_class(sev[i]), r->counts[sev[i]] ? "" : " zero", r->counts[sev[i]]);
    pl_buf_puts(b, "</tr>\n");
}

/* ======================================================================
 * The page
 * ====================================================================== */

static void page_head(pl_buf *b, pl_lang lang)
{
    pl_buf_printf(
        b,
        "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"planlint %s\">\n<title>%s — planlint</title>\n"
        "<style>\n%s</style>\n</head>\n<body>\n",
        lang == PL_LANG_EN ? "en" : "vi", PL_VERSION, words_of(lang)->title, STYLE);
}

static void summary(pl_buf *b, const pl_findings_page *pg)
{
    const words *w = words_of(pg->lang);
    pl_buf_printf(b,
                  "<header class=\"top\">\n<h1>%s</h1>\n<div class=\"cards\">"
                  "<div class=\"card\"><b>%zu</b>%s</div>"
                  "<div class=\"card sev-error\"><b>%zu</b>%s</div>"
                  "<div class=\"card sev-warning\"><b>%zu</b>%s</div>"
                  "<div class=\"card sev-info\"><b>%zu</b>%s</div>",
                  w->title, pg->files, w->files, pg->counts[PL_SEV_ERROR], w->errors,
                  pg->counts[PL_SEV_WARNING], w->warnings, pg->counts[PL_SEV_INFO], w->infos);
    if (pg->unread) /* the run did not read everything: said beside the counts */
        pl_buf_printf(b, "<div class=\"card sev-error unread\"><b>%zu</b>%s</div>", pg->unread,
                      w->unreadable);
    pl_buf_puts(b, "</div>\n");
    if (pg->toc.len) {
        pl_buf_puts(b, "<table class=\"toc\">\n");
        pl_buf_put(b, pg->toc.data, pg->toc.len);
        pl_buf_puts(b, "</table>\n");
    }
    pl_buf_puts(b, "</header>\n");
}

/* The checkboxes come first: CSS can only look at later siblings. */
static void filters(pl_buf *b, const pl_findings_page *pg)
{
    static const pl_severity sev[] = {PL_SEV_ERROR, PL_SEV_WARNING, PL_SEV_INFO};
    static const char *const id[] = {"show-error", "show-warning", "show-info"};
    for (size_t i = 0; i < 3; i++)
        pl_buf_printf(b, "<input type=\"checkbox\" class=\"flt\" id=\"%s\" checked>\n", id[i]);
    summary(b, pg);
    pl_buf_printf(b, "<main>\n<div class=\"filters\">%s", words_of(pg->lang)->show);
    for (size_t i = 0; i < 3; i++)
        pl_buf_printf(b, "<label for=\"%s\" class=\"%s\">%s (%zu)</label>", id[i],
                      sev_class(sev[i]), sev_word(sev[i], pg->lang), pg->counts[sev[i]]);
    pl_buf_puts(b, "</div>\n");
}

static int html_write(const pl_findings_page *pg, pl_buf *b)
{
    page_head(b, pg->lang);
    filters(b, pg);
    pl_buf_put(b, pg->body.data ? pg->body.data : "", pg->body.len);
    pl_buf_printf(b, "</main>\n<footer>planlint %s</footer>\n</body>\n</html>\n", PL_VERSION);
    return 0;
}

/* ======================================================================
 * The handle
 * ====================================================================== */

pl_findings_page *pl_findings_page_new(pl_format fmt, pl_lang lang)
{
    if (fmt != PL_FMT_HTML && fmt != PL_FMT_SARIF && fmt != PL_FMT_DOCX)
        return NULL;
    pl_findings_page *pg = calloc(1, sizeof *pg);
    if (!pg)
        return NULL;
    pg->fmt = fmt;
    pg->lang = lang;
    pg->first = 1;
    return pg;
}

int pl_findings_page_add(pl_findings_page *pg, const pl_report *r, const pl_doc *doc)
{
    PL_ASSERT_ARG_NOERR(pg, -1);
    PL_ASSERT_ARG_NOERR(r, -1);
    if (pg->fmt == PL_FMT_DOCX) { /* one document: the input's */
        pl_error err = {0};
        return pg->files++ == 0 && doc ? pl_render_docx(&pg->body, r, doc, &err) : -1;
    }
    pg->files++;
    for (int s = 0; s < PL_SEV_NEVER; s++)
        pg->counts[s] += r->counts[s];
    if (pg->fmt == PL_FMT_SARIF) {
        pl_render_sarif_results(&pg->body, r, &pg->first);
    } else {
        toc_line(&pg->toc, r, pg->files, pg->lang);
        file_section(&pg->body, r, doc, pg->files, pg->lang);
    }
    return pg->body.failed || pg->toc.failed ? -1 : 0;
}

int pl_findings_page_add_error(pl_findings_page *pg, const char *source, const char *message)
{
    PL_ASSERT_ARG_NOERR(pg, -1);
    PL_ASSERT_ARG_NOERR(source, -1);
    PL_ASSERT_ARG_NOERR(message, -1);
    if (pg->fmt == PL_FMT_HTML) { /* a line of the summary, in input order */
        pg->unread++;
        pl_buf_puts(&pg->toc, "<tr class=\"unread\"><td>");
        pl_html_escape_str(&pg->toc, source);
        pl_buf_printf(&pg->toc, "</td><td colspan=\"3\">%s: ", words_of(pg->lang)->unreadable);
        pl_html_escape_str(&pg->toc, message);
        pl_buf_puts(&pg->toc, "</td></tr>\n");
        return pg->toc.failed ? -1 : 0;
    }
    if (pg->fmt != PL_FMT_SARIF)
        return 0;
    pl_render_sarif_notification(&pg->notes, source, message);
    return pg->notes.failed ? -1 : 0;
}

int pl_findings_page_write(pl_findings_page *pg, FILE *out)
{
    PL_ASSERT_ARG_NOERR(pg, -1);
    PL_ASSERT_ARG_NOERR(out, -1);
    pl_buf b = PL_BUF_INIT;
    int rc = pg->fmt == PL_FMT_SARIF ? pl_render_sarif_log(&b, &pg->body, &pg->notes, pg->lang)
             : pg->fmt == PL_FMT_DOCX ? (pg->files == 1 ? 0 : -1)
                                      : html_write(pg, &b);
    if (pg->fmt == PL_FMT_DOCX) { /* the bytes are ready */
        pl_buf_free(&b);
        b = pg->body;
        pg->body = (pl_buf)PL_BUF_INIT;
    }
    if (rc == 0 && !b.failed) {
        size_t len = b.len;
        rc = fwrite(b.data ? b.data : "", 1, len, out) == len ? 0 : -1;
    } else {
        rc = -1;
    }
    pl_buf_free(&b);
    return fflush(out) == 0 ? rc : -1;
}

void pl_findings_page_free(pl_findings_page *pg)
{
    if (!pg)
        return;
    pl_buf_free(&pg->body);
    pl_buf_free(&pg->toc);
    pl_buf_free(&pg->notes);
    free(pg);
}
