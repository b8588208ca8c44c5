/* fuzz_extract.c - libFuzzer target: parse, then render through
 * pl_extract_writer, as `planlint extract` does.
 *
 * Every format the writer accepts is rendered, for one document (a lone
 * JSON object) and for two (a JSON array).  JSON and NDJSON output is then
 * checked to be well-formed: the output is the contract other tools read,
 * so a renderer that lets a control character or broken UTF-8 through is a
 * bug even when nothing crashes (the checker: json_check.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_check.h"
#include "parse_check.h"
#include "planlint.h"

/* ---- the target ----------------------------------------------------- */

/* Abort so the fuzzer keeps the input, saying which oracle failed. */
static void fail(const char *what, pl_format fmt, size_t ndocs, const char *out, size_t len)
{
    fprintf(stderr, "fuzz_extract: %s (format %d, %zu documents, %zu bytes of output)\n", what,
            (int)fmt, ndocs, len);
    if (out)
        fprintf(stderr, "%.*s\n", len > 4096 ? 4096 : (int)len, out);
    abort();
}

/* Render `ndocs` copies of doc; returns the output (caller frees) or NULL
 * when the writer does not take this format. */
static char *render(const pl_doc *doc, pl_format fmt, size_t ndocs, size_t *len)
{
    char *out = NULL;
    FILE *f = open_memstream(&out, len);
    if (!f)
        abort();
    pl_extract_writer *w = pl_extract_writer_new(f, fmt, ndocs);
    if (!w) {
        fclose(f);
        free(out);
        return NULL;
    }
    /* a memory stream cannot refuse bytes: any failure is the renderer's */
    for (size_t i = 0; i < ndocs; i++)
        if (pl_extract_writer_add(w, doc) != 0)
            fail("pl_extract_writer_add failed", fmt, ndocs, NULL, 0);
    if (pl_extract_writer_end(w) != 0)
        fail("pl_extract_writer_end failed", fmt, ndocs, NULL, 0);
    pl_extract_writer_free(w);
    if (fclose(f) != 0)
        abort();
    return out;
}

static void check_format(const pl_doc *doc, pl_format fmt, size_t ndocs)
{
    size_t len = 0;
    char *out = render(doc, fmt, ndocs, &len);
    if (!out)
        return;
    const unsigned char *u = (const unsigned char *)out;
    if (fmt == PL_FMT_JSON && !json_ok(u, len, ndocs == 1 ? '{' : '['))
        fail("malformed JSON", fmt, ndocs, out, len);
    if (fmt == PL_FMT_NDJSON && !ndjson_ok(u, len, ndocs))
        fail("malformed NDJSON", fmt, ndocs, out, len);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const pl_format formats[] = {PL_FMT_JSON, PL_FMT_NDJSON, PL_FMT_XML, PL_FMT_CSV};
    pl_doc *doc = pl_doc_parse("fuzz", data, size, programs, NULL, NULL);
    if (!doc)
        return 0;
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        check_format(doc, formats[i], 1);
        check_format(doc, formats[i], 2);
    }
    pl_doc_free(doc);
    return 0;
}
