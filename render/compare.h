/* compare.h - the comparison table behind `planlint compare` (private;
 * the public handle is pl_compare in planlint.h).
 *
 * compare.c copies what each added plan says (header fields and targets),
 * then, when asked to render, builds the table once:
 *   programme  the one asked for, else the one most plans implement
 *   columns    the plans that implement it (or whose programme is unknown)
 *   rows       (indicator, year) of the programme's references and of the
 *              plans' targets, in the programme's indicator order
 *   cells      the targets of each plan for each row, and their status
 * and renders text, Markdown, CSV and JSON; compare_html.c renders the
 * page from the same table.
 */
#ifndef PL_COMPARE_H
#define PL_COMPARE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "doc.h"
#include "program.h"

typedef enum pl_cstatus {
    PL_CST_MISSING = 0, /* the plan sets no target */
    PL_CST_NOT_COMPARABLE, /* no national value to compare with */
    PL_CST_WEAKER,
    PL_CST_EQUAL,
    PL_CST_STRONGER,
    PL_CST_INVALID /* a value no plan may set (above 100 %, below 0) */
} pl_cstatus;
#define PL_CST_COUNT 6

/* One target of a plan, as copied from its pl_target. */
typedef struct pl_cvalue {
    char *indicator; /* id; NULL targets are not copied */
    int year;        /* 0 = unknown */
    pl_cmp cmp;
    double value;
    char unit[8];      /* the indicator's: only targets of its kind are copied */
    pl_change change;  /* a cut or a rise: value is its size */
    int per_year;      /* a yearly change: year is 0 */
    uint32_t line, col;
} pl_cvalue;

typedef struct pl_cplan {
    char *source;
    char *number, *issuer, *locality; /* NULL when unknown */
    pl_level level;
    int period_start, period_end; /* 0 = unknown */
    char *program; /* id of the programme it implements, NULL = unknown */
    pl_cvalue *values;
    size_t nvalues;
    int included; /* a column of the table (set when the table is built) */
} pl_cplan;

typedef struct pl_crow {
    const pl_indicator *ind;
    int year;                /* 0 = unknown */
    const pl_reference *ref; /* NULL when the programme sets none */
} pl_crow;

/* The targets of one included plan for one row: indices into its
 * values, in document order; `weakest` decides the status. */
typedef struct pl_ccell {
    size_t *idx;
    size_t n, cap;
    size_t weakest; /* index into values; meaningful when n > 0 */
    pl_cstatus status;
} pl_ccell;

/* A plan not added: the same as plans[kept]. */
typedef struct pl_cdup {
    char *source;
    size_t kept;
} pl_cdup;

struct pl_compare {
    const pl_programs *programs;
    pl_cdup *dups;
    size_t ndups, capdups;
    char *asked;            /* program id given to _new, or NULL */
    const pl_program *prog; /* the programme compared with */
    pl_cplan *plans;
    size_t nplans, capplans;
    size_t *cols; /* indices of the included plans */
    size_t ncols;
    pl_crow *rows;
    size_t nrows;
    pl_ccell *cells; /* nrows x ncols, row-major */
    int built;
};

/* The cell of row r, column k. */
static inline const pl_ccell *pl_compare_cell(const pl_compare *c, size_t r, size_t k)
{
    return &c->cells[r * c->ncols + k];
}

/* Status of target (cmp, v) against the national (ncmp, nv) for an
 * indicator of direction dir (see planlint.h "compare" for the order). */
pl_cstatus pl_compare_status(pl_direction dir, pl_cmp cmp, double v, pl_cmp ncmp, double nv);
/* Whether (cmp1, v1) is weaker than (cmp2, v2) in the same order. */
int pl_compare_weaker(pl_direction dir, pl_cmp cmp1, double v1, pl_cmp cmp2, double v2);

/* Whether a plan's value is one no plan may set: below 0, or above the
 * whole of its unit (100 %, 1000 ‰), "> 100 %" and "< 0" included; a cut
 * of more than 100 % too (a rise may be larger). */
int pl_compare_impossible(const pl_cvalue *v);

/* Build the table (once).  0, or -1 on allocation failure. */
int pl_compare_build(pl_compare *c);

/* ---- words and numbers, shared by the renderers ---------------------- */

/* "≤ 4,9", "> 90", "100" (no comparator).  No unit: every value of a row
 * is in the row's unit, which the table shows in its own column. */
void pl_compare_fmt_value(pl_buf *b, pl_cmp cmp, double value);
/* The unit of an indicator's values for people: "%", "‰", "/100.000"
 * ("per 100,000"), "% giảm" ("% cut") for a cut, "% tăng" ("% rise"). */
const char *pl_compare_unit_words(const pl_indicator *ind, pl_lang lang);
/* Whether every row of the table is a percentage level (the 782 table):
 * then a heading may say "%" once. */
int pl_compare_all_percent(const pl_compare *c);
/* The row's year: "2025", "hằng năm" ("yearly") for a yearly change, "?"
 * for a target whose year the plan does not say. */
void pl_compare_fmt_year(pl_buf *b, const pl_crow *row, pl_lang lang);
/* The cell's values joined by "; " ("> 90; > 95"); "" when missing. */
void pl_compare_fmt_cell(pl_buf *b, const pl_cplan *p, const pl_ccell *cell);
/* The national cell: "≤ 4,9", "?" (value not established), "" (none). */
void pl_compare_fmt_national(pl_buf *b, const pl_crow *row);
/* "stronger", "equal", "weaker", "missing", "not-comparable", "invalid"
 * (data formats: words no spreadsheet reads as "not a number"). */
const char *pl_cstatus_name(pl_cstatus s);
/* The status in words for people, in a language ("mạnh hơn", ...). */
const char *pl_cstatus_words(pl_cstatus s, pl_lang lang);
/* "▲", "=", "▼", "·", "?", "!" */
/* The statuses in the order of the legends: stronger first, missing last. */
extern const pl_cstatus pl_cstatus_legend[6];
const char *pl_cstatus_symbol(pl_cstatus s);
/* Column headings of the included plans in a language: "Hưng Yên
 * (tỉnh)", the file name when the locality is unknown, the file name
 * added when two headings would be the same.  ncols strings; free with
 * pl_compare_labels_free.  NULL on allocation failure. */
char **pl_compare_labels(const pl_compare *c, pl_lang lang);
void pl_compare_labels_free(char **labels, size_t n);
/* "tỉnh" / "province" ...; "" for an unknown level. */
const char *pl_compare_level_words(pl_level l, pl_lang lang);
/* The indicator's label in a language (the id when there is none). */
const char *pl_compare_label(const pl_indicator *ind, pl_lang lang);

/* ---- the tidy long form: csv, json and the xlsx data sheet ------------ */

/* One row per plan x indicator x year, whether the plan sets a target or
 * not (status "missing"), so that a pivot gives the table back.  Its
 * fields, in the order of pl_compare_long_columns. */
typedef enum { PL_LF_EMPTY, PL_LF_TEXT, PL_LF_NUMBER, PL_LF_BOOL } pl_lf_kind;
typedef struct pl_lfield {
    pl_lf_kind kind;
    const char *text; /* PL_LF_TEXT: text from the plan or planlint's words;
                         PL_LF_BOOL: "true" / "false" (csv, xlsx) */
    double num;       /* PL_LF_NUMBER; PL_LF_BOOL: 1 or 0 (json) */
} pl_lfield;
#define PL_LONG_NCOLS 19
extern const char *const pl_compare_long_columns[PL_LONG_NCOLS];
/* The fields of plan column k, table row r; the "cell" field points into
 * `cell` (a buffer the caller frees after using the fields). */
void pl_compare_long_fields(const pl_compare *c, size_t k, size_t r, pl_lang lang, pl_buf *cell,
                            pl_lfield f[PL_LONG_NCOLS]);

/* ---- compare_xlsx.c ----------------------------------------------------- */

/* The workbook into out (a table sheet and a data sheet).  0, or -1 with
 * err filled. */
int pl_compare_render_xlsx(const pl_compare *c, FILE *out, pl_lang lang, pl_error *err);

/* ---- compare_html.c ---------------------------------------------------- */

/* The whole page into b. */
void pl_compare_render_html(pl_buf *b, const pl_compare *c, pl_lang lang);

/* ---- HTML helpers, shared with findings_html.c --------------------------- */

/* s[0..n) with & < > " ' escaped; invalid UTF-8 and control characters
 * (other than tab and newline) become U+FFFD, so no input byte can end a
 * tag, an attribute or a comment. */
void pl_html_escape(pl_buf *b, const char *s, size_t n);
void pl_html_escape_str(pl_buf *b, const char *s); /* NULL = nothing */

#endif
