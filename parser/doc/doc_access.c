/* doc_access.c - the public accessors of what a document holds (planlint.h,
 * "what a document holds"): header, citations, sections and targets.
 * Each answers from the parsed structs; spans the structs do not keep are
 * filled once, after the phases (pl_doc_fill_spans). */
#include "doc.h"

#include "input.h"

/* ---- spans, filled after parsing ---- */

static int before(const pl_pos *p, const pl_pos *q)
{
    return p->byte < q->byte || p->line < q->line || (p->line == q->line && p->col < q->col);
}

/* The end of flat[a..b), which starts at *start in the input.  A reader
 * may place a span's last character before its first (an HTML table
 * libxml2 repaired: "<td>oan<td>9%</r>"); the span is then its first
 * character, or empty at its start, never one that ends before it
 * begins. */
static pl_pos span_end(const pl_text *t, size_t a, size_t b, const pl_pos *start)
{
    pl_pos end = pl_text_end_flat(t, a, b);
    if (!before(&end, start))
        return end;
    size_t first = a + 1;
    while (first < b && ((unsigned char)t->flat[first] & 0xC0) == 0x80)
        first++;
    end = pl_text_end_flat(t, a, first);
    return before(&end, start) ? *start : end;
}

void pl_doc_fill_spans(pl_doc *doc)
{
    for (size_t i = 0; i < doc->ncitations; i++) {
        pl_citation *c = &doc->citations[i];
        c->end = span_end(&doc->text, c->flat_start, c->flat_end, &c->pos);
    }
    for (size_t i = 0; i < doc->ntargets; i++) {
        pl_target *t = &doc->targets[i];
        t->end = span_end(&doc->text, t->flat_start, t->flat_end, &t->pos);
        int ocr = 0;
        unsigned page = pl_input_page(doc->text.input, t->pos.line, &ocr);
        t->ocr_page = ocr ? page : 0;
    }
}

/* A date's parts into the caller's variables (any may be NULL); 1 when
 * the date is whole, as JSON writes it (pl_date_iso). */
static int date_parts(const pl_date *d, int *year, int *month, int *day)
{
    int known = d && d->year && d->month && d->day;
    if (year)
        *year = known ? d->year : 0;
    if (month)
        *month = known ? d->month : 0;
    if (day)
        *day = known ? d->day : 0;
    return known;
}

const char *pl_doc_reading(const pl_doc *doc)
{
    return doc ? pl_input_read_name(doc->text.input) : NULL;
}

/* ---- header ---- */

const pl_header *pl_doc_header(const pl_doc *doc)
{
    return doc ? &doc->info : NULL;
}

const char *pl_header_form(const pl_header *h)
{
    if (!h)
        return NULL;
    return h->form == PL_FORM_SUMMARY ? "summary" : "document";
}

const char *pl_header_issuer(const pl_header *h)
{
    return h ? h->issuer : NULL;
}

const char *pl_header_level(const pl_header *h)
{
    return h ? pl_level_name(h->level) : NULL;
}

const char *pl_header_locality(const pl_header *h)
{
    return h ? h->locality : NULL;
}

const char *pl_header_kind(const pl_header *h)
{
    return h ? h->kind : NULL;
}

const char *pl_header_number(const pl_header *h)
{
    return h ? h->number : NULL;
}

int pl_header_date(const pl_header *h, int *year, int *month, int *day)
{
    return date_parts(h ? &h->date : NULL, year, month, day);
}

unsigned long pl_header_date_line(const pl_header *h)
{
    return h ? h->date_pos.line : 0;
}

unsigned long pl_header_date_column(const pl_header *h)
{
    return h ? h->date_pos.col : 0;
}

int pl_header_period_start(const pl_header *h)
{
    return h ? h->period_start : 0;
}

int pl_header_period_end(const pl_header *h)
{
    return h ? h->period_end : 0;
}

int pl_header_horizon(const pl_header *h)
{
    return h ? h->horizon : 0;
}

const char *pl_header_program(const pl_header *h)
{
    return h && h->program ? h->program->id : NULL;
}

size_t pl_header_placeholder_count(const pl_header *h)
{
    return h ? h->nplaceholders : 0;
}

static const pl_placeholder *placeholder(const pl_header *h, size_t i)
{
    return h && i < h->nplaceholders ? &h->placeholders[i] : NULL;
}

const char *pl_header_placeholder_field(const pl_header *h, size_t i)
{
    const pl_placeholder *p = placeholder(h, i);
    return p ? p->field : NULL;
}

unsigned long pl_header_placeholder_line(const pl_header *h, size_t i)
{
    const pl_placeholder *p = placeholder(h, i);
    return p ? p->pos.line : 0;
}

unsigned long pl_header_placeholder_column(const pl_header *h, size_t i)
{
    const pl_placeholder *p = placeholder(h, i);
    return p ? p->pos.col : 0;
}

/* ---- citations ---- */

size_t pl_doc_citation_count(const pl_doc *doc)
{
    return doc ? doc->ncitations : 0;
}

const pl_citation *pl_doc_citation(const pl_doc *doc, size_t i)
{
    return doc && i < doc->ncitations ? &doc->citations[i] : NULL;
}

const char *pl_citation_kind(const pl_citation *c)
{
    return c ? c->kind : NULL;
}

const char *pl_citation_number(const pl_citation *c)
{
    return c ? c->number : NULL;
}

const char *pl_citation_title(const pl_citation *c)
{
    return c ? c->title : NULL;
}

const char *pl_citation_issuer(const pl_citation *c)
{
    return c ? c->issuer : NULL;
}

const char *pl_citation_relation(const pl_citation *c)
{
    if (!c)
        return NULL;
    switch (c->relation) {
    case PL_REL_IMPLEMENTS: return "implements";
    case PL_REL_BASIS: return "basis";
    default: return "mentioned";
    }
}

int pl_citation_date(const pl_citation *c, int *year, int *month, int *day)
{
    return date_parts(c ? &c->date : NULL, year, month, day);
}

unsigned long pl_citation_line(const pl_citation *c)
{
    return c ? c->pos.line : 0;
}

unsigned long pl_citation_column(const pl_citation *c)
{
    return c ? c->pos.col : 0;
}

unsigned long pl_citation_end_line(const pl_citation *c)
{
    return c ? c->end.line : 0;
}

unsigned long pl_citation_end_column(const pl_citation *c)
{
    return c ? c->end.col : 0;
}

/* ---- sections ---- */

size_t pl_doc_section_count(const pl_doc *doc)
{
    return doc ? doc->nsections : 0;
}

const pl_section *pl_doc_section(const pl_doc *doc, size_t i)
{
    return doc && i < doc->nsections ? &doc->sections[i] : NULL;
}

const char *pl_section_label(const pl_section *s)
{
    return s ? s->label : NULL;
}

const char *pl_section_title(const pl_section *s)
{
    return s ? s->title : NULL;
}

int pl_section_depth(const pl_section *s)
{
    return s ? s->depth : 0;
}

long pl_section_parent(const pl_section *s)
{
    return s ? s->parent : -1;
}

unsigned long pl_section_line(const pl_section *s)
{
    return s ? s->pos.line : 0;
}

unsigned long pl_section_column(const pl_section *s)
{
    return s ? s->pos.col : 0;
}

/* ---- targets ---- */

size_t pl_doc_target_count(const pl_doc *doc)
{
    return doc ? doc->ntargets : 0;
}

const pl_target *pl_doc_target(const pl_doc *doc, size_t i)
{
    return doc && i < doc->ntargets ? &doc->targets[i] : NULL;
}

const char *pl_target_indicator(const pl_target *t)
{
    return t && t->indicator ? t->indicator->id : NULL;
}

int pl_target_objective(const pl_target *t)
{
    return t ? t->objective : 0;
}

int pl_target_year(const pl_target *t)
{
    return t ? t->year : 0;
}

const char *pl_target_comparator(const pl_target *t)
{
    return t ? pl_cmp_name(t->cmp) : NULL;
}

double pl_target_value(const pl_target *t)
{
    return t ? t->value : 0;
}

const char *pl_target_unit(const pl_target *t)
{
    return t ? t->unit : NULL;
}

const char *pl_target_change(const pl_target *t)
{
    return t ? pl_change_name(t->change) : NULL;
}

int pl_target_base_year(const pl_target *t)
{
    return t ? t->base_year : 0;
}

int pl_target_per_year(const pl_target *t)
{
    return t ? t->per_year != 0 : 0;
}

const char *pl_target_group(const pl_target *t)
{
    return t ? t->group : NULL;
}

const char *pl_target_text(const pl_target *t)
{
    return t ? t->text : NULL;
}

unsigned long pl_target_line(const pl_target *t)
{
    return t ? t->pos.line : 0;
}

unsigned long pl_target_column(const pl_target *t)
{
    return t ? t->pos.col : 0;
}

unsigned long pl_target_end_line(const pl_target *t)
{
    return t ? t->end.line : 0;
}

unsigned long pl_target_end_column(const pl_target *t)
{
    return t ? t->end.col : 0;
}

unsigned pl_target_ocr_page(const pl_target *t)
{
    return t ? t->ocr_page : 0;
}
