/* compare_xlsx.c - `compare -f xlsx`: the comparison as a workbook for
 * spreadsheet users, written through xlsx.h (libxlsxwriter).
 *
 *   table sheet  the table of `compare -f text`: indicator, id, year,
 *                national value, one column per plan.  A plan's cell is a
 *                number (its weakest target, the one that decides the
 *                status), shown with its comparator and its status word
 *                ("≥ 90 (mạnh hơn)") by its number format, so that it
 *                still sums, sorts and charts as a number; filled with the
 *                status colour.  A cell with several targets names them
 *                all in a note.  A plan that sets nothing has the word
 *                alone.  The header row and the five indicator columns
 *                stay in view when scrolling.
 *   data sheet   the tidy long form, the columns of `compare -f csv`, one
 *                row per plan x indicator x year, numbers as numbers,
 *                the status word filled with its colour; header frozen,
 *                filter buttons.
 */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "uni.h"
#include "xlsx.h"

/* ---- words (vocabulary: one table per concept) ------------------------ */

static const struct {
    const char *table, *data;                    /* sheet names */
    const char *against, *id, *year, *unit, *national; /* table columns; the decision follows `against` */
    const char *targets;                         /* a note's head */
    const char *national_note;                   /* the marks of the national column */
} WORDS[] = {
    [PL_LANG_VI] = {"So sánh", "Dữ liệu", "Chỉ tiêu so với ", "Mã", "Năm", "Đơn vị", "Quốc gia",
                    "Các chỉ tiêu của kế hoạch: ",
                    "* mức quốc gia chưa được xác nhận bằng văn bản chính thức; ? chưa rõ; "
                    "— chương trình không đặt cho năm đó"},
    [PL_LANG_EN] = {"Comparison", "Data", "Targets against ", "Id", "Year", "Unit", "National",
                    "The plan's targets: ",
                    "* national value not confirmed by the official text; ? not established; "
                    "— not set by the programme for that year"},
};

/* ---- looks -------------------------------------------------------------- */

/* A status's fill and text colour: the palette of the HTML page
 * (compare_html.c), light enough that black text reads on it. */
static const struct {
    uint32_t fill, color;
    int bold, italic;
} LOOK[PL_CST_COUNT] = {
    [PL_CST_MISSING] = {0, 0x59636E, 0, 1},
    [PL_CST_NOT_COMPARABLE] = {0xEEEEEE, 0, 0, 0},
    [PL_CST_WEAKER] = {0xF8D3CA, 0x8A2A1A, 0, 0},
    [PL_CST_EQUAL] = {0xDCEBF6, 0, 0, 0},
    [PL_CST_STRONGER] = {0xC5DCF0, 0x123E6B, 0, 0},
    [PL_CST_INVALID] = {0xE4CCE8, 0x762A83, 1, 0},
};
static const uint32_t HEAD_FILL = 0xE7EAEE;

/* Column widths, in characters. */
enum {
    W_LABEL = 44,
    W_ID = 16,
    W_YEAR = 9,
    W_UNIT = 10,
    W_NATIONAL = 10,
    W_PLAN_MIN = 12,
    W_PLAN_MAX = 40
};
/* label, id, year, unit, national: a programme mixes %, ‰, rates per
 * 100 000 and cuts, so each row names its unit (as the text table) */
#define FIXED 5
#define COL_NATIONAL 4

/* Number formats made so far: one per (look, comparator, unit), the look
 * a status or NO_LOOK (the national column). */
#define NO_LOOK PL_CST_COUNT
#define MAX_FORMATS 128
typedef struct book {
    pl_xlsx *x;
    pl_lang lang;
    const char *heading; /* "Chỉ tiêu so với 782/QĐ-TTg" */
    int head, text, plain, year, word[PL_CST_COUNT];
    struct {
        int st;
        char key[160];
        int style;
    } fmt[MAX_FORMATS];
    size_t nfmt;
} book;

static int status_style(book *k, int st, const char *num_format)
{
    if (st == NO_LOOK)
        return pl_xlsx_style_add(k->x, &(pl_xlsx_style){.num_format = num_format});
    return pl_xlsx_style_add(k->x, &(pl_xlsx_style){.right = 1,
                                                     .fill = LOOK[st].fill,
                                                 .color = LOOK[st].color,
                                                 .bold = LOOK[st].bold,
                                                 .italic = LOOK[st].italic,
                                                 .num_format = num_format});
}

static void make_styles(book *k)
{
    k->head = pl_xlsx_style_add(k->x, &(pl_xlsx_style){.bold = 1, .wrap = 1, .fill = HEAD_FILL});
    k->text = pl_xlsx_style_add(k->x, &(pl_xlsx_style){.wrap = 1});
    k->plain = pl_xlsx_style_add(k->x, &(pl_xlsx_style){0});
    k->year = pl_xlsx_style_add(k->x, &(pl_xlsx_style){.num_format = "0"});
    for (int st = 0; st < PL_CST_COUNT; st++)
        k->word[st] = status_style(k, st, NULL);
}

/* Literal text in a number format: quoted, and a quote (which no word of
 * ours has, but a unit read from a document might) left out. */
static void fmt_literal(pl_buf *b, const char *s)
{
    pl_buf_putc(b, '"');
    for (; *s; s++)
        if (*s != '"' && *s != '\\')
            pl_buf_putc(b, *s);
    pl_buf_putc(b, '"');
}

/* "\"≥ \"General\" (mạnh hơn)\"": the number as Excel writes it
 * (General: "90", "4,9" in a Vietnamese locale), between the comparator
 * pl_compare_fmt_value writes and the status word; the unit is the row's
 * own column. */
static void value_format(pl_buf *b, pl_cmp cmp, const char *word)
{
    pl_buf sym = PL_BUF_INIT;
    pl_compare_fmt_value(&sym, cmp, 0); /* "≥ 0": the comparator */
    pl_buf_cstr(&sym);
    if (!sym.failed && sym.len > 1)
        sym.data[sym.len - 1] = '\0';
    if (!sym.failed && sym.data[0])
        fmt_literal(b, sym.data);
    pl_buf_free(&sym);
    pl_buf_puts(b, "General");
    pl_buf tail = PL_BUF_INIT;
    if (word)
        pl_buf_printf(&tail, " (%s)", word);
    pl_buf_cstr(&tail);
    if (tail.len)
        fmt_literal(b, tail.data);
    if (tail.failed)
        b->failed = 1;
    pl_buf_free(&tail);
}

/* The style of a value cell of look st (a status, or NO_LOOK), its number
 * format `f`; made on first use. */
static int format_style(book *k, int st, pl_buf *f)
{
    const char *key = pl_buf_cstr(f);
    int style = st == NO_LOOK ? PL_XLSX_PLAIN : k->word[st];
    size_t i = 0;
    while (i < k->nfmt && (k->fmt[i].st != st || strcmp(k->fmt[i].key, key) != 0))
        i++;
    if (f->failed || strlen(key) >= sizeof k->fmt[0].key)
        ; /* the plain status look: the number without its words */
    else if (i < k->nfmt)
        style = k->fmt[i].style;
    else if (k->nfmt < MAX_FORMATS) {
        style = status_style(k, st, key);
        k->fmt[k->nfmt].st = st;
        memcpy(k->fmt[k->nfmt].key, key, strlen(key) + 1);
        k->fmt[k->nfmt++].style = style;
    }
    return style;
}

static int value_style(book *k, pl_cstatus st, pl_cmp cmp, const char *word)
{
    pl_buf f = PL_BUF_INIT;
    value_format(&f, cmp, word);
    int style = format_style(k, (int)st, &f);
    pl_buf_free(&f);
    return style;
}

/* ---- the table sheet --------------------------------------------------- */

static size_t width_of(const char *s)
{
    return pl_utf8_count(s, strlen(s));
}

/* Lines that s takes wrapped in a column `width` characters wide (of the
 * digit '0', wider than the average letter: LibreOffice and Excel fit
 * about 1.1 letters of Vietnamese text in one, less the whole words moved
 * to the next line). */
static size_t lines_for(const char *s, size_t width)
{
    size_t per = width + width / 10;
    return (width_of(s) + per - 1) / per;
}

static void table_header(book *k, pl_xlsx_sheet *s, const pl_compare *c, char **labels)
{
    pl_xlsx_text(s, 0, 0, k->heading, k->head);
    pl_xlsx_text(s, 0, 1, WORDS[k->lang].id, k->head);
    pl_xlsx_text(s, 0, 2, WORDS[k->lang].year, k->head);
    pl_xlsx_text(s, 0, 3, WORDS[k->lang].unit, k->head);
    pl_xlsx_text(s, 0, COL_NATIONAL, WORDS[k->lang].national, k->head);
    pl_xlsx_note(s, 0, COL_NATIONAL, WORDS[k->lang].national_note);
    for (size_t j = 0; j < c->ncols; j++)
        pl_xlsx_text(s, 0, FIXED + j, labels[j], k->head);
}

/* The national value: a number with its comparator ('*' when no official
 * text confirms it), "?" when not established, "—" when not set. */
static void national_cell(book *k, pl_xlsx_sheet *s, size_t gr, const pl_crow *row)
{
    const pl_reference *ref = row->ref;
    if (!ref || !ref->has_value) {
        pl_xlsx_text(s, gr, COL_NATIONAL, ref ? "?" : "—", k->word[PL_CST_NOT_COMPARABLE]);
        return;
    }
    int unconfirmed = ref->confidence != PL_CONF_OFFICIAL;
    pl_buf f = PL_BUF_INIT;
    value_format(&f, ref->cmp, NULL);
    if (unconfirmed)
        fmt_literal(&f, "*");
    pl_xlsx_number(s, gr, COL_NATIONAL, ref->value, format_style(k, NO_LOOK, &f));
    pl_buf_free(&f);
}

/* A plan's cell; returns the characters it shows (for the width). */
static size_t plan_cell(book *k, pl_xlsx_sheet *s, const pl_compare *c, size_t r, size_t j)
{
    const pl_cplan *p = &c->plans[c->cols[j]];
    const pl_ccell *cell = pl_compare_cell(c, r, j);
    const char *word = pl_cstatus_words(cell->status, k->lang);
    size_t gr = r + 1, col = FIXED + j;
    if (cell->n == 0) {
        pl_xlsx_text(s, gr, col, word, k->word[cell->status]);
        return width_of(word);
    }
    const pl_cvalue *w = &p->values[cell->weakest];
    pl_xlsx_number(s, gr, col, w->value, value_style(k, cell->status, w->cmp, word));
    pl_buf shown = PL_BUF_INIT;
    pl_compare_fmt_value(&shown, w->cmp, w->value);
    pl_buf_printf(&shown, " (%s)", word);
    size_t width = width_of(pl_buf_cstr(&shown));
    pl_buf_free(&shown);
    if (cell->n > 1) {
        pl_buf note = PL_BUF_INIT;
        pl_buf_puts(&note, WORDS[k->lang].targets);
        pl_compare_fmt_cell(&note, p, cell);
        pl_xlsx_note(s, gr, col, pl_buf_cstr(&note));
        pl_buf_free(&note);
    }
    return width;
}

static void table_row(book *k, pl_xlsx_sheet *s, const pl_compare *c, size_t r, size_t *widths)
{
    const pl_crow *row = &c->rows[r];
    size_t gr = r + 1;
    pl_xlsx_text(s, gr, 0, pl_compare_label(row->ind, k->lang), k->text);
    pl_xlsx_lines(s, gr, lines_for(pl_compare_label(row->ind, k->lang), W_LABEL));
    pl_xlsx_text(s, gr, 1, row->ind->id, k->plain);
    if (row->year) {
        pl_xlsx_number(s, gr, 2, row->year, k->year);
    } else { /* "hằng năm" for a yearly change, "?" for a year not said */
        pl_buf y = PL_BUF_INIT;
        pl_compare_fmt_year(&y, row, k->lang);
        pl_xlsx_text(s, gr, 2, pl_buf_cstr(&y), k->plain);
        pl_buf_free(&y);
    }
    pl_xlsx_text(s, gr, 3, pl_compare_unit_words(row->ind, k->lang), k->plain);
    national_cell(k, s, gr, row);
    for (size_t j = 0; j < c->ncols; j++) {
        size_t w = plan_cell(k, s, c, r, j);
        if (w > widths[j])
            widths[j] = w;
    }
}

static int table_sheet(book *k, const pl_compare *c)
{
    pl_xlsx_sheet *s = pl_xlsx_sheet_add(k->x, WORDS[k->lang].table);
    char **labels = pl_compare_labels(c, k->lang);
    size_t *widths = calloc(c->ncols ? c->ncols : 1, sizeof *widths);
    if (!labels || !widths) {
        pl_compare_labels_free(labels, c->ncols);
        free(widths);
        return -1;
    }
    table_header(k, s, c, labels);
    for (size_t r = 0; r < c->nrows; r++)
        table_row(k, s, c, r, widths);
    pl_xlsx_width(s, 0, 0, W_LABEL);
    pl_xlsx_width(s, 1, 1, W_ID);
    pl_xlsx_width(s, 2, 2, W_YEAR);
    pl_xlsx_width(s, 3, 3, W_UNIT);
    pl_xlsx_width(s, COL_NATIONAL, COL_NATIONAL, W_NATIONAL);
    /* a number wider than its column shows as "###": the widest cell fits */
    size_t head_lines = lines_for(k->heading, W_LABEL);
    for (size_t j = 0; j < c->ncols; j++) {
        size_t w = widths[j] + 2;
        w = w < W_PLAN_MIN ? W_PLAN_MIN : w > W_PLAN_MAX ? W_PLAN_MAX : w;
        pl_xlsx_width(s, FIXED + j, FIXED + j, (double)w);
        if (lines_for(labels[j], w) > head_lines)
            head_lines = lines_for(labels[j], w);
    }
    pl_xlsx_lines(s, 0, head_lines);
    pl_xlsx_freeze(s, 1, FIXED);
    pl_xlsx_print_wide(s, 1, FIXED);
    pl_compare_labels_free(labels, c->ncols);
    free(widths);
    return 0;
}

/* ---- the data sheet ---------------------------------------------------- */

static void data_row(book *k, pl_xlsx_sheet *s, const pl_compare *c, size_t j, size_t r,
                     size_t at)
{
    pl_lfield f[PL_LONG_NCOLS];
    pl_buf cell = PL_BUF_INIT;
    pl_compare_long_fields(c, j, r, k->lang, &cell, f);
    pl_cstatus st = pl_compare_cell(c, r, j)->status;
    for (size_t i = 0; i < PL_LONG_NCOLS; i++) {
        int style = i + 1 == PL_LONG_NCOLS ? k->word[st] : PL_XLSX_PLAIN;
        if (f[i].kind == PL_LF_NUMBER)
            pl_xlsx_number(s, at, i, f[i].num, style);
        else if (f[i].kind == PL_LF_TEXT || f[i].kind == PL_LF_BOOL) /* as csv: "true" */
            pl_xlsx_text(s, at, i, f[i].text, style);
    }
    pl_buf_free(&cell);
}

static void data_sheet(book *k, const pl_compare *c)
{
    pl_xlsx_sheet *s = pl_xlsx_sheet_add(k->x, WORDS[k->lang].data);
    for (size_t i = 0; i < PL_LONG_NCOLS; i++)
        pl_xlsx_text(s, 0, i, pl_compare_long_columns[i], k->head);
    size_t at = 1;
    for (size_t j = 0; j < c->ncols; j++)
        for (size_t r = 0; r < c->nrows; r++)
            data_row(k, s, c, j, r, at++);
    pl_xlsx_width(s, 0, 0, 30);
    pl_xlsx_width(s, 1, 4, 14);
    pl_xlsx_width(s, 5, 5, 36);
    pl_xlsx_width(s, 6, PL_LONG_NCOLS - 1, 11);
    pl_xlsx_freeze(s, 1, 0);
    pl_xlsx_filter(s, at - 1, PL_LONG_NCOLS - 1);
}

int pl_compare_render_xlsx(const pl_compare *c, FILE *out, pl_lang lang, pl_error *err)
{
    book *k = calloc(1, sizeof *k);
    if (!k) {
        pl_error_set(err, PL_ERR_NOMEM, NULL, NULL, "out of memory");
        return -1;
    }
    k->lang = lang == PL_LANG_EN ? PL_LANG_EN : PL_LANG_VI;
    if (!(k->x = pl_xlsx_new(err))) {
        free(k);
        return -1;
    }
    pl_buf title = PL_BUF_INIT;
    pl_buf_puts(&title, WORDS[k->lang].against);
    pl_buf_puts(&title, c->prog->decision_number ? c->prog->decision_number : c->prog->id);
    k->heading = pl_buf_cstr(&title);
    pl_xlsx_title(k->x, k->heading);
    make_styles(k);
    int rc = title.failed ? -1 : table_sheet(k, c);
    if (rc == 0)
        data_sheet(k, c);
    int written = pl_xlsx_finish(k->x, out, err);
    pl_buf_free(&title);
    free(k);
    if (rc != 0 && written == 0)
        pl_error_set(err, PL_ERR_NOMEM, NULL, NULL, "out of memory");
    return rc != 0 || written != 0 ? -1 : 0;
}
