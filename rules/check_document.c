/* check_document.c - rules about the document's form (documents only,
 * not news items or summaries; rules.xml forms="document"):
 *   draft-placeholder  blank number, day or month in the header
 *   missing-section    a required part absent (data/rules/sections.xml)
 *   numbering          sibling headings that skip or repeat a number
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marker.h"
#include "text.h"
#include "vocab.h"
#include "rules.h"

/* ---- draft-placeholder -------------------------------------------------- */

/* The input line holding `pos`, trimmed: what the user sees ("Số: /KH-UBND"). */
static char *line_text(const pl_doc *doc, pl_pos pos)
{
    const pl_text *t = &doc->text;
    if (pos.line == 0 || pos.line > t->nlines)
        return strdup("");
    const pl_line *ln = &t->lines[pos.line - 1];
    size_t a = ln->off, b = ln->off + ln->len;
    while (a < b && (t->nfc[a] == ' ' || t->nfc[a] == '\t'))
        a++;
    while (b > a && (t->nfc[b - 1] == ' ' || t->nfc[b - 1] == '\t' || t->nfc[b - 1] == '\r'))
        b--;
    /* a header line is short; a long one is cut */
    if (b - a > 120) {
        b = a + 120;
        while (b > a && ((unsigned char)t->nfc[b] & 0xC0) == 0x80)
            b--;
    }
    return pl_strndup(t->nfc + a, b - a);
}

static void placeholders(pl_ctx *cx)
{
    const pl_docinfo *in = &cx->doc->info;
    for (size_t i = 0; i < in->nplaceholders && !cx->failed; i++) {
        const pl_placeholder *ph = &in->placeholders[i];
        char id[64];
        snprintf(id, sizeof id, "draft-placeholder.%s", ph->field);
        if (!*pl_catalog_message(cx->cat, id, PL_LANG_VI))
            snprintf(id, sizeof id, "draft-placeholder");
        char *q = line_text(cx->doc, ph->pos);
        if (!q) {
            cx->failed = 1;
            return;
        }
        pl_arg a[] = {{"quote", q, NULL}, {"field", ph->field, NULL}};
        pl_span sp = pl_span_point(ph->pos);
        sp.end = ph->end;
        pl_ctx_add(cx, PL_R_DRAFT_PLACEHOLDER, sp, NULL, id, a, 2);
        free(q);
    }
}

/* ---- missing-section ---------------------------------------------------- */

/* Longest key text of a title looked at; titles are a line or two. */
#define PL_TITLE_MAX 400

/* Parts whose phrases occur in key[a..b), into found[].  A match lying
 * inside a longer match of another part does not count ("phân công nhiệm
 * vụ" is implementation, not tasks). */
static void parts_in(const pl_catalog *cat, const char *key, size_t a, size_t b, int *found)
{
    if (b - a > PL_TITLE_MAX)
        b = a + PL_TITLE_MAX;
    for (size_t p = 0; p < cat->nparts; p++)
        for (size_t k = 0; k < cat->parts[p].nphrases; k++) {
            const char *ph = cat->parts[p].phrases[k];
            size_t at = pl_key_find(key, a, b, ph), len = strlen(ph);
            if (at == (size_t)-1)
                continue;
            int inside = 0;
            for (size_t q = 0; q < cat->nparts && !inside; q++)
                for (size_t m = 0; q != p && m < cat->parts[q].nphrases && !inside; m++) {
                    const char *o = cat->parts[q].phrases[m];
                    size_t ol = strlen(o);
                    if (ol <= len)
                        continue;
                    size_t from = at + len > ol ? at + len - ol : 0;
                    size_t oat = pl_key_find(key, from < a ? a : from, b, o);
                    inside = oat != (size_t)-1 && oat <= at && oat + ol >= at + len;
                }
            if (!inside)
                found[p] = 1;
        }
}

/* Top-level sections are the parts; a text without numbered sections is
 * read paragraph by paragraph (a part's name opening a paragraph). */
static void find_parts(const pl_doc *doc, const pl_catalog *cat, int *found, size_t *where)
{
    const pl_text *t = &doc->text;
    int any_section = 0;
    for (size_t i = 0; i < doc->nsections; i++) {
        const pl_section *s = &doc->sections[i];
        if (s->parent != -1 || pl_style_is_bullet(s->style))
            continue;
        any_section = 1;
        const pl_para *p = &t->paras[s->para];
        int f[64] = {0};
        parts_in(cat, t->key, pl_text_flat_to_key(t, p->body), p->key_end, f);
        for (size_t k = 0; k < cat->nparts && k < 64; k++)
            if (f[k] && !found[k]) {
                found[k] = 1;
                where[k] = s->para;
            }
    }
    if (any_section)
        return;
    for (size_t i = doc->info.header_end; i < doc->info.end_start && i < t->nparas; i++) {
        const pl_para *p = &t->paras[i];
        int f[64] = {0};
        /* only the paragraph's opening words name a part */
        size_t b = p->key_end < p->key_start + 40 ? p->key_end : p->key_start + 40;
        parts_in(cat, t->key, p->key_start, b, f);
        for (size_t k = 0; k < cat->nparts && k < 64; k++)
            if (f[k] && !found[k]) {
                found[k] = 1;
                where[k] = i;
            }
    }
}

/* Where a missing part would stand: before the next part present, else at
 * the end of the body. */
static pl_span part_span(const pl_doc *doc, const pl_catalog *cat, size_t missing,
                         const int *found, const size_t *where)
{
    const pl_text *t = &doc->text;
    for (size_t k = missing + 1; k < cat->nparts; k++)
        if (found[k])
            return pl_span_para_line(doc, where[k]);
    size_t end = doc->info.end_start < t->nparas ? doc->info.end_start : t->nparas;
    if (end > 0)
        return pl_span_para_line(doc, end == t->nparas ? end - 1 : end);
    pl_pos p = {0, 1, 1};
    return pl_span_point(p);
}

static void sections(pl_ctx *cx)
{
    const pl_catalog *cat = cx->cat;
    int found[64] = {0};
    size_t where[64] = {0};
    if (cat->nparts > 64 || cx->doc->text.nparas == 0)
        return;
    find_parts(cx->doc, cat, found, where);
    for (size_t k = 0; k < cat->nparts; k++) {
        if (found[k])
            continue;
        pl_arg a[] = {{"part", cat->parts[k].label[0], cat->parts[k].label[1]}};
        pl_ctx_add(cx, PL_R_MISSING_SECTION, part_span(cx->doc, cat, k, found, where), NULL,
                   "missing-section", a, 1);
    }
}

/* ---- numbering ---------------------------------------------------------- */

/* Numbered styles; bullets carry no number. */
static int numbered(int style)
{
    return style != PL_STYLE_NONE && !pl_style_is_bullet(style);
}

/* Letters: Vietnamese lists run through the alphabet of vocabulary list
 * "list-letters" (a b c d đ e g h i k l m n o p q r s t u v x y, each with
 * its rank); documents written with the Latin alphabet (f, j, w, z) or
 * without đ are as common.  A letter follows another if either alphabet
 * says so. */
static int vi_rank(const char *l)
{
    const pl_vocab_entry *e = pl_vocab_find(pl_vocab("list-letters"), l, strlen(l));
    const char *rank = e ? pl_vocab_attr(e, "rank") : NULL;
    return rank ? atoi(rank) : 0;
}

static int letter_follows(const char *prev, const char *cur)
{
    int a = vi_rank(prev), b = vi_rank(cur);
    if (a > 0 && b == a + 1)
        return 1;
    /* Latin: consecutive ASCII (d -> e skipping đ) */
    return strlen(prev) == 1 && strlen(cur) == 1 && cur[0] == prev[0] + 1;
}

/* Ordinal of a letter label in the Latin alphabet; a Vietnamese letter
 * outside it (đ) stands just after the letter before it (d). */
static double letter_rank(const char *l)
{
    if (l[0] >= 'a' && l[0] <= 'z')
        return l[0] - 'a' + 1;
    int r = vi_rank(l);
    const pl_vocab_list *v = pl_vocab("list-letters");
    for (size_t i = 0; r > 1 && i < v->n; i++)
        if (vi_rank(v->v[i].key) == r - 1 && v->v[i].key[0] >= 'a' && v->v[i].key[0] <= 'z')
            return letter_rank(v->v[i].key) + 0.5;
    return 0;
}

/* The label in lower case ("Đ" -> "đ"), as the vocabulary's keys are. */
static void lower_label(const char *in, char *out, size_t n)
{
    size_t kn = 0;
    char *key = pl_text_key_of(in, strlen(in), &kn);
    snprintf(out, n, "%s", key ? key : in);
    free(key);
}

/* 0 fine, else the message id. */
static const char *sequence_problem(const pl_section *prev, const pl_section *cur)
{
    if (cur->style == PL_STYLE_LETTER || cur->style == PL_STYLE_UPPER) {
        char a[8], b[8];
        lower_label(prev->label, a, sizeof a);
        lower_label(cur->label, b, sizeof b);
        if (strcmp(a, b) == 0)
            return "numbering.repeat";
        if (letter_follows(a, b))
            return NULL;
        return letter_rank(b) < letter_rank(a) ? "numbering.order" : "numbering.skip";
    }
    if (cur->number == prev->number)
        return "numbering.repeat";
    if (cur->number == prev->number + 1)
        return NULL;
    return cur->number < prev->number ? "numbering.order" : "numbering.skip";
}

static void numbering_at(pl_ctx *cx, const pl_section *cur, const char *msg, const char *prev)
{
    pl_arg a[] = {{"label", cur->label, NULL}, {"previous", prev, NULL}};
    pl_span sp = pl_span_para_line(cx->doc, cur->para);
    sp.start = cur->pos;
    pl_ctx_add(cx, PL_R_NUMBERING, sp, NULL, msg, a, 2);
}

/* Siblings: same parent, same style.  Each section is compared with the
 * previous sibling of its style; the first of a style under a parent
 * should be 1 (I, a). */
static void numbering(pl_ctx *cx)
{
    const pl_doc *doc = cx->doc;
    for (size_t i = 0; i < doc->nsections && !cx->failed && pl_ctx_wants(cx, PL_R_NUMBERING);
         i++) {
        const pl_section *cur = &doc->sections[i];
        if (!numbered(cur->style) || cur->number <= 0)
            continue;
        const pl_section *prev = NULL;
        /* the nearest earlier sibling: walk back, bounded by the parent */
        for (size_t j = i; j-- > 0;) {
            const pl_section *s = &doc->sections[j];
            if ((int)j == cur->parent)
                break;
            if (s->parent == cur->parent && s->style == cur->style) {
                prev = s;
                break;
            }
        }
        if (prev) {
            const char *msg = sequence_problem(prev, cur);
            if (msg)
                numbering_at(cx, cur, msg, prev->label);
        } else if (cur->number > 1) {
            numbering_at(cx, cur, "numbering.start", "");
        }
    }
}

int pl_check_document(pl_ctx *cx)
{
    if (cx->doc->info.form != PL_FORM_DOCUMENT)
        return 0;
    if (pl_ctx_enabled(cx, PL_R_DRAFT_PLACEHOLDER))
        placeholders(cx);
    if (pl_ctx_enabled(cx, PL_R_MISSING_SECTION))
        sections(cx);
    if (pl_ctx_enabled(cx, PL_R_NUMBERING))
        numbering(cx);
    return cx->failed ? -1 : 0;
}
