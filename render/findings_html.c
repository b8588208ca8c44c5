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
 * column C on the page.  A finding holds a position, not a span; the
 * highlight is found from the document, first that applies:
 *   a target at the position      its clause up to the '%'
 *   a citation at the position    the citation
 *   a quoted "…" in the message that the text at the position starts
 *   with                          that text (a repeated word, an
 *                                 off-topic phrase)
 *   blanks at the position        the blanks (a draft placeholder)
 *   the line's first character    the line (a heading a structural
 *                                 finding points at)
 *   else                          the word at the position
 */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "findings_page.h"
#include "input.h"
#include "rules.h"
#include "uni.h"

/* Documents longer than this show only the lines around findings
 * (PL_HTML_CONTEXT either side): the page stays small enough for a
 * browser whatever the input. */
#define PL_HTML_FULL_LINES 10000
#define PL_HTML_CONTEXT 2
/* A highlight never runs past this many code points (a runaway clause). */
#define PL_HTML_MARK_MAX 200

struct pl_findings_page {
    pl_format fmt;
    pl_lang lang;
    size_t files;
    size_t counts[PL_SEV_NEVER];
    pl_buf body; /* HTML: the file sections; SARIF: the results */
    pl_buf toc;  /* HTML: one summary line per file */
    int first;   /* SARIF: no result written yet */
};

/* ======================================================================
 * Words of the interface
 * ====================================================================== */

typedef struct words {
    const char *title, *files, *error, *warning, *info, *errors, *warnings, *infos, *show, *parents,
        *text, *lines, *none, *no_text, *excerpt, *no_position, *line_word;
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

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* End of the word at i: non-blank characters, then trailing punctuation
 * given back (a word before a comma), never below one character. */
static size_t word_end(const shown *s, size_t i, size_t b)
{
    size_t e = i;
    while (e < b && !is_blank(s->text[e]))
        e++;
    while (e > i + 1 && strchr(",.;:)!?\"", s->text[e - 1]))
        e--;
    return e;
}

static const pl_target *target_at(const pl_doc *doc, const pl_finding *f)
{
    for (size_t i = 0; i < doc->ntargets; i++)
        if (doc->targets[i].pos.line == f->pos.line && doc->targets[i].pos.col == f->pos.col)
            return &doc->targets[i];
    return NULL;
}

static const pl_citation *citation_at(const pl_doc *doc, const pl_finding *f)
{
    for (size_t i = 0; i < doc->ncitations; i++)
        if (doc->citations[i].pos.line == f->pos.line && doc->citations[i].pos.col == f->pos.col)
            return &doc->citations[i];
    return NULL;
}

/* A clause wrapped over more lines than this is not followed. */
#define PL_HTML_WRAP_LINES 3

/* End (exclusive) of the character at flat offset `off`, as a byte offset
 * on line L of the shown text; the end of line L when the character is on
 * one of the next lines (a wrapped clause: highlights stay on one line);
 * 0 when it is elsewhere. */
static size_t flat_char_end(const pl_doc *doc, const shown *s, size_t L, size_t off)
{
    pl_pos p = pl_text_pos_flat(&doc->text, off);
    size_t a, b;
    line_range(s, L, &a, &b);
    if (p.line > L && p.line <= L + PL_HTML_WRAP_LINES)
        return b;
    if (p.line != L || p.col == 0)
        return 0;
    return advance(s, a, b, p.col); /* past the character at column p.col */
}

static size_t structured_end(const pl_doc *doc, const shown *s, const pl_finding *f)
{
    const pl_target *t = target_at(doc, f);
    if (t) {
        size_t pct = pl_target_percent(doc, t);
        return pct < doc->text.flat_len ? flat_char_end(doc, s, f->pos.line, pct) : 0;
    }
    const pl_citation *c = citation_at(doc, f);
    if (c && c->flat_end > c->flat_start)
        return flat_char_end(doc, s, f->pos.line, c->flat_end - 1);
    return 0;
}

/* End of the last "…" quoted in a message when the text at i starts
 * with it, else 0. */
static size_t quote_end(const shown *s, size_t i, size_t b, const char *msg)
{
    const char *q2 = msg ? strrchr(msg, '"') : NULL, *q1 = NULL;
    for (const char *p = msg; p && p < q2; p++)
        if (*p == '"')
            q1 = p;
    if (!q1 || q2 - q1 < 2)
        return 0;
    size_t n = (size_t)(q2 - q1 - 1);
    return n <= b - i && memcmp(s->text + i, q1 + 1, n) == 0 ? i + n : 0;
}

static size_t first_nonblank(const shown *s, size_t a, size_t b)
{
    while (a < b && is_blank(s->text[a]))
        a++;
    return a;
}

static size_t heuristic_end(const pl_doc *doc, const shown *s, const pl_finding *f, size_t a,
                            size_t i, size_t b)
{
    size_t e = structured_end(doc, s, f);
    if (e <= i)
        e = quote_end(s, i, b, f->message[0]);
    if (e <= i)
        e = quote_end(s, i, b, f->message[1]);
    if (e > i)
        return e;
    if (is_blank(s->text[i])) {
        for (e = i; e < b && is_blank(s->text[e]); e++)
            ;
        return e;
    }
    return i == first_nonblank(s, a, b) ? b : word_end(s, i, b);
}

/* The highlighted bytes [*from, *to) of finding f on its line [a, b). */
static void span_of(const pl_doc *doc, const shown *s, const pl_finding *f, size_t a, size_t b,
                    size_t *from, size_t *to)
{
    size_t i = advance(s, a, b, f->pos.col ? f->pos.col - 1 : 0);
    *from = i;
    if (i >= b) {
        *to = i;
        return;
    }
    size_t e = heuristic_end(doc, s, f, a, i, b), cap = advance(s, i, b, PL_HTML_MARK_MAX);
    *to = e < cap ? e : cap;
}

/* ======================================================================
 * One line of text with its highlights
 * ====================================================================== */

typedef struct hl {
    size_t from, to;
    size_t first, n; /* findings first..first+n-1 (numbers first+1..) */
    pl_severity sev; /* the highest */
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
    for (size_t i = h->first; i < h->first + h->n; i++)
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

/* Findings first..first+n-1 are on line L: their spans in order of start
 * (findings are sorted by column, spans start at their column), those
 * covering the same text merged into one highlight. */
static size_t spans(const pl_doc *doc, const shown *s, const pl_report *r, size_t first, size_t n,
                    size_t a, size_t b, hl *out)
{
    size_t nh = 0;
    for (size_t i = first; i < first + n; i++) {
        size_t from, to;
        span_of(doc, s, &r->items[i], a, b, &from, &to);
        hl *last = nh ? &out[nh - 1] : NULL;
        if (last && last->from == from && last->to == to) {
            last->n++;
            if (r->items[i].severity > last->sev)
                last->sev = r->items[i].severity;
            continue;
        }
        out[nh++] = (hl){from, to, i, 1, r->items[i].severity};
    }
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

static void emit_line(pl_buf *b, const pl_doc *doc, const shown *s, size_t L, const pl_report *r,
                      size_t first, size_t n, size_t file, pl_lang lang)
{
    size_t a, e;
    line_range(s, L, &a, &e);
    pl_buf_printf(b,
                  "<div class=\"l%s\" id=\"f%zu-L%zu\"><span class=\"ln\">%zu</span>"
                  "<span class=\"tx\">",
                  n ? " hit" : "", file, L, L);
    hl *h = n ? malloc(n * sizeof *h) : NULL;
    if (n && !h)
        b->failed = 1;
    size_t nh = h ? spans(doc, s, r, first, n, a, e, h) : 0;
    emit_highlighted(b, s, a, e, h, nh, r, file, lang);
    pl_buf_puts(b, "</span><span class=\"nt\">");
    emit_notes(b, r, first, n, file, lang);
    pl_buf_puts(b, "</span></div>\n");
    free(h);
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
    for (size_t L = 1; L <= s.nlines; L++) {
        i = findings_from(r, i, L);
        size_t n = 0;
        while (i + n < r->n && r->items[i + n].pos.line == L)
            n++;
        if (!line_shown(r, &s, L, &cursor)) {
            if (!gap)
                pl_buf_puts(b, "<div class=\"gap\">⋯</div>\n");
            gap = 1;
            continue;
        }
        gap = 0;
        emit_line(b, doc, &s, L, r, i, n, file, lang);
    }
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
    pl_buf_printf(b, " <code>%s</code></span></li>\n", f->rule);
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
                  "<div class=\"card sev-info\"><b>%zu</b>%s</div></div>\n",
                  w->title, pg->files, w->files, pg->counts[PL_SEV_ERROR], w->errors,
                  pg->counts[PL_SEV_WARNING], w->warnings, pg->counts[PL_SEV_INFO], w->infos);
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
    if (fmt != PL_FMT_HTML && fmt != PL_FMT_SARIF)
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

int pl_findings_page_write(pl_findings_page *pg, FILE *out)
{
    pl_buf b = PL_BUF_INIT;
    int rc =
        pg->fmt == PL_FMT_SARIF ? pl_render_sarif_log(&b, &pg->body, pg->lang) : html_write(pg, &b);
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
    free(pg);
}
