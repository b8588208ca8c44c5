/* xml_doc.c - `extract -f xml`: one <document> element per plan.
 *
 * The same data as the JSON object (docs/CONTRACT.md §3, render/json_doc.c), in the
 * shape data/schema/extract.xsd describes:
 *
 *   <document source=".." form=".." kind=".." number=".." issuer=".."
 *             level=".." locality=".." date=".." horizon=".." program=".."
 *             read="text|html|docx|odt|pdf|ocr">
 *     <period start=".." end=".."/>
 *     <placeholders><placeholder field=".." line=".." column=".."/></placeholders>
 *     <citations><citation kind=".." number=".." date=".." issuer=".."
 *                relation=".." line=".." column=".."><title>..</title></citation></citations>
 *     <sections><section label=".." line=".." column="..">
 *                 <title>..</title><section ..>..</section></section></sections>
 *     <targets><target indicator=".." objective=".." year=".." comparator=".."
 *                value=".." unit=".." line=".." column=".." [ocr="true" page=".."]>
 *                <group>..</group><text>..</text></target></targets>
 *   </document>
 *
 * Short atomic values are attributes; prose (titles, groups, target text)
 * is element content, where line breaks survive as written.  Where the JSON
 * has null the attribute or element is simply absent: XML has no null, and
 * a "null" string would be indistinguishable from a document numbered
 * "null".  The lists are always present (possibly empty), as in the JSON.
 *
 * Only util/xml.h touches libxml2; its writer escapes text and replaces
 * the control characters XML 1.0 cannot carry by U+FFFD.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "json.h"
#include "render.h"
#include "xml.h"

/* ---- values ------------------------------------------------------------ */

static int attr_int(pl_xml_writer *x, const char *name, long v)
{
    char s[24];
    snprintf(s, sizeof s, "%ld", v);
    return pl_xml_writer_attr(x, name, s);
}

/* An integer attribute that is 0 when unknown (years, objectives). */
static int attr_known_int(pl_xml_writer *x, const char *name, long v)
{
    return v != 0 ? attr_int(x, name, v) : 0;
}

/* A string attribute, absent when unknown (NULL). */
static int attr_opt(pl_xml_writer *x, const char *name, const char *v)
{
    return v != NULL ? pl_xml_writer_attr(x, name, v) : 0;
}

static int attr_date(pl_xml_writer *x, const char *name, const pl_date *d)
{
    char iso[16];
    pl_date_iso(d, iso, sizeof iso);
    return iso[0] ? pl_xml_writer_attr(x, name, iso) : 0;
}

static int attr_pos(pl_xml_writer *x, const pl_pos *p)
{
    if (attr_int(x, "line", (long)p->line) != 0)
        return -1;
    return attr_int(x, "column", (long)p->col);
}

/* ---- parts of a document ------------------------------------------------ */

static int document_attrs(pl_xml_writer *x, const pl_doc *doc)
{
    const pl_docinfo *in = &doc->info;
    int rc = 0;
    rc |= pl_xml_writer_attr(x, "source", doc->text.name);
    rc |= pl_xml_writer_attr(x, "form", in->form == PL_FORM_SUMMARY ? "summary" : "document");
    rc |= attr_opt(x, "kind", in->kind);
    rc |= attr_opt(x, "number", in->number);
    rc |= attr_opt(x, "issuer", in->issuer);
    rc |= attr_opt(x, "level", pl_level_name(in->level));
    rc |= attr_opt(x, "locality", in->locality);
    rc |= attr_date(x, "date", &in->date);
    rc |= attr_known_int(x, "horizon", in->horizon);
    rc |= attr_opt(x, "program", in->program ? in->program->id : NULL);
    rc |= attr_opt(x, "read", pl_input_read_name(doc->text.input));
    return rc;
}

/* <period> only when one end is known, like the JSON's period object. */
static int period(pl_xml_writer *x, const pl_docinfo *in)
{
    if (!in->period_start && !in->period_end)
        return 0;
    int rc = pl_xml_writer_start(x, "period");
    rc |= attr_known_int(x, "start", in->period_start);
    rc |= attr_known_int(x, "end", in->period_end);
    return rc | pl_xml_writer_end(x);
}

static int placeholders(pl_xml_writer *x, const pl_docinfo *in)
{
    int rc = pl_xml_writer_start(x, "placeholders");
    for (size_t i = 0; i < in->nplaceholders && rc == 0; i++) {
        rc |= pl_xml_writer_start(x, "placeholder");
        rc |= pl_xml_writer_attr(x, "field", in->placeholders[i].field);
        rc |= attr_pos(x, &in->placeholders[i].pos);
        rc |= pl_xml_writer_end(x);
    }
    return rc | pl_xml_writer_end(x);
}

static const char *relation_name(pl_relation r)
{
    switch (r) {
    case PL_REL_IMPLEMENTS: return "implements";
    case PL_REL_BASIS: return "basis";
    default: return "mentioned";
    }
}

static int citation(pl_xml_writer *x, const pl_citation *c)
{
    int rc = pl_xml_writer_start(x, "citation");
    rc |= attr_opt(x, "kind", c->kind);
    rc |= attr_opt(x, "number", c->number);
    rc |= attr_date(x, "date", &c->date);
    rc |= attr_opt(x, "issuer", c->issuer);
    rc |= pl_xml_writer_attr(x, "relation", relation_name(c->relation));
    rc |= attr_pos(x, &c->pos);
    if (c->title)
        rc |= pl_xml_writer_element(x, "title", c->title);
    return rc | pl_xml_writer_end(x);
}

static int citations(pl_xml_writer *x, const pl_doc *doc)
{
    int rc = pl_xml_writer_start(x, "citations");
    for (size_t i = 0; i < doc->ncitations && rc == 0; i++)
        rc |= citation(x, &doc->citations[i]);
    return rc | pl_xml_writer_end(x);
}

/* Sections come in document order with their depth; nesting is written
 * with a count of open <section> elements instead of recursion (depth is
 * input-controlled, even if the parser caps it). */
static int sections(pl_xml_writer *x, const pl_doc *doc)
{
    int rc = pl_xml_writer_start(x, "sections");
    int open = 0;
    for (size_t i = 0; i < doc->nsections && rc == 0; i++) {
        const pl_section *s = &doc->sections[i];
        for (; open > s->depth; open--)
            rc |= pl_xml_writer_end(x);
        rc |= pl_xml_writer_start(x, "section");
        rc |= pl_xml_writer_attr(x, "label", s->label);
        rc |= attr_pos(x, &s->pos);
        if (s->title)
            rc |= pl_xml_writer_element(x, "title", s->title);
        open++;
    }
    for (; open > 0; open--)
        rc |= pl_xml_writer_end(x);
    return rc | pl_xml_writer_end(x);
}

/* ocr="true" and the page of a position read through OCR, as in JSON. */
static int attr_ocr(pl_xml_writer *x, const pl_doc *doc, const pl_pos *p)
{
    int ocr = 0;
    unsigned page = pl_input_page(doc->text.input, p->line, &ocr);
    if (!ocr)
        return 0;
    return pl_xml_writer_attr(x, "ocr", "true") | attr_int(x, "page", (long)page);
}

static int target(pl_xml_writer *x, const pl_doc *doc, const pl_target *t)
{
    char value[64]; /* 15 integer digits, point, 24 decimals, sign */
    pl_json_format_num(value, sizeof value, t->value);
    const char *cmp = pl_cmp_name(t->cmp);
    int rc = pl_xml_writer_start(x, "target");
    rc |= attr_opt(x, "indicator", t->indicator ? t->indicator->id : NULL);
    rc |= attr_known_int(x, "objective", t->objective);
    rc |= attr_known_int(x, "year", t->year);
    rc |= attr_opt(x, "comparator", cmp && cmp[0] ? cmp : NULL);
    rc |= attr_opt(x, "value", value[0] ? value : NULL);
    rc |= attr_opt(x, "unit", t->unit[0] ? t->unit : NULL);
    rc |= attr_opt(x, "change", pl_change_name(t->change));
    rc |= attr_known_int(x, "base_year", t->base_year);
    rc |= attr_opt(x, "per_year", t->per_year ? "true" : NULL);
    rc |= attr_pos(x, &t->pos);
    rc |= attr_ocr(x, doc, &t->pos);
    if (t->group)
        rc |= pl_xml_writer_element(x, "group", t->group);
    if (t->text)
        rc |= pl_xml_writer_element(x, "text", t->text);
    return rc | pl_xml_writer_end(x);
}

static int targets(pl_xml_writer *x, const pl_doc *doc)
{
    int rc = pl_xml_writer_start(x, "targets");
    for (size_t i = 0; i < doc->ntargets && rc == 0; i++)
        rc |= target(x, doc, &doc->targets[i]);
    return rc | pl_xml_writer_end(x);
}

/* ---- the document --------------------------------------------------------- */

/* The writer always opens with an XML declaration; a <document> is a
 * fragment of the extract writer's <planlint> root, which carries the only
 * declaration, so it is cut here. */
static void append_without_declaration(pl_buf *out, const pl_buf *doc)
{
    const char *s = doc->data ? doc->data : "";
    size_t len = doc->len, skip = 0;
    if (len >= 5 && memcmp(s, "<?xml", 5) == 0) {
        const char *end = strstr(s, "?>");
        if (end != NULL) {
            skip = (size_t)(end - s) + 2;
            while (skip < len && (s[skip] == '\n' || s[skip] == '\r'))
                skip++;
        }
    }
    pl_buf_put(out, s + skip, len - skip);
}

static int write_document(pl_xml_writer *x, const pl_doc *doc)
{
    int rc = pl_xml_writer_start(x, "document");
    rc |= document_attrs(x, doc);
    rc |= period(x, &doc->info);
    rc |= placeholders(x, &doc->info);
    rc |= citations(x, doc);
    rc |= sections(x, doc);
    rc |= targets(x, doc);
    rc |= pl_xml_writer_end(x);
    return rc | pl_xml_writer_finish(x);
}

/* The document is rendered into a buffer of its own and appended to `out`
 * only when complete, so a failure leaves `out` as it was. */
int pl_render_doc_xml(pl_buf *out, const pl_doc *doc)
{
    pl_buf tmp = PL_BUF_INIT;
    pl_xml_writer *x = pl_xml_writer_new_buf(&tmp);
    if (x == NULL) {
        pl_buf_free(&tmp);
        return -1;
    }
    int rc = write_document(x, doc);
    pl_xml_writer_free(x);
    if (rc == 0 && !tmp.failed)
        append_without_declaration(out, &tmp);
    else
        rc = -1;
    pl_buf_free(&tmp);
    return out->failed ? -1 : rc;
}
