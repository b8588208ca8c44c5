/* findings_text.c - `planlint check` output: the streaming writer, and the
 * text format.
 *
 * Text is what compilers print, so that editors and CI annotate it:
 *   corpus/plans/x.txt:61:3: error: target above 100% (Trên 100%) [value-out-of-range]
 * one line per finding, then one summary line.  Severities stay in English
 * whatever the language of the messages: tools match on them.  Colours
 * only on a terminal, and never when NO_COLOR is set (no-color.org).
 * Control characters, bidirectional overrides and invalid UTF-8 in the
 * file name and the message are shown escaped ("\x1b"; util/escape.h).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "escape.h"
#include "json.h"
#include "report.h"

struct pl_findings_writer {
    FILE *out;
    pl_format fmt;
    pl_lang lang;
    int color;
    int started;
    size_t files;
    size_t counts[PL_SEV_NEVER];
    pl_buf buf;
    pl_buf unread; /* JSON: the inputs that could not be read, written at the end */
};

/* ---- text --------------------------------------------------------------- */

#define C_BOLD "\033[1m"
#define C_RESET "\033[0m"

static const char *severity_color(pl_severity s)
{
    switch (s) {
    case PL_SEV_ERROR: return "\033[1;31m";
    case PL_SEV_WARNING: return "\033[1;35m";
    default: return "\033[1;36m";
    }
}

static void put_ulong(pl_buf *out, unsigned long v)
{
    char d[PL_DECIMAL_MAX];
    pl_buf_put(out, d, pl_decimal(d, (long long)v));
}

void pl_render_findings_text(pl_buf *out, const pl_report *r, int color)
{
    /* the file name and the message (which quotes the document) may hold
     * anything: escaped so that one finding stays one line and cannot
     * drive the terminal; the name, the same on every line, is looked at
     * once */
    size_t slen = strlen(r->source);
    int plain = pl_esc_visible_span(r->source, slen) == slen;
    for (size_t i = 0; i < r->n; i++) {
        const pl_finding *f = &r->items[i];
        pl_buf_puts(out, color ? C_BOLD : "");
        if (plain)
            pl_buf_put(out, r->source, slen);
        else
            pl_esc_visible(out, r->source, slen);
        /* ":LINE:COL: SEVERITY: " without printf (a finding a line) */
        pl_buf_putc(out, ':');
        put_ulong(out, (unsigned long)f->pos.line);
        pl_buf_putc(out, ':');
        put_ulong(out, (unsigned long)f->pos.col);
        pl_buf_puts(out, color ? ":" C_RESET : ":");
        pl_buf_putc(out, ' ');
        if (color)
            pl_buf_puts(out, severity_color(f->severity));
        pl_buf_puts(out, pl_severity_name(f->severity));
        pl_buf_puts(out, color ? ":" C_RESET " " : ": ");
        pl_esc_visible_str(out, f->message[r->lang == PL_LANG_EN]);
        pl_buf_put(out, " [", 2);
        pl_buf_puts(out, f->rule);
        pl_buf_put(out, "]\n", 2);
        if (f->where) { /* a DOCX: line N is a paragraph Word does not number */
            pl_buf_puts(out, "    ¶ \"");
            pl_esc_visible_str(out, f->where);
            pl_buf_puts(out, "\"\n");
        }
    }
}

void pl_render_findings_summary(pl_buf *out, size_t files, const size_t counts[PL_SEV_NEVER],
                                pl_lang lang, int color)
{
    size_t e = counts[PL_SEV_ERROR], w = counts[PL_SEV_WARNING], i = counts[PL_SEV_INFO];
    if (color)
        pl_buf_puts(out, C_BOLD);
    if (lang == PL_LANG_EN)
        pl_buf_printf(out, "%zu file%s checked: %zu error%s, %zu warning%s, %zu info", files,
                      files == 1 ? "" : "s", e, e == 1 ? "" : "s", w, w == 1 ? "" : "s", i);
    else
        pl_buf_printf(out, "đã kiểm tra %zu tệp: %zu lỗi, %zu cảnh báo, %zu thông tin", files, e,
                      w, i);
    if (color)
        pl_buf_puts(out, C_RESET);
    pl_buf_putc(out, '\n');
}

/* ---- the writer --------------------------------------------------------- */

static int use_color(FILE *out)
{
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc)
        return 0;
    return isatty(fileno(out));
}

pl_findings_writer *pl_findings_writer_new(FILE *out, pl_format fmt, pl_lang lang)
{
    PL_ASSERT_ARG_NOERR(out, NULL);
    if (fmt != PL_FMT_TEXT && fmt != PL_FMT_JSON)
        return NULL;
    pl_findings_writer *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->out = out;
    w->fmt = fmt;
    w->lang = lang;
    w->color = fmt == PL_FMT_TEXT && use_color(out);
    return w;
}

static int flush(pl_findings_writer *w)
{
    if (w->buf.failed) {
        pl_buf_clear(&w->buf);
        w->buf.failed = 0;
        return -1;
    }
    size_t n = fwrite(w->buf.data ? w->buf.data : "", 1, w->buf.len, w->out);
    int ok = n == w->buf.len;
    pl_buf_clear(&w->buf);
    return ok ? 0 : -1;
}

static void begin(pl_findings_writer *w)
{
    if (w->started)
        return;
    w->started = 1;
    if (w->fmt == PL_FMT_JSON)
        pl_buf_printf(&w->buf, "{\"planlint\": %d,\n \"files\": [", PL_CONTRACT_VERSION);
}

int pl_findings_writer_add(pl_findings_writer *w, const pl_report *r)
{
    PL_ASSERT_ARG_NOERR(w, -1);
    PL_ASSERT_ARG_NOERR(r, -1);
    begin(w);
    if (w->fmt == PL_FMT_JSON) {
        pl_buf_puts(&w->buf, w->files ? ",\n  " : "\n  ");
        pl_render_findings_json(&w->buf, r);
    } else {
        pl_render_findings_text(&w->buf, r, w->color);
    }
    w->files++;
    for (int s = 0; s < PL_SEV_NEVER; s++)
        w->counts[s] += r->counts[s];
    return flush(w);
}

int pl_findings_writer_add_error(pl_findings_writer *w, const char *source,
                                 const char *message)
{
    PL_ASSERT_ARG_NOERR(w, -1);
    PL_ASSERT_ARG_NOERR(source, -1);
    PL_ASSERT_ARG_NOERR(message, -1);
    if (w->fmt != PL_FMT_JSON)
        return 0;
    pl_buf_puts(&w->unread, w->unread.len ? ",\n  {\"source\": " : "\n  {\"source\": ");
    pl_json_escape(&w->unread, source, strlen(source));
    pl_buf_puts(&w->unread, ", \"message\": ");
    pl_json_escape(&w->unread, message, strlen(message));
    pl_buf_putc(&w->unread, '}');
    return w->unread.failed ? -1 : 0;
}

int pl_findings_writer_end(pl_findings_writer *w)
{
    PL_ASSERT_ARG_NOERR(w, -1);
    begin(w);
    if (w->fmt == PL_FMT_JSON) {
        pl_buf_puts(&w->buf, w->files ? "\n ]" : "]");
        if (w->unread.len) {
            pl_buf_puts(&w->buf, ",\n \"unreadable\": [");
            pl_buf_put(&w->buf, w->unread.data, w->unread.len);
            pl_buf_puts(&w->buf, "\n ]");
        }
        if (w->unread.failed)
            w->buf.failed = 1;
        pl_buf_printf(&w->buf,
                      ",\n \"summary\": {\"files\": %zu, \"errors\": %zu, \"warnings\": %zu, "
                      "\"infos\": %zu}}\n",
                      w->files, w->counts[PL_SEV_ERROR], w->counts[PL_SEV_WARNING],
                      w->counts[PL_SEV_INFO]);
    } else
        pl_render_findings_summary(&w->buf, w->files, w->counts, w->lang, w->color);
    int rc = flush(w);
    return fflush(w->out) == 0 ? rc : -1;
}

void pl_findings_writer_free(pl_findings_writer *w)
{
    if (!w)
        return;
    pl_buf_free(&w->buf);
    pl_buf_free(&w->unread);
    free(w);
}
