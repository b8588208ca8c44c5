/* csv_doc.c - `extract -f csv`: one row per target, the document's fields
 * repeated on each (docs/CONTRACT.md §3), for spreadsheets and data tools.
 *
 * RFC 4180: CRLF after every row, the header included; a field containing
 * '"', ',', CR or LF is quoted and its quotes doubled; nothing else is
 * quoted.  Unknown values (null in the JSON) are empty fields.  Numbers are
 * written like the JSON's: shortest form that reads back as the same
 * double, '.' as the decimal point whatever the locale (4.9, 100).
 *
 * A document with no targets is one row: its own columns filled, every
 * target column (indicator to column, per_year included) empty, so that a
 * reader sees the file was read and what it is, and a tool that counts
 * targets counts the rows whose `value` is not empty.
 *
 * Text from outside (the file name, the document's fields and target
 * text) is neutralised against spreadsheet formula injection as OWASP
 * advises: a field that starts with '=', '+', '-', '@', TAB or CR gets a
 * leading "'" and is quoted, so that Excel, LibreOffice and Google Sheets
 * show it as text instead of evaluating "=HYPERLINK(...)" from a plan.  A
 * data tool reading the file sees the "'" ("'- 90% trẻ em ...": bulleted
 * target text is the common case); the numeric columns planlint writes
 * itself (value, year, line, column, period) are never prefixed.  Invalid
 * UTF-8 in a file name is written as U+FFFD (util/escape.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "input.h"
#include "json.h"
#include "render.h"

static const char *const COLUMNS[] = {
    "source",  "form",     "kind",      "number",    "issuer",     "level",
    "locality", "date",    "period_start", "period_end", "horizon", "program",
    "read",
    "indicator", "objective", "year",    "comparator", "value",     "unit",
    "change",  "base_year", "per_year",
    "group",   "text",     "line",      "column",    "ocr",        "page",
};
#define NCOLUMNS (sizeof COLUMNS / sizeof *COLUMNS)
/* The first target column ("indicator"); the ones before are the document's. */
#define TARGET_COLUMN 13

/* ---- fields --------------------------------------------------------------- */

/* One field, comma-separated from the previous one on the row; `guard`
 * for text from outside (escape.h). */
static void put_field(pl_buf *out, int *first, const char *s, int guard)
{
    if (!*first)
        pl_buf_putc(out, ',');
    *first = 0;
    pl_esc_csv_field(out, s, guard);
}

/* A text field: neutralised against formula injection. */
static void field(pl_buf *out, int *first, const char *s)
{
    put_field(out, first, s, 1);
}

/* A field planlint formats itself (a number, a name from its own
 * vocabulary): written as it is. */
static void field_own(pl_buf *out, int *first, const char *s)
{
    put_field(out, first, s, 0);
}

/* An integer that is 0 when unknown (years, objectives): empty then. */
static void field_int(pl_buf *out, int *first, long v, int known)
{
    char s[24];
    snprintf(s, sizeof s, "%ld", v);
    field_own(out, first, known ? s : NULL);
}

/* ---- rows ---------------------------------------------------------------- */

/* The document's columns, source to program: the same for each of its rows. */
static void document_fields(pl_buf *out, int *first, const pl_doc *doc)
{
    const pl_docinfo *in = &doc->info;
    char iso[16];
    pl_date_iso(&in->date, iso, sizeof iso);
    field(out, first, doc->text.name);
    field(out, first, in->form == PL_FORM_SUMMARY ? "summary" : "document");
    field(out, first, in->kind);
    field(out, first, in->number);
    field(out, first, in->issuer);
    field(out, first, pl_level_name(in->level));
    field(out, first, in->locality);
    field(out, first, iso[0] ? iso : NULL);
    field_int(out, first, in->period_start, in->period_start != 0);
    field_int(out, first, in->period_end, in->period_end != 0);
    field_int(out, first, in->horizon, in->horizon != 0);
    field(out, first, in->program ? in->program->id : NULL);
    field(out, first, pl_input_read_name(doc->text.input));
}

static void target_fields(pl_buf *out, int *first, const pl_doc *doc, const pl_target *t)
{
    char value[64]; /* 15 integer digits, point, 24 decimals, sign */
    pl_json_format_num(value, sizeof value, t->value);
    const char *cmp = pl_cmp_name(t->cmp);
    field(out, first, t->indicator ? t->indicator->id : NULL);
    field_int(out, first, t->objective, t->objective != 0);
    field_int(out, first, t->year, t->year != 0);
    field(out, first, cmp && cmp[0] ? cmp : NULL);
    field_own(out, first, value[0] ? value : NULL);
    field(out, first, t->unit[0] ? t->unit : NULL);
    field(out, first, pl_change_name(t->change));
    field_int(out, first, t->base_year, t->base_year != 0);
    field(out, first, t->per_year ? "true" : "false");
    field(out, first, t->group);
    field(out, first, t->text);
    field_int(out, first, (long)t->pos.line, 1);
    field_int(out, first, (long)t->pos.col, 1);
    /* read through OCR: "true" and the page to look at (SPEC "Read through OCR") */
    int ocr = 0;
    unsigned page = pl_input_page(doc->text.input, t->pos.line, &ocr);
    field(out, first, ocr ? "true" : "false");
    field_int(out, first, (long)page, ocr);
}

void pl_render_csv_header(pl_buf *out)
{
    int first = 1;
    for (size_t i = 0; i < NCOLUMNS; i++)
        field_own(out, &first, COLUMNS[i]);
    pl_buf_puts(out, "\r\n");
}

/* Target columns of a document without targets: all empty. */
static void no_target_fields(pl_buf *out, int *first)
{
    for (size_t i = TARGET_COLUMN; i < NCOLUMNS; i++)
        field_own(out, first, NULL);
}

void pl_render_doc_csv(pl_buf *out, const pl_doc *doc)
{
    if (doc->ntargets == 0) {
        int first = 1;
        document_fields(out, &first, doc);
        no_target_fields(out, &first);
        pl_buf_puts(out, "\r\n");
    }
    for (size_t i = 0; i < doc->ntargets; i++) {
        int first = 1;
        document_fields(out, &first, doc);
        target_fields(out, &first, doc, &doc->targets[i]);
        pl_buf_puts(out, "\r\n");
    }
}
