/* compare_html.c - `planlint compare -f html`: one self-contained page.
 *
 * Offline by construction: inline CSS, no script, no font, no image, no
 * link to anything outside the page.  Everything that comes
 * from a document or a data file goes through pl_html_escape.
 *
 * Outline of the page:
 *   header    programme, number of plans, legend
 *   table     rows indicator x year, the national column first, each cell
 *             value + status (symbol and words: colour is never the only
 *             signal)
 *   controls  order of the bars (as given, strongest first) and level
 *             (all, province, district, commune): radio buttons and CSS
 *   charts    one per indicator, in HTML and CSS: a horizontal bar per
 *             plan and year (a grid row: its label wraps, never cut), the
 *             national value as a dashed line, bars coloured by status, a
 *             title on every bar for hover; readable with 63 provinces
 *   notes     how statuses are decided, where the national values come
 *             from, plans left out
 *
 * Positions are percentages written from whole hundredths with %d: a
 * locale with a decimal comma (set by a program embedding the library)
 * cannot break them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "uni.h"

/* ======================================================================
 * Escaping
 * ====================================================================== */

void pl_html_escape(pl_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = pl_utf8_next(s, n, i, &cp);
        if (k < 0 || (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7f) {
            pl_buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD */
            i += k > 0 ? (size_t)k : 1;
            continue;
        }
        switch (cp) {
        case '&': pl_buf_puts(b, "&amp;"); break;
        case '<': pl_buf_puts(b, "&lt;"); break;
        case '>': pl_buf_puts(b, "&gt;"); break;
        case '"': pl_buf_puts(b, "&quot;"); break;
        case '\'': pl_buf_puts(b, "&#39;"); break;
        default: pl_buf_put(b, s + i, (size_t)k);
        }
        i += (size_t)k;
    }
}

void pl_html_escape_str(pl_buf *b, const char *s)
{
    if (s)
        pl_html_escape(b, s, strlen(s));
}

/* ======================================================================
 * Words of the page
 * ====================================================================== */

typedef struct words {
    const char *title, *heading, *plans, *unit, *table, *charts, *notes, *indicator, *year,
        *national, *higher, *lower, *reference, *no_numbers, *left_out, *implements, *line, *order,
        *weakest, *conf_head, *wording, *unconfirmed, *sort, *given, *strongest, *level, *all,
        *units, *unit_head;
} words;

static const words VI = {
    "So sánh chỉ tiêu với",
    "So sánh chỉ tiêu của các kế hoạch với chương trình quốc gia",
    "kế hoạch",
    "đơn vị: %",
    "Bảng so sánh",
    "Biểu đồ theo chỉ tiêu",
    "Ghi chú",
    "Chỉ tiêu",
    "Năm",
    "Quốc gia",
    "cao hơn là tốt hơn",
    "thấp hơn là tốt hơn",
    "mức quốc gia",
    "Không có số liệu để vẽ:",
    "Không so sánh (thực hiện chương trình khác):",
    "thực hiện",
    "dòng",
    "Thứ tự: trước hết so giá trị theo chiều của chỉ tiêu (tỷ lệ bao phủ: cao hơn là mạnh "
    "hơn; tỷ lệ lao động trẻ em: thấp hơn là mạnh hơn), rồi đến dấu so sánh: với cùng một "
    "giá trị, \"> 90\" mạnh hơn \"≥ 90\", \"< 4,9\" mạnh hơn \"≤ 4,9\".",
    "Khi một kế hoạch đặt nhiều mức cho cùng chỉ tiêu và năm, ô hiển thị tất cả; trạng thái "
    "theo mức yếu nhất.",
    "Nguồn của mức quốc gia",
    "Nguyên văn",
    "* chưa được xác nhận bằng văn bản chính thức",
    "Thứ tự:",
    "như đã cho",
    "mạnh nhất trước",
    "Cấp:",
    "tất cả",
    "đơn vị theo từng chỉ tiêu",
    "Đơn vị",
};

static const words EN = {
    "Targets against",
    "Plan targets against the national programme",
    "plans",
    "unit: %",
    "Comparison table",
    "Charts by indicator",
    "Notes",
    "Indicator",
    "Year",
    "National",
    "higher is better",
    "lower is better",
    "national value",
    "No numbers to chart:",
    "Not compared (they implement another programme):",
    "implements",
    "line",
    "Order: values first, by the indicator's direction (a coverage: higher is stronger; the "
    "child-labour rate: lower is stronger), then the comparator: at the same value \"> 90\" "
    "is stronger than \"≥ 90\", \"< 4,9\" stronger than \"≤ 4,9\".",
    "When a plan sets several values for one indicator and year, the cell shows them all; "
    "the weakest decides the status.",
    "Where the national values come from",
    "Wording",
    "* not confirmed by the official text",
    "Order:",
    "as given",
    "strongest first",
    "Level:",
    "all",
    "units by indicator",
    "Unit",
};

static const char *confidence_words(pl_confidence c, pl_lang lang)
{
    static const char *const vi[] = {"văn bản chính thức", "bản tóm tắt và bản sao địa phương",
                                     "hai nguồn", "một nguồn", "chỉ kế hoạch địa phương",
                                     "chưa xác lập"};
    static const char *const en[] = {"official text", "summaries and local copies", "two sources",
                                     "one source", "local plans only", "not established"};
    if ((unsigned)c > PL_CONF_UNKNOWN)
        c = PL_CONF_UNKNOWN;
    return lang == PL_LANG_EN ? en[c] : vi[c];
}

/* Colours: a blue-orange diverging pair that colour-blind readers tell
 * apart, grey for what cannot be compared. */
#define COL_STRONGER "#2166ac"
#define COL_EQUAL "#74add1"
#define COL_WEAKER "#d6604d"
#define COL_NA "#9e9e9e"
#define COL_INVALID "#762a83"

/* CSS class of a status: "st-stronger", ..., "st-na". */
static const char *status_class(pl_cstatus s)
{
    static const char *const cls[] = {"st-missing", "st-na",       "st-weaker",
                                      "st-equal",   "st-stronger", "st-invalid"};
    return (unsigned)s < PL_CST_COUNT ? cls[s] : "st-na";
}

/* CSS class of a plan's level, for the level filter ("lv-province"). */
static const char *level_class(pl_level l)
{
    switch (l) {
    case PL_LEVEL_PROVINCE: return "lv-province";
    case PL_LEVEL_DISTRICT: return "lv-district";
    case PL_LEVEL_COMMUNE: return "lv-commune";
    default: return "lv-other";
    }
}

static const char STYLE[] =
    ":root{--stronger:" COL_STRONGER ";--equal:" COL_EQUAL ";--weaker:" COL_WEAKER ";--na:" COL_NA
    ";--invalid:" COL_INVALID ";--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',"
    "'DejaVu Sans','Liberation Sans',Arial,sans-serif;color:var(--ink);background:#fff}\n"
    "header.top{padding:20px 32px 12px;border-bottom:1px solid var(--line);background:var(--bg)}\n"
    "h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px}\n"
    ".prog{margin:0;font-size:15px}.meta{margin:2px 0 8px;color:var(--muted);font-size:13px}\n"
    "main{padding:0 32px 40px}\n"
    "code{font:12px ui-monospace,'DejaVu Sans Mono',monospace;color:var(--muted)}\n"
    "ul.legend{list-style:none;margin:6px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:6px 18px;"
    "font-size:13px}\n"
    ".sw{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;"
    "vertical-align:-1px}\n"
    ".sw.st-stronger{background:var(--stronger)}.sw.st-equal{background:var(--equal)}"
    ".sw.st-weaker{background:var(--weaker)}.sw.st-na{background:var(--na)}"
    ".sw.st-invalid{background:var(--invalid)}"
    ".sw.st-missing{background:#fff;border:1px dashed var(--na)}"
    ".sw.ref{width:16px;height:0;border-top:2px dashed var(--ink);border-radius:0;"
    "vertical-align:3px}\n"
    ".scroll{overflow-x:auto;border:1px solid var(--line);border-radius:6px}\n"
    "table.cmp{border-collapse:collapse;font-size:14px;min-width:100%}\n"
    "table.cmp th,table.cmp td{padding:6px 10px;border-bottom:1px solid var(--line);"
    "vertical-align:top;text-align:left}\n"
    "table.cmp thead th{position:sticky;top:0;z-index:2;background:var(--bg);font-weight:600;"
    "border-bottom:2px solid var(--line);white-space:nowrap}\n"
    /* the indicator column stays in view when the table scrolls sideways */
    "table.cmp thead th:first-child{left:0;z-index:3}\n"
    "table.cmp th.ind{position:sticky;left:0;z-index:1;background:#fff;"
    "box-shadow:inset -1px 0 var(--line)}\n"
    "table.cmp .sub{display:block;font-weight:400;font-size:12px;color:var(--muted)}\n"
    "table.cmp th.ind{font-weight:400;min-width:260px;max-width:380px}\n"
    "table.cmp th.ind .lbl{display:block}\n"
    "table.cmp td.yr,table.cmp td.un{color:var(--muted);white-space:nowrap}\n"
    "table.cmp td.nat{background:var(--bg);font-weight:600;white-space:nowrap;"
    "border-right:2px solid var(--line)}\n"
    "table.cmp td.cell{white-space:nowrap}\n"
    "table.cmp td.cell .v{font-weight:600;font-variant-numeric:tabular-nums}\n"
    "table.cmp td.cell .mk{display:block;font-size:12px}\n"
    "td.st-stronger{background:#e3eef9}td.st-stronger .mk{color:var(--stronger)}\n"
    "td.st-equal{background:#f1f7fc}td.st-equal .mk{color:#3d7fae}\n"
    "td.st-weaker{background:#fbe5df}td.st-weaker .mk{color:#b2432f}\n"
    "td.st-na .mk{color:var(--muted)}\n"
    "td.st-invalid{background:#efe3f0}td.st-invalid .mk{color:var(--invalid);font-weight:600}\n"
    "td.st-missing{color:var(--na)}td.st-missing .mk{color:var(--na);font-style:italic}\n"
    "tbody tr.first th,tbody tr.first td{border-top:1px solid #b7c1cc}\n"
    ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:18px}\n"
    "figure.chart{margin:0;padding:12px 14px;border:1px solid var(--line);border-radius:6px}\n"
    "figure.chart figcaption{font-size:14px;margin-bottom:6px}\n"
    "figure.chart .dir{color:var(--muted);font-size:12px;margin-left:6px}\n"
    ".muted{color:var(--muted)}.yh{font-size:13px;margin:10px 0 4px}\n"
    ".rows{display:flex;flex-direction:column}\n"
    ".chart .row{display:grid;grid-template-columns:minmax(9em,34%) 1fr;gap:10px;"
    "align-items:center;order:var(--k)}\n"
    ".chart .pl{text-align:right;font-size:12px;line-height:1.25;overflow-wrap:anywhere}\n"
    ".chart .plot{position:relative;display:block;min-height:20px;margin-right:4.5em;"
    "border-left:1px solid #8c959f;box-shadow:inset -1px 0 #e6eaef;"
    "background:repeating-linear-gradient(to right,#e6eaef 0 1px,transparent 1px 20%)}\n"
    ".rows.ref .plot::after{content:'';position:absolute;left:var(--ref);top:0;bottom:0;"
    "margin-left:-1px;border-left:2px dashed var(--ink)}\n"
    ".bar{position:absolute;left:0;top:3px;bottom:3px;width:max(var(--w),2px);"
    "border-radius:0 2px 2px 0}\n"
    ".bar.st-stronger{background:var(--stronger)}.bar.st-equal{background:var(--equal)}"
    ".bar.st-weaker{background:var(--weaker)}.bar.st-invalid{background:var(--invalid)}"
    ".bar.st-na{background:var(--na)}\n"
    ".val{position:absolute;left:calc(var(--w) + 5px);top:1px;font-size:12px;white-space:nowrap;"
    "font-variant-numeric:tabular-nums;z-index:1;background:rgba(255,255,255,.8)}\n"
    ".miss{font-size:12px;color:var(--na);font-style:italic;padding-left:6px}\n"
    ".chart .row.axis .plot{background:none;box-shadow:none;border-left-color:transparent;"
    "min-height:18px}\n"
    ".tick{position:absolute;transform:translateX(-50%);font-size:12px;color:var(--muted);"
    "white-space:nowrap}\n"
    /* the controls: radio buttons before the sections, their labels as buttons */
    "input.ctl{position:absolute;opacity:0;width:1px;height:1px}\n"
    "div.ctl{margin:14px 0 0;font-size:13px}div.ctl span{margin:0 6px 0 12px}"
    "div.ctl span:first-child{margin-left:0}\n"
    "div.ctl label{display:inline-block;padding:1px 10px;margin:2px;border:1px solid var(--line);"
    "border-radius:12px;cursor:pointer}\n"
    "#ord-given:checked~.ctl [for=ord-given],#ord-value:checked~.ctl [for=ord-value],"
    "#lv-all:checked~.ctl [for=lv-all],#lv-province:checked~.ctl [for=lv-province],"
    "#lv-district:checked~.ctl [for=lv-district],#lv-commune:checked~.ctl [for=lv-commune]"
    "{background:var(--ink);color:#fff;border-color:var(--ink)}\n"
    "input.ctl:focus-visible~.ctl label{outline-offset:1px}\n"
    "#ord-value:checked~section .chart .row{order:var(--s)}\n"
    "#lv-province:checked~section .lvf:not(.lv-province),"
    "#lv-district:checked~section .lvf:not(.lv-district),"
    "#lv-commune:checked~section .lvf:not(.lv-commune){display:none}\n"
    "table.notes{border-collapse:collapse;font-size:13px}\n"
    "table.notes td,table.notes th{padding:4px 8px;border-bottom:1px solid var(--line);"
    "text-align:left;vertical-align:top}\n"
    "footer{color:var(--muted);font-size:12px;padding:0 32px 24px}\n";

/* ======================================================================
 * Header and legend
 * ====================================================================== */

static const words *words_of(pl_lang lang)
{
    return lang == PL_LANG_EN ? &EN : &VI;
}

static const char *decision(const pl_program *p)
{
    return p->decision_number ? p->decision_number : p->id;
}

static void head(pl_buf *b, const pl_compare *c, pl_lang lang)
{
    const words *w = words_of(lang);
    pl_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                  lang == PL_LANG_EN ? "en" : "vi");
    pl_buf_puts(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    pl_buf_printf(b, "<meta name=\"generator\" content=\"planlint %s\">\n<title>", PL_VERSION);
    pl_buf_printf(b, "%s ", w->title);
    pl_html_escape_str(b, decision(c->prog));
    pl_buf_printf(b, " — planlint</title>\n<style>\n%s</style>\n</head>\n<body>\n", STYLE);
}

static void legend(pl_buf *b, pl_lang lang)
{
    pl_buf_puts(b, "<ul class=\"legend\">");
    for (size_t i = 0; i < sizeof pl_cstatus_legend / sizeof *pl_cstatus_legend; i++) {
        pl_cstatus s = pl_cstatus_legend[i];
        pl_buf_printf(b, "<li><span class=\"sw %s\"></span>%s %s</li>", status_class(s),
                      pl_cstatus_symbol(s), pl_cstatus_words(s, lang));
    }
    pl_buf_printf(b, "<li><span class=\"sw ref\"></span>%s</li></ul>\n", words_of(lang)->reference);
}

static void header(pl_buf *b, const pl_compare *c, pl_lang lang)
{
    const words *w = words_of(lang);
    pl_buf_printf(b, "<header class=\"top\">\n<h1>%s</h1>\n<p class=\"prog\"><strong>", w->heading);
    pl_html_escape_str(b, decision(c->prog));
    pl_buf_puts(b, "</strong> — ");
    pl_html_escape_str(b, c->prog->title);
    pl_buf_puts(b, " <code>");
    pl_html_escape_str(b, c->prog->id);
    pl_buf_printf(b, "</code></p>\n<p class=\"meta\">%zu %s · %s</p>\n", c->ncols, w->plans,
                  pl_compare_all_percent(c) ? w->unit : w->units);
    legend(b, lang);
    pl_buf_puts(b, "</header>\n<main>\n");
}

/* The controls of the charts and the table: radio buttons placed before
 * the sections, so that CSS alone (no script) sorts the bars ("~"
 * selectors give each row its `order`) and hides the plans of other
 * levels; their labels are the buttons the reader sees. */
static void controls(pl_buf *b, pl_lang lang)
{
    static const char *const order_ids[] = {"ord-given", "ord-value"};
    static const char *const level_ids[] = {"lv-all", "lv-province", "lv-district", "lv-commune"};
    static const pl_level levels[] = {PL_LEVEL_UNKNOWN, PL_LEVEL_PROVINCE, PL_LEVEL_DISTRICT,
                                      PL_LEVEL_COMMUNE};
    const words *w = words_of(lang);
    for (size_t i = 0; i < 2; i++)
        pl_buf_printf(b, "<input type=\"radio\" class=\"ctl\" name=\"order\" id=\"%s\"%s>",
                      order_ids[i], i == 0 ? " checked" : "");
    for (size_t i = 0; i < 4; i++)
        pl_buf_printf(b, "<input type=\"radio\" class=\"ctl\" name=\"level\" id=\"%s\"%s>",
                      level_ids[i], i == 0 ? " checked" : "");
    pl_buf_printf(b, "\n<div class=\"ctl\"><span>%s</span><label for=\"ord-given\">%s</label>"
                     "<label for=\"ord-value\">%s</label><span>%s</span>",
                  w->sort, w->given, w->strongest, w->level);
    for (size_t i = 0; i < 4; i++)
        pl_buf_printf(b, "<label for=\"%s\">%s</label>", level_ids[i],
                      i == 0 ? w->all : pl_compare_level_words(levels[i], lang));
    pl_buf_puts(b, "</div>\n");
}

/* ======================================================================
 * The table
 * ====================================================================== */

static void column_heads(pl_buf *b, const pl_compare *c, char **labels, pl_lang lang)
{
    const words *w = words_of(lang);
    pl_buf_printf(b,
                  "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                  "<th scope=\"col\">%s</th>"
                  "<th scope=\"col\" class=\"nat\">%s<span class=\"sub\">",
                  w->indicator, w->year, w->unit_head, w->national);
    pl_html_escape_str(b, decision(c->prog));
    pl_buf_puts(b, "</span></th>");
    for (size_t k = 0; k < c->ncols; k++) {
        const pl_cplan *p = &c->plans[c->cols[k]];
        const char *sub = p->number ? p->number : strrchr(p->source, '/');
        sub = sub == NULL ? p->source : sub == p->number ? sub : sub + 1;
        pl_buf_printf(b, "<th scope=\"col\" class=\"plan lvf %s\" title=\"", level_class(p->level));
        pl_html_escape_str(b, p->source);
        pl_buf_puts(b, "\">");
        pl_html_escape_str(b, labels[k]);
        pl_buf_puts(b, "<span class=\"sub\">");
        pl_html_escape_str(b, sub);
        pl_buf_puts(b, "</span></th>");
    }
    pl_buf_puts(b, "</tr></thead>\n");
}

/* Rows of one indicator share its label cell. */
static size_t rows_of_indicator(const pl_compare *c, size_t r)
{
    size_t n = 1;
    while (r + n < c->nrows && c->rows[r + n].ind == c->rows[r].ind)
        n++;
    return n;
}

static void national_cell(pl_buf *b, const pl_crow *row, pl_lang lang)
{
    pl_buf_puts(b, "<td class=\"nat\"");
    if (row->ref) {
        pl_buf_printf(b, " title=\"%s", confidence_words(row->ref->confidence, lang));
        if (row->ref->wording) {
            pl_buf_puts(b, ": ");
            pl_html_escape_str(b, row->ref->wording);
        }
        pl_buf_putc(b, '"');
    }
    pl_buf_putc(b, '>');
    pl_buf v = PL_BUF_INIT;
    pl_compare_fmt_national(&v, row);
    pl_html_escape_str(b, v.len ? pl_buf_cstr(&v) : "—");
    if (row->ref && row->ref->has_value && row->ref->confidence != PL_CONF_OFFICIAL)
        pl_buf_puts(b, "*");
    if (v.failed)
        b->failed = 1;
    pl_buf_free(&v);
    pl_buf_puts(b, "</td>");
}

static void plan_cell(pl_buf *b, const pl_compare *c, size_t r, size_t k, const char *label,
                      pl_lang lang)
{
    const pl_ccell *cell = pl_compare_cell(c, r, k);
    const pl_cplan *p = &c->plans[c->cols[k]];
    pl_buf v = PL_BUF_INIT, nat = PL_BUF_INIT;
    pl_compare_fmt_cell(&v, p, cell);
    pl_compare_fmt_national(&nat, &c->rows[r]);
    pl_buf_printf(b, "<td class=\"cell %s lvf %s\" data-status=\"%s\" title=\"",
                  status_class(cell->status), level_class(p->level), pl_cstatus_name(cell->status));
    pl_html_escape_str(b, label);
    pl_buf_puts(b, ": ");
    if (cell->n) {
        pl_html_escape_str(b, pl_buf_cstr(&v));
        pl_buf_printf(b, " — %s", pl_cstatus_words(cell->status, lang));
        if (cell->status != PL_CST_INVALID)
            pl_buf_printf(b, " %s", words_of(lang)->reference);
        if (nat.len && cell->status != PL_CST_INVALID) {
            pl_buf_puts(b, " ");
            pl_html_escape_str(b, pl_buf_cstr(&nat));
        }
        pl_buf_printf(b, " (%s %lu)", words_of(lang)->line,
                      (unsigned long)p->values[cell->weakest].line);
    } else {
        pl_buf_puts(b, pl_cstatus_words(cell->status, lang));
    }
    pl_buf_puts(b, "\">");
    if (cell->n) {
        pl_buf_puts(b, "<span class=\"v\">");
        pl_html_escape_str(b, pl_buf_cstr(&v));
        pl_buf_puts(b, "</span>");
    }
    pl_buf_printf(b, "<span class=\"mk\">%s %s</span></td>", pl_cstatus_symbol(cell->status),
                  pl_cstatus_words(cell->status, lang));
    if (v.failed || nat.failed)
        b->failed = 1;
    pl_buf_free(&v);
    pl_buf_free(&nat);
}

static void table_row(pl_buf *b, const pl_compare *c, size_t r, char **labels, pl_lang lang)
{
    const pl_crow *row = &c->rows[r];
    int first = r == 0 || c->rows[r - 1].ind != row->ind;
    pl_buf_printf(b, "<tr%s data-indicator=\"", first ? " class=\"first\"" : "");
    pl_html_escape_str(b, row->ind->id);
    pl_buf_printf(b, "\" data-year=\"%d\">", row->year);
    if (first) {
        pl_buf_printf(b,
                      "<th scope=\"rowgroup\" class=\"ind\" rowspan=\"%zu\"><span class=\"lbl\">",
                      rows_of_indicator(c, r));
        pl_html_escape_str(b, pl_compare_label(row->ind, lang));
        pl_buf_puts(b, "</span><code>");
        pl_html_escape_str(b, row->ind->id);
        pl_buf_puts(b, "</code></th>");
    }
    pl_buf_puts(b, "<td class=\"yr\">");
    pl_compare_fmt_year(b, row, lang);
    pl_buf_puts(b, "</td><td class=\"un\">");
    pl_html_escape_str(b, pl_compare_unit_words(row->ind, lang));
    pl_buf_puts(b, "</td>");
    national_cell(b, row, lang);
    for (size_t k = 0; k < c->ncols; k++)
        plan_cell(b, c, r, k, labels[k], lang);
    pl_buf_puts(b, "</tr>\n");
}

static void table(pl_buf *b, const pl_compare *c, char **labels, pl_lang lang)
{
    pl_buf_printf(b,
                  "<section id=\"table\">\n<h2>%s</h2>\n<div class=\"scroll\">"
                  "<table class=\"cmp\">\n",
                  words_of(lang)->table);
    column_heads(b, c, labels, lang);
    pl_buf_puts(b, "<tbody>\n");
    for (size_t r = 0; r < c->nrows; r++)
        table_row(b, c, r, labels, lang);
    pl_buf_puts(b, "</tbody></table></div>\n</section>\n");
}

/* ======================================================================
 * Charts
 * ====================================================================== */

/* A value's place on the chart's scale, in hundredths of a percent of
 * the plot's width (whole numbers: a locale's decimal comma cannot break
 * the CSS); values above the scale stop at its end.  Rounded half up, as
 * lround would (x - r is exact for 0 < x < 10000), without libm: it was
 * the program's only call into it, and loading a library costs every run
 * some page faults (docs/PERFORMANCE.md). */
static int xpos(double v, double max)
{
    if (!(v > 0))
        return 0;
    if (v >= max)
        return 10000;
    double x = v / max * 10000;
    int r = (int)x;
    return x - r >= 0.5 ? r + 1 : r;
}

/* "37.50%" from xpos's hundredths. */
static void put_percent(pl_buf *b, int x)
{
    pl_buf_printf(b, "%d.%02d%%", x / 100, x % 100);
}

/* The smallest of 5, 10, 20, 25, 50, 100 at or above v. */
static double nice(double v)
{
    static const double steps[] = {5, 10, 20, 25, 50, 100};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (v <= steps[i])
            return steps[i];
    return 100;
}

/* The scale.  A coverage: 0-100 %.  A rate (direction "lower": a few
 * percent): 0 to a round number a fifth above the largest value, so that
 * 2 % and 4,9 % can be told apart.  Either grows past 100 when a value
 * is above it (to a multiple of 50, at most 1000: beyond that bars stop
 * at the end).  An impossible value ("trên 100%") does not stretch the
 * scale: its bar is drawn as invalid and stops at the end. */
static double chart_max(const pl_compare *c, size_t r0, size_t n)
{
    double m = 0;
    for (size_t r = r0; r < r0 + n; r++) {
        const pl_reference *ref = c->rows[r].ref;
        if (ref && ref->has_value && ref->value > m)
            m = ref->value;
        for (size_t k = 0; k < c->ncols; k++) {
            const pl_ccell *cell = pl_compare_cell(c, r, k);
            const pl_cplan *p = &c->plans[c->cols[k]];
            for (size_t i = 0; i < cell->n; i++) {
                const pl_cvalue *v = &p->values[cell->idx[i]];
                if (!pl_compare_impossible(v) && v->value > m)
                    m = v->value;
            }
        }
    }
    if (m > 100)
        m = ceil(m / 50) * 50;
    else
        m = c->rows[r0].ind->direction == PL_DIR_LOWER ? nice(m * 1.2) : 100;
    return m > 1000 ? 1000 : m;
}

static int has_numbers(const pl_compare *c, size_t r0, size_t n)
{
    for (size_t r = r0; r < r0 + n; r++) {
        if (c->rows[r].ref && c->rows[r].ref->has_value)
            return 1;
        for (size_t k = 0; k < c->ncols; k++)
            if (pl_compare_cell(c, r, k)->n)
                return 1;
    }
    return 0;
}

/* Rank of a cell in "sorted by value" order: valid values strongest
 * first (by the indicator's direction, then the comparator), then
 * invalid ones, then plans that set nothing.  Quadratic in the plans of
 * one row (63 provinces: 4 000 comparisons), never in the input. */
static size_t sort_rank(const pl_compare *c, size_t r, size_t k)
{
    const pl_ccell *me = pl_compare_cell(c, r, k);
    pl_direction dir = c->rows[r].ind->direction;
    int mine = me->n == 0 ? 2 : me->status == PL_CST_INVALID;
    size_t rank = 0;
    for (size_t j = 0; j < c->ncols; j++) {
        const pl_ccell *o = pl_compare_cell(c, r, j);
        int theirs = o->n == 0 ? 2 : o->status == PL_CST_INVALID;
        int before = theirs < mine;
        if (theirs == mine && j != k && mine < 2) {
            const pl_cvalue *a = &c->plans[c->cols[j]].values[o->weakest];
            const pl_cvalue *v = &c->plans[c->cols[k]].values[me->weakest];
            before = pl_compare_weaker(dir, v->cmp, v->value, a->cmp, a->value) ||
                     (!pl_compare_weaker(dir, a->cmp, a->value, v->cmp, v->value) && j < k);
        } else if (theirs == mine && j < k) {
            before = 1; /* ties keep the order given */
        }
        rank += before;
    }
    return rank;
}

/* One plan's bar: its weakest value (the one its status rests on); the
 * hover title lists them all.  The label wraps, never cut. */
static void bar(pl_buf *b, const pl_compare *c, size_t r, size_t k, const char *label, double max,
                pl_lang lang)
{
    const pl_ccell *cell = pl_compare_cell(c, r, k);
    const pl_cplan *p = &c->plans[c->cols[k]];
    pl_buf_printf(b, "<div class=\"row lvf %s\" style=\"--k:%zu;--s:%zu\"><span class=\"pl\">",
                  level_class(p->level), k, sort_rank(c, r, k));
    pl_html_escape_str(b, label);
    pl_buf_puts(b, "</span>");
    if (cell->n == 0) {
        pl_buf_printf(b, "<span class=\"plot\"><span class=\"miss\">%s</span></span></div>\n",
                      pl_cstatus_words(PL_CST_MISSING, lang));
        return;
    }
    const pl_cvalue *w = &p->values[cell->weakest];
    pl_buf v = PL_BUF_INIT;
    pl_compare_fmt_cell(&v, p, cell);
    /* --w on the plot: the bar's width and where its value is written */
    pl_buf_puts(b, "<span class=\"plot\" style=\"--w:");
    put_percent(b, xpos(w->value, max));
    pl_buf_printf(b, "\"><span class=\"bar %s\" data-plan=\"%zu\" title=\"",
                  status_class(cell->status), k);
    pl_html_escape_str(b, label);
    pl_buf_puts(b, ": ");
    pl_html_escape_str(b, pl_buf_cstr(&v));
    pl_buf_printf(b, " — %s\"></span><span class=\"val\">", pl_cstatus_words(cell->status, lang));
    pl_html_escape_str(b, pl_buf_cstr(&v));
    pl_buf_puts(b, "</span></span></div>\n");
    if (v.failed)
        b->failed = 1;
    pl_buf_free(&v);
}

static void year_heading(pl_buf *b, const pl_crow *row, pl_lang lang)
{
    const words *w = words_of(lang);
    pl_buf_puts(b, "<div class=\"yh\"><strong>");
    if (row->year || !row->ind->per_year) /* "Năm 2025"; a yearly change: "hằng năm" alone */
        pl_buf_printf(b, "%s ", w->year);
    pl_compare_fmt_year(b, row, lang);
    pl_buf_printf(b, "</strong> <span class=\"muted\">%s: ", w->reference);
    pl_buf v = PL_BUF_INIT;
    pl_compare_fmt_national(&v, row);
    pl_html_escape_str(b, v.len ? pl_buf_cstr(&v) : "—");
    if (row->ref && row->ref->has_value && row->ref->confidence != PL_CONF_OFFICIAL)
        pl_buf_putc(b, '*');
    pl_buf_puts(b, "</span></div>\n");
    pl_buf_free(&v);
}

/* A year's bars; the national value as a dashed line down the plot (each
 * row draws its piece, so the line follows the rows shown, in any order). */
static void year_block(pl_buf *b, const pl_compare *c, size_t r, char **labels, double max,
                       pl_lang lang)
{
    const pl_crow *row = &c->rows[r];
    pl_buf_printf(b, "<div class=\"yr\" data-year=\"%d\">\n", row->year);
    year_heading(b, row, lang);
    if (row->ref && row->ref->has_value) {
        pl_buf v = PL_BUF_INIT;
        pl_compare_fmt_national(&v, row);
        pl_buf_puts(b, "<div class=\"rows ref\" style=\"--ref:");
        put_percent(b, xpos(row->ref->value, max));
        pl_buf_puts(b, "\" title=\"");
        pl_buf_printf(b, "%s: ", words_of(lang)->reference);
        pl_html_escape_str(b, pl_buf_cstr(&v));
        pl_buf_puts(b, "\">\n");
        pl_buf_free(&v);
    } else {
        pl_buf_puts(b, "<div class=\"rows\">\n");
    }
    for (size_t k = 0; k < c->ncols; k++)
        bar(b, c, r, k, labels[k], max, lang);
    pl_buf_puts(b, "</div></div>\n");
}

/* Five steps under the plot; a tick value in Vietnamese convention with
 * the indicator's unit ("2,5 %", "550/100.000", "10 % giảm"). */
static void axis(pl_buf *b, double max, const pl_indicator *ind, pl_lang lang)
{
    const char *unit = pl_compare_unit_words(ind, lang);
    pl_buf_puts(b, "<div class=\"row axis\" aria-hidden=\"true\"><span class=\"pl\"></span>"
                   "<span class=\"plot\">");
    for (int i = 0; i <= 5; i++) {
        double v = max * i / 5;
        pl_buf_puts(b, "<span class=\"tick\" style=\"left:");
        put_percent(b, xpos(v, max));
        pl_buf_puts(b, "\">");
        pl_compare_fmt_value(b, PL_CMP_NONE, v);
        if (unit[0] != '/') /* "550/100.000", as plans write it */
            pl_buf_putc(b, ' ');
        pl_html_escape_str(b, unit);
        pl_buf_puts(b, "</span>");
    }
    pl_buf_puts(b, "</span></div>\n");
}

static void chart(pl_buf *b, const pl_compare *c, size_t r0, size_t n, char **labels, pl_lang lang)
{
    const pl_indicator *ind = c->rows[r0].ind;
    double max = chart_max(c, r0, n);
    pl_buf_puts(b, "<figure class=\"chart\" data-indicator=\"");
    pl_html_escape_str(b, ind->id);
    pl_buf_puts(b, "\"><figcaption><strong>");
    pl_html_escape_str(b, pl_compare_label(ind, lang));
    pl_buf_puts(b, "</strong> <code>");
    pl_html_escape_str(b, ind->id);
    pl_buf_printf(b, "</code><span class=\"dir\">%s %s</span></figcaption>\n",
                  ind->direction == PL_DIR_LOWER ? "↓" : "↑",
                  ind->direction == PL_DIR_LOWER ? words_of(lang)->lower : words_of(lang)->higher);
    for (size_t r = r0; r < r0 + n; r++)
        year_block(b, c, r, labels, max, lang);
    axis(b, max, ind, lang);
    pl_buf_puts(b, "</figure>\n");
}

static void charts(pl_buf *b, const pl_compare *c, char **labels, pl_lang lang)
{
    const words *w = words_of(lang);
    pl_buf_printf(b, "<section id=\"charts\">\n<h2>%s</h2>\n<div class=\"charts\">\n", w->charts);
    pl_buf skipped = PL_BUF_INIT;
    for (size_t r = 0; r < c->nrows;) {
        size_t n = rows_of_indicator(c, r);
        if (c->ncols > 0 && has_numbers(c, r, n)) {
            chart(b, c, r, n, labels, lang);
        } else {
            pl_buf_puts(&skipped, skipped.len ? ", <code>" : "<code>");
            pl_html_escape_str(&skipped, c->rows[r].ind->id);
            pl_buf_puts(&skipped, "</code>");
        }
        r += n;
    }
    pl_buf_puts(b, "</div>\n");
    if (skipped.len)
        pl_buf_printf(b, "<p class=\"meta\">%s %s</p>\n", w->no_numbers, pl_buf_cstr(&skipped));
    if (skipped.failed)
        b->failed = 1;
    pl_buf_free(&skipped);
    pl_buf_puts(b, "</section>\n");
}

/* ======================================================================
 * Notes and the page
 * ====================================================================== */

static void sources_table(pl_buf *b, const pl_compare *c, pl_lang lang)
{
    const words *w = words_of(lang);
    pl_buf_printf(b,
                  "<h3>%s</h3>\n<table class=\"notes\"><tr><th>%s</th><th>%s</th><th>%s</th>"
                  "<th>%s</th><th></th><th>%s</th></tr>\n",
                  w->conf_head, w->indicator, w->year, w->unit_head, w->national, w->wording);
    for (size_t r = 0; r < c->nrows; r++) {
        const pl_crow *row = &c->rows[r];
        if (!row->ref)
            continue;
        pl_buf v = PL_BUF_INIT;
        pl_compare_fmt_national(&v, row);
        pl_buf_puts(b, "<tr><td><code>");
        pl_html_escape_str(b, row->ind->id);
        pl_buf_puts(b, "</code></td><td>");
        pl_compare_fmt_year(b, row, lang);
        pl_buf_puts(b, "</td><td>");
        pl_html_escape_str(b, pl_compare_unit_words(row->ind, lang));
        pl_buf_puts(b, "</td><td>");
        pl_html_escape_str(b, v.len ? pl_buf_cstr(&v) : "—");
        pl_buf_printf(b, "</td><td>%s</td><td>", confidence_words(row->ref->confidence, lang));
        pl_html_escape_str(b, row->ref->wording);
        pl_buf_puts(b, "</td></tr>\n");
        pl_buf_free(&v);
    }
    pl_buf_puts(b, "</table>\n");
}

static void notes(pl_buf *b, const pl_compare *c, pl_lang lang)
{
    const words *w = words_of(lang);
    pl_buf_printf(b, "<section id=\"notes\">\n<h2>%s</h2>\n<p>%s</p>\n<p>%s</p>\n<p>%s</p>\n",
                  w->notes, w->order, w->weakest, w->unconfirmed);
    int any = 0;
    for (size_t k = 0; k < c->nplans; k++) {
        const pl_cplan *p = &c->plans[k];
        if (p->included)
            continue;
        if (!any++)
            pl_buf_printf(b, "<p>%s</p>\n<ul class=\"left-out\">\n", w->left_out);
        pl_buf_puts(b, "<li><code>");
        pl_html_escape_str(b, p->source);
        pl_buf_printf(b, "</code> (%s <code>", w->implements);
        pl_html_escape_str(b, p->program);
        pl_buf_puts(b, "</code>)</li>\n");
    }
    if (any)
        pl_buf_puts(b, "</ul>\n");
    sources_table(b, c, lang);
    pl_buf_puts(b, "</section>\n");
}

void pl_compare_render_html(pl_buf *b, const pl_compare *c, pl_lang lang)
{
    char **labels = pl_compare_labels(c, lang);
    if (!labels) {
        b->failed = 1;
        return;
    }
    head(b, c, lang);
    header(b, c, lang);
    controls(b, lang);
    table(b, c, labels, lang);
    charts(b, c, labels, lang);
    notes(b, c, lang);
    pl_buf_printf(b, "</main>\n<footer>planlint %s</footer>\n</body>\n</html>\n", PL_VERSION);
    pl_compare_labels_free(labels, c->ncols);
}
