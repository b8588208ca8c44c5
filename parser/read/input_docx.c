/* input_docx.c - the text of a Word (.docx) file.
 *
 * A .docx is a zip package (package.c reads its parts, bounded); the text
 * is in the main part that _rels/.rels names (the officeDocument
 * relationship, word/document.xml by convention, but any name is valid),
 * list numbers in the numbering part and the paragraph styles that carry
 * them in the styles part, both named by the main part's own
 * relationships.  Part names are matched ignoring case, as OPC says.
 *
 * What becomes text:
 *   - each paragraph (w:p) is one line, so line N of a position is
 *     paragraph N of the document (table cells and text boxes included)
 *     and the column is the character in it; a line break inside a
 *     paragraph (w:br, w:cr) starts a new line of text but not a new
 *     position line;
 *   - table cells: the first paragraph of the second and later cells of a
 *     row starts with "| " (the pipeline splits paragraphs there);
 *   - w:tab is a tab; numbered paragraphs get their number as Word shows it
 *     ("1. ", "I. ", "a) ", "- " for bullets), computed from numbering.xml;
 *   - tracked changes: inserted text (w:ins, w:moveTo) is kept, deleted
 *     text (w:del, w:delText, w:moveFrom) dropped; field codes dropped,
 *     field results kept.
 *
 * Positions' byte offsets are offsets in the extracted text: a .docx has no
 * meaningful byte offset for a character.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "input.h"
#include "package.h"
#include "error.h"
#include "xml.h"

/* Largest XML part inflated (document.xml of a 2000-page plan is ~20 MiB). */
#define PL_DOCX_MAX_PART ((size_t)64 * 1024 * 1024)
/* numbering.xml and styles.xml are a few hundred KiB. */
#define PL_DOCX_MAX_AUX ((size_t)16 * 1024 * 1024)
/* List definitions and styles kept (a hostile numbering.xml stays small). */
#define PL_DOCX_MAX_DEFS 4096
/* Levels of a list (w:ilvl 0-8 in OOXML). */
#define PL_DOCX_LEVELS 9
/* basedOn chain followed when a style inherits its numbering. */
#define PL_DOCX_MAX_BASED_ON 16
/* Largest list start or restart value kept (attr_start). */
#define PL_DOCX_MAX_START 1000000000L

static const char W_NS[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char W_NS_STRICT[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";
static const char MC_NS[] = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/* ---- numbering definitions ------------------------------------------------- */

typedef struct num_level {
    long start;
    char fmt[24];  /* decimal, upperRoman, lowerLetter, bullet, none ... */
    char text[48]; /* "%1.", "%1.%2.", "%1)" */
} num_level;

typedef struct abstract_num {
    long id;
    size_t seq; /* its place in the file: the first of equal ids wins */
    num_level lvl[PL_DOCX_LEVELS];
    long counter[PL_DOCX_LEVELS];
    int started[PL_DOCX_LEVELS];
} abstract_num;

typedef struct num_inst {
    long id, abs_id;
    size_t seq;
    long override[PL_DOCX_LEVELS];
    int has_override[PL_DOCX_LEVELS];
} num_inst;

typedef struct style_num {
    char id[64], based_on[64];
    size_t seq;
    long num_id, ilvl;
    int has_num_id, has_ilvl;
} style_num;

typedef struct numbering {
    abstract_num *abs;
    size_t nabs, capabs;
    num_inst *nums;
    size_t nnums, capnums;
    style_num *styles;
    size_t nstyles, capstyles;
    /* parse state */
    int cur_lvl, in_num, in_style_ppr;
    int failed;
} numbering;

static int is_w(const pl_xml_ev *ev)
{
    return ev->ns && (strcmp(ev->ns, W_NS) == 0 || strcmp(ev->ns, W_NS_STRICT) == 0);
}

static long attr_long(const pl_xml_ev *ev, const char *name, long dflt)
{
    const char *v = pl_xml_ev_attr(ev, name);
    return v ? strtol(v, NULL, 10) : dflt;
}

/* A list's start or restart value.  Word takes 0-32767; whatever a file
 * says is kept within +-PL_DOCX_MAX_START, so that counting on from it
 * (next_number: +1, and -1 for a restart) cannot overflow a long
 * (w:start w:val="9223372036854775807" did, found by reading the code
 * while fuzz_docx ran). */
static long attr_start(const pl_xml_ev *ev, const char *name)
{
    long v = attr_long(ev, name, 1);
    if (v < -PL_DOCX_MAX_START)
        return -PL_DOCX_MAX_START;
    return v > PL_DOCX_MAX_START ? PL_DOCX_MAX_START : v;
}

static void attr_copy(const pl_xml_ev *ev, const char *name, char *dst, size_t n)
{
    const char *v = pl_xml_ev_attr(ev, name);
    snprintf(dst, n, "%s", v ? v : "");
}

/* Append a zeroed record to the array `arr` of capacity *cap and count
 * *n (any record type: PL_ARRAY_RESERVE's doubling, so a numbering.xml of
 * thousands of definitions is not copied once per definition); NULL at
 * PL_DOCX_MAX_DEFS or when out of memory. */
#define PUSH(arr, n, cap)                                                                 \
    ((n) < PL_DOCX_MAX_DEFS && PL_ARRAY_RESERVE(arr, cap, (n) + 1) == 0                   \
         ? memset(&(arr)[(n)++], 0, sizeof *(arr))                                        \
         : NULL)

static int level_ok(long l)
{
    return l >= 0 && l < PL_DOCX_LEVELS;
}

static int on_numbering(void *ctx, const pl_xml_ev *ev)
{
    numbering *nb = ctx;
    if (ev->kind != PL_XML_START || !is_w(ev))
        return PL_XML_GO;
    const char *n = ev->name;
    if (!strcmp(n, "abstractNum")) {
        abstract_num *a = PUSH(nb->abs, nb->nabs, nb->capabs);
        if (!a)
            return PL_XML_SKIP; /* beyond the cap: ignored */
        a->id = attr_long(ev, "abstractNumId", -1);
        a->seq = nb->nabs;
        for (int i = 0; i < PL_DOCX_LEVELS; i++)
            a->lvl[i].start = 1;
        nb->in_num = 0;
    } else if (!strcmp(n, "num")) {
        num_inst *m = PUSH(nb->nums, nb->nnums, nb->capnums);
        if (!m)
            return PL_XML_SKIP;
        m->id = attr_long(ev, "numId", -1);
        m->seq = nb->nnums;
        m->abs_id = -1;
        nb->in_num = 1;
    } else if (!strcmp(n, "lvl") || !strcmp(n, "lvlOverride")) {
        nb->cur_lvl = (int)attr_long(ev, "ilvl", -1);
    } else if (nb->in_num && nb->nnums && !strcmp(n, "abstractNumId")) {
        nb->nums[nb->nnums - 1].abs_id = attr_long(ev, "val", -1);
    } else if (nb->in_num && nb->nnums && !strcmp(n, "startOverride") && level_ok(nb->cur_lvl)) {
        num_inst *m = &nb->nums[nb->nnums - 1];
        m->override[nb->cur_lvl] = attr_start(ev, "val");
        m->has_override[nb->cur_lvl] = 1;
    } else if (!nb->in_num && nb->nabs && level_ok(nb->cur_lvl)) {
        num_level *l = &nb->abs[nb->nabs - 1].lvl[nb->cur_lvl];
        if (!strcmp(n, "start"))
            l->start = attr_start(ev, "val");
        else if (!strcmp(n, "numFmt"))
            attr_copy(ev, "val", l->fmt, sizeof l->fmt);
        else if (!strcmp(n, "lvlText"))
            attr_copy(ev, "val", l->text, sizeof l->text);
    }
    return PL_XML_GO;
}

static int on_styles(void *ctx, const pl_xml_ev *ev)
{
    numbering *nb = ctx;
    if (!is_w(ev))
        return PL_XML_GO;
    if (ev->kind == PL_XML_END) {
        if (!strcmp(ev->name, "pPr"))
            nb->in_style_ppr = 0;
        return PL_XML_GO;
    }
    if (ev->kind != PL_XML_START)
        return PL_XML_GO;
    const char *n = ev->name;
    style_num *s = nb->nstyles ? &nb->styles[nb->nstyles - 1] : NULL;
    if (!strcmp(n, "style")) {
        s = PUSH(nb->styles, nb->nstyles, nb->capstyles);
        if (!s)
            return PL_XML_SKIP;
        attr_copy(ev, "styleId", s->id, sizeof s->id);
        s->seq = nb->nstyles;
    } else if (s && !strcmp(n, "basedOn")) {
        attr_copy(ev, "val", s->based_on, sizeof s->based_on);
    } else if (s && !strcmp(n, "pPr")) {
        nb->in_style_ppr = 1;
    } else if (s && nb->in_style_ppr && !strcmp(n, "numId")) {
        s->num_id = attr_long(ev, "val", 0);
        s->has_num_id = 1;
    } else if (s && nb->in_style_ppr && !strcmp(n, "ilvl")) {
        s->ilvl = attr_long(ev, "val", 0);
        s->has_ilvl = 1;
    } else if (!strcmp(n, "docDefaults") || !strcmp(n, "latentStyles")) {
        return PL_XML_SKIP;
    }
    return PL_XML_GO;
}

/* Lookups by id.  Once read, the definitions are sorted by id, equal ids
 * in file order, and each lookup takes the first of its id, as Word does:
 * a paragraph's style and list are found in O(log n), not by a walk of up
 * to PL_DOCX_MAX_DEFS definitions for each paragraph and each basedOn hop
 * (200 000 paragraphs on a 4 096-style chain took 122 s). */
static int cmp_seq(size_t a, size_t b)
{
    return (a > b) - (a < b);
}

static int cmp_long(long a, long b)
{
    return (a > b) - (a < b);
}

static int cmp_style(const void *a, const void *b)
{
    const style_num *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : cmp_seq(x->seq, y->seq);
}

static int cmp_num(const void *a, const void *b)
{
    const num_inst *x = a, *y = b;
    int c = cmp_long(x->id, y->id);
    return c ? c : cmp_seq(x->seq, y->seq);
}

static int cmp_abs(const void *a, const void *b)
{
    const abstract_num *x = a, *y = b;
    int c = cmp_long(x->id, y->id);
    return c ? c : cmp_seq(x->seq, y->seq);
}

static void numbering_index(numbering *nb)
{
    if (nb->nstyles)
        qsort(nb->styles, nb->nstyles, sizeof *nb->styles, cmp_style);
    if (nb->nnums)
        qsort(nb->nums, nb->nnums, sizeof *nb->nums, cmp_num);
    if (nb->nabs)
        qsort(nb->abs, nb->nabs, sizeof *nb->abs, cmp_abs);
}

static const style_num *find_style(const numbering *nb, const char *id)
{
    if (!id[0])
        return NULL;
    size_t at;
    PL_LOWER_BOUND(at, i, nb->nstyles, strcmp(nb->styles[i].id, id));
    return at < nb->nstyles && strcmp(nb->styles[at].id, id) == 0 ? &nb->styles[at] : NULL;
}

static num_inst *find_num(numbering *nb, long id)
{
    size_t at;
    PL_LOWER_BOUND(at, i, nb->nnums, cmp_long(nb->nums[i].id, id));
    return at < nb->nnums && nb->nums[at].id == id ? &nb->nums[at] : NULL;
}

static abstract_num *find_abs(numbering *nb, long id)
{
    size_t at;
    PL_LOWER_BOUND(at, i, nb->nabs, cmp_long(nb->abs[i].id, id));
    return at < nb->nabs && nb->abs[at].id == id ? &nb->abs[at] : NULL;
}

static void numbering_free(numbering *nb)
{
    free(nb->abs);
    free(nb->nums);
    free(nb->styles);
}

/* ---- rendering a list number ------------------------------------------------- */

static void fmt_number(const char *fmt, long v, char *buf, size_t n)
{
    if (!strcmp(fmt, "upperRoman") || !strcmp(fmt, "lowerRoman")) {
        static const struct { int v; const char *s; } r[] = {
            {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
            {50, "L"},   {40, "XL"},  {10, "X"},  {9, "IX"},   {5, "V"},   {4, "IV"}, {1, "I"}};
        size_t k = 0;
        for (size_t i = 0; i < sizeof r / sizeof *r && v > 0 && v < 4000; i++)
            while (v >= r[i].v && k + 3 < n) {
                for (const char *p = r[i].s; *p; p++)
                    buf[k++] = fmt[0] == 'l' ? (char)(*p + 32) : *p;
                v -= r[i].v;
            }
        buf[k] = '\0';
        if (k)
            return;
    } else if ((!strcmp(fmt, "lowerLetter") || !strcmp(fmt, "upperLetter")) && v >= 1) {
        /* a..z, then aa..zz, as Word counts */
        char c = (char)((fmt[0] == 'l' ? 'a' : 'A') + (v - 1) % 26);
        size_t reps = (size_t)((v - 1) / 26 + 1), k = 0;
        while (k < reps && k + 1 < n)
            buf[k++] = c;
        buf[k] = '\0';
        return;
    } else if (!strcmp(fmt, "decimalZero")) {
        snprintf(buf, n, "%02ld", v);
        return;
    }
    snprintf(buf, n, "%ld", v);
}

/* The number of a paragraph in list num_id at level ilvl, as Word shows
 * it, advancing the list's counters.  "" when it has none. */
static void next_number(numbering *nb, long num_id, long ilvl, char *out, size_t n)
{
    out[0] = '\0';
    num_inst *m = find_num(nb, num_id);
    abstract_num *a = m ? find_abs(nb, m->abs_id) : NULL;
    if (!a || !level_ok(ilvl))
        return;
    int L = (int)ilvl;
    if (m->has_override[L]) { /* a restart: applies once, at this list's first use */
        a->counter[L] = m->override[L] - 1;
        a->started[L] = 1;
        m->has_override[L] = 0;
    }
    if (!a->started[L]) {
        a->counter[L] = a->lvl[L].start;
        a->started[L] = 1;
    } else {
        a->counter[L]++;
    }
    for (int k = L + 1; k < PL_DOCX_LEVELS; k++)
        a->started[k] = 0;
    const num_level *lv = &a->lvl[L];
    if (!strcmp(lv->fmt, "bullet")) {
        snprintf(out, n, "- ");
        return;
    }
    if (!strcmp(lv->fmt, "none"))
        return;
    const char *tpl = lv->text[0] ? lv->text : (!strcmp(lv->fmt, "lowerLetter") ? "%1)" : "%1.");
    size_t k = 0;
    for (const char *p = tpl; *p && k + 1 < n; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int lvl = p[1] - '1';
            char num[32];
            long v = a->started[lvl] ? a->counter[lvl] : a->lvl[lvl].start;
            fmt_number(a->lvl[lvl].fmt, v, num, sizeof num);
            for (const char *q = num; *q && k + 1 < n; q++)
                out[k++] = *q;
            p++;
        } else {
            out[k++] = *p;
        }
    }
    if (k > 0 && k + 1 < n)
        out[k++] = ' ';
    out[k] = '\0';
}

/* ---- document.xml --------------------------------------------------------------- */

typedef struct docx_ctx {
    const char *name;
    pl_buf *out;       /* the text */
    pl_input_info *info; /* soft breaks (w:br) are recorded there */
    pl_buf pos;        /* the same, line breaks inside paragraphs as spaces */
    numbering *nb;
    int in_t;          /* inside w:t */
    int in_ppr;
    int para_depth;    /* nested paragraphs (text boxes) */
    long num_id, ilvl; /* numbering of the current paragraph */
    int has_num_id, has_ilvl;
    char pstyle[64];
    int cells;         /* cells of the current row */
    int cell_sep;      /* the next paragraph starts a later cell */
    int line_open;     /* text written on the current line */
    int too_large;
} docx_ctx;

static void put2(docx_ctx *c, const char *s, size_t n, const char *pos)
{
    pl_buf_put(c->out, s, n);
    pl_buf_put(&c->pos, pos ? pos : s, n);
    if (c->out->len > PL_INPUT_MAX_TEXT)
        c->too_large = 1;
}

static void end_line(docx_ctx *c)
{
    put2(c, "\n", 1, NULL);
    c->line_open = 0;
}

static void begin_paragraph(docx_ctx *c)
{
    if (c->para_depth++ > 0 && c->line_open)
        end_line(c); /* a text box inside a paragraph: its own lines */
    c->has_num_id = c->has_ilvl = 0;
    c->pstyle[0] = '\0';
    if (c->cell_sep) {
        put2(c, "| ", 2, NULL);
        c->cell_sep = 0;
    }
}

/* At the end of w:pPr the paragraph's numbering is known: write it. */
static void paragraph_number(docx_ctx *c)
{
    long num_id = c->num_id, ilvl = c->has_ilvl ? c->ilvl : 0;
    int has = c->has_num_id;
    const style_num *s = find_style(c->nb, c->pstyle);
    for (int hops = 0; s && hops < PL_DOCX_MAX_BASED_ON && (!has || !c->has_ilvl); hops++) {
        if (!has && s->has_num_id) {
            num_id = s->num_id;
            has = 1;
            if (!c->has_ilvl && s->has_ilvl)
                ilvl = s->ilvl;
            break;
        }
        s = find_style(c->nb, s->based_on);
    }
    if (!has || num_id == 0)
        return;
    char num[128];
    next_number(c->nb, num_id, ilvl, num, sizeof num);
    if (num[0]) {
        put2(c, num, strlen(num), NULL);
        c->line_open = 1;
    }
}

static int on_doc_start(docx_ctx *c, const pl_xml_ev *ev)
{
    if (!is_w(ev)) /* Fallback repeats the Choice (text boxes for old Word) */
        return ev->ns && !strcmp(ev->ns, MC_NS) && !strcmp(ev->name, "Fallback") ? PL_XML_SKIP
                                                                               : PL_XML_GO;
    const char *n = ev->name;
    if (!strcmp(n, "p")) {
        begin_paragraph(c);
    } else if (!strcmp(n, "pPr")) {
        c->in_ppr = 1;
    } else if (c->in_ppr && !strcmp(n, "numId")) {
        c->num_id = attr_long(ev, "val", 0);
        c->has_num_id = 1;
    } else if (c->in_ppr && !strcmp(n, "ilvl")) {
        c->ilvl = attr_long(ev, "val", 0);
        c->has_ilvl = 1;
    } else if (c->in_ppr && !strcmp(n, "pStyle")) {
        attr_copy(ev, "val", c->pstyle, sizeof c->pstyle);
    } else if (!strcmp(n, "t")) {
        c->in_t = 1;
    } else if (!strcmp(n, "tab")) {
        if (!c->in_ppr) { /* tab stops in pPr are definitions, not text */
            put2(c, "\t", 1, NULL);
            c->line_open = 1;
        }
    } else if (!strcmp(n, "br") || !strcmp(n, "cr")) {
        if (pl_input_soft_break(c->info, c->out->len) != 0)
            c->out->failed = 1;
        put2(c, "\n", 1, " ");
    } else if (!strcmp(n, "noBreakHyphen")) {
        put2(c, "-", 1, NULL);
    } else if (!strcmp(n, "tr")) {
        c->cells = 0;
        c->cell_sep = 0;
    } else if (!strcmp(n, "tc")) {
        c->cell_sep = c->cells++ > 0;
    } else if (!strcmp(n, "del") || !strcmp(n, "moveFrom") || !strcmp(n, "delText") ||
               !strcmp(n, "instrText") || !strcmp(n, "delInstrText") || !strcmp(n, "rPr") ||
               !strcmp(n, "sectPr") || !strcmp(n, "sdtPr") || !strcmp(n, "footnoteReference") ||
               !strcmp(n, "endnoteReference")) {
        return PL_XML_SKIP;
    }
    return PL_XML_GO;
}

static int on_doc_end(docx_ctx *c, const pl_xml_ev *ev)
{
    if (!is_w(ev))
        return PL_XML_GO;
    const char *n = ev->name;
    if (!strcmp(n, "t")) {
        c->in_t = 0;
    } else if (!strcmp(n, "pPr")) {
        c->in_ppr = 0;
        paragraph_number(c);
    } else if (!strcmp(n, "p")) {
        end_line(c);
        if (c->para_depth > 0)
            c->para_depth--;
        c->in_ppr = 0;
    }
    return PL_XML_GO;
}

static int on_doc(void *ctx, const pl_xml_ev *ev)
{
    docx_ctx *c = ctx;
    int r = PL_XML_GO;
    if (ev->kind == PL_XML_START)
        r = on_doc_start(c, ev);
    else if (ev->kind == PL_XML_END)
        r = on_doc_end(c, ev);
    else if (c->in_t) {
        /* a line is a paragraph: newlines inside w:t are spaces */
        for (size_t i = 0; i < ev->len; i++) {
            char ch = ev->text[i];
            if (ch == '\n' || ch == '\r')
                ch = ' ';
            put2(c, &ch, 1, NULL);
        }
        c->line_open = 1;
    }
    if (c->too_large || c->out->failed || c->pos.failed)
        return PL_XML_STOP;
    return r;
}

/* ---- entry point ---------------------------------------------------------------- */

/* ---- relationships: which part is which ------------------------------------ */

/* Relationship types, by the last segment of their URI (transitional and
 * strict OOXML differ before it). */
typedef struct rels_ctx {
    const char *want[3]; /* "officeDocument" or "numbering", "styles" */
    char target[3][512];
} rels_ctx;

static int on_rels(void *ctx, const pl_xml_ev *ev)
{
    rels_ctx *r = ctx;
    if (ev->kind != PL_XML_START || strcmp(ev->name, "Relationship") != 0)
        return PL_XML_GO;
    const char *type = pl_xml_ev_attr(ev, "Type"), *target = pl_xml_ev_attr(ev, "Target");
    const char *mode = pl_xml_ev_attr(ev, "TargetMode");
    if (!type || !target || (mode && strcmp(mode, "External") == 0))
        return PL_XML_GO;
    const char *last = strrchr(type, '/');
    for (int i = 0; i < 3 && r->want[i]; i++)
        if (last && strcmp(last + 1, r->want[i]) == 0 && !r->target[i][0])
            snprintf(r->target[i], sizeof r->target[i], "%s", target);
    return PL_XML_GO;
}

/* The part name of `target` as seen from part `from` ("" for the package):
 * "/word/document.xml" is absolute; "document.xml" from "word/x.xml" is
 * "word/document.xml"; "." and ".." segments resolved. */
static void resolve_target(const char *from, const char *target, char *out, size_t n)
{
    char path[1024];
    const char *slash = strrchr(from, '/');
    if (target[0] == '/')
        snprintf(path, sizeof path, "%s", target + 1);
    else
        snprintf(path, sizeof path, "%.*s%s", slash ? (int)(slash - from + 1) : 0, from, target);
    size_t k = 0;
    for (char *seg = path, *next; seg; seg = next) {
        next = strchr(seg, '/');
        if (next)
            *next++ = '\0';
        if (!strcmp(seg, ".") || !seg[0])
            continue;
        if (!strcmp(seg, "..")) { /* back one segment */
            while (k > 0 && out[k - 1] != '/')
                k--;
            if (k > 0)
                k--;
            continue;
        }
        int w = snprintf(out + k, n - k, "%s%s", k ? "/" : "", seg);
        if (w < 0 || (size_t)w >= n - k)
            break;
        k += (size_t)w;
    }
    out[k < n ? k : n - 1] = '\0';
}

/* Read the relationships part of `from` ("" = the package) and resolve the
 * targets of the wanted types; targets not found stay "". */
static int read_rels(pl_package *pk, const char *from, rels_ctx *r, pl_error *err)
{
    char part[1024];
    const char *slash = strrchr(from, '/');
    const char *base = slash ? slash + 1 : from;
    snprintf(part, sizeof part, "%.*s_rels/%s.rels", slash ? (int)(slash - from + 1) : 0, from, base);
    char *xml = NULL;
    size_t len = 0;
    if (pl_package_read(pk, part, PL_DOCX_MAX_AUX, 0, &xml, &len, err) != 0)
        return -1;
    pl_error ignored = {0}; /* a broken .rels: the conventional names are tried */
    if (xml && len > 0)
        pl_xml_stream(part, xml, len, on_rels, r, &ignored);
    free(xml);
    for (int i = 0; i < 3; i++)
        if (r->target[i][0]) {
            char abs[512];
            resolve_target(from, r->target[i], abs, sizeof abs);
            memcpy(r->target[i], abs, sizeof abs);
        }
    return 0;
}

/* ---- entry point ---------------------------------------------------------------- */

static int parse_aux(const char *name, pl_package *pk, const char *part, pl_xml_cb cb,
                     numbering *nb, pl_error *err)
{
    char *xml = NULL;
    size_t len = 0;
    if (pl_package_read(pk, part, PL_DOCX_MAX_AUX, 0, &xml, &len, err) != 0)
        return -1;
    if (!xml)
        return 0;
    char label[256];
    snprintf(label, sizeof label, "%s: %s", name, part);
    /* list numbers are a nicety: a broken numbering.xml costs the numbers */
    pl_error ignored = {0};
    if (len > 0)
        pl_xml_stream(label, xml, len, cb, nb, &ignored);
    free(xml);
    return 0;
}

/* The main part and its numbering and styles parts. */
static int find_parts(pl_package *pk, char main[512], char numbering_part[512],
                      char styles_part[512], pl_error *err)
{
    rels_ctx pkg = {{"officeDocument", NULL, NULL}, {{0}}};
    if (read_rels(pk, "", &pkg, err) != 0)
        return -1;
    snprintf(main, 512, "%s", pkg.target[0][0] ? pkg.target[0] : "word/document.xml");
    rels_ctx doc = {{"numbering", "styles", NULL}, {{0}}};
    if (read_rels(pk, main, &doc, err) != 0)
        return -1;
    snprintf(numbering_part, 512, "%s", doc.target[0][0] ? doc.target[0] : "word/numbering.xml");
    snprintf(styles_part, 512, "%s", doc.target[1][0] ? doc.target[1] : "word/styles.xml");
    return 0;
}

int pl_input_docx(const char *name, const unsigned char *b, size_t n, pl_buf *out,
                  pl_input_info *info, pl_buf *note, pl_error *err)
{
    (void)note;
    pl_package *pk = pl_package_open(name, "DOCX", b, n, err);
    if (!pk)
        return -1;
    numbering nb;
    memset(&nb, 0, sizeof nb);
    docx_ctx c;
    memset(&c, 0, sizeof c);
    c.name = name;
    c.out = out;
    c.info = info;
    c.nb = &nb;
    info->paragraphs = 1;
    char *xml = NULL;
    size_t len = 0;
    int rc = -1;
    char main[512], num_part[512], styles_part[512], label[800];
    if (find_parts(pk, main, num_part, styles_part, err) != 0)
        goto done;
    if (!pl_package_has(pk, main) && pl_package_has(pk, "content.xml")) {
        /* an OpenDocument text without its mimetype first */
        pl_package_close(pk);
        return pl_input_odt(name, b, n, out, info, note, err);
    }
    if (parse_aux(name, pk, num_part, on_numbering, &nb, err) != 0 ||
        parse_aux(name, pk, styles_part, on_styles, &nb, err) != 0 ||
        pl_package_read(pk, main, PL_DOCX_MAX_PART, 1, &xml, &len, err) != 0)
        goto done;
    numbering_index(&nb);
    snprintf(label, sizeof label, "%s: %s", name, main);
    if (pl_xml_stream(label, xml, len, on_doc, &c, err) != 0) {
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
    numbering_free(&nb);
    pl_package_close(pk);
    return rc;
}
