/* xlsx_lazy.c - the libxlsxwriter functions planlint calls, loading the
 * library on the first call (util/dynlib.h says why): only `compare -f
 * xlsx` needs it.  Each prototype is <xlsxwriter.h>'s, which the compiler
 * checks against the definition. */
#include <xlsxwriter.h>

#include "dynlib.h"

static pl_dynlib libxlsxwriter = {PL_XLSXWRITER_SONAME, "writing xlsx", NULL, NULL};

#define FN(ret, name, params, args) PL_DYNLIB_FN(libxlsxwriter, ret, name, params, args)
#define VOID(name, params, args) PL_DYNLIB_VOID(libxlsxwriter, name, params, args)

typedef lxw_workbook wb;
typedef lxw_worksheet ws;
typedef lxw_format fmt;

FN(wb *, workbook_new, (const char *filename), (filename))
FN(lxw_error, workbook_close, (wb *w), (w))
FN(lxw_error, workbook_set_properties, (wb *w, lxw_doc_properties *p), (w, p))
FN(fmt *, workbook_add_format, (wb *w), (w))
FN(ws *, workbook_add_worksheet, (wb *w, const char *name), (w, name))
FN(char *, lxw_strerror, (lxw_error e), (e))

VOID(format_set_align, (fmt *f, uint8_t a), (f, a))
VOID(format_set_bg_color, (fmt *f, lxw_color_t c), (f, c))
VOID(format_set_font_color, (fmt *f, lxw_color_t c), (f, c))
VOID(format_set_bold, (fmt *f), (f))
VOID(format_set_italic, (fmt *f), (f))
VOID(format_set_text_wrap, (fmt *f), (f))
VOID(format_set_num_format, (fmt *f, const char *nf), (f, nf))
VOID(format_set_pattern, (fmt *f, uint8_t i), (f, i))

FN(lxw_error, worksheet_write_string,
   (ws *s, lxw_row_t r, lxw_col_t c, const char *str, fmt *f), (s, r, c, str, f))
FN(lxw_error, worksheet_write_number, (ws *s, lxw_row_t r, lxw_col_t c, double n, fmt *f),
   (s, r, c, n, f))
FN(lxw_error, worksheet_write_blank, (ws *s, lxw_row_t r, lxw_col_t c, fmt *f), (s, r, c, f))
FN(lxw_error, worksheet_write_comment, (ws *s, lxw_row_t r, lxw_col_t c, const char *str),
   (s, r, c, str))
FN(lxw_error, worksheet_set_column, (ws *s, lxw_col_t c1, lxw_col_t c2, double w, fmt *f),
   (s, c1, c2, w, f))
FN(lxw_error, worksheet_set_row, (ws *s, lxw_row_t r, double h, fmt *f), (s, r, h, f))
FN(lxw_error, worksheet_autofilter,
   (ws *s, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2), (s, r1, c1, r2, c2))
FN(lxw_error, worksheet_repeat_rows, (ws *s, lxw_row_t r1, lxw_row_t r2), (s, r1, r2))
FN(lxw_error, worksheet_repeat_columns, (ws *s, lxw_col_t c1, lxw_col_t c2), (s, c1, c2))
VOID(worksheet_freeze_panes, (ws *s, lxw_row_t r, lxw_col_t c), (s, r, c))
VOID(worksheet_fit_to_pages, (ws *s, uint16_t w, uint16_t h), (s, w, h))
VOID(worksheet_set_landscape, (ws *s), (s))
