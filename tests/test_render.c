/* test_render.c - render/json_doc.c, xml_doc.c, csv_doc.c and
 * extract_writer.c: every format is rendered through pl_extract_writer and
 * parsed back with a real parser (json-c; libxml2 with validation against
 * data/schema/extract.xsd; an RFC 4180 reader written here, strict about
 * CRLF and quoting), then compared field by field with the pl_doc it came
 * from.  Counts are taken from the pl_doc, never hard-coded, so the tests
 * stay right while extraction improves.  Two hand-built documents carry
 * the hostile cases: quotes, backslashes, commas, CR/LF, control
 * characters, a "null" string, unknown values, deep nesting.
 *
 * The JSON Schema (data/schema/extract.schema.json) is checked by
 * tests/schema_check.sh with python3-jsonschema. */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "escape.h"
#include "uni.h"
#include "input.h"
#include "json.h"
#include "render.h"
#include "test_util.h"

/* ======================================================================
 * Rendering through the public writer
 * ====================================================================== */

typedef struct output {
    char *s;
    size_t n;
} output;

/* All of docs[0..n) as `extract -f FMT` with `expected` inputs named. */
static output render(const pl_doc *const *docs, size_t n, pl_format fmt, size_t expected)
{
    output o = {NULL, 0};
    FILE *f = open_memstream(&o.s, &o.n);
    cr_assert_not_null(f);
    pl_extract_writer *w = pl_extract_writer_new(f, fmt, expected);
    cr_assert_not_null(w);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(pl_extract_writer_add(w, docs[i]), 0, "add %s", docs[i]->text.name);
    cr_assert_eq(pl_extract_writer_end(w), 0);
    pl_extract_writer_free(w);
    cr_assert_eq(fclose(f), 0);
    return o;
}

static output render_one(const pl_doc *doc, pl_format fmt)
{
    return render(&doc, 1, fmt, 1);
}

/* pl_doc ** as the read-only array render() takes (a safe conversion C
 * does not make implicitly). */
static const pl_doc *const *ro(pl_doc **docs)
{
    return (const pl_doc *const *)docs;
}

/* ======================================================================
 * The corpus, parsed once per test
 * ====================================================================== */

typedef struct corpus {
    pl_programs *programs; /* NULL when the registry is not available */
    pl_doc **docs;
    size_t n;
} corpus;

static corpus load_corpus(void)
{
    corpus c = {NULL, NULL, 0};
    pl_error err = {0};
    c.programs = pl_programs_new_builtin(&err); /* the parser works with NULL too */
    char **files = pl_test_corpus_files();
    size_t n = 0;
    while (files[n])
        n++;
    cr_assert_gt(n, 0, "no plans in corpus/plans");
    c.docs = calloc(n, sizeof *c.docs);
    cr_assert_not_null(c.docs);
    for (size_t i = 0; i < n; i++) {
        c.docs[i] = pl_doc_read(files[i], c.programs, NULL, &err);
        cr_assert_not_null(c.docs[i], "%s", err.message);
    }
    c.n = n;
    pl_test_free_list(files);
    return c;
}

static void free_corpus(corpus *c)
{
    for (size_t i = 0; i < c->n; i++)
        pl_doc_free(c->docs[i]);
    free(c->docs);
    pl_programs_free(c->programs);
}

/* ======================================================================
 * Expected values, as each format writes them
 * ====================================================================== */

static const char *form_name(const pl_doc *d)
{
    return d->info.form == PL_FORM_SUMMARY ? "summary" : "document";
}

static const char *relation_name(pl_relation r)
{
    return r == PL_REL_IMPLEMENTS ? "implements" : r == PL_REL_BASIS ? "basis" : "mentioned";
}

static const char *program_id(const pl_doc *d)
{
    return d->info.program ? d->info.program->id : NULL;
}

static const char *indicator_id(const pl_target *t)
{
    return t->indicator ? t->indicator->id : NULL;
}

/* ISO date into buf, or NULL when unknown. */
static const char *iso_or_null(const pl_date *d, char *buf, size_t n)
{
    pl_date_iso(d, buf, n);
    return buf[0] ? buf : NULL;
}

/* Plain decimal, as the CSV and XML write percentages: no exponent, no
 * locale comma, no trailing zeros ("4.9", "100", "0.30000000000000004"). */
static int plain_decimal(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
        if (p[-1] == '0')
            return 0;
    }
    return *p == '\0';
}

/* A number as written must read back as exactly the double in the pl_doc,
 * and be a plain decimal for the magnitudes a plan contains. */
static void expect_number_text(const char *got, double want, const char *ctx)
{
    cr_assert_not_null(got, "%s: value missing", ctx);
    char *end;
    double v = strtod(got, &end);
    cr_expect(*end == '\0' && v == want, "%s: value \"%s\" does not read back as %.17g", ctx, got, want);
    if (want == 0 || (fabs(want) >= 1e-6 && fabs(want) < 1e15))
        cr_expect(plain_decimal(got), "%s: value \"%s\" is not a plain decimal", ctx, got);
}

/* ======================================================================
 * JSON: json-c, strict
 * ====================================================================== */

/* json-c's default nesting limit (32) is below what 64 nested sections
 * need (two levels each). */
#define JSON_PARSE_DEPTH 512

/* Parse exactly s[0..n): one value, then only whitespace. */
static json_object *json_parse_all(const char *s, size_t n)
{
    json_tokener *tok = json_tokener_new_ex(JSON_PARSE_DEPTH);
    cr_assert_not_null(tok);
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    json_object *o = json_tokener_parse_ex(tok, s, (int)n);
    enum json_tokener_error e = json_tokener_get_error(tok);
    cr_assert(o != NULL && e == json_tokener_success, "JSON does not parse: %s\n%.*s",
              json_tokener_error_desc(e), (int)(n < 2000 ? n : 2000), s);
    size_t end = json_tokener_get_parse_end(tok);
    while (end < n && strchr(" \t\r\n", s[end]))
        end++;
    cr_assert_eq(end, n, "trailing garbage after the JSON value at byte %zu", end);
    json_tokener_free(tok);
    return o;
}

/* No raw control character inside a string literal (RFC 8259 section 7). */
static void expect_no_raw_controls(const char *s, size_t n)
{
    int in_string = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (in_string && c < 0x20)
            cr_assert_fail("raw control character 0x%02x in a JSON string at byte %zu", c, i);
        if (in_string && c == '\\')
            i++;
        else if (c == '"')
            in_string = !in_string;
    }
}

static json_object *jget(json_object *o, const char *key, const char *ctx)
{
    json_object *v = NULL;
    cr_assert(json_object_object_get_ex(o, key, &v), "%s: key \"%s\" missing", ctx, key);
    return v;
}

static void jexpect_str(json_object *o, const char *key, const char *want, const char *ctx)
{
    json_object *v = jget(o, key, ctx);
    if (want == NULL) {
        cr_expect(v == NULL, "%s.%s: want null, got %s", ctx, key, json_object_to_json_string(v));
        return;
    }
    cr_assert(json_object_is_type(v, json_type_string), "%s.%s: want a string", ctx, key);
    cr_expect_eq((size_t)json_object_get_string_len(v), strlen(want), "%s.%s: length", ctx, key);
    cr_expect_str_eq(json_object_get_string(v), want, "%s.%s", ctx, key);
}

/* An integer, or null when `known` is false. */
static void jexpect_int(json_object *o, const char *key, long want, int known, const char *ctx)
{
    json_object *v = jget(o, key, ctx);
    if (!known) {
        cr_expect(v == NULL, "%s.%s: want null", ctx, key);
        return;
    }
    cr_assert(json_object_is_type(v, json_type_int), "%s.%s: want an integer", ctx, key);
    cr_expect_eq(json_object_get_int64(v), want, "%s.%s", ctx, key);
}

static void jexpect_pos(json_object *o, const pl_pos *p, const char *ctx)
{
    jexpect_int(o, "line", (long)p->line, 1, ctx);
    jexpect_int(o, "column", (long)p->col, 1, ctx);
}

static json_object *jarray(json_object *o, const char *key, size_t want_len, const char *ctx)
{
    json_object *a = jget(o, key, ctx);
    cr_assert(json_object_is_type(a, json_type_array), "%s.%s: want an array", ctx, key);
    cr_assert_eq(json_object_array_length(a), want_len, "%s.%s: %zu elements, want %zu", ctx,
                 key, json_object_array_length(a), want_len);
    return a;
}

static void json_period(json_object *d, const pl_docinfo *in, const char *ctx)
{
    json_object *p = jget(d, "period", ctx);
    if (!in->period_start && !in->period_end) {
        cr_expect(p == NULL, "%s.period: want null", ctx);
        return;
    }
    cr_assert(json_object_is_type(p, json_type_object), "%s.period: want an object", ctx);
    jexpect_int(p, "start", in->period_start, in->period_start != 0, ctx);
    jexpect_int(p, "end", in->period_end, in->period_end != 0, ctx);
}

static void json_document(json_object *o, const pl_doc *doc, const char *ctx)
{
    const pl_docinfo *in = &doc->info;
    char iso[16];
    json_object *d = jget(o, "document", ctx);
    cr_assert(json_object_is_type(d, json_type_object), "%s.document", ctx);
    cr_expect_eq(json_object_object_length(d), 12, "%s.document: member count", ctx);
    jexpect_str(d, "form", form_name(doc), ctx);
    jexpect_str(d, "read", pl_input_read_name(doc->text.input), ctx);
    jexpect_str(d, "kind", in->kind, ctx);
    jexpect_str(d, "number", in->number, ctx);
    jexpect_str(d, "issuer", in->issuer, ctx);
    jexpect_str(d, "level", pl_level_name(in->level), ctx);
    jexpect_str(d, "locality", in->locality, ctx);
    jexpect_str(d, "date", iso_or_null(&in->date, iso, sizeof iso), ctx);
    json_period(d, in, ctx);
    jexpect_int(d, "horizon", in->horizon, in->horizon != 0, ctx);
    jexpect_str(d, "program", program_id(doc), ctx);
    json_object *ph = jarray(d, "placeholders", in->nplaceholders, ctx);
    for (size_t i = 0; i < in->nplaceholders; i++) {
        json_object *p = json_object_array_get_idx(ph, i);
        jexpect_str(p, "field", in->placeholders[i].field, ctx);
        jexpect_pos(p, &in->placeholders[i].pos, ctx);
    }
}

static void json_citations(json_object *o, const pl_doc *doc, const char *ctx)
{
    json_object *a = jarray(o, "citations", doc->ncitations, ctx);
    for (size_t i = 0; i < doc->ncitations; i++) {
        const pl_citation *c = &doc->citations[i];
        json_object *j = json_object_array_get_idx(a, i);
        char iso[16], where[300];
        snprintf(where, sizeof where, "%s.citations[%zu]", ctx, i);
        cr_expect_eq(json_object_object_length(j), c->title ? 8 : 7, "%s: member count", where);
        jexpect_str(j, "kind", c->kind, where);
        jexpect_str(j, "number", c->number, where);
        jexpect_str(j, "date", iso_or_null(&c->date, iso, sizeof iso), where);
        jexpect_str(j, "issuer", c->issuer, where);
        jexpect_str(j, "relation", relation_name(c->relation), where);
        if (c->title)
            jexpect_str(j, "title", c->title, where);
        jexpect_pos(j, &c->pos, where);
    }
}

/* Deepest section nesting the walkers below accept (the parser caps it at
 * 64; the margin lets a test see a deeper tree fail cleanly). */
#define MAX_WALK_DEPTH 128

/* The JSON tree walked in preorder must give doc->sections in order, each
 * at its depth.  Iterative, with an explicit stack of (array, next index). */
static void json_sections(json_object *o, const pl_doc *doc, const char *ctx)
{
    json_object *stack[MAX_WALK_DEPTH];
    size_t next[MAX_WALK_DEPTH];
    int top = 0;
    size_t seen = 0;
    stack[0] = jget(o, "sections", ctx);
    next[0] = 0;
    cr_assert(json_object_is_type(stack[0], json_type_array), "%s.sections", ctx);
    while (top >= 0) {
        if (next[top] >= json_object_array_length(stack[top])) {
            top--;
            continue;
        }
        json_object *j = json_object_array_get_idx(stack[top], next[top]++);
        char where[300];
        snprintf(where, sizeof where, "%s.sections(#%zu)", ctx, seen);
        cr_assert_lt(seen, doc->nsections, "%s: more sections than the document has", ctx);
        const pl_section *s = &doc->sections[seen++];
        cr_expect_eq(top, s->depth, "%s: at depth %d, want %d", where, top, s->depth);
        cr_expect_eq(json_object_object_length(j), 5, "%s: member count", where);
        jexpect_str(j, "label", s->label, where);
        jexpect_str(j, "title", s->title, where);
        jexpect_pos(j, &s->pos, where);
        cr_assert_lt(top + 1, MAX_WALK_DEPTH, "%s: too deep", where);
        stack[++top] = jget(j, "children", where);
        next[top] = 0;
        cr_assert(json_object_is_type(stack[top], json_type_array), "%s.children", where);
    }
    cr_expect_eq(seen, doc->nsections, "%s: %zu sections, want %zu", ctx, seen, doc->nsections);
}

static void json_targets(json_object *o, const pl_doc *doc, const char *ctx)
{
    json_object *a = jarray(o, "targets", doc->ntargets, ctx);
    for (size_t i = 0; i < doc->ntargets; i++) {
        const pl_target *t = &doc->targets[i];
        json_object *j = json_object_array_get_idx(a, i);
        char where[300];
        snprintf(where, sizeof where, "%s.targets[%zu]", ctx, i);
        cr_expect_eq(json_object_object_length(j), 13, "%s: member count", where);
        jexpect_str(j, "indicator", indicator_id(t), where);
        jexpect_int(j, "objective", t->objective, t->objective != 0, where);
        jexpect_int(j, "year", t->year, t->year != 0, where);
        jexpect_str(j, "comparator", pl_cmp_name(t->cmp), where);
        json_object *v = jget(j, "value", where);
        cr_assert(json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int),
                  "%s.value: want a number", where);
        cr_expect(json_object_get_double(v) == t->value, "%s.value: %.17g, want %.17g", where,
                  json_object_get_double(v), t->value);
        jexpect_str(j, "unit", t->unit, where);
        jexpect_str(j, "change", pl_change_name(t->change), where);
        jexpect_int(j, "base_year", t->base_year, t->base_year != 0, where);
        json_object *py = jget(j, "per_year", where);
        cr_expect(json_object_is_type(py, json_type_boolean) &&
                      json_object_get_boolean(py) == (t->per_year != 0),
                  "%s.per_year: want %s", where, t->per_year ? "true" : "false");
        jexpect_str(j, "group", t->group, where);
        jexpect_str(j, "text", t->text, where);
        jexpect_pos(j, &t->pos, where);
    }
}

/* One object of `extract -f json` against the document it came from. */
static void json_compare(json_object *o, const pl_doc *doc)
{
    const char *ctx = doc->text.name;
    cr_assert(json_object_is_type(o, json_type_object), "%s: want an object", ctx);
    cr_expect_eq(json_object_object_length(o), 6, "%s: member count", ctx);
    jexpect_int(o, "planlint", PL_CONTRACT_VERSION, 1, ctx);
    jexpect_str(o, "source", doc->text.name, ctx);
    json_document(o, doc, ctx);
    json_citations(o, doc, ctx);
    json_sections(o, doc, ctx);
    json_targets(o, doc, ctx);
}

/* `extract -f json` of one document: a lone object, compared. */
static void json_roundtrip(const pl_doc *doc)
{
    output out = render_one(doc, PL_FMT_JSON);
    expect_no_raw_controls(out.s, out.n);
    json_object *o = json_parse_all(out.s, out.n);
    json_compare(o, doc);
    json_object_put(o);
    free(out.s);
}

/* ======================================================================
 * XML: libxml2, validated against data/schema/extract.xsd
 * ====================================================================== */

static xmlDocPtr xml_parse_valid(const output *out)
{
    /* no entity expansion, no network, no DTD: what we wrote needs none */
    xmlDocPtr x = xmlReadMemory(out->s, (int)out->n, "extract.xml", NULL, XML_PARSE_NONET);
    cr_assert_not_null(x, "XML does not parse:\n%.*s", (int)(out->n < 2000 ? out->n : 2000), out->s);
    char path[1024];
    snprintf(path, sizeof path, "%s/data/schema/extract.xsd", PL_SOURCE_DIR);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
    cr_assert_not_null(pc);
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    cr_assert_not_null(schema, "%s does not load", path);
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    cr_assert_not_null(vc);
    int rc = xmlSchemaValidateDoc(vc, x);
    cr_expect_eq(rc, 0, "XML output does not validate against extract.xsd");
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
    return x;
}

/* First child element named `name` (any when NULL) of `parent`, or the
 * next sibling element after `after` when it is not NULL. */
static xmlNodePtr xml_elem(xmlNodePtr parent, xmlNodePtr after, const char *name)
{
    xmlNodePtr n = after ? after->next : parent->children;
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && (!name || xmlStrcmp(n->name, (const xmlChar *)name) == 0))
            return n;
    return NULL;
}

static size_t xml_count(xmlNodePtr parent, const char *name)
{
    size_t n = 0;
    for (xmlNodePtr e = xml_elem(parent, NULL, name); e; e = xml_elem(parent, e, name))
        n++;
    return n;
}

/* What the XML writer makes of a string: control characters XML 1.0
 * cannot carry (and U+FFFE, U+FFFF) become U+FFFD; the rest is kept. */
static char *xml_expected(const char *s)
{
    pl_buf b = PL_BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
            pl_buf_puts(&b, "\xEF\xBF\xBD");
        } else if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
            pl_buf_puts(&b, "\xEF\xBF\xBD");
            p += 2;
        } else {
            pl_buf_putc(&b, (char)*p);
        }
    }
    char *r = pl_buf_detach(&b, NULL); /* NULL when empty */
    if (r == NULL)
        r = calloc(1, 1);
    cr_assert_not_null(r);
    return r;
}

/* Attribute `name` equals `want`, or is absent when want is NULL. */
static void xexpect_attr(xmlNodePtr e, const char *name, const char *want, const char *ctx)
{
    xmlChar *v = xmlGetNoNsProp(e, (const xmlChar *)name);
    if (want == NULL) {
        cr_expect(v == NULL, "%s@%s: want absent, got \"%s\"", ctx, name, (char *)v);
    } else {
        char *w = xml_expected(want);
        cr_expect(v != NULL, "%s@%s: missing", ctx, name);
        if (v)
            cr_expect_str_eq((char *)v, w, "%s@%s", ctx, name);
        free(w);
    }
    xmlFree(v);
}

static void xexpect_int(xmlNodePtr e, const char *name, long want, int known, const char *ctx)
{
    char s[24];
    snprintf(s, sizeof s, "%ld", want);
    xexpect_attr(e, name, known ? s : NULL, ctx);
}

static void xexpect_pos(xmlNodePtr e, const pl_pos *p, const char *ctx)
{
    xexpect_int(e, "line", (long)p->line, 1, ctx);
    xexpect_int(e, "column", (long)p->col, 1, ctx);
}

/* Child element `name` holds exactly `want`, or is absent when want is NULL. */
static void xexpect_child(xmlNodePtr e, const char *name, const char *want, const char *ctx)
{
    xmlNodePtr c = xml_elem(e, NULL, name);
    if (want == NULL) {
        cr_expect(c == NULL, "%s/%s: want absent", ctx, name);
        return;
    }
    cr_assert_not_null(c, "%s/%s: missing", ctx, name);
    xmlChar *v = xmlNodeGetContent(c);
    char *w = xml_expected(want);
    cr_expect_str_eq(v ? (char *)v : "", w, "%s/%s", ctx, name);
    free(w);
    xmlFree(v);
}

static void xml_document_fields(xmlNodePtr e, const pl_doc *doc, const char *ctx)
{
    const pl_docinfo *in = &doc->info;
    char iso[16];
    xexpect_attr(e, "source", doc->text.name, ctx);
    xexpect_attr(e, "form", form_name(doc), ctx);
    xexpect_attr(e, "kind", in->kind, ctx);
    xexpect_attr(e, "number", in->number, ctx);
    xexpect_attr(e, "issuer", in->issuer, ctx);
    xexpect_attr(e, "level", pl_level_name(in->level), ctx);
    xexpect_attr(e, "locality", in->locality, ctx);
    xexpect_attr(e, "date", iso_or_null(&in->date, iso, sizeof iso), ctx);
    xexpect_int(e, "horizon", in->horizon, in->horizon != 0, ctx);
    xexpect_attr(e, "program", program_id(doc), ctx);
    xmlNodePtr p = xml_elem(e, NULL, "period");
    if (!in->period_start && !in->period_end) {
        cr_expect(p == NULL, "%s/period: want absent", ctx);
    } else {
        cr_assert_not_null(p, "%s/period: missing", ctx);
        xexpect_int(p, "start", in->period_start, in->period_start != 0, ctx);
        xexpect_int(p, "end", in->period_end, in->period_end != 0, ctx);
    }
    xmlNodePtr list = xml_elem(e, NULL, "placeholders");
    cr_assert_not_null(list, "%s/placeholders", ctx);
    cr_assert_eq(xml_count(list, "placeholder"), in->nplaceholders, "%s/placeholders", ctx);
    xmlNodePtr ph = NULL;
    for (size_t i = 0; i < in->nplaceholders; i++) {
        ph = xml_elem(list, ph, "placeholder");
        xexpect_attr(ph, "field", in->placeholders[i].field, ctx);
        xexpect_pos(ph, &in->placeholders[i].pos, ctx);
    }
}

static void xml_citations(xmlNodePtr e, const pl_doc *doc, const char *ctx)
{
    xmlNodePtr list = xml_elem(e, NULL, "citations");
    cr_assert_not_null(list, "%s/citations", ctx);
    cr_assert_eq(xml_count(list, "citation"), doc->ncitations, "%s/citations", ctx);
    xmlNodePtr x = NULL;
    for (size_t i = 0; i < doc->ncitations; i++) {
        const pl_citation *c = &doc->citations[i];
        char iso[16], where[300];
        snprintf(where, sizeof where, "%s/citation[%zu]", ctx, i);
        x = xml_elem(list, x, "citation");
        xexpect_attr(x, "kind", c->kind, where);
        xexpect_attr(x, "number", c->number, where);
        xexpect_attr(x, "date", iso_or_null(&c->date, iso, sizeof iso), where);
        xexpect_attr(x, "issuer", c->issuer, where);
        xexpect_attr(x, "relation", relation_name(c->relation), where);
        xexpect_pos(x, &c->pos, where);
        xexpect_child(x, "title", c->title, where);
    }
}

/* Preorder walk of nested <section> elements, iterative like json_sections:
 * stack[top] is the last element visited at depth top. */
static void xml_sections(xmlNodePtr e, const pl_doc *doc, const char *ctx)
{
    xmlNodePtr parent[MAX_WALK_DEPTH], last[MAX_WALK_DEPTH];
    int top = 0;
    size_t seen = 0;
    parent[0] = xml_elem(e, NULL, "sections");
    last[0] = NULL;
    cr_assert_not_null(parent[0], "%s/sections", ctx);
    while (top >= 0) {
        xmlNodePtr s_el = xml_elem(parent[top], last[top], "section");
        if (s_el == NULL) {
            top--;
            continue;
        }
        last[top] = s_el;
        char where[300];
        snprintf(where, sizeof where, "%s/section(#%zu)", ctx, seen);
        cr_assert_lt(seen, doc->nsections, "%s: more sections than the document has", ctx);
        const pl_section *s = &doc->sections[seen++];
        cr_expect_eq(top, s->depth, "%s: at depth %d, want %d", where, top, s->depth);
        xexpect_attr(s_el, "label", s->label, where);
        xexpect_pos(s_el, &s->pos, where);
        xexpect_child(s_el, "title", s->title, where);
        cr_assert_lt(top + 1, MAX_WALK_DEPTH, "%s: too deep", where);
        parent[++top] = s_el;
        last[top] = NULL;
    }
    cr_expect_eq(seen, doc->nsections, "%s: %zu sections, want %zu", ctx, seen, doc->nsections);
}

static void xml_targets(xmlNodePtr e, const pl_doc *doc, const char *ctx)
{
    xmlNodePtr list = xml_elem(e, NULL, "targets");
    cr_assert_not_null(list, "%s/targets", ctx);
    cr_assert_eq(xml_count(list, "target"), doc->ntargets, "%s/targets", ctx);
    xmlNodePtr x = NULL;
    for (size_t i = 0; i < doc->ntargets; i++) {
        const pl_target *t = &doc->targets[i];
        char where[300];
        snprintf(where, sizeof where, "%s/target[%zu]", ctx, i);
        x = xml_elem(list, x, "target");
        xexpect_attr(x, "indicator", indicator_id(t), where);
        xexpect_int(x, "objective", t->objective, t->objective != 0, where);
        xexpect_int(x, "year", t->year, t->year != 0, where);
        xexpect_attr(x, "comparator", pl_cmp_name(t->cmp), where);
        xmlChar *v = xmlGetNoNsProp(x, (const xmlChar *)"value");
        expect_number_text((char *)v, t->value, where);
        xmlFree(v);
        xexpect_attr(x, "unit", t->unit[0] ? t->unit : NULL, where);
        xexpect_attr(x, "change", pl_change_name(t->change), where);
        xexpect_int(x, "base_year", t->base_year, t->base_year != 0, where);
        xexpect_attr(x, "per_year", t->per_year ? "true" : NULL, where);
        xexpect_pos(x, &t->pos, where);
        xexpect_child(x, "group", t->group, where);
        xexpect_child(x, "text", t->text, where);
    }
}

static void xml_compare(xmlNodePtr e, const pl_doc *doc)
{
    const char *ctx = doc->text.name;
    cr_assert_str_eq((const char *)e->name, "document", "%s", ctx);
    xml_document_fields(e, doc, ctx);
    xml_citations(e, doc, ctx);
    xml_sections(e, doc, ctx);
    xml_targets(e, doc, ctx);
}

/* The <planlint> root of an output holding docs[0..n). */
static void xml_compare_all(const output *out, const pl_doc *const *docs, size_t n)
{
    /* one declaration for the whole output, none per document */
    const char *first = strstr(out->s, "<?xml");
    cr_expect(first == out->s, "the output must start with the XML declaration");
    cr_expect(first == NULL || strstr(first + 1, "<?xml") == NULL, "more than one XML declaration");
    xmlDocPtr x = xml_parse_valid(out);
    xmlNodePtr root = xmlDocGetRootElement(x);
    cr_assert_str_eq((const char *)root->name, "planlint");
    xexpect_int(root, "version", PL_CONTRACT_VERSION, 1, "planlint");
    cr_assert_eq(xml_count(root, NULL), n, "%zu <document> elements, want %zu", xml_count(root, NULL), n);
    xmlNodePtr e = NULL;
    for (size_t i = 0; i < n; i++) {
        e = xml_elem(root, e, NULL);
        xml_compare(e, docs[i]);
    }
    xmlFreeDoc(x);
}

static void xml_roundtrip(const pl_doc *doc)
{
    output out = render(&doc, 1, PL_FMT_XML, 1);
    xml_compare_all(&out, &doc, 1);
    free(out.s);
}

/* ======================================================================
 * CSV: a strict RFC 4180 reader
 * ====================================================================== */

#define CSV_COLUMNS 28
/* The first target column. */
#define CSV_TARGET 13
static const char *const CSV_HEADER[CSV_COLUMNS] = {
    "source",    "form",      "kind",       "number", "issuer",     "level",
    "locality",  "date",      "period_start", "period_end", "horizon", "program",
    "read",
    "indicator", "objective", "year",       "comparator", "value",   "unit",
    "change",    "base_year", "per_year",
    "group",     "text",      "line",       "column",   "ocr",     "page",
};

typedef struct csv_row {
    char **fields;
    size_t n;
} csv_row;

typedef struct csv {
    csv_row *rows;
    size_t n;
} csv;

static void csv_add_field(csv_row *r, pl_buf *f)
{
    char **grown = realloc(r->fields, (r->n + 1) * sizeof *grown);
    cr_assert_not_null(grown);
    r->fields = grown;
    char *s = pl_buf_detach(f, NULL);
    r->fields[r->n++] = s ? s : calloc(1, 1);
    cr_assert_not_null(r->fields[r->n - 1]);
}

static csv_row *csv_add_row(csv *c)
{
    csv_row *grown = realloc(c->rows, (c->n + 1) * sizeof *grown);
    cr_assert_not_null(grown);
    c->rows = grown;
    c->rows[c->n] = (csv_row){NULL, 0};
    return &c->rows[c->n++];
}

/* One field starting at s[*i]; leaves *i on the byte after it (',' or
 * CR or the end).  Quoted fields: "" is a quote, anything else verbatim;
 * unquoted fields may not contain '"', CR or LF (RFC 4180 section 2). */
static void csv_field(const char *s, size_t n, size_t *i, pl_buf *f)
{
    if (*i < n && s[*i] == '"') {
        for ((*i)++;; (*i)++) {
            cr_assert_lt(*i, n, "CSV: unterminated quoted field");
            if (s[*i] == '"' && *i + 1 < n && s[*i + 1] == '"')
                pl_buf_putc(f, s[++*i]);
            else if (s[*i] == '"')
                break;
            else
                pl_buf_putc(f, s[*i]);
        }
        (*i)++;
        cr_assert(*i == n || s[*i] == ',' || s[*i] == '\r', "CSV: text after a closing quote at byte %zu", *i);
        return;
    }
    for (; *i < n && s[*i] != ',' && s[*i] != '\r'; (*i)++) {
        cr_assert(s[*i] != '"' && s[*i] != '\n', "CSV: '\"' or bare LF in an unquoted field at byte %zu", *i);
        pl_buf_putc(f, s[*i]);
    }
}

/* Every record ends with CRLF, the last one included. */
static csv csv_read(const char *s, size_t n)
{
    csv c = {NULL, 0};
    size_t i = 0;
    while (i < n) {
        csv_row *r = csv_add_row(&c);
        for (;;) {
            pl_buf f = PL_BUF_INIT;
            csv_field(s, n, &i, &f);
            cr_assert(!f.failed);
            csv_add_field(r, &f);
            if (i < n && s[i] == ',') {
                i++;
                continue;
            }
            cr_assert(i + 1 < n && s[i] == '\r' && s[i + 1] == '\n', "CSV: record %zu not ended by CRLF", c.n);
            i += 2;
            break;
        }
    }
    return c;
}

static void csv_free(csv *c)
{
    for (size_t r = 0; r < c->n; r++) {
        for (size_t f = 0; f < c->rows[r].n; f++)
            free(c->rows[r].fields[f]);
        free(c->rows[r].fields);
    }
    free(c->rows);
}

static void cexpect(const csv_row *r, size_t col, const char *want, const char *ctx)
{
    cr_expect_str_eq(r->fields[col], want ? want : "", "%s: column %s", ctx, CSV_HEADER[col]);
}

/* A text column: as written, or with the "'" that neutralises a leading
 * formula character (OWASP: = + - @ TAB CR; util/escape.h). */
static void cexpect_text(const csv_row *r, size_t col, const char *want, const char *ctx)
{
    char *guarded = NULL;
    if (want && want[0] && strchr("=+-@\t\r", want[0])) {
        guarded = malloc(strlen(want) + 2);
        cr_assert_not_null(guarded);
        guarded[0] = '\'';
        strcpy(guarded + 1, want);
        want = guarded;
    }
    cexpect(r, col, want, ctx);
    free(guarded);
}

static void cexpect_int(const csv_row *r, size_t col, long want, int known, const char *ctx)
{
    char s[24];
    snprintf(s, sizeof s, "%ld", want);
    cexpect(r, col, known ? s : NULL, ctx);
}

/* The document's columns (source to program) of a row. */
static void csv_compare_doc_fields(const csv_row *r, const pl_doc *doc, const char *ctx)
{
    const pl_docinfo *in = &doc->info;
    char iso[16];
    cexpect_text(r, 0, doc->text.name, ctx);
    cexpect(r, 1, form_name(doc), ctx);
    cexpect_text(r, 2, in->kind, ctx);
    cexpect_text(r, 3, in->number, ctx);
    cexpect_text(r, 4, in->issuer, ctx);
    cexpect(r, 5, pl_level_name(in->level), ctx);
    cexpect_text(r, 6, in->locality, ctx);
    cexpect(r, 7, iso_or_null(&in->date, iso, sizeof iso), ctx);
    cexpect_int(r, 8, in->period_start, in->period_start != 0, ctx);
    cexpect_int(r, 9, in->period_end, in->period_end != 0, ctx);
    cexpect_int(r, 10, in->horizon, in->horizon != 0, ctx);
    cexpect(r, 11, program_id(doc), ctx);
    cexpect(r, 12, pl_input_read_name(doc->text.input), ctx);
}

/* One row against target t of doc. */
static void csv_compare_row(const csv_row *r, const pl_doc *doc, const pl_target *t, const char *ctx)
{
    cr_assert_eq(r->n, CSV_COLUMNS, "%s: %zu fields, want %d", ctx, r->n, CSV_COLUMNS);
    csv_compare_doc_fields(r, doc, ctx);
    cexpect(r, 13, indicator_id(t), ctx);
    cexpect_int(r, 14, t->objective, t->objective != 0, ctx);
    cexpect_int(r, 15, t->year, t->year != 0, ctx);
    cexpect(r, 16, pl_cmp_name(t->cmp), ctx);
    expect_number_text(r->fields[17], t->value, ctx);
    cexpect(r, 18, t->unit, ctx);
    cexpect(r, 19, pl_change_name(t->change), ctx);
    cexpect_int(r, 20, t->base_year, t->base_year != 0, ctx);
    cexpect(r, 21, t->per_year ? "true" : "false", ctx);
    cexpect_text(r, 22, t->group, ctx);
    cexpect_text(r, 23, t->text, ctx);
    cexpect_int(r, 24, (long)t->pos.line, 1, ctx);
    cexpect_int(r, 25, (long)t->pos.col, 1, ctx);
    int ocr = 0;
    unsigned page = pl_input_page(doc->text.input, t->pos.line, &ocr);
    cexpect(r, 26, ocr ? "true" : "false", ctx);
    cexpect_int(r, 27, (long)page, ocr, ctx);
}

/* A document without targets: its own columns, then every target column
 * empty (per_year too: no "false" for a target that is not there). */
static void csv_compare_no_target_row(const csv_row *r, const pl_doc *doc, const char *ctx)
{
    cr_assert_eq(r->n, CSV_COLUMNS, "%s: %zu fields, want %d", ctx, r->n, CSV_COLUMNS);
    csv_compare_doc_fields(r, doc, ctx);
    for (size_t k = CSV_TARGET; k < CSV_COLUMNS; k++)
        cr_expect_str_eq(r->fields[k], "", "%s: target column %zu is '%s', not empty", ctx, k,
                         r->fields[k]);
}

/* The CSV of docs[0..n): the header, then one row per target in order, or
 * one row without a target for a document that has none. */
static void csv_compare_all(const output *out, const pl_doc *const *docs, size_t n)
{
    csv c = csv_read(out->s, out->n);
    size_t want_rows = 1;
    for (size_t i = 0; i < n; i++)
        want_rows += docs[i]->ntargets ? docs[i]->ntargets : 1;
    cr_assert_eq(c.n, want_rows, "CSV: %zu records, want the header and %zu rows", c.n, want_rows - 1);
    cr_assert_eq(c.rows[0].n, CSV_COLUMNS, "CSV header: %zu fields", c.rows[0].n);
    for (size_t k = 0; k < CSV_COLUMNS; k++)
        cr_expect_str_eq(c.rows[0].fields[k], CSV_HEADER[k], "CSV header column %zu", k);
    size_t row = 1;
    for (size_t i = 0; i < n; i++) {
        if (docs[i]->ntargets == 0) {
            char where[300];
            snprintf(where, sizeof where, "%s: CSV row %zu (no targets)", docs[i]->text.name, row);
            csv_compare_no_target_row(&c.rows[row++], docs[i], where);
        }
        for (size_t t = 0; t < docs[i]->ntargets; t++, row++) {
            char where[300];
            snprintf(where, sizeof where, "%s: CSV row %zu (target %zu)", docs[i]->text.name, row, t);
            csv_compare_row(&c.rows[row], docs[i], &docs[i]->targets[t], where);
        }
    }
    csv_free(&c);
}

static void csv_roundtrip(const pl_doc *doc)
{
    output out = render(&doc, 1, PL_FMT_CSV, 1);
    csv_compare_all(&out, &doc, 1);
    free(out.s);
}

/* ======================================================================
 * Hand-built documents
 * ====================================================================== */

/* Everything a writer must escape, in one string: JSON's '"' '\' and
 * controls, XML's '<' '&' and "]]>", CSV's '"' ',' CR LF; a formula
 * prefix (kept as is, see csv_doc.c); non-ASCII including an astral code
 * point and U+2028. */
static char NASTY[] = "=1+2 \"quoted\", comma; back\\slash\ttab CR\r\nLF\n"
                      "ctl\x01\x1f del\x7f <tag a='1'> & ]]> null "
                      "Lạng Sơn \xE2\x80\xA8 \xF0\x9F\x98\x80 end";
static char QUOTES[] = "K\"H";
static char NULL_WORD[] = "null";
static char EMPTY[] = "";
static char SOURCE[] = "dir with space/plan \"x\",1.txt";
static char PROGRAM_ID[] = "child-labour-2021";
static char IND_RATE[] = "cl.rate";

static pl_program hand_program = {.id = PROGRAM_ID};
static pl_indicator hand_indicator = {.id = IND_RATE};

static pl_pos at(uint32_t line, uint32_t col)
{
    pl_pos p = {0, line, col};
    return p;
}

/* A summary with unknown values of every kind, hostile strings, an
 * open-ended period, citations with and without a title, a small tree of
 * sections (one without a title) and targets with awkward numbers.
 * Static storage: never passed to pl_doc_free. */
static pl_doc *hand_doc(void)
{
    static pl_placeholder ph[2] = {{"number", {0, 3, 5}, {0, 3, 5}}, {"day", {0, 4, 12}, {0, 4, 12}}};
    static pl_citation cit[2];
    static pl_section sec[5];
    static pl_target tg[6];
    static pl_doc d;
    memset(&d, 0, sizeof d);
    d.text.name = SOURCE;
    d.info = (pl_docinfo){.form = PL_FORM_SUMMARY, .kind = QUOTES, .number = NULL_WORD,
                          .issuer = NASTY, .level = PL_LEVEL_COMMUNE, .locality = EMPTY,
                          .date = {2023, 4, 24}, .period_start = 2021, .period_end = 0,
                          .horizon = 0, .program = &hand_program, .placeholders = ph,
                          .nplaceholders = 2};
    cit[0] = (pl_citation){.kind = QUOTES, .number = NULL, .title = NASTY, .date = {2021, 5, 0},
                           .issuer = NULL, .relation = PL_REL_IMPLEMENTS, .pos = at(9, 1)};
    cit[1] = (pl_citation){.kind = NULL, .number = NULL_WORD, .title = NULL, .date = {2021, 5, 27},
                           .issuer = NASTY, .relation = PL_REL_BASIS, .pos = at(10, 2)};
    d.citations = cit;
    d.ncitations = 2;
    const int depth[5] = {0, 1, 2, 1, 0};
    for (int i = 0; i < 5; i++) {
        sec[i] = (pl_section){.title = i == 2 ? NULL : NASTY, .pos = at((uint32_t)(20 + i), 1),
                              .depth = depth[i], .parent = -1};
        snprintf(sec[i].label, sizeof sec[i].label, "%s%d\"", i % 2 ? "-" : "II.", i);
    }
    d.sections = sec;
    d.nsections = 5;
    tg[0] = (pl_target){.indicator = &hand_indicator, .objective = 2, .year = 2025,
                        .cmp = PL_CMP_LT, .value = 4.9, .unit = "%", .group = NASTY,
                        .text = NASTY, .pos = at(61, 3)};
    tg[1] = (pl_target){.indicator = NULL, .objective = 0, .year = 0, .cmp = PL_CMP_GT,
                        .value = 100, .unit = "%", .group = NULL, .text = NASTY, .pos = at(62, 1)};
    tg[2] = (pl_target){.cmp = PL_CMP_EQ, .value = 0.1 + 0.2, .unit = "", .group = EMPTY,
                        .text = EMPTY, .pos = at(63, 7)};
    tg[3] = (pl_target){.cmp = PL_CMP_GE, .value = 0, .unit = "%", .group = QUOTES,
                        .text = QUOTES, .pos = at(64, 1)};
    /* 17 significant digits after six zeros; a magnitude beyond fixed notation */
    tg[4] = (pl_target){.cmp = PL_CMP_LE, .value = 1.2345678901234567e-6, .unit = "%",
                        .text = EMPTY, .pos = at(65, 1)};
    tg[5] = (pl_target){.cmp = PL_CMP_LE, .value = -1e20, .unit = "%", .text = EMPTY,
                        .pos = at(66, 1)};
    d.targets = tg;
    d.ntargets = 6;
    return &d;
}

/* Sections nested as deep as the parser allows (64): a straight chain. */
#define DEEP 64
static pl_doc *deep_doc(void)
{
    static pl_section sec[DEEP];
    static pl_doc d;
    static char name[] = "deep.txt";
    static char title[] = "Mục";
    memset(&d, 0, sizeof d);
    d.text.name = name;
    for (int i = 0; i < DEEP; i++) {
        sec[i] = (pl_section){.title = title, .pos = at((uint32_t)i + 1, (uint32_t)i + 1),
                              .depth = i, .parent = i - 1};
        snprintf(sec[i].label, sizeof sec[i].label, "%d.", i + 1);
    }
    d.sections = sec;
    d.nsections = DEEP;
    return &d;
}

/* ======================================================================
 * Tests: the corpus
 * ====================================================================== */

Test(render, corpus_json_one_input_is_a_lone_object_matching_the_doc)
{
    corpus c = load_corpus();
    for (size_t i = 0; i < c.n; i++)
        json_roundtrip(c.docs[i]);
    free_corpus(&c);
}

Test(render, corpus_json_several_inputs_are_an_array_in_order)
{
    corpus c = load_corpus();
    output out = render(ro(c.docs), c.n, PL_FMT_JSON, c.n);
    expect_no_raw_controls(out.s, out.n);
    json_object *a = json_parse_all(out.s, out.n);
    cr_assert(json_object_is_type(a, json_type_array), "several inputs must give an array");
    cr_assert_eq(json_object_array_length(a), c.n);
    for (size_t i = 0; i < c.n; i++)
        json_compare(json_object_array_get_idx(a, i), c.docs[i]);
    json_object_put(a);
    free(out.s);
    free_corpus(&c);
}

Test(render, corpus_ndjson_is_one_object_per_line)
{
    corpus c = load_corpus();
    output out = render(ro(c.docs), c.n, PL_FMT_NDJSON, c.n);
    cr_assert(out.n > 0 && out.s[out.n - 1] == '\n', "ndjson must end with a newline");
    const char *line = out.s;
    for (size_t i = 0; i < c.n; i++) {
        const char *nl = memchr(line, '\n', out.n - (size_t)(line - out.s));
        cr_assert_not_null(nl, "ndjson: %zu lines, want %zu", i, c.n);
        json_object *o = json_parse_all(line, (size_t)(nl - line));
        json_compare(o, c.docs[i]);
        json_object_put(o);
        line = nl + 1;
    }
    cr_expect_eq((size_t)(line - out.s), out.n, "ndjson: more lines than documents");
    free(out.s);
    free_corpus(&c);
}

Test(render, corpus_xml_validates_and_matches_the_docs)
{
    corpus c = load_corpus();
    output out = render(ro(c.docs), c.n, PL_FMT_XML, c.n);
    xml_compare_all(&out, ro(c.docs), c.n);
    free(out.s);
    for (size_t i = 0; i < c.n; i++)
        xml_roundtrip(c.docs[i]);
    free_corpus(&c);
}

Test(render, corpus_csv_has_one_row_per_target)
{
    corpus c = load_corpus();
    output out = render(ro(c.docs), c.n, PL_FMT_CSV, c.n);
    csv_compare_all(&out, ro(c.docs), c.n);
    free(out.s);
    free_corpus(&c);
}

/* ======================================================================
 * Tests: hostile strings, unknown values, edge counts
 * ====================================================================== */

Test(render, hand_built_doc_roundtrips_in_every_format)
{
    const pl_doc *d = hand_doc();
    json_roundtrip(d);
    xml_roundtrip(d);
    csv_roundtrip(d);
    output out = render(&d, 1, PL_FMT_NDJSON, 1);
    cr_assert_not_null(memchr(out.s, '\n', out.n));
    cr_expect_eq((char *)memchr(out.s, '\n', out.n) - out.s, (ptrdiff_t)out.n - 1,
                 "ndjson: a newline inside the object");
    json_object_put(json_parse_all(out.s, out.n));
    free(out.s);
}

Test(render, json_escapes_quotes_backslashes_and_controls)
{
    pl_doc *d = hand_doc();
    output out = render_one(d, PL_FMT_JSON);
    cr_expect_not_null(strstr(out.s, "\\\"quoted\\\""), "'\"' escaped");
    cr_expect_not_null(strstr(out.s, "back\\\\slash\\ttab CR\\r\\nLF\\n"), "'\\', tab, CR, LF escaped");
    cr_expect_not_null(strstr(out.s, "ctl\\u0001\\u001f"), "controls as \\u00XX");
    cr_expect_not_null(strstr(out.s, "\"number\": \"null\""), "the string \"null\" stays a string");
    cr_expect_not_null(strstr(out.s, "\"horizon\": null"), "unknown is null");
    free(out.s);
}

Test(render, json_integers_as_printf_writes_them)
{
    static const long v[] = {0, 7, -7, 10, 2021, -2030, 1000000007L, LONG_MAX, LONG_MIN};
    pl_buf b = {0};
    pl_json j;
    pl_json_init(&j, &b, 0);
    pl_json_arr(&j);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        pl_json_int(&j, v[i]);
    pl_json_end_arr(&j);
    char want[512];
    int n = snprintf(want, sizeof want, "[%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld]", v[0], v[1], v[2],
                     v[3], v[4], v[5], v[6], v[7], v[8]);
    cr_assert_eq(b.len, (size_t)n);
    cr_assert_eq(memcmp(b.data, want, (size_t)n), 0, "%.*s", (int)b.len, b.data);
    pl_buf_free(&b);
}

Test(render, xml_omits_unknown_values_and_replaces_forbidden_controls)
{
    pl_doc *d = hand_doc();
    output out = render_one(d, PL_FMT_XML);
    cr_expect_null(strstr(out.s, "horizon="), "unknown horizon omitted");
    cr_expect_null(strstr(out.s, "=\"\"null"), "no null strings");
    cr_expect_not_null(strstr(out.s, "<period start=\"2021\"/>"), "period with an unknown end");
    cr_expect_not_null(strstr(out.s, "ctl\xEF\xBF\xBD\xEF\xBF\xBD del"), "C0 controls become U+FFFD");
    cr_expect_null(memchr(out.s, '\x01', out.n));
    free(out.s);
}

Test(render, csv_quotes_what_rfc4180_requires_and_neutralises_formulas)
{
    pl_doc *d = hand_doc();
    output out = render_one(d, PL_FMT_CSV);
    /* the issuer (column 5) holds NASTY: quoted, inner quotes doubled, and
     * its leading '=' neutralised with "'" (OWASP CSV injection) */
    cr_expect_not_null(strstr(out.s, ",\"'=1+2 \"\"quoted\"\", comma;"), "quoted and prefixed");
    cr_expect_not_null(strstr(out.s, ",\"K\"\"H\","), "a field with a quote is quoted");
    cr_expect_not_null(strstr(out.s, ",4.9,%,"), "4.9 with a point");
    cr_expect_not_null(strstr(out.s, ",100,%,"), "100, not 1e+02");
    cr_expect_not_null(strstr(out.s, ",0.30000000000000004,,"), "shortest round-trip digits");
    cr_expect_not_null(strstr(out.s, ",0.0000012345678901234567,%,"), "small values in full");
    cr_expect_not_null(strstr(out.s, ",-1e+20,%,"), "huge values with an exponent");
    free(out.s);
}

/* A library user may run in a locale whose decimal point is ','; the
 * output contract's numbers keep '.'.  Skipped where no such locale is
 * installed (Debian: the locales package, locale-gen). */
Test(render, csv_and_xml_numbers_keep_the_point_in_a_comma_locale)
{
    if (!setlocale(LC_NUMERIC, "vi_VN.UTF-8") && !setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        cr_skip_test("no locale with a decimal comma installed");
    const pl_doc *d = hand_doc();
    output out = render_one(d, PL_FMT_CSV);
    cr_expect_not_null(strstr(out.s, ",4.9,%,"), "CSV: 4.9 with a point");
    free(out.s);
    out = render_one(d, PL_FMT_XML);
    cr_expect_not_null(strstr(out.s, "value=\"4.9\""), "XML: 4.9 with a point");
    free(out.s);
    setlocale(LC_NUMERIC, "C");
}

Test(render, deep_sections_nest_in_json_and_xml)
{
    pl_doc *d = deep_doc();
    json_roundtrip(d);
    xml_roundtrip(d);
    csv_roundtrip(d); /* no targets: one row of its own fields */
}

/* A document without targets is one row, so a reader sees it was read:
 * the file and header fields, the target columns empty. */
Test(render, doc_without_targets_gives_one_csv_row)
{
    pl_doc *d = deep_doc();
    output out = render_one(d, PL_FMT_CSV);
    csv c = csv_read(out.s, out.n);
    cr_assert_eq(c.n, 2, "the header and one row, not %zu records", c.n);
    cr_expect_str_eq(c.rows[1].fields[0], d->text.name, "the row names the file");
    for (size_t k = CSV_TARGET; k < c.rows[1].n; k++)
        cr_expect_str_eq(c.rows[1].fields[k], "", "target column %s is empty", c.rows[0].fields[k]);
    csv_free(&c);
    free(out.s);
}

Test(render, no_documents_still_gives_well_formed_output)
{
    /* several inputs named, none readable: an empty array, an empty root */
    output out = render(NULL, 0, PL_FMT_JSON, 2);
    json_object *a = json_parse_all(out.s, out.n);
    cr_expect(json_object_is_type(a, json_type_array) && json_object_array_length(a) == 0);
    json_object_put(a);
    free(out.s);
    out = render(NULL, 0, PL_FMT_XML, 2);
    xml_compare_all(&out, NULL, 0);
    free(out.s);
    out = render(NULL, 0, PL_FMT_CSV, 2);
    csv_compare_all(&out, NULL, 0);
    free(out.s);
    out = render(NULL, 0, PL_FMT_NDJSON, 2);
    cr_expect_eq(out.n, 0);
    free(out.s);
}

Test(render, several_inputs_with_one_readable_are_still_an_array)
{
    const pl_doc *d = hand_doc();
    output out = render(&d, 1, PL_FMT_JSON, 3);
    json_object *a = json_parse_all(out.s, out.n);
    cr_assert(json_object_is_type(a, json_type_array));
    cr_assert_eq(json_object_array_length(a), 1);
    json_compare(json_object_array_get_idx(a, 0), d);
    json_object_put(a);
    free(out.s);
}

/* ======================================================================
 * Tests: a snippet through the parser
 * ====================================================================== */

/* A plan whose heading and target text carry quotes, a tab, a backslash
 * and a comma, parsed from memory: whatever the parser keeps must come
 * back out of every format unchanged. */
static const char SNIPPET[] =
    "ỦY BAN NHÂN DÂN\n"
    "HUYỆN HOẰNG HÓA\n"
    "Số: 81/KH-UBND\n"
    "Hoằng Hóa, ngày 24 tháng 4 năm 2023\n"
    "KẾ HOẠCH\n"
    "Thực hiện \"Chương trình phòng ngừa, giảm thiểu lao động trẻ em\"\n"
    "I. MỤC TIÊU \"CHUNG\"\tA\\B, C\n"
    "1. Đến năm 2025, phấn đấu 90% trẻ em \"có nguy cơ\", lao động trẻ em được tiếp cận "
    "giáo dục phổ thông và đào tạo nghề phù hợp.\n"
    "II. NHIỆM VỤ\n"
    "1. Tuyên truyền \"thường xuyên\".\n";

static int doc_has_char(const pl_doc *d, char c)
{
    for (size_t i = 0; i < d->nsections; i++)
        if (d->sections[i].title && strchr(d->sections[i].title, c))
            return 1;
    for (size_t i = 0; i < d->ntargets; i++)
        if ((d->targets[i].text && strchr(d->targets[i].text, c)) ||
            (d->targets[i].group && strchr(d->targets[i].group, c)))
            return 1;
    return 0;
}

Test(render, parsed_snippet_with_quotes_and_tab_roundtrips)
{
    pl_error err = {0};
    pl_programs *ps = pl_programs_new_builtin(&err);
    pl_doc *d = pl_doc_parse("snippet \"q\".txt", SNIPPET, sizeof SNIPPET - 1, ps, NULL, &err);
    cr_assert_not_null(d, "%s", err.message);
    cr_assert_gt(d->nsections, 0, "the snippet has headings");
    cr_expect(doc_has_char(d, '"'), "the parser keeps quotes in headings or targets");
    cr_expect(doc_has_char(d, '\\'), "the parser keeps backslashes");
    json_roundtrip(d);
    xml_roundtrip(d);
    csv_roundtrip(d);
    output out = render_one(d, PL_FMT_JSON);
    cr_expect_not_null(strstr(out.s, "\"source\": \"snippet \\\"q\\\".txt\""), "source escaped");
    free(out.s);
    pl_doc_free(d);
    pl_programs_free(ps);
}

/* ---- terminal escaping (pl_esc_visible) ---------------------------------- */

/* What pl_esc_visible writes, a character at a time, as the text report
 * always wrote it: its eight-bytes-at-once path must give the same. */
static void esc_reference(pl_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = pl_utf8_next(s, n, i, &cp);
        int active = k <= 0 || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
                     (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
                     cp == 0x200e || cp == 0x200f || cp == 0x061c;
        if (!active)
            pl_buf_put(b, s + i, (size_t)k);
        else if (k > 0 && cp >= 0x100)
            pl_buf_printf(b, "\\u%04x", (unsigned)cp);
        else
            pl_buf_printf(b, "\\x%02x", (unsigned)(k > 0 ? cp : (unsigned char)s[i]));
        i += k > 0 ? (size_t)k : 1;
    }
}

Test(render, terminal_escaping_at_every_offset_of_a_word)
{
    /* each active or borderline character, and an invalid byte, at every
     * offset of an 8-byte word between printable ASCII and Vietnamese */
    static const char *const odd[] = {"\x1b", "\x7f", "\x1f", " ", "~", "\xc2\x85",
                                      "\xc2\xa0", "\xd8\x9c", "\xe2\x80\x8e",
                                      "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x80\x94",
                                      "\xff", "\xe1\xba", "ệ", "\n", "\t", "\x80",
                                      "\xc3", "\xdf\xbf", "\xe1\x80\x80", "\xd8\xa7",
                                      "\xe1\xbb\x87\xbb"};
    static const char *const fill[] = {"abcdefghijklmnopqrstuvwxyz", "Mục tiêu đến năm 2025"};
    for (size_t f = 0; f < 2; f++)
        for (size_t o = 0; o < sizeof odd / sizeof *odd; o++)
            for (size_t at = 0; at < 17; at++) {
                char s[128];
                size_t fl = strlen(fill[f]), n = 0;
                memcpy(s, fill[f], at < fl ? at : fl);
                n = at < fl ? at : fl;
                memcpy(s + n, odd[o], strlen(odd[o]));
                n += strlen(odd[o]);
                memcpy(s + n, fill[f], fl);
                n += fl;
                pl_buf got = PL_BUF_INIT, want = PL_BUF_INIT;
                pl_esc_visible(&got, s, n);
                esc_reference(&want, s, n);
                cr_assert_eq(got.len, want.len, "odd %zu at %zu", o, at);
                cr_assert(memcmp(got.data, want.data, got.len) == 0, "odd %zu at %zu", o, at);
                size_t span = pl_esc_visible_span(s, n);
                cr_expect_eq(span == n, memcmp(got.data, s, n) == 0 && got.len == n);
                pl_buf_free(&got);
                pl_buf_free(&want);
            }
}
