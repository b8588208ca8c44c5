/* findings_sarif.c - `check -f sarif`: SARIF 2.1.0 (OASIS Static Analysis
 * Results Interchange Format), what code-scanning services and editors
 * read.
 *
 *   {"version": "2.1.0", "$schema": ...,
 *    "runs": [{"tool": {"driver": {"name": "planlint", "version",
 *                                  "rules": [{"id", "shortDescription",
 *                                             "defaultConfiguration"}]}},
 *              "columnKind": "unicodeCodePoints",
 *              "results": [{"ruleId", "ruleIndex", "level",
 *                           "message": {"text"},
 *                           "locations": [{"physicalLocation":
 *                               {"artifactLocation": {"uri"},
 *                                "region": {"startLine", "startColumn",
 *                                           "endLine", "endColumn"}}}],
 *                           "properties": {"indicator", "year", "parent",
 *                                          "confirmed"}}]}]}
 *
 * Severities map to SARIF levels: error -> "error", warning -> "warning",
 * info -> "note".  Columns count Unicode characters, hence columnKind.
 * The rule table lists every rule in the order of the rule data, so that
 * ruleIndex is the rule's index in it.  Inputs that could not be read
 * make the run's one invocation fail ("invocations": [{"executionSuccessful":
 * false, "toolExecutionNotifications": [{"level", "message", "locations"}]}]);
 * a run without them has no invocations.
 */
#include <stdlib.h>
#include <string.h>

#include "findings_page.h"
#include "json.h"
#include "rules.h"

static const char *level_of(pl_severity s)
{
    switch (s) {
    case PL_SEV_ERROR: return "error";
    case PL_SEV_WARNING: return "warning";
    case PL_SEV_INFO: return "note";
    default: return "none";
    }
}

/* RFC 3986 unreserved characters, and '/' that separates segments. */
static int uri_plain(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '/';
}

void pl_sarif_uri(pl_buf *b, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    if (path[0] == '/')
        pl_buf_puts(b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (uri_plain(*p)) {
            pl_buf_putc(b, (char)*p);
        } else {
            pl_buf_putc(b, '%');
            pl_buf_putc(b, hex[*p >> 4]);
            pl_buf_putc(b, hex[*p & 15]);
        }
    }
}

/* The end of the finding's span (exclusive, as SARIF's endColumn is),
 * when the span covers words: a place between words has none. */
static void end_of_region(pl_json *j, const pl_finding *f)
{
    const pl_pos *a = &f->span.start, *e = &f->span.end;
    if (e->line == 0 || e->col == 0 || e->line < a->line ||
        (e->line == a->line && e->col <= a->col))
        return;
    pl_json_key(j, "endLine");
    pl_json_int(j, (long)e->line);
    pl_json_key(j, "endColumn");
    pl_json_int(j, (long)e->col);
}

/* "locations": the file `source`, and f's region when f has a line (f
 * NULL: the file alone, as for an input that could not be read). */
static void location(pl_json *j, const char *source, const pl_finding *f)
{
    pl_buf uri = PL_BUF_INIT;
    pl_sarif_uri(&uri, source);
    pl_json_key(j, "locations");
    pl_json_arr(j);
    pl_json_obj(j);
    pl_json_key(j, "physicalLocation");
    pl_json_obj(j);
    pl_json_key(j, "artifactLocation");
    pl_json_obj(j);
    pl_json_key(j, "uri");
    pl_json_str(j, pl_buf_cstr(&uri));
    pl_json_end_obj(j);
    if (f && f->pos.line > 0) { /* SARIF lines and columns start at 1 */
        pl_json_key(j, "region");
        pl_json_obj(j);
        pl_json_key(j, "startLine");
        pl_json_int(j, (long)f->pos.line);
        if (f->pos.col > 0) {
            pl_json_key(j, "startColumn");
            pl_json_int(j, (long)f->pos.col);
        }
        end_of_region(j, f);
        pl_json_end_obj(j);
    }
    pl_json_end_obj(j);
    pl_json_end_obj(j);
    pl_json_end_arr(j);
    if (uri.failed)
        j->out->failed = 1;
    pl_buf_free(&uri);
}

/* What the contract's JSON gives beside the message (docs/CONTRACT.md §5),
 * in the property bag. */
static void properties(pl_json *j, const pl_finding *f)
{
    pl_json_key(j, "properties");
    pl_json_obj(j);
    pl_json_key(j, "indicator");
    pl_json_str(j, f->indicator);
    pl_json_key(j, "year");
    pl_json_int_or_null(j, f->year, f->year != 0);
    if (f->parent) {
        pl_json_key(j, "parent");
        pl_json_str(j, f->parent);
    }
    if (f->confirmed >= 0) {
        pl_json_key(j, "confirmed");
        pl_json_bool(j, f->confirmed);
    }
    pl_json_end_obj(j);
}

static void result(pl_buf *out, const pl_report *r, const pl_finding *f)
{
    pl_json j;
    pl_json_init(&j, out, 0);
    pl_json_obj(&j);
    pl_json_key(&j, "ruleId");
    pl_json_str(&j, f->rule);
    if (f->rule_index >= 0) {
        pl_json_key(&j, "ruleIndex");
        pl_json_int(&j, f->rule_index);
    }
    pl_json_key(&j, "level");
    pl_json_str(&j, level_of(f->severity));
    pl_json_key(&j, "message");
    pl_json_obj(&j);
    pl_json_key(&j, "text");
    pl_json_str(&j, f->message[r->lang == PL_LANG_EN]);
    pl_json_end_obj(&j);
    location(&j, r->source, f);
    properties(&j, f);
    pl_json_end_obj(&j);
}

void pl_render_sarif_results(pl_buf *results, const pl_report *r, int *first)
{
    for (size_t i = 0; i < r->n; i++) {
        pl_buf_puts(results, *first ? "\n        " : ",\n        ");
        *first = 0;
        result(results, r, &r->items[i]);
    }
}

static void rule(pl_json *j, const pl_catalog *cat, int i, pl_lang lang)
{
    const pl_rule_meta *m = &cat->rules[i];
    pl_json_obj(j);
    pl_json_key(j, "id");
    pl_json_str(j, pl_rule_ids[i]);
    pl_json_key(j, "shortDescription");
    pl_json_obj(j);
    pl_json_key(j, "text");
    pl_json_str(j, m->description[lang == PL_LANG_EN] ? m->description[lang == PL_LANG_EN] : "");
    pl_json_end_obj(j);
    pl_json_key(j, "defaultConfiguration");
    pl_json_obj(j);
    pl_json_key(j, "level");
    pl_json_str(j, level_of(m->severity));
    pl_json_end_obj(j);
    pl_json_end_obj(j);
}

/* tool.driver: name, version, every rule; indented to sit in the log
 * (strings hold no raw newline: JSON escapes them). */
static void driver(pl_buf *out, const pl_catalog *cat, pl_lang lang)
{
    pl_buf tmp = PL_BUF_INIT;
    pl_json j;
    pl_json_init(&j, &tmp, 1);
    pl_json_obj(&j);
    pl_json_key(&j, "driver");
    pl_json_obj(&j);
    pl_json_key(&j, "name");
    pl_json_str(&j, "planlint");
    pl_json_key(&j, "version");
    pl_json_str(&j, PL_VERSION);
    pl_json_key(&j, "semanticVersion");
    pl_json_str(&j, PL_VERSION);
    pl_json_key(&j, "rules");
    pl_json_arr(&j);
    for (int i = 0; i < PL_R_COUNT; i++)
        rule(&j, cat, i, lang);
    pl_json_end_arr(&j);
    pl_json_end_obj(&j);
    pl_json_end_obj(&j);
    for (size_t i = 0; i < tmp.len; i++) {
        pl_buf_putc(out, tmp.data[i]);
        if (tmp.data[i] == '\n')
            pl_buf_puts(out, "      ");
    }
    if (tmp.failed)
        out->failed = 1;
    pl_buf_free(&tmp);
}

void pl_render_sarif_notification(pl_buf *notes, const char *source, const char *message)
{
    pl_buf_puts(notes, notes->len ? ",\n            " : "\n            ");
    pl_json j;
    pl_json_init(&j, notes, 0);
    pl_json_obj(&j);
    pl_json_key(&j, "level");
    pl_json_str(&j, "error");
    pl_json_key(&j, "message");
    pl_json_obj(&j);
    pl_json_key(&j, "text");
    pl_json_str(&j, message);
    pl_json_end_obj(&j);
    location(&j, source, NULL);
    pl_json_end_obj(&j);
}

/* runs[0].invocations when an input could not be read (SARIF 2.1.0
 * §3.20: executionSuccessful false, the reasons as
 * toolExecutionNotifications), so a code-scanning service shows the run
 * as incomplete instead of clean. */
static void invocations(pl_buf *out, const pl_buf *notes)
{
    if (!notes || !notes->len)
        return;
    pl_buf_puts(out, ",\n      \"invocations\": [\n        {\n          \"executionSuccessful\": false,"
                     "\n          \"toolExecutionNotifications\": [");
    pl_buf_put(out, notes->data, notes->len);
    pl_buf_puts(out, "\n          ]\n        }\n      ]");
}

int pl_render_sarif_log(pl_buf *out, const pl_buf *results, const pl_buf *notes, pl_lang lang)
{
    pl_catalog *cat = pl_catalog_load(NULL);
    if (!cat)
        return -1;
    pl_buf_puts(out, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                     "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ");
    driver(out, cat, lang);
    invocations(out, notes);
    pl_buf_puts(out, ",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [");
    pl_buf_put(out, results->data ? results->data : "", results->len);
    pl_buf_puts(out, results->len ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n");
    pl_catalog_free(cat);
    return out->failed ? -1 : 0;
}
