/* xlsx.h - a spreadsheet (Office Open XML, .xlsx) written cell by cell.
 * xlsx.c is the one file that includes <xlsxwriter.h> (STYLE.md, "one
 * module per third-party library"); the renderers call this.
 *
 *   pl_xlsx *x = pl_xlsx_new(&err);
 *   int head = pl_xlsx_style_add(x, &(pl_xlsx_style){.bold = 1, .fill = 0xEEEEEE});
 *   pl_xlsx_sheet *s = pl_xlsx_sheet_add(x, "Data");
 *   pl_xlsx_text(s, 0, 0, "plan", head);
 *   pl_xlsx_number(s, 1, 0, 90, PL_XLSX_PLAIN);
 *   pl_xlsx_freeze(s, 1, 0);
 *   pl_xlsx_finish(x, out, &err);          (writes the file, frees x)
 *
 * Writes never fail one by one: the first failure (out of memory, a cell
 * beyond the sheet's 1 048 576 rows or 16 384 columns) is kept and
 * pl_xlsx_finish reports it, as pl_buf keeps `failed`.
 */
#ifndef PL_XLSX_H
#define PL_XLSX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "planlint.h"

typedef struct pl_xlsx pl_xlsx;
typedef struct pl_xlsx_sheet pl_xlsx_sheet;

/* How a cell looks.  Colours are 0xRRGGBB, 0 for the default (no fill,
 * black text): no cell is filled black. */
typedef struct pl_xlsx_style {
    int bold, italic, wrap, right; /* right: text aligned as numbers are */
    uint32_t fill;          /* background */
    uint32_t color;         /* text */
    const char *num_format; /* Excel number format ("0", "\"≥ \"General"); NULL: General */
} pl_xlsx_style;

/* The default style (General, no fill). */
#define PL_XLSX_PLAIN (-1)

/* A new workbook.  NULL with err filled (PL_ERR_NOMEM, PL_ERR_IO when
 * no temporary file can be made). */
pl_xlsx *pl_xlsx_new(pl_error *err);

/* Document properties shown by Excel and LibreOffice (File > Properties). */
void pl_xlsx_title(pl_xlsx *x, const char *title);

/* A style for cells; returns its id (>= 0), or PL_XLSX_PLAIN when it
 * cannot be made (the failure is kept). */
int pl_xlsx_style_add(pl_xlsx *x, const pl_xlsx_style *st);

/* A new sheet at the end, named (at most 31 characters, none of
 * []:*?/\).  NULL on failure (kept; writes to a NULL sheet do nothing). */
pl_xlsx_sheet *pl_xlsx_sheet_add(pl_xlsx *x, const char *name);

/* Cells (0-based row and column).  Text is UTF-8 from anywhere: invalid
 * sequences and control characters other than tab and newline become
 * U+FFFD (they cannot be in the file's XML), and it is cut (with "…") to
 * the 32 767 bytes a cell holds.  NULL text: a blank cell with the style. */
void pl_xlsx_text(pl_xlsx_sheet *s, size_t row, size_t col, const char *text, int style);
void pl_xlsx_number(pl_xlsx_sheet *s, size_t row, size_t col, double v, int style);
/* A note on a cell (Excel comment), shown when the mouse is on it. */
void pl_xlsx_note(pl_xlsx_sheet *s, size_t row, size_t col, const char *text);

/* Rows above `row` and columns left of `col` stay in view when scrolling. */
void pl_xlsx_freeze(pl_xlsx_sheet *s, size_t row, size_t col);
/* Width of columns first..last in characters of the default font. */
void pl_xlsx_width(pl_xlsx_sheet *s, size_t first, size_t last, double width);
/* Height of a row as `lines` lines of the default font.  Neither Excel
 * nor LibreOffice grows a row to its wrapped text when opening a file, so
 * the writer says how many lines a wrapped cell needs. */
void pl_xlsx_lines(pl_xlsx_sheet *s, size_t row, size_t lines);
/* Filter buttons on row 0 over columns 0..last_col, rows to last_row. */
void pl_xlsx_filter(pl_xlsx_sheet *s, size_t last_row, size_t last_col);

/* Printed in landscape, one page wide, the rows above `row` and the
 * columns left of `col` on every page (the frozen ones). */
void pl_xlsx_print_wide(pl_xlsx_sheet *s, size_t row, size_t col);

/* Write the workbook into out and free x (in every case).  0, or -1 with
 * err filled: the kept failure, or PL_ERR_IO when writing failed. */
int pl_xlsx_finish(pl_xlsx *x, FILE *out, pl_error *err);

#endif
