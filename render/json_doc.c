/* json_doc.c - `extract -f json`: one object per document (docs/CONTRACT.md §3). */
#include <string.h>

#include "input.h"
#include "json.h"
#include "render.h"

/* "ocr": true and the page of a position read through OCR (SPEC.md, "Read
 * through OCR"); nothing for any other position. */
static void ocr_fields(pl_json *j, const pl_doc *doc, const pl_pos *p)
{
    int ocr = 0;
    unsigned page = pl_input_page(doc->text.input, p->line, &ocr);
    if (!ocr)
        return;
    pl_json_key(j, "ocr");
    pl_json_bool(j, 1);
    pl_json_key(j, "page");
    pl_json_int(j, page);
}

static void pos_fields(pl_json *j, const pl_pos *p)
{
    pl_json_key(j, "line");
    pl_json_int(j, p->line);
    pl_json_key(j, "column");
    pl_json_int(j, p->col);
}

static void date_field(pl_json *j, const char *key, const pl_date *d)
{
    char iso[16];
    pl_date_iso(d, iso, sizeof iso);
    pl_json_key(j, key);
    pl_json_str(j, iso[0] ? iso : NULL);
}

static void document(pl_json *j, const pl_doc *doc)
{
    const pl_docinfo *in = &doc->info;
    pl_json_key(j, "document");
    pl_json_obj(j);
    pl_json_key(j, "form");
    pl_json_str(j, in->form == PL_FORM_SUMMARY ? "summary" : "document");
    pl_json_key(j, "read");
    pl_json_str(j, pl_input_read_name(doc->text.input));
    pl_json_key(j, "kind");
    pl_json_str(j, in->kind);
    pl_json_key(j, "number");
    pl_json_str(j, in->number);
    pl_json_key(j, "issuer");
    pl_json_str(j, in->issuer);
    pl_json_key(j, "level");
    pl_json_str(j, pl_level_name(in->level));
    pl_json_key(j, "locality");
    pl_json_str(j, in->locality);
    date_field(j, "date", &in->date);
    pl_json_key(j, "period");
    if (in->period_start || in->period_end) {
        pl_json_obj(j);
        pl_json_key(j, "start");
        pl_json_int_or_null(j, in->period_start, in->period_start != 0);
        pl_json_key(j, "end");
        pl_json_int_or_null(j, in->period_end, in->period_end != 0);
        pl_json_end_obj(j);
    } else {
        pl_json_null(j);
    }
    pl_json_key(j, "horizon");
    pl_json_int_or_null(j, in->horizon, in->horizon != 0);
    pl_json_key(j, "program");
    pl_json_str(j, in->program ? in->program->id : NULL);
    pl_json_key(j, "placeholders");
    pl_json_arr(j);
    for (size_t i = 0; i < in->nplaceholders; i++) {
        pl_json_obj(j);
        pl_json_key(j, "field");
        pl_json_str(j, in->placeholders[i].field);
        pos_fields(j, &in->placeholders[i].pos);
        pl_json_end_obj(j);
    }
    pl_json_end_arr(j);
    pl_json_end_obj(j);
}

static void citations(pl_json *j, const pl_doc *doc)
{
    pl_json_key(j, "citations");
    pl_json_arr(j);
    for (size_t i = 0; i < doc->ncitations; i++) {
        const pl_citation *c = &doc->citations[i];
        pl_json_obj(j);
        pl_json_key(j, "kind");
        pl_json_str(j, c->kind);
        pl_json_key(j, "number");
        pl_json_str(j, c->number);
        date_field(j, "date", &c->date);
        pl_json_key(j, "issuer");
        pl_json_str(j, c->issuer);
        pl_json_key(j, "relation");
        pl_json_str(j, pl_citation_relation(c));
        if (c->title) {
            pl_json_key(j, "title");
            pl_json_str(j, c->title);
        }
        pos_fields(j, &c->pos);
        pl_json_end_obj(j);
    }
    pl_json_end_arr(j);
}

/* Sections come in document order with their depth; the tree is written
 * with an explicit count of open objects instead of recursion. */
static void sections(pl_json *j, const pl_doc *doc)
{
    pl_json_key(j, "sections");
    pl_json_arr(j);
    int open = 0;
    for (size_t i = 0; i < doc->nsections; i++) {
        const pl_section *s = &doc->sections[i];
        while (open > s->depth) {
            pl_json_end_arr(j);
            pl_json_end_obj(j);
            open--;
        }
        pl_json_obj(j);
        pl_json_key(j, "label");
        pl_json_str(j, s->label);
        pl_json_key(j, "title");
        pl_json_str(j, s->title);
        pos_fields(j, &s->pos);
        pl_json_key(j, "children");
        pl_json_arr(j);
        open++;
    }
    while (open-- > 0) {
        pl_json_end_arr(j);
        pl_json_end_obj(j);
    }
    pl_json_end_arr(j);
}

static void targets(pl_json *j, const pl_doc *doc)
{
    pl_json_key(j, "targets");
    pl_json_arr(j);
    for (size_t i = 0; i < doc->ntargets; i++) {
        const pl_target *t = &doc->targets[i];
        pl_json_obj(j);
        pl_json_key(j, "indicator");
        pl_json_str(j, t->indicator ? t->indicator->id : NULL);
        pl_json_key(j, "objective");
        pl_json_int_or_null(j, t->objective, t->objective != 0);
        pl_json_key(j, "year");
        pl_json_int_or_null(j, t->year, t->year != 0);
        pl_json_key(j, "comparator");
        pl_json_str(j, pl_cmp_name(t->cmp));
        pl_json_key(j, "value");
        pl_json_num(j, t->value);
        pl_json_key(j, "unit");
        pl_json_str(j, t->unit);
        pl_json_key(j, "change");
        pl_json_str(j, pl_change_name(t->change));
        pl_json_key(j, "base_year");
        pl_json_int_or_null(j, t->base_year, t->base_year != 0);
        pl_json_key(j, "per_year");
        pl_json_bool(j, t->per_year);
        pl_json_key(j, "group");
        pl_json_str(j, t->group);
        pl_json_key(j, "text");
        pl_json_str(j, t->text);
        pos_fields(j, &t->pos);
        ocr_fields(j, doc, &t->pos);
        pl_json_end_obj(j);
    }
    pl_json_end_arr(j);
}

void pl_render_doc_json(pl_buf *out, const pl_doc *doc, int pretty)
{
    pl_json j;
    pl_json_init(&j, out, pretty);
    pl_json_obj(&j);
    pl_json_key(&j, "planlint");
    pl_json_int(&j, PL_CONTRACT_VERSION);
    pl_json_key(&j, "source");
    pl_json_str(&j, doc->text.name);
    document(&j, doc);
    citations(&j, doc);
    sections(&j, doc);
    targets(&j, doc);
    pl_json_end_obj(&j);
}
