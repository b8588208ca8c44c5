/* findings_docx.c - `check -f docx`: the findings back in Word, one
 * comment per finding (author "planlint": severity, message, rule id),
 * anchored on the finding's span.
 *
 *   a DOCX input   the same archive: word/document.xml gets only the
 *                  comment anchors (commentRangeStart before the run
 *                  where the span starts, commentRangeEnd and the run
 *                  holding the commentReference after the run where it
 *                  ends); word/comments.xml, its relationship and its
 *                  content type are added (or, when the document has
 *                  comments already, ours appended); every other member
 *                  is copied as stored (util/archive.c).  Anchors stand
 *                  between runs, so a span covers the runs that hold its
 *                  words: the document's own runs are never split.
 *   anything else  a new Word document of the text positions are counted
 *                  in, one paragraph per line, runs cut where spans begin
 *                  and end, so that a comment covers exactly its words.
 *
 * Where a DOCX character is: parser/read/input_docx.c makes line N of the
 * positions paragraph N (w:p in document order, text boxes included) and
 * counts its characters: w:t text, w:tab, w:br / w:cr (a space),
 * w:noBreakHyphen, after the list number or cell separator it writes in
 * front.  The scanner below walks document.xml the same way, with byte
 * offsets, skipping what the reader skips (deleted text, field codes, run
 * properties, mc:Fallback); the prefix the reader wrote is the difference
 * between its line and the characters found here.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "findings_page.h"
#include "input.h"
#include "uni.h"
#include "archive.h"

static const char W_NS[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char REL_COMMENTS[] =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
static const char CT_COMMENTS[] =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
static const char XML_DECL[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/* ======================================================================
 * Comments and anchors
 * ====================================================================== */

/* An anchor to insert: at a byte offset of document.xml (DOCX input) or
 * a character of a line (new document).  At one place, ends of spans
 * that cover words come first, then starts, then ends of spans that are
 * a place (so a place opens before it closes). */
typedef enum { A_END = 0, A_START = 1, A_END_EMPTY = 2 } anchor_kind;

typedef struct anchor {
    size_t line; /* new document: 1-based line; DOCX: 0 */
    size_t at;
    anchor_kind kind;
    long id;
} anchor;

static int by_place(const void *x, const void *y)
{
    const anchor *a = x, *b = y;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->at != b->at)
        return a->at < b->at ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

static void put_anchor(pl_buf *b, const anchor *a)
{
    if (a->kind == A_START)
        pl_buf_printf(b, "<w:commentRangeStart w:id=\"%ld\"/>", a->id);
    else
        pl_buf_printf(b,
                      "<w:commentRangeEnd w:id=\"%ld\"/>"
                      "<w:r><w:commentReference w:id=\"%ld\"/></w:r>",
                      a->id, a->id);
}

/* The w:comment elements, ids from `first`. */
static void comment_elements(pl_buf *b, const pl_report *r, long first)
{
    for (size_t i = 0; i < r->n; i++) {
        const pl_finding *f = &r->items[i];
        pl_buf_printf(b,
                      "<w:comment w:id=\"%ld\" w:author=\"planlint\" w:initials=\"PL\">"
                      "<w:p><w:r><w:t xml:space=\"preserve\">%s: ",
                      first + (long)i, pl_severity_name(f->severity));
        pl_html_escape_str(b, f->message[r->lang == PL_LANG_EN]);
        pl_buf_printf(b, " [%s]</w:t></w:r></w:p></w:comment>", f->rule);
    }
}

static void comments_part(pl_buf *b, const pl_report *r, long first)
{
    pl_buf_printf(b, "%s<w:comments xmlns:w=\"%s\">", XML_DECL, W_NS);
    comment_elements(b, r, first);
    pl_buf_puts(b, "</w:comments>");
}

/* ======================================================================
 * A DOCX input: where its characters are in document.xml
 * ====================================================================== */

typedef struct drun {
    size_t first, n; /* characters [first, first + n) of its line */
    size_t xa, xb;   /* <w:r ...> .. </w:r> */
    size_t line;
    int whole;       /* the run ended on the line it started on */
} drun;

typedef struct dline {
    size_t content;  /* where paragraph content may be inserted (after w:pPr) */
    size_t pend;     /* offset of its </w:p> */
    size_t nchars;
    size_t run0, nruns;
    int has_pend;
} dline;

/* Runs nest only through text boxes; deeper nesting is not followed. */
#define PL_DOCX_RUN_DEPTH 16

typedef struct scan {
    const char *x;
    size_t len;
    drun *runs; size_t nruns, caprun;
    dline *lines; size_t nlines, capline;
    size_t cur, col;          /* line being written, characters on it */
    int line_open, para_depth, in_t, in_ppr;
    size_t skip;              /* depth inside a skipped element */
    size_t stack[PL_DOCX_RUN_DEPTH]; size_t depth, lost;
    int failed;
} scan;

static dline *line_at(scan *s, size_t i)
{
    while (s->nlines <= i && !s->failed) {
        if (s->nlines == s->capline) {
            size_t nc = s->capline ? s->capline * 2 : 64;
            dline *v = realloc(s->lines, nc * sizeof *v);
            if (!v) {
                s->failed = 1;
                return NULL;
            }
            s->lines = v;
            s->capline = nc;
        }
        memset(&s->lines[s->nlines], 0, sizeof *s->lines);
        s->lines[s->nlines].content = SIZE_MAX;
        s->nlines++;
    }
    return s->failed ? NULL : &s->lines[i];
}

static void end_line(scan *s, size_t at)
{
    dline *l = line_at(s, s->cur);
    if (l && !l->has_pend) {
        l->pend = at;
        l->has_pend = 1;
    }
    if (l)
        l->nchars = s->col;
    s->cur++;
    s->col = 0;
    s->line_open = 0;
}

static void chars(scan *s, size_t n, int opens)
{
    s->col += n;
    if (opens && n)
        s->line_open = 1;
}

/* Elements whose content the reader does not read (input_docx.c). */
static int skipped(const char *name, size_t n)
{
    static const char *const SKIP[] = {
        "w:del",    "w:moveFrom", "w:delText", "w:instrText", "w:delInstrText",
        "w:rPr",    "w:sectPr",   "w:sdtPr",   "w:footnoteReference", "w:endnoteReference",
        "mc:Fallback"};
    for (size_t i = 0; i < sizeof SKIP / sizeof *SKIP; i++)
        if (strlen(SKIP[i]) == n && memcmp(SKIP[i], name, n) == 0)
            return 1;
    return 0;
}

static int is(const char *name, size_t n, const char *want)
{
    return strlen(want) == n && memcmp(want, name, n) == 0;
}

static void run_open(scan *s, size_t at)
{
    if (s->depth == PL_DOCX_RUN_DEPTH) {
        s->lost++;
        return;
    }
    if (s->nruns == s->caprun) {
        size_t nc = s->caprun ? s->caprun * 2 : 256;
        drun *v = realloc(s->runs, nc * sizeof *v);
        if (!v) {
            s->failed = 1;
            return;
        }
        s->runs = v;
        s->caprun = nc;
    }
    s->runs[s->nruns] = (drun){s->col, 0, at, at, s->cur, 0};
    s->stack[s->depth++] = s->nruns++;
}

static void run_close(scan *s, size_t after)
{
    if (s->lost) {
        s->lost--;
        return;
    }
    if (s->depth == 0)
        return;
    drun *r = &s->runs[s->stack[--s->depth]];
    r->xb = after;
    r->whole = r->line == s->cur;
    r->n = r->whole ? s->col - r->first : 0;
}

static void on_start(scan *s, const char *name, size_t n, size_t a, size_t b, int empty)
{
    if (s->skip) {
        s->skip += !empty;
        return;
    }
    if (skipped(name, n)) {
        s->skip = !empty;
    } else if (is(name, n, "w:p")) {
        if (s->para_depth++ > 0 && s->line_open)
            end_line(s, a);
        dline *l = line_at(s, s->cur);
        if (l && l->content == SIZE_MAX)
            l->content = b;
        if (empty) {
            end_line(s, a);
            s->para_depth--;
        }
    } else if (is(name, n, "w:pPr")) {
        s->in_ppr = !empty;
        dline *l = empty ? line_at(s, s->cur) : NULL;
        if (l)
            l->content = b;
    } else if (is(name, n, "w:r") && !empty) {
        run_open(s, a);
    } else if (is(name, n, "w:t") && !empty) {
        s->in_t = 1;
    } else if (is(name, n, "w:tab") && !s->in_ppr) {
        chars(s, 1, 1);
    } else if (is(name, n, "w:br") || is(name, n, "w:cr") || is(name, n, "w:noBreakHyphen")) {
        chars(s, 1, 0);
    }
}

static void on_end(scan *s, const char *name, size_t n, size_t a, size_t b)
{
    if (s->skip) {
        s->skip--;
        return;
    }
    if (is(name, n, "w:t")) {
        s->in_t = 0;
    } else if (is(name, n, "w:pPr")) {
        s->in_ppr = 0;
        dline *l = line_at(s, s->cur);
        if (l)
            l->content = b;
    } else if (is(name, n, "w:r")) {
        run_close(s, b);
    } else if (is(name, n, "w:p")) {
        end_line(s, a);
        if (s->para_depth > 0)
            s->para_depth--;
        s->in_ppr = 0;
    }
}

/* Characters of XML text x[a..b): an entity or character reference is
 * one, a UTF-8 sequence is one, CR LF is one (XML reads it as LF). */
static size_t text_chars(const char *x, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)x[i];
        if (c == '&') {
            const char *semi = memchr(x + i, ';', b - i);
            i = semi ? (size_t)(semi - x) : b;
            n++;
        } else if ((c & 0xC0) != 0x80 && !(c == '\r' && i + 1 < b && x[i + 1] == '\n')) {
            n++;
        }
    }
    return n;
}

/* End of the tag starting at x[i] == '<' (past its '>'), quotes
 * respected; len when it does not end. */
static size_t tag_end(const char *x, size_t len, size_t i)
{
    char q = 0;
    for (; i < len; i++) {
        if (q) {
            if (x[i] == q)
                q = 0;
        } else if (x[i] == '"' || x[i] == '\'') {
            q = x[i];
        } else if (x[i] == '>') {
            return i + 1;
        }
    }
    return len;
}

static size_t skip_to(const char *x, size_t len, size_t i, const char *end)
{
    size_t n = strlen(end);
    for (; i + n <= len; i++)
        if (memcmp(x + i, end, n) == 0)
            return i + n;
    return len;
}

static void one_tag(scan *s, size_t i, size_t e)
{
    const char *x = s->x;
    int close = x[i + 1] == '/';
    size_t a = i + 1 + (size_t)close, k = a;
    while (k < e && x[k] != ' ' && x[k] != '\t' && x[k] != '\n' && x[k] != '\r' && x[k] != '/' &&
           x[k] != '>')
        k++;
    if (close)
        on_end(s, x + a, k - a, i, e);
    else
        on_start(s, x + a, k - a, i, e, e >= 2 && x[e - 2] == '/');
}

static int scan_document(scan *s)
{
    const char *x = s->x;
    size_t len = s->len, i = 0;
    while (i < len && !s->failed) {
        if (x[i] != '<') {
            size_t e = i;
            while (e < len && x[e] != '<')
                e++;
            if (s->in_t && !s->skip)
                chars(s, text_chars(x, i, e), 1);
            i = e;
        } else if (len - i >= 4 && memcmp(x + i, "<!--", 4) == 0) {
            i = skip_to(x, len, i + 4, "-->");
        } else if (len - i >= 9 && memcmp(x + i, "<![CDATA[", 9) == 0) {
            size_t e = skip_to(x, len, i + 9, "]]>");
            if (s->in_t && !s->skip)
                chars(s, text_chars(x, i + 9, e >= 3 ? e - 3 : e), 1);
            i = e;
        } else if (x[i + 1] == '?' || x[i + 1] == '!') {
            i = tag_end(x, len, i);
        } else {
            size_t e = tag_end(x, len, i);
            one_tag(s, i, e);
            i = e;
        }
    }
    /* runs by line, in document order within a line */
    for (size_t r = 0; r < s->nruns && !s->failed; r++) {
        dline *l = line_at(s, s->runs[r].line);
        if (l && l->nruns == 0)
            l->run0 = r;
        if (l)
            l->nruns = r - l->run0 + 1;
    }
    return s->failed ? -1 : 0;
}

static void scan_free(scan *s)
{
    free(s->runs);
    free(s->lines);
}

/* ---- a finding's place in document.xml ---------------------------------- */

/* Characters of line L (1-based) of the positions text. */
static size_t src_line_chars(const pl_input_src *src, size_t L)
{
    size_t a = src->line_starts[L - 1];
    size_t b = L < src->nlines ? src->line_starts[L] : src->len;
    while (b > a && (src->text[b - 1] == '\n' || src->text[b - 1] == '\r'))
        b--;
    return pl_utf8_count(src->text + a, b - a);
}

/* The reader's prefix on line L: a list number, a cell separator. */
static size_t prefix_of(const scan *s, const pl_input_src *src, size_t L)
{
    if (L > src->nlines || L > s->nlines)
        return 0;
    size_t have = src_line_chars(src, L), found = s->lines[L - 1].nchars;
    return have > found ? have - found : 0;
}

static const drun *run_holding(const scan *s, const dline *l, size_t k)
{
    for (size_t r = l->run0; r < l->run0 + l->nruns; r++) {
        const drun *u = &s->runs[r];
        if (u->whole && u->n && u->first <= k && k < u->first + u->n)
            return u;
    }
    return NULL;
}

/* First run with text at or after character k (or the last before it). */
static const drun *run_near(const scan *s, const dline *l, size_t k, int after)
{
    const drun *best = NULL;
    for (size_t r = l->run0; r < l->run0 + l->nruns; r++) {
        const drun *u = &s->runs[r];
        if (!u->whole || !u->n)
            continue;
        if (after && u->first + u->n > k)
            return u;
        if (!after && u->first <= k)
            best = u;
    }
    return best;
}

/* Character index (in the scanned text of its line) of position p;
 * `last`: the character before p (an exclusive end). */
static size_t char_index(const scan *s, const pl_input_src *src, pl_pos p, int last)
{
    size_t pre = prefix_of(s, src, p.line);
    size_t c = p.col ? p.col - 1 : 0;
    if (last && c > 0)
        c--;
    return c > pre ? c - pre : 0;
}

static int has_text_run(const scan *s, const dline *l)
{
    return run_near(s, l, 0, 1) != NULL;
}

/* Line `line` when it holds a run with text, else the nearest after it
 * that does, else before (anchors need a run beside them: an empty
 * paragraph may be a self-closing <w:p/>). */
static size_t clamp_line(const scan *s, uint32_t line)
{
    size_t L = line == 0 ? 1 : line > s->nlines ? s->nlines : line;
    for (size_t k = L; k <= s->nlines; k++)
        if (has_text_run(s, &s->lines[k - 1]))
            return k;
    for (size_t k = L; k-- > 1;)
        if (has_text_run(s, &s->lines[k - 1]))
            return k;
    return L;
}

static size_t start_offset(const scan *s, const pl_input_src *src, pl_pos p)
{
    size_t L = clamp_line(s, p.line);
    const dline *l = &s->lines[L - 1];
    size_t k = L == p.line ? char_index(s, src, p, 0) : 0;
    const drun *u = run_holding(s, l, k);
    if (!u)
        u = run_near(s, l, k, 1);
    return u ? u->xa : l->content != SIZE_MAX ? l->content : l->pend;
}

static size_t end_offset(const scan *s, const pl_input_src *src, pl_pos p, int empty, pl_pos st)
{
    if (empty)
        p = st; /* a place: the run at it */
    size_t L = clamp_line(s, p.line);
    const dline *l = &s->lines[L - 1];
    size_t k = L == p.line ? char_index(s, src, p, !empty) : 0;
    const drun *u = run_holding(s, l, k);
    if (!u)
        u = run_near(s, l, k, 0);
    if (!u)
        u = run_near(s, l, 0, 1);
    return u ? u->xb : l->pend;
}

static int is_empty_span(const pl_finding *f)
{
    const pl_pos *a = &f->span.start, *e = &f->span.end;
    return e->line < a->line || (e->line == a->line && e->col <= a->col);
}

/* ======================================================================
 * A DOCX input
 * ====================================================================== */

/* Largest w:id="N" in x, so that ours come after every annotation id. */
static long max_id(const char *x, size_t len)
{
    long best = -1;
    const char *p = x, *end = x + len;
    while (p && p < end && (p = strstr(p, "w:id=\"")) != NULL) {
        p += 6;
        char *q;
        long v = strtol(p, &q, 10);
        if (q != p && *q == '"' && v > best)
            best = v;
    }
    return best;
}

/* Insert `what` before the last occurrence of `closing` in x; -1 when
 * there is none. */
static int insert_before_last(pl_buf *out, const char *x, size_t len, const char *closing,
                              const char *what, size_t wlen)
{
    size_t n = strlen(closing);
    for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
        if (memcmp(x + i, closing, n) == 0) {
            pl_buf_put(out, x, i);
            pl_buf_put(out, what, wlen);
            pl_buf_put(out, x + i, len - i);
            return 0;
        }
    return -1;
}

typedef struct parts {
    char *doc, *rels, *types, *comments;
    size_t ndoc, nrels, ntypes, ncomments;
    char comments_name[256];
} parts;

static void parts_free(parts *p)
{
    free(p->doc);
    free(p->rels);
    free(p->types);
    free(p->comments);
}

/* The comments part the relationships name ("word/comments.xml"), or
 * "" when there is none. */
static void comments_target(const char *rels, char *name, size_t n)
{
    name[0] = '\0';
    const char *t = rels ? strstr(rels, REL_COMMENTS) : NULL;
    if (!t)
        return;
    const char *open = t, *close = t;
    while (open > rels && *open != '<')
        open--;
    close = strchr(t, '>');
    const char *tg = strstr(open, "Target=\"");
    if (!tg || !close || tg > close)
        return;
    tg += 8;
    const char *q = strchr(tg, '"');
    if (!q)
        return;
    if (*tg == '/')
        snprintf(name, n, "%.*s", (int)(q - tg - 1), tg + 1);
    else
        snprintf(name, n, "word/%.*s", (int)(q - tg), tg);
}

static int read_parts(const char *label, const pl_text *t, parts *p, pl_error *err)
{
    memset(p, 0, sizeof *p);
    const void *in = t->bytes;
    size_t n = t->nbytes;
    if (pl_zip_read(label, in, n, "word/document.xml", &p->doc, &p->ndoc, err) != 1 ||
        pl_zip_read(label, in, n, "word/_rels/document.xml.rels", &p->rels, &p->nrels, err) < 0 ||
        pl_zip_read(label, in, n, "[Content_Types].xml", &p->types, &p->ntypes, err) != 1) {
        if (err && !err->message[0])
            pl_error_set(err, PL_ERR_DATA, label, NULL, "not a Word document");
        return -1;
    }
    comments_target(p->rels, p->comments_name, sizeof p->comments_name);
    if (p->comments_name[0] &&
        pl_zip_read(label, in, n, p->comments_name, &p->comments, &p->ncomments, err) < 0)
        return -1;
    return 0;
}

/* document.xml with the anchors of every finding. */
static int anchored_document(pl_buf *out, const parts *p, const pl_report *r,
                             const pl_input_src *src, long first)
{
    scan s = {0};
    s.x = p->doc;
    s.len = p->ndoc;
    anchor *a = r->n ? malloc(2 * r->n * sizeof *a) : NULL;
    if ((r->n && !a) || scan_document(&s) != 0) {
        free(a);
        scan_free(&s);
        return -1;
    }
    size_t na = 0;
    for (size_t i = 0; i < r->n && s.nlines; i++) {
        const pl_finding *f = &r->items[i];
        int empty = is_empty_span(f);
        size_t x0 = start_offset(&s, src, f->span.start);
        size_t x1 = end_offset(&s, src, f->span.end, empty, f->span.start);
        a[na++] = (anchor){0, x0, A_START, first + (long)i};
        a[na++] = (anchor){0, x1 > x0 ? x1 : x0, x1 > x0 ? A_END : A_END_EMPTY, first + (long)i};
    }
    qsort(a, na, sizeof *a, by_place);
    size_t at = 0;
    for (size_t k = 0; k < na; k++) {
        pl_buf_put(out, p->doc + at, a[k].at - at);
        at = a[k].at;
        put_anchor(out, &a[k]);
    }
    pl_buf_put(out, p->doc + at, p->ndoc - at);
    free(a);
    scan_free(&s);
    return out->failed ? -1 : 0;
}

static void rels_with_comments(pl_buf *out, const parts *p)
{
    if (!p->rels) {
        pl_buf_printf(out,
                      "%s<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                      "relationships\"><Relationship Id=\"rIdPlanlintComments\" Type=\"%s\" "
                      "Target=\"comments.xml\"/></Relationships>",
                      XML_DECL, REL_COMMENTS);
        return;
    }
    pl_buf rel = PL_BUF_INIT;
    pl_buf_printf(&rel, "<Relationship Id=\"rIdPlanlintComments\" Type=\"%s\" Target=\"comments.xml\"/>",
                  REL_COMMENTS);
    if (insert_before_last(out, p->rels, p->nrels, "</Relationships>", rel.data, rel.len) != 0)
        out->failed = 1;
    pl_buf_free(&rel);
}

static void types_with_comments(pl_buf *out, const parts *p)
{
    if (strstr(p->types, "PartName=\"/word/comments.xml\"")) {
        pl_buf_put(out, p->types, p->ntypes);
        return;
    }
    pl_buf o = PL_BUF_INIT;
    pl_buf_printf(&o, "<Override PartName=\"/word/comments.xml\" ContentType=\"%s\"/>", CT_COMMENTS);
    if (insert_before_last(out, p->types, p->ntypes, "</Types>", o.data, o.len) != 0)
        out->failed = 1;
    pl_buf_free(&o);
}

static int docx_annotated(pl_buf *out, const pl_report *r, const pl_doc *doc, pl_error *err)
{
    const pl_text *t = &doc->text;
    parts p;
    if (read_parts(r->source, t, &p, err) != 0) {
        parts_free(&p);
        return -1;
    }
    long first = max_id(p.doc, p.ndoc);
    long c = p.comments ? max_id(p.comments, p.ncomments) : -1;
    first = (c > first ? c : first) + 1;
    pl_buf d = PL_BUF_INIT, cm = PL_BUF_INIT, rels = PL_BUF_INIT, types = PL_BUF_INIT;
    int rc = anchored_document(&d, &p, r, t->input->src, first);
    pl_zip_part zp[4];
    size_t nz = 0;
    zp[nz++] = (pl_zip_part){"word/document.xml", d.data, d.len};
    if (p.comments) { /* the document's own comments first, then ours */
        pl_buf mine = PL_BUF_INIT;
        comment_elements(&mine, r, first);
        if (insert_before_last(&cm, p.comments, p.ncomments, "</w:comments>", mine.data,
                               mine.len) != 0)
            rc = -1;
        pl_buf_free(&mine);
        zp[nz++] = (pl_zip_part){p.comments_name, cm.data, cm.len};
    } else {
        comments_part(&cm, r, first);
        rels_with_comments(&rels, &p);
        types_with_comments(&types, &p);
        zp[nz++] = (pl_zip_part){"word/comments.xml", cm.data, cm.len};
        zp[nz++] = (pl_zip_part){"word/_rels/document.xml.rels", rels.data, rels.len};
        zp[nz++] = (pl_zip_part){"[Content_Types].xml", types.data, types.len};
    }
    if (rc != 0 || d.failed || cm.failed || rels.failed || types.failed) {
        pl_error_set(err, PL_ERR_NOMEM, r->source, NULL, "cannot add the comments");
        rc = -1;
    }
    if (rc == 0)
        rc = pl_zip_rewrite(r->source, t->bytes, t->nbytes, zp, nz, out, err);
    pl_buf_free(&d);
    pl_buf_free(&cm);
    pl_buf_free(&rels);
    pl_buf_free(&types);
    parts_free(&p);
    return rc;
}

/* ======================================================================
 * Any other input: a new document of the text
 * ====================================================================== */

static const char NEW_TYPES[] =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+"
    "xml\"/>"
    "<Override PartName=\"/word/comments.xml\" ContentType=\"%s\"/></Types>";
static const char NEW_RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";

typedef struct lines {
    const char *text;
    size_t len;
    const size_t *starts;
    size_t n;
} lines;

static lines shown_lines(const pl_doc *doc)
{
    const pl_text *t = &doc->text;
    if (t->input && t->input->src)
        return (lines){t->input->src->text, t->input->src->len, t->input->src->line_starts,
                       t->input->src->nlines};
    return (lines){t->utf8, t->utf8_len, t->line_starts, t->nlines};
}

/* Byte offset of character k of [a, b). */
static size_t nth_char(const char *s, size_t a, size_t b, size_t k)
{
    while (a < b && k > 0) {
        a++;
        while (a < b && ((unsigned char)s[a] & 0xC0) == 0x80)
            a++;
        k--;
    }
    return a;
}

static void run_text(pl_buf *b, const char *s, size_t n)
{
    if (n == 0)
        return;
    pl_buf_puts(b, "<w:r><w:t xml:space=\"preserve\">");
    pl_html_escape(b, s, n);
    pl_buf_puts(b, "</w:t></w:r>");
}

/* One paragraph per line; anchors a[0..na) sorted by (line, character). */
static void new_body(pl_buf *b, const lines *ls, const anchor *a, size_t na)
{
    size_t k = 0;
    for (size_t L = 1; L <= ls->n; L++) {
        size_t x = ls->starts[L - 1];
        size_t e = L < ls->n ? ls->starts[L] : ls->len;
        while (e > x && (ls->text[e - 1] == '\n' || ls->text[e - 1] == '\r'))
            e--;
        pl_buf_puts(b, "<w:p>");
        size_t at = x;
        for (; k < na && a[k].line == L; k++) {
            size_t to = nth_char(ls->text, x, e, a[k].at);
            if (to > at)
                run_text(b, ls->text + at, to - at);
            at = to > at ? to : at;
            put_anchor(b, &a[k]);
        }
        run_text(b, ls->text + at, e - at);
        pl_buf_puts(b, "</w:p>");
    }
}

static int docx_new(pl_buf *out, const pl_report *r, const pl_doc *doc, pl_error *err)
{
    lines ls = shown_lines(doc);
    anchor *a = r->n ? malloc(2 * r->n * sizeof *a) : NULL;
    if (r->n && !a) {
        pl_error_set(err, PL_ERR_NOMEM, r->source, NULL, "out of memory");
        return -1;
    }
    size_t na = 0;
    for (size_t i = 0; i < r->n && ls.n; i++) {
        const pl_finding *f = &r->items[i];
        pl_pos st = f->span.start, en = f->span.end;
        if (st.line == 0 || st.line > ls.n)
            st = (pl_pos){0, 1, 1};
        if (is_empty_span(f) || en.line > ls.n)
            en = st;
        int empty = en.line == st.line && en.col <= st.col;
        a[na++] = (anchor){st.line, st.col ? st.col - 1 : 0, A_START, (long)i};
        a[na++] = (anchor){en.line, en.col ? en.col - 1 : 0, empty ? A_END_EMPTY : A_END, (long)i};
    }
    qsort(a, na, sizeof *a, by_place);
    pl_buf types = PL_BUF_INIT, rels = PL_BUF_INIT, drels = PL_BUF_INIT, d = PL_BUF_INIT,
           cm = PL_BUF_INIT;
    pl_buf_puts(&types, XML_DECL);
    pl_buf_printf(&types, NEW_TYPES, CT_COMMENTS);
    pl_buf_printf(&rels, "%s%s", XML_DECL, NEW_RELS);
    parts none = {0};
    rels_with_comments(&drels, &none);
    pl_buf_printf(&d, "%s<w:document xmlns:w=\"%s\"><w:body>", XML_DECL, W_NS);
    new_body(&d, &ls, a, na);
    pl_buf_puts(&d, "</w:body></w:document>");
    comments_part(&cm, r, 0);
    int rc = -1;
    if (types.failed || rels.failed || drels.failed || d.failed || cm.failed) {
        pl_error_set(err, PL_ERR_NOMEM, r->source, NULL, "out of memory");
    } else {
        pl_zip_part zp[] = {{"[Content_Types].xml", types.data, types.len},
                            {"_rels/.rels", rels.data, rels.len},
                            {"word/document.xml", d.data, d.len},
                            {"word/_rels/document.xml.rels", drels.data, drels.len},
                            {"word/comments.xml", cm.data, cm.len}};
        rc = pl_zip_create(r->source, zp, sizeof zp / sizeof *zp, out, err);
    }
    pl_buf_free(&types);
    pl_buf_free(&rels);
    pl_buf_free(&drels);
    pl_buf_free(&d);
    pl_buf_free(&cm);
    free(a);
    return rc;
}

int pl_render_docx(pl_buf *out, const pl_report *r, const pl_doc *doc, pl_error *err)
{
    const pl_text *t = &doc->text;
    if (t->input && t->input->format == PL_IN_DOCX && t->input->src)
        return docx_annotated(out, r, doc, err);
    return docx_new(out, r, doc, err);
}
