/* extract_writer.c - the streaming writer behind `planlint extract`. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "render.h"

struct pl_extract_writer {
    FILE *out;
    pl_format fmt;
    size_t expected; /* inputs named on the command line */
    size_t written;
    int started;     /* the prologue (array bracket, XML root, CSV header) is out */
    int ended;       /* end() was called: nothing may follow */
    pl_buf buf;
};

pl_extract_writer *pl_extract_writer_new(FILE *out, pl_format fmt, size_t expected_docs)
{
    PL_ASSERT_ARG_NOERR(out, NULL);
    if (fmt != PL_FMT_JSON && fmt != PL_FMT_NDJSON && fmt != PL_FMT_XML && fmt != PL_FMT_CSV)
        return NULL;
    pl_extract_writer *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->out = out;
    w->fmt = fmt;
    w->expected = expected_docs;
    return w;
}

/* JSON: one input gives a lone object, several give an array (docs/CONTRACT.md §3),
 * decided by the number of inputs named, so that a bad file among several
 * still leaves a well-formed array. */
static int multi(const pl_extract_writer *w) { return w->expected != 1; }

/* XML: one declaration and one root for the whole run; each document is
 * a <document> child written by pl_render_doc_xml (data/schema/extract.xsd).
 * The root's version is the output contract's. */
static void xml_prologue(pl_buf *b)
{
    pl_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    pl_buf_printf(b, "<planlint version=\"%d\">\n", PL_CONTRACT_VERSION);
}

/* Written once, before the first document or at end() when there was none;
 * a document that failed to render must not bring a second prologue. */
static void begin(pl_extract_writer *w)
{
    if (w->started)
        return;
    w->started = 1;
    if (w->fmt == PL_FMT_JSON && multi(w))
        pl_buf_puts(&w->buf, "[\n");
    else if (w->fmt == PL_FMT_XML)
        xml_prologue(&w->buf);
    else if (w->fmt == PL_FMT_CSV)
        pl_render_csv_header(&w->buf);
}

static int flush(pl_extract_writer *w)
{
    if (w->buf.failed)
        return -1;
    size_t n = fwrite(w->buf.data ? w->buf.data : "", 1, w->buf.len, w->out);
    int ok = n == w->buf.len;
    pl_buf_clear(&w->buf);
    return ok ? 0 : -1;
}

int pl_extract_writer_add(pl_extract_writer *w, const pl_doc *doc)
{
    PL_ASSERT_ARG_NOERR(w, -1);
    PL_ASSERT_ARG_NOERR(doc, -1);
    /* after end() the output is complete; a second document after being
     * told of one would make two JSON objects where one was promised */
    if (w->ended || (w->expected == 1 && w->written == 1))
        return -1;
    begin(w);
    switch (w->fmt) {
    case PL_FMT_JSON:
        if (w->written > 0)
            pl_buf_puts(&w->buf, ",\n");
        pl_render_doc_json(&w->buf, doc, 1);
        if (!multi(w))
            pl_buf_putc(&w->buf, '\n');
        break;
    case PL_FMT_NDJSON:
        pl_render_doc_json(&w->buf, doc, 0);
        pl_buf_putc(&w->buf, '\n');
        break;
    case PL_FMT_XML:
        if (pl_render_doc_xml(&w->buf, doc) != 0)
            return -1;
        break;
    case PL_FMT_CSV:
        pl_render_doc_csv(&w->buf, doc);
        break;
    default:
        return -1;
    }
    w->written++;
    return flush(w);
}

int pl_extract_writer_end(pl_extract_writer *w)
{
    PL_ASSERT_ARG_NOERR(w, -1);
    if (w->ended)
        return -1;
    w->ended = 1;
    begin(w);
    if (w->fmt == PL_FMT_JSON && multi(w))
        pl_buf_puts(&w->buf, w->written ? "\n]\n" : "]\n");
    else if (w->fmt == PL_FMT_XML)
        pl_buf_puts(&w->buf, "</planlint>\n");
    int rc = flush(w);
    return fflush(w->out) == 0 ? rc : -1;
}

void pl_extract_writer_free(pl_extract_writer *w)
{
    if (!w)
        return;
    pl_buf_free(&w->buf);
    free(w);
}

int pl_format_parse(const char *name)
{
    PL_ASSERT_ARG_NOERR(name, -1);
    static const struct {
        const char *name;
        pl_format fmt;
    } names[] = {{"json", PL_FMT_JSON}, {"ndjson", PL_FMT_NDJSON}, {"xml", PL_FMT_XML},
                 {"csv", PL_FMT_CSV},   {"text", PL_FMT_TEXT},     {"html", PL_FMT_HTML},
                 {"md", PL_FMT_MD},     {"sarif", PL_FMT_SARIF},
                 {"docx", PL_FMT_DOCX}, {"xlsx", PL_FMT_XLSX}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i].name) == 0)
            return (int)names[i].fmt;
    return -1;
}
