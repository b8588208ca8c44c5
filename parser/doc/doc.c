/* doc.c - pl_doc: runs the parser phases and answers the public accessors. */
#include "doc.h"
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "source.h"
#include "uni.h"

char *pl_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pl_flat_copy(const pl_doc *doc, size_t a, size_t b)
{
    const char *f = doc->text.flat;
    if (b > doc->text.flat_len)
        b = doc->text.flat_len;
    while (a < b && (f[a] == ' ' || f[a] == '\n'))
        a++;
    while (b > a && (f[b - 1] == ' ' || f[b - 1] == ',' || f[b - 1] == ';' || f[b - 1] == ':' ||
                     f[b - 1] == '\n'))
        b--;
    return pl_strndup(f + a, b - a);
}

char *pl_flat_compact(const pl_text *t, size_t a, size_t b)
{
    if (b > t->flat_len)
        b = t->flat_len;
    char *s = malloc(b - a + 1);
    if (!s)
        return NULL;
    size_t n = 0;
    for (size_t i = a; i < b; i++)
        if (t->flat[i] != ' ' && t->flat[i] != '\n')
            s[n++] = t->flat[i];
    s[n] = '\0';
    return s;
}

const char *pl_level_name(pl_level l)
{
    switch (l) {
    case PL_LEVEL_NATIONAL: return "national";
    case PL_LEVEL_PROVINCE: return "province";
    case PL_LEVEL_DISTRICT: return "district";
    case PL_LEVEL_COMMUNE: return "commune";
    default: return NULL;
    }
}

int pl_target_is_level(const pl_target *t)
{
    return t->change == PL_CHANGE_NONE && strcmp(t->unit, "%") == 0;
}

void pl_date_iso(const pl_date *d, char *buf, size_t n)
{
    if (d->year && d->month && d->day)
        snprintf(buf, n, "%04d-%02d-%02d", d->year, d->month, d->day);
    else if (n)
        buf[0] = '\0';
}

static void free_info(pl_docinfo *in)
{
    free(in->kind);
    free(in->number);
    free(in->issuer);
    free(in->locality);
    free(in->placeholders);
}

void pl_doc_free(pl_doc *doc)
{
    if (!doc)
        return;
    pl_text_free(&doc->text);
    free_info(&doc->info);
    for (size_t i = 0; i < doc->ncitations; i++) {
        free(doc->citations[i].kind);
        free(doc->citations[i].number);
        free(doc->citations[i].title);
        free(doc->citations[i].issuer);
    }
    free(doc->citations);
    for (size_t i = 0; i < doc->nsections; i++)
        free(doc->sections[i].title);
    free(doc->sections);
    for (size_t i = 0; i < doc->ntargets; i++) {
        free(doc->targets[i].group);
        free(doc->targets[i].text);
    }
    free(doc->targets);
    free(doc);
}

#ifdef PL_DOC_CHECK
/* A broken invariant is a bug in planlint: stop where it happened. */
static void assert_invariants(const pl_doc *doc)
{
    char why[256];
    if (pl_doc_check(doc, why, sizeof why) != 0) {
        fprintf(stderr, "planlint: %s: internal error: %s\n", doc->text.name, why);
        abort();
    }
}
#endif

/* A text that names no programme is read against opt->program, if any. */
static void assume_program(pl_doc *doc, const pl_parse_options *opt)
{
    if (!doc->info.program && opt && opt->program)
        doc->info.program = pl_programs_find(doc->programs, opt->program);
    /* recognition read the programmes' headers: the one chosen is read
     * whole (programs/program.h) */
    doc->info.program = pl_program_body(doc->info.program);
}

/* Parse the input: `take` (len bytes, a NUL after them) that the text
 * takes over (freed here on failure), or else a copy of `bytes`. */
static pl_doc *parse(const char *name, const void *bytes, unsigned char *take, size_t len,
                     const pl_programs *programs, const pl_parse_options *opt, pl_error *err)
{
    size_t max = opt && opt->max_bytes ? opt->max_bytes : PL_DEFAULT_MAX_BYTES;
    pl_doc *doc = len > max ? NULL : calloc(1, sizeof *doc);
    if (!doc) {
        free(take);
        if (len > max)
            pl_error_set(err, PL_ERR_TOO_LARGE, name, NULL,
                         "input is %zu bytes, above the limit of %zu (see --max-size)", len, max);
        else
            pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        return NULL;
    }
    doc->programs = programs;
    int rc = take ? pl_text_init_take(&doc->text, name, take, len, opt, err)
                   : pl_text_init_opt(&doc->text, name, bytes, len, opt, err);
    if (rc != 0) {
        free(doc);
        return NULL;
    }
    if (pl_structure_build(doc) != 0 || pl_header_extract(doc) != 0 ||
        pl_citations_extract(doc) != 0 || pl_program_recognise(doc) != 0 ||
        (assume_program(doc, opt), pl_targets_extract(doc) != 0)) {
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        pl_doc_free(doc);
        return NULL;
    }
    pl_doc_fill_spans(doc);
#ifdef PL_DOC_CHECK
    assert_invariants(doc);
#endif
    return doc;
}

pl_doc *pl_doc_parse(const char *name, const void *bytes, size_t len,
                     const pl_programs *programs, const pl_parse_options *opt, pl_error *err)
{
    PL_ASSERT_ARG(bytes || len == 0, err, NULL);
    return parse(name, bytes, NULL, len, programs, opt, err);
}

pl_doc *pl_doc_read(const char *path, const pl_programs *programs, const pl_parse_options *opt,
                    pl_error *err)
{
    PL_ASSERT_ARG(path, err, NULL);
    size_t max = opt && opt->max_bytes ? opt->max_bytes : PL_DEFAULT_MAX_BYTES;
    size_t len = 0;
    char *bytes = pl_source_read(path, max, &len, err);
    if (!bytes)
        return NULL;
    if (len == 0) { /* no plan, and no format: said, not read as a plan without targets */
        free(bytes);
        pl_error_set(err, PL_ERR_ENCODING, path, NULL, "empty file (0 bytes)");
        return NULL;
    }
    /* the text takes the bytes read: a large plan is not held twice */
    return parse(path, NULL, (unsigned char *)bytes, len, programs, opt, err);
}

const char *pl_doc_source(const pl_doc *doc)
{
    return doc ? doc->text.name : NULL;
}
const char *pl_doc_program(const pl_doc *doc)
{
    return doc && doc->info.program ? doc->info.program->id : NULL;
}

const char *pl_doc_note(const pl_doc *doc)
{
    return doc && doc->text.input ? doc->text.input->note : NULL;
}
