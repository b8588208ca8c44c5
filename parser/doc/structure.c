/* structure.c - zones of the document and the section tree.
 *
 * A plan has a header block (issuer, motto, Số, place and date, type name
 * and summary), a body numbered I./1./a)/- (Nghị định 30/2020 Phụ lục I),
 * and an end block (Nơi nhận, signer).  News copies have page chrome
 * ("Tin liên quan") where the end block would be.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "marker.h"
#include "uni.h"
#include "vocab.h"

/* Input-controlled nesting is iterative; this caps the stack of open
 * sections so that "1.1.1.1..." or 100 000 nested bullets cost O(n). */
#define PL_MAX_SECTION_DEPTH 64

static int para_starts(const pl_text *t, const pl_para *p, const char *lower_prefix)
{
    size_t n = strlen(lower_prefix);
    return p->key_end - p->key_start >= n && memcmp(t->key + p->key_start, lower_prefix, n) == 0;
}

/* Whether the paragraph opens with a phrase of the list (a plain prefix of
 * its key text). */
static int para_starts_any(const pl_text *t, const pl_para *p, const char *list)
{
    const pl_vocab_list *l = pl_vocab(list);
    for (size_t i = 0; i < l->n; i++)
        if (para_starts(t, p, l->v[i].key))
            return 1;
    return 0;
}

/* The type name alone in capitals: "KẾ HOẠCH" (marker.c). */
static int is_type_name_para(const pl_text *t, const pl_para *p)
{
    return pl_type_name_line(t->flat + p->flat_start, p->flat_end - p->flat_start);
}

/* Header: up to the type-name line ("KẾ HOẠCH") and the summary lines under
 * it; documents without one (news items) have no header block. */
static size_t find_header_end(const pl_text *t)
{
    size_t limit = t->nparas < 25 ? t->nparas : 25;
    for (size_t i = 0; i < limit; i++) {
        if (!is_type_name_para(t, &t->paras[i]))
            continue;
        size_t j = i + 1;
        /* the summary (trích yếu) follows unless the body starts at once */
        if (j < t->nparas && t->paras[j].kind == PL_PARA_TEXT &&
            !para_starts_any(t, &t->paras[j], "body-openers"))
            j++;
        return j;
    }
    return 0;
}

static int contains(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

/* "0 lượt xem", "1281 người đang online": a web page's counters. */
static int is_counter(const pl_text *t, const pl_para *p)
{
    size_t n = p->key_end - p->key_start;
    const char *k = t->key + p->key_start;
    if (n == 0 || n > 40 || k[0] < '0' || k[0] > '9')
        return 0;
    const pl_vocab_list *l = pl_vocab("page-counters");
    for (size_t i = 0; i < l->n; i++)
        if (contains(k, n, l->v[i].key))
            return 1;
    return 0;
}

/* A decision that issues a plan ("Quyết định ban hành Kế hoạch") is
 * published with the plan after its own recipients and signature: the
 * type name of the attached document ("KẾ HOẠCH" alone, in capitals) a few
 * paragraphs after an end block.  Its index, or 0. */
#define PL_END_BLOCK_MAX 40

static size_t attachment_after(const pl_text *t, size_t end)
{
    size_t limit = end + PL_END_BLOCK_MAX < t->nparas ? end + PL_END_BLOCK_MAX : t->nparas;
    for (size_t j = end + 1; j < limit; j++)
        if (is_type_name_para(t, &t->paras[j]))
            return j;
    return 0;
}

static int starts_end_block(const pl_text *t, const pl_para *p)
{
    if (is_counter(t, p))
        return 1;
    /* recipients, the signer's authority, web-page chrome */
    return para_starts_any(t, p, "end-block-openers");
}

/* The end block: from the first end phrase that no attached document
 * follows.  A decision's recipients and signature before its attached
 * plan stay in the body (the plan is what the decision is about). */
static size_t find_end_start(const pl_text *t, size_t from)
{
    for (size_t i = from; i < t->nparas; i++) {
        if (!starts_end_block(t, &t->paras[i]))
            continue;
        size_t att = attachment_after(t, i);
        if (!att)
            return i;
        i = att;
    }
    return t->nparas;
}

static void mark_paragraph(pl_text *t, pl_para *p)
{
    pl_marker mk;
    if (p->marked) /* read on its line by the text stage */
        return;
    p->body = p->flat_start;
    if (!pl_marker_parse(t->flat + p->flat_start, p->flat_end - p->flat_start, &mk))
        return;
    p->kind = pl_style_is_bullet(mk.style) ? PL_PARA_BULLET : PL_PARA_HEADING;
    p->style = mk.style;
    p->number = mk.number;
    p->objective = mk.objective;
    memcpy(p->label, mk.label, sizeof p->label);
    p->body = p->flat_start + mk.len;
}

/* A section for the heading or bullet paragraph pi, from what
 * mark_paragraph read of its marker (not parsed a second time). */
static int add_section(pl_doc *doc, size_t *cap, size_t pi, int parent, int depth)
{
    pl_text *t = &doc->text;
    pl_para *p = &t->paras[pi];
    if (doc->nsections == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        pl_section *s = realloc(doc->sections, nc * sizeof *s);
        if (!s)
            return -1;
        doc->sections = s;
        *cap = nc;
    }
    pl_section *s = &doc->sections[doc->nsections];
    memset(s, 0, sizeof *s);
    memcpy(s->label, p->label, sizeof s->label);
    s->style = p->style;
    s->number = p->number;
    s->objective = p->objective;
    s->title = pl_flat_copy(doc, p->body, p->flat_end);
    if (!s->title)
        return -1;
    s->pos = pl_text_pos_flat(t, p->flat_start);
    s->para = pi;
    s->parent = parent;
    s->depth = depth;
    doc->nsections++;
    return 0;
}

int pl_structure_build(pl_doc *doc)
{
    pl_text *t = &doc->text;
    for (size_t i = 0; i < t->nparas; i++)
        mark_paragraph(t, &t->paras[i]);
    doc->info.header_end = find_header_end(t);
    doc->info.end_start = find_end_start(t, doc->info.header_end);

    int stack[PL_MAX_SECTION_DEPTH];
    int styles[PL_MAX_SECTION_DEPTH];
    int top = 0; /* number of open sections */
    size_t cap = 0;
    for (size_t i = doc->info.header_end; i < doc->info.end_start; i++) {
        pl_para *p = &t->paras[i];
        if (is_type_name_para(t, p))
            top = 0; /* an attached document starts its own outline */
        if (p->kind != PL_PARA_TEXT) {
            /* a style already open closes everything below it (a sibling);
             * a new style opens one level deeper */
            int k = top - 1;
            while (k >= 0 && styles[k] != p->style)
                k--;
            if (k >= 0)
                top = k;
            if (top == PL_MAX_SECTION_DEPTH)
                top = PL_MAX_SECTION_DEPTH - 1; /* deeper nesting flattens */
            int parent = top > 0 ? stack[top - 1] : -1;
            if (add_section(doc, &cap, i, parent, top) != 0)
                return -1;
            stack[top] = (int)doc->nsections - 1;
            styles[top] = p->style;
            top++;
        }
        p->section = top > 0 ? stack[top - 1] : -1;
    }
    return 0;
}
