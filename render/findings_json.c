/* findings_json.c - one report as the file object of `check -f json`
 * (docs/CONTRACT.md §5, "check: findings"):
 *   {"source": "…", "parents": ["national:782/QĐ-TTg"],
 *    "findings": [{"rule", "severity", "line", "column", "indicator",
 *                  "year", "message", "parent", "confirmed"}]}
 * "parent" and "confirmed" are present when the finding compares with a
 * parent value; "indicator" and "year" are null when they do not apply;
 * "ocr": true and "page" when the place was read through OCR (SPEC, "Read
 * through OCR"). */
#include "json.h"
#include "report.h"

static void finding(pl_json *j, const pl_report *r, const pl_finding *f)
{
    pl_json_obj(j);
    pl_json_key(j, "rule");
    pl_json_str(j, f->rule);
    pl_json_key(j, "severity");
    pl_json_str(j, pl_severity_name(f->severity));
    pl_json_key(j, "line");
    pl_json_int(j, (long)f->pos.line);
    pl_json_key(j, "column");
    pl_json_int(j, (long)f->pos.col);
    pl_json_key(j, "indicator");
    pl_json_str(j, f->indicator);
    pl_json_key(j, "year");
    pl_json_int_or_null(j, f->year, f->year != 0);
    pl_json_key(j, "message");
    pl_json_str(j, f->message[r->lang == PL_LANG_EN]);
    if (f->parent) {
        pl_json_key(j, "parent");
        pl_json_str(j, f->parent);
    }
    if (f->confirmed >= 0) {
        pl_json_key(j, "confirmed");
        pl_json_bool(j, f->confirmed);
    }
    if (f->ocr) {
        pl_json_key(j, "ocr");
        pl_json_bool(j, 1);
        pl_json_key(j, "page");
        pl_json_int(j, (long)f->page);
    }
    pl_json_end_obj(j);
}

/* The object is written indented on its own, then shifted right to sit in
 * the "files" array (strings hold no raw newline: JSON escapes them). */
void pl_render_findings_json(pl_buf *out, const pl_report *r)
{
    pl_buf tmp = PL_BUF_INIT;
    pl_json j;
    pl_json_init(&j, &tmp, 1);
    pl_json_obj(&j);
    pl_json_key(&j, "source");
    pl_json_str(&j, r->source);
    pl_json_key(&j, "parents");
    pl_json_arr(&j);
    for (size_t i = 0; i < r->nparents; i++)
        pl_json_str(&j, r->parents[i]);
    pl_json_end_arr(&j);
    pl_json_key(&j, "findings");
    pl_json_arr(&j);
    for (size_t i = 0; i < r->n; i++)
        finding(&j, r, &r->items[i]);
    pl_json_end_arr(&j);
    pl_json_end_obj(&j);
    if (tmp.failed) {
        out->failed = 1;
    } else {
        for (size_t i = 0; i < tmp.len; i++) {
            pl_buf_putc(out, tmp.data[i]);
            if (tmp.data[i] == '\n')
                pl_buf_puts(out, "  ");
        }
    }
    pl_buf_free(&tmp);
}
