/* input_odt.c - the text of an OpenDocument text (.odt) file.
 *
 * An .odt is a zip package (package.c reads its parts, bounded) whose
 * "mimetype" member says application/vnd.oasis.opendocument.text; the
 * text is in content.xml, list styles in content.xml's automatic styles
 * and in styles.xml (LibreOffice puts the lists of a converted Word file
 * there).  The model is the DOCX reader's:
 *   - each paragraph (text:p, text:h) is one line, so line N of a position
 *     is paragraph N (table cells and text boxes included) and the column
 *     is the character in it; text:line-break starts a new line of text
 *     but not a new position line (a soft break, input.h);
 *   - table cells: the first paragraph of the second and later cells of a
 *     row starts with "| ";
 *   - text:tab is a tab, text:s the spaces it counts; the first paragraph
 *     of a list item gets its number as the list style shows it ("1. ",
 *     "I. ", "a) ", "- " for bullets), or the number LibreOffice wrote
 *     out (text:number) when there is one;
 *   - tracked changes: inserted text is inline and kept, deleted text
 *     (text:tracked-changes) dropped; notes and comments dropped, as the
 *     DOCX reader drops footnotes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "input.h"
#include "package.h"
#include "xml.h"

/* Largest content.xml inflated (as DOCX's document.xml). */
#define PL_ODT_MAX_PART ((size_t)64 * 1024 * 1024)
/* styles.xml is a few tens of KiB. */
#define PL_ODT_MAX_AUX ((size_t)16 * 1024 * 1024)
/* List styles kept (a hostile file stays small) and levels of a list
 * (ODF has 10). */
#define PL_ODT_MAX_STYLES 1024
#define PL_ODT_LEVELS 10
/* Nested lists tracked; deeper ones number like the deepest. */
#define PL_ODT_MAX_LISTS 32
/* Spaces one text:s may stand for. */
#define PL_ODT_MAX_SPACES 64
/* Largest list start value kept (counting on from it cannot overflow). */
#define PL_ODT_MAX_START 1000000000L

static const char TEXT_NS[] = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
static const char TABLE_NS[] = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
static const char OFFICE_NS[] = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

/* Elements whose content is not the document's text. */
static const char *const SKIP_TEXT[] = {"tracked-changes", "note", "sequence-decls",
                                        "variable-decls", "user-field-decls", "bookmark-ref"};
static const char *const SKIP_OFFICE[] = {"annotation", "forms", "scripts", "font-face-decls",
                                          "event-listeners"};

static int ns_is(const pl_xml_ev *ev, const char *ns)
{
    return ev->ns && strcmp(ev->ns, ns) == 0;
}

static int in_list(const char *name, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, set[i]) == 0)
            return 1;
    return 0;
}

/* ---- list styles ------------------------------------------------------------ */

typedef struct list_level {
    int bullet;
    char format[4];  /* "1", "I", "i", "A", "a", "" (no number) */
    char prefix[16], suffix[16];
    int display;     /* levels shown: 3 shows "1.2.3" */
    long start;
} list_level;

typedef struct list_style {
    char name[64];
    size_t seq; /* its place in the files read: the first of a name wins */
    list_level lvl[PL_ODT_LEVELS];
} list_style;

typedef struct styles {
    list_style *v;
    size_t n, cap;
} styles;

static long clamp_start(const char *v)
{
    long s = v ? strtol(v, NULL, 10) : 1;
    return s < 0 ? 0 : s > PL_ODT_MAX_START ? PL_ODT_MAX_START : s;
}

static void copy_attr(const pl_xml_ev *ev, const char *name, char *dst, size_t n)
{
    const char *v = pl_xml_ev_attr(ev, name);
    snprintf(dst, n, "%s", v ? v : "");
}

static int on_styles(void *ctx, const pl_xml_ev *ev)
{
    styles *st = ctx;
    if (ev->kind == PL_XML_START && ns_is(ev, OFFICE_NS) && !strcmp(ev->name, "body"))
        return PL_XML_STOP; /* content.xml: its styles come before the text */
    if (ev->kind != PL_XML_START || !ns_is(ev, TEXT_NS))
        return PL_XML_GO;
    if (!strcmp(ev->name, "list-style")) {
        if (st->n >= PL_ODT_MAX_STYLES)
            return PL_XML_SKIP;
        if (PL_ARRAY_RESERVE(st->v, st->cap, st->n + 1) != 0)
            return PL_XML_STOP;
        list_style *s = &st->v[st->n++];
        memset(s, 0, sizeof *s);
        copy_attr(ev, "name", s->name, sizeof s->name);
        s->seq = st->n - 1;
        for (int i = 0; i < PL_ODT_LEVELS; i++) {
            snprintf(s->lvl[i].format, sizeof s->lvl[i].format, "1");
            s->lvl[i].display = 1;
            s->lvl[i].start = 1;
        }
        return PL_XML_GO;
    }
    int bullet = !strcmp(ev->name, "list-level-style-bullet");
    if (!st->n || (!bullet && strcmp(ev->name, "list-level-style-number") != 0))
        return PL_XML_GO;
    const char *lv = pl_xml_ev_attr(ev, "level");
    long L = lv ? strtol(lv, NULL, 10) : 0;
    if (L < 1 || L > PL_ODT_LEVELS)
        return PL_XML_GO;
    list_level *l = &st->v[st->n - 1].lvl[L - 1];
    l->bullet = bullet;
    copy_attr(ev, "num-format", l->format, sizeof l->format);
    copy_attr(ev, "num-prefix", l->prefix, sizeof l->prefix);
    copy_attr(ev, "num-suffix", l->suffix, sizeof l->suffix);
    const char *d = pl_xml_ev_attr(ev, "display-levels");
    long dl = d ? strtol(d, NULL, 10) : 1;
    l->display = dl < 1 ? 1 : dl > L ? (int)L : (int)dl;
    l->start = clamp_start(pl_xml_ev_attr(ev, "start-value"));
    return PL_XML_GO;
}

/* Once read, the styles are sorted by name (equal names in the order
 * read) and each list finds its style by a binary search for the first of
 * its name: a walk of up to PL_ODT_MAX_STYLES styles for each list made a
 * content.xml of many lists quadratic. */
static int cmp_style(const void *a, const void *b)
{
    const list_style *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static void index_styles(styles *st)
{
    if (st->n)
        qsort(st->v, st->n, sizeof *st->v, cmp_style);
}

static const list_style *find_style(const styles *st, const char *name)
{
    if (!name || !name[0])
        return NULL;
    size_t at;
    PL_LOWER_BOUND(at, i, st->n, strcmp(st->v[i].name, name));
    return at < st->n && strcmp(st->v[at].name, name) == 0 ? &st->v[at] : NULL;
}

/* ---- numbers ------------------------------------------------------------------ */

static void fmt_number(const char *fmt, long v, char *buf, size_t n)
{
    if ((fmt[0] == 'I' || fmt[0] == 'i') && v > 0 && v < 4000) {
        static const struct { int v; const char *s; } r[] = {
            {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
            {50, "L"},   {40, "XL"},  {10, "X"},  {9, "IX"},   {5, "V"},   {4, "IV"}, {1, "I"}};
        size_t k = 0;
        for (size_t i = 0; i < sizeof r / sizeof *r; i++)
            while (v >= r[i].v && k + 3 < n) {
                for (const char *p = r[i].s; *p; p++)
                    buf[k++] = fmt[0] == 'i' ? (char)(*p + 32) : *p;
                v -= r[i].v;
            }
        buf[k] = '\0';
    } else if ((fmt[0] == 'A' || fmt[0] == 'a') && v >= 1) {
        /* a..z, then aa..zz (LibreOffice's "letter sync") */
        char c = (char)(fmt[0] + (v - 1) % 26);
        size_t reps = (size_t)((v - 1) / 26 + 1), k = 0;
        while (k < reps && k + 1 < n)
            buf[k++] = c;
        buf[k] = '\0';
    } else if (fmt[0]) {
        snprintf(buf, n, "%ld", v);
    } else {
        buf[0] = '\0';
    }
}

/* One list being read: its style and the counters of its levels (a
 * nested text:list is a level deeper in the same counters). */
typedef struct list_state {
    const list_style *style;
    long counter[PL_ODT_LEVELS];
    int started[PL_ODT_LEVELS];
} list_state;

/* ---- content.xml ---------------------------------------------------------------- */

typedef struct odt_ctx {
    pl_buf *out;         /* the text */
    pl_buf pos;          /* the same, soft breaks as spaces: line N = paragraph N */
    pl_input_info *info;
    const styles *st;
    list_state list;     /* the outermost list's counters */
    const list_style *nested_style[PL_ODT_MAX_LISTS];
    int depth;           /* lists open; may exceed PL_ODT_MAX_LISTS */
    int item_pending;    /* a list item began: its first paragraph gets the number */
    long item_start;     /* text:start-value of that item, or -1 */
    char number[128];    /* the list number waiting for the paragraph's text */
    int in_number;       /* inside text:number: the number as shown */
    char shown[64];
    int para_depth;
    int cells, cell_sep;
    int line_open;
    int too_large;
} odt_ctx;

static void put2(odt_ctx *c, const char *s, size_t n, const char *pos)
{
    if (c->number[0]) { /* the item's number comes before its text */
        size_t k = strlen(c->number);
        pl_buf_put(c->out, c->number, k);
        pl_buf_put(&c->pos, c->number, k);
        c->number[0] = '\0';
    }
    pl_buf_put(c->out, s, n);
    pl_buf_put(&c->pos, pos ? pos : s, n);
    if (c->out->len > PL_INPUT_MAX_TEXT)
        c->too_large = 1;
}

static void end_line(odt_ctx *c)
{
    put2(c, "\n", 1, NULL);
    c->line_open = 0;
}

/* The number of the current item at list level L (0-based), advancing
 * the counters; "" for none. */
static void item_number(odt_ctx *c, int L, char *out, size_t n)
{
    out[0] = '\0';
    const list_style *s = c->nested_style[L < PL_ODT_MAX_LISTS ? L : PL_ODT_MAX_LISTS - 1];
    if (!s)
        s = c->list.style;
    if (L >= PL_ODT_LEVELS)
        L = PL_ODT_LEVELS - 1;
    list_state *ls = &c->list;
    const list_level *lv = s ? &s->lvl[L] : NULL;
    if (c->item_start >= 0)
        ls->counter[L] = c->item_start;
    else if (!ls->started[L])
        ls->counter[L] = lv ? lv->start : 1;
    else if (ls->counter[L] < PL_ODT_MAX_START)
        ls->counter[L]++;
    ls->started[L] = 1;
    for (int k = L + 1; k < PL_ODT_LEVELS; k++)
        ls->started[k] = 0;
    if (!lv)
        return;
    if (lv->bullet) {
        snprintf(out, n, "- ");
        return;
    }
    if (!lv->format[0])
        return;
    size_t k = (size_t)snprintf(out, n, "%s", lv->prefix);
    for (int d = L - lv->display + 1; d <= L && k + 1 < n; d++) {
        char num[32];
        const char *f = s->lvl[d].format[0] ? s->lvl[d].format : "1";
        fmt_number(f, ls->started[d] ? ls->counter[d] : s->lvl[d].start, num, sizeof num);
        k += (size_t)snprintf(out + k, n - k, "%s%s", num, d < L ? "." : "");
    }
    if (k + 1 < n)
        snprintf(out + k, n - k, "%s ", lv->suffix);
}

static void begin_paragraph(odt_ctx *c)
{
    if (c->para_depth++ > 0 && c->line_open)
        end_line(c); /* a text box inside a paragraph: its own lines */
    if (c->cell_sep) {
        put2(c, "| ", 2, NULL);
        c->cell_sep = 0;
    }
    if (c->item_pending && c->depth > 0) {
        item_number(c, c->depth - 1, c->number, sizeof c->number);
        c->item_pending = 0;
    }
}

static void list_begin(odt_ctx *c, const pl_xml_ev *ev)
{
    const list_style *s = find_style(c->st, pl_xml_ev_attr(ev, "style-name"));
    if (c->depth == 0) {
        const char *cont = pl_xml_ev_attr(ev, "continue-numbering");
        int keep = (cont && !strcmp(cont, "true")) || pl_xml_ev_attr(ev, "continue-list");
        if (!keep || (s && s != c->list.style))
            memset(&c->list, 0, sizeof c->list);
        c->list.style = s;
    }
    if (c->depth < PL_ODT_MAX_LISTS)
        c->nested_style[c->depth] = s ? s : c->depth ? c->nested_style[c->depth - 1] : NULL;
    c->depth++;
}

static void spaces(odt_ctx *c, const pl_xml_ev *ev)
{
    const char *v = pl_xml_ev_attr(ev, "c");
    long k = v ? strtol(v, NULL, 10) : 1;
    for (long i = 0; i < k && i < PL_ODT_MAX_SPACES; i++)
        put2(c, " ", 1, NULL);
    c->line_open = 1;
}

static int on_text_start(odt_ctx *c, const pl_xml_ev *ev)
{
    const char *n = ev->name;
    if (in_list(n, SKIP_TEXT, sizeof SKIP_TEXT / sizeof *SKIP_TEXT))
        return PL_XML_SKIP;
    if (!strcmp(n, "p") || !strcmp(n, "h")) {
        begin_paragraph(c);
    } else if (!strcmp(n, "list")) {
        list_begin(c, ev);
    } else if (!strcmp(n, "list-item")) {
        const char *sv = pl_xml_ev_attr(ev, "start-value");
        c->item_pending = 1;
        c->item_start = sv ? clamp_start(sv) : -1;
    } else if (!strcmp(n, "list-header")) {
        c->item_pending = 0; /* a list's unnumbered heading */
    } else if (!strcmp(n, "number")) {
        c->in_number = 1; /* the number as shown: replaces what was computed */
        c->shown[0] = '\0';
    } else if (!strcmp(n, "tab")) {
        put2(c, "\t", 1, NULL);
        c->line_open = 1;
    } else if (!strcmp(n, "s")) {
        spaces(c, ev);
    } else if (!strcmp(n, "line-break")) {
        if (pl_input_soft_break(c->info, c->out->len) != 0)
            c->out->failed = 1;
        put2(c, "\n", 1, " ");
    }
    return PL_XML_GO;
}

static int on_start(odt_ctx *c, const pl_xml_ev *ev)
{
    if (ns_is(ev, TEXT_NS))
        return on_text_start(c, ev);
    if (ns_is(ev, OFFICE_NS) && in_list(ev->name, SKIP_OFFICE, sizeof SKIP_OFFICE / sizeof *SKIP_OFFICE))
        return PL_XML_SKIP;
    if (ns_is(ev, OFFICE_NS) && !strcmp(ev->name, "automatic-styles"))
        return PL_XML_SKIP; /* read before, by on_styles */
    if (ns_is(ev, TABLE_NS)) {
        if (!strcmp(ev->name, "table-row")) {
            c->cells = 0;
            c->cell_sep = 0;
        } else if (!strcmp(ev->name, "table-cell")) {
            c->cell_sep = c->cells++ > 0;
        }
    }
    return PL_XML_GO;
}

/* The end of text:number: what the document showed replaces the number
 * computed from the list style. */
static void number_end(odt_ctx *c)
{
    c->in_number = 0;
    if (c->shown[0])
        snprintf(c->number, sizeof c->number, "%s ", c->shown);
}

static int on_end(odt_ctx *c, const pl_xml_ev *ev)
{
    if (!ns_is(ev, TEXT_NS))
        return PL_XML_GO;
    const char *n = ev->name;
    if (!strcmp(n, "p") || !strcmp(n, "h")) {
        end_line(c);
        if (c->para_depth > 0)
            c->para_depth--;
    } else if (!strcmp(n, "list")) {
        if (c->depth > 0)
            c->depth--;
        c->item_pending = 0;
    } else if (!strcmp(n, "number")) {
        number_end(c);
    }
    return PL_XML_GO;
}

static void on_chars(odt_ctx *c, const pl_xml_ev *ev)
{
    if (c->in_number) {
        size_t k = strlen(c->shown);
        snprintf(c->shown + k, sizeof c->shown - k, "%.*s", (int)(ev->len < 64 ? ev->len : 64),
                 ev->text);
        return;
    }
    if (c->para_depth == 0)
        return; /* whitespace between elements */
    /* a line is a paragraph: newlines in the XML are spaces (ODF folds
     * whitespace; text:s and text:tab carry the real ones) */
    for (size_t i = 0; i < ev->len; i++) {
        char ch = ev->text[i];
        if (ch == '\n' || ch == '\r' || ch == '\t')
            ch = ' ';
        put2(c, &ch, 1, NULL);
    }
    c->line_open = 1;
}

static int on_content(void *ctx, const pl_xml_ev *ev)
{
    odt_ctx *c = ctx;
    int r = PL_XML_GO;
    if (ev->kind == PL_XML_START)
        r = on_start(c, ev);
    else if (ev->kind == PL_XML_END)
        r = on_end(c, ev);
    else
        on_chars(c, ev);
    if (c->too_large || c->out->failed || c->pos.failed)
        return PL_XML_STOP;
    return r;
}

/* ---- entry point ---------------------------------------------------------------- */

/* List styles from one part (a broken or missing part costs the numbers). */
static int read_styles(const char *name, pl_package *pk, const char *part, styles *st,
                       pl_error *err)
{
    char *xml = NULL;
    size_t len = 0;
    if (pl_package_read(pk, part, PL_ODT_MAX_AUX, 0, &xml, &len, err) != 0)
        return -1;
    char label[256];
    snprintf(label, sizeof label, "%s: %s", name, part);
    pl_error ignored = {0};
    if (xml && len > 0)
        pl_xml_stream(label, xml, len, on_styles, st, &ignored);
    free(xml);
    return 0;
}

int pl_input_odt(const char *name, const unsigned char *b, size_t n, pl_buf *out,
                 pl_input_info *info, pl_buf *note, pl_error *err)
{
    (void)note;
    pl_package *pk = pl_package_open(name, "ODT", b, n, err);
    if (!pk)
        return -1;
    styles st = {0};
    odt_ctx c;
    memset(&c, 0, sizeof c);
    c.out = out;
    c.info = info;
    c.st = &st;
    c.item_start = -1;
    info->paragraphs = 1;
    char *xml = NULL;
    size_t len = 0;
    int rc = -1;
    char label[256];
    snprintf(label, sizeof label, "%s: content.xml", name);
    if (read_styles(name, pk, "styles.xml", &st, err) != 0 ||
        pl_package_read(pk, "content.xml", PL_ODT_MAX_PART, 1, &xml, &len, err) != 0)
        goto done;
    pl_error ignored = {0}; /* automatic styles of content.xml; the text errors below */
    pl_xml_stream(label, xml, len, on_styles, &st, &ignored);
    index_styles(&st);
    if (pl_xml_stream(label, xml, len, on_content, &c, err) != 0) {
        if (c.too_large)
            pl_error_set(err, PL_ERR_TOO_LARGE, name, NULL,
                         "the document's text is above %zu bytes", (size_t)PL_INPUT_MAX_TEXT);
        else if (out->failed || c.pos.failed)
            pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        goto done;
    }
    rc = pl_input_keep_positions(name, &c.pos, info, err);
done:
    free(xml);
    pl_buf_free(&c.pos);
    free(st.v);
    pl_package_close(pk);
    return rc;
}
