/* xlsx.c - spreadsheets through libxlsxwriter (xlsx.h); the only file
 * that includes <xlsxwriter.h>.
 *
 * libxlsxwriter 1.1.4 (Debian 12) writes a workbook to a file name, not to
 * a stream: the workbook goes to a temporary file, which pl_xlsx_finish
 * copies into the caller's FILE and removes.  The caller's own output
 * (`-o`: a temporary file renamed into place, cli/output.c) is unchanged.
 */
#include "xlsx.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "buf.h"
#include "error.h"
#include "escape.h"

/* Styles one workbook can hold: a renderer makes a few dozen (statuses x
 * comparators x units); more is a bug, reported as a failure. */
#define XLSX_MAX_STYLES 256
/* Sheets one workbook can hold (the compare workbook has two). */
#define XLSX_MAX_SHEETS 8
/* The bytes one cell holds (Excel's limit; libxlsxwriter refuses more). */
#define XLSX_CELL_MAX 32767

struct pl_xlsx_sheet {
    lxw_worksheet *ws;
    pl_xlsx *x;
};

struct pl_xlsx {
    lxw_workbook *wb;
    char *path; /* the temporary file */
    lxw_format *styles[XLSX_MAX_STYLES];
    int nstyles;
    pl_xlsx_sheet sheets[XLSX_MAX_SHEETS];
    int nsheets;
    lxw_error failed;       /* the first failure, LXW_NO_ERROR when none */
    lxw_doc_properties props;
};

static void keep(pl_xlsx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->failed == LXW_NO_ERROR)
        x->failed = e;
}

static char *temp_path(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !dir[0])
        dir = "/tmp";
    pl_buf b = PL_BUF_INIT;
    pl_buf_printf(&b, "%s/planlint-xlsx-XXXXXX", dir);
    char *path = b.failed ? NULL : pl_buf_detach(&b, NULL);
    pl_buf_free(&b);
    int fd = path ? mkstemp(path) : -1;
    if (fd < 0) {
        free(path);
        return NULL;
    }
    close(fd);
    return path;
}

pl_xlsx *pl_xlsx_new(pl_error *err)
{
    pl_xlsx *x = calloc(1, sizeof *x);
    if (!x) {
        pl_error_set(err, PL_ERR_NOMEM, NULL, NULL, "out of memory");
        return NULL;
    }
    if (!(x->path = temp_path())) {
        pl_error_set(err, PL_ERR_IO, NULL, NULL, "cannot create a temporary file for the xlsx");
        free(x);
        return NULL;
    }
    if (!(x->wb = workbook_new(x->path))) {
        pl_error_set(err, PL_ERR_NOMEM, NULL, NULL, "out of memory");
        unlink(x->path);
        free(x->path);
        free(x);
        return NULL;
    }
    return x;
}

void pl_xlsx_title(pl_xlsx *x, const char *title)
{
    x->props.title = (char *)(uintptr_t)title; /* libxlsxwriter copies it */
    x->props.author = (char *)(uintptr_t)"planlint";
    keep(x, workbook_set_properties(x->wb, &x->props));
}

int pl_xlsx_style_add(pl_xlsx *x, const pl_xlsx_style *st)
{
    if (x->nstyles >= XLSX_MAX_STYLES) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return PL_XLSX_PLAIN;
    }
    lxw_format *f = workbook_add_format(x->wb);
    if (!f) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return PL_XLSX_PLAIN;
    }
    if (st->bold)
        format_set_bold(f);
    if (st->italic)
        format_set_italic(f);
    if (st->wrap)
        format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (st->right)
        format_set_align(f, LXW_ALIGN_RIGHT);
    if (st->fill) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, (lxw_color_t)st->fill);
    }
    if (st->color)
        format_set_font_color(f, (lxw_color_t)st->color);
    if (st->num_format)
        format_set_num_format(f, st->num_format);
    x->styles[x->nstyles] = f;
    return x->nstyles++;
}

pl_xlsx_sheet *pl_xlsx_sheet_add(pl_xlsx *x, const char *name)
{
    lxw_worksheet *ws = x->nsheets < XLSX_MAX_SHEETS ? workbook_add_worksheet(x->wb, name) : NULL;
    if (!ws) {
        keep(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return NULL;
    }
    x->sheets[x->nsheets] = (pl_xlsx_sheet){ws, x};
    return &x->sheets[x->nsheets++];
}

static lxw_format *style_of(const pl_xlsx *x, int style)
{
    return style >= 0 && style < x->nstyles ? x->styles[style] : NULL;
}

/* A cell beyond the sheet is kept as a failure instead of written: the
 * table of thousands of plans would not fit a sheet. */
static int in_sheet(pl_xlsx_sheet *s, size_t row, size_t col)
{
    if (!s)
        return 0;
    if (row < LXW_ROW_MAX && col < LXW_COL_MAX)
        return 1;
    keep(s->x, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
    return 0;
}

/* Text as the file's XML can hold it: valid UTF-8, no control characters
 * but tab and newline, at most XLSX_CELL_MAX bytes (cut on a character,
 * "…" added). */
static void clean_text(pl_buf *b, const char *s)
{
    pl_buf utf8 = PL_BUF_INIT;
    pl_esc_utf8(&utf8, s, strlen(s));
    pl_buf_cstr(&utf8);
    for (size_t i = 0; i < utf8.len; i++) {
        unsigned char c = (unsigned char)utf8.data[i];
        if (b->len + 3 + 3 > XLSX_CELL_MAX) {
            while (b->len > 0 && ((unsigned char)b->data[b->len - 1] & 0xC0) == 0x80)
                b->len--; /* an incomplete character */
            if (b->len > 0 && (unsigned char)b->data[b->len - 1] >= 0xC0)
                b->len--;
            pl_buf_puts(b, "…");
            break;
        }
        if (c < 0x20 && c != '\t' && c != '\n')
            pl_buf_puts(b, "\xEF\xBF\xBD");
        else
            pl_buf_putc(b, (char)c);
    }
    if (utf8.failed)
        b->failed = 1;
    pl_buf_free(&utf8);
    pl_buf_cstr(b);
}

void pl_xlsx_text(pl_xlsx_sheet *s, size_t row, size_t col, const char *text, int style)
{
    if (!in_sheet(s, row, col))
        return;
    lxw_format *f = style_of(s->x, style);
    if (!text) {
        keep(s->x, worksheet_write_blank(s->ws, (lxw_row_t)row, (lxw_col_t)col, f));
        return;
    }
    pl_buf b = PL_BUF_INIT;
    clean_text(&b, text);
    if (b.failed)
        keep(s->x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else
        keep(s->x, worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, b.data, f));
    pl_buf_free(&b);
}

void pl_xlsx_number(pl_xlsx_sheet *s, size_t row, size_t col, double v, int style)
{
    if (in_sheet(s, row, col))
        keep(s->x, worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, v,
                                          style_of(s->x, style)));
}

void pl_xlsx_note(pl_xlsx_sheet *s, size_t row, size_t col, const char *text)
{
    if (!in_sheet(s, row, col))
        return;
    pl_buf b = PL_BUF_INIT;
    clean_text(&b, text);
    if (b.failed)
        keep(s->x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else
        keep(s->x, worksheet_write_comment(s->ws, (lxw_row_t)row, (lxw_col_t)col, b.data));
    pl_buf_free(&b);
}

void pl_xlsx_freeze(pl_xlsx_sheet *s, size_t row, size_t col)
{
    if (in_sheet(s, row, col))
        worksheet_freeze_panes(s->ws, (lxw_row_t)row, (lxw_col_t)col);
}

void pl_xlsx_width(pl_xlsx_sheet *s, size_t first, size_t last, double width)
{
    if (in_sheet(s, 0, first) && in_sheet(s, 0, last))
        keep(s->x, worksheet_set_column(s->ws, (lxw_col_t)first, (lxw_col_t)last, width, NULL));
}

/* Points per line of the default font (Calibri 11: 15 points). */
#define XLSX_LINE_POINTS 15.0

void pl_xlsx_lines(pl_xlsx_sheet *s, size_t row, size_t lines)
{
    if (in_sheet(s, row, 0) && lines > 1)
        keep(s->x, worksheet_set_row(s->ws, (lxw_row_t)row,
                                     XLSX_LINE_POINTS * (double)(lines < 20 ? lines : 20), NULL));
}

void pl_xlsx_filter(pl_xlsx_sheet *s, size_t last_row, size_t last_col)
{
    if (in_sheet(s, last_row, last_col))
        keep(s->x, worksheet_autofilter(s->ws, 0, 0, (lxw_row_t)last_row, (lxw_col_t)last_col));
}

void pl_xlsx_print_wide(pl_xlsx_sheet *s, size_t row, size_t col)
{
    if (!in_sheet(s, row, col))
        return;
    worksheet_set_landscape(s->ws);
    worksheet_fit_to_pages(s->ws, 1, 0);
    if (row > 0)
        keep(s->x, worksheet_repeat_rows(s->ws, 0, (lxw_row_t)(row - 1)));
    if (col > 0)
        keep(s->x, worksheet_repeat_columns(s->ws, 0, (lxw_col_t)(col - 1)));
}

/* The temporary file into out. */
static int copy_file(const char *path, FILE *out)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    char buf[65536];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    if (ferror(in))
        rc = -1;
    fclose(in);
    return rc;
}

int pl_xlsx_finish(pl_xlsx *x, FILE *out, pl_error *err)
{
    lxw_error closed = workbook_close(x->wb); /* writes the file and frees wb */
    keep(x, closed);
    int rc = 0;
    if (x->failed == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
        rc = -1, pl_error_set(err, PL_ERR_USAGE, NULL, NULL,
                              "the table does not fit a spreadsheet (1048576 rows, 16384 columns)");
    else if (x->failed == LXW_ERROR_MEMORY_MALLOC_FAILED)
        rc = -1, pl_error_set(err, PL_ERR_NOMEM, NULL, NULL, "out of memory");
    else if (x->failed != LXW_NO_ERROR)
        rc = -1, pl_error_set(err, PL_ERR_IO, NULL, NULL, "cannot write the xlsx: %s",
                              lxw_strerror(x->failed));
    else if (copy_file(x->path, out) != 0 || fflush(out) != 0)
        rc = -1, pl_error_set(err, PL_ERR_IO, NULL, NULL, "cannot write output");
    unlink(x->path);
    free(x->path);
    free(x);
    return rc;
}
