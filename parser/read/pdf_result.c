/* pdf_result.c - the result of reading a PDF, through the pipe (see
 * pdf_result.h).  Native byte order and sizes: both ends are built from
 * the same tree for the same machine. */
#include "pdf_result.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "uni.h"

const pl_child_limits PL_PDF_LIMITS = {
    .mem_bytes = (size_t)2048 * 1024 * 1024,
    .cpu_seconds = 1800,
    .step_seconds = 60,       /* one page's text */
    .long_step_seconds = 150, /* one page's OCR: above its own limit */
    .total_seconds = 1800,
    .max_result = 4 * (size_t)PL_INPUT_MAX_TEXT,
    .threads = 1,             /* Tesseract's OpenMP: see child.c's child_env */
};

void pl_pdf_result_free(pl_pdf_result *r)
{
    pl_buf_free(&r->out);
    pl_buf_free(&r->src);
    pl_buf_free(&r->note);
    pl_omap_free(&r->map);
    free(r->page_line);
    free(r->page_ocr);
    r->page_line = NULL;
    r->page_ocr = NULL;
}

/* ---- writing ---------------------------------------------------------------- */

static void put_u64(pl_buf *b, uint64_t v)
{
    pl_buf_put(b, &v, sizeof v);
}

static void put_blob(pl_buf *b, const void *p, size_t n)
{
    put_u64(b, n);
    pl_buf_put(b, p ? p : "", n);
}

void pl_pdf_result_write(const pl_pdf_result *r, pl_buf *b)
{
    put_u64(b, (uint64_t)(int64_t)r->rc);
    put_u64(b, (uint64_t)r->err.status);
    put_blob(b, r->err.message, strlen(r->err.message));
    put_blob(b, r->out.data, r->out.len);
    put_blob(b, r->src.data, r->src.len);
    put_blob(b, r->note.data, r->note.len);
    put_blob(b, r->map.a, r->map.n * sizeof *r->map.a);
    put_blob(b, r->page_line, r->npages * sizeof *r->page_line);
    put_blob(b, r->page_ocr, r->page_ocr ? r->npages : 0);
}

/* ---- reading ---------------------------------------------------------------- */

typedef struct reader {
    const char *p;
    size_t n, at;
    int bad;
} reader;

static uint64_t get_u64(reader *rd)
{
    uint64_t v = 0;
    if (rd->bad || rd->n - rd->at < sizeof v) {
        rd->bad = 1;
        return 0;
    }
    memcpy(&v, rd->p + rd->at, sizeof v);
    rd->at += sizeof v;
    return v;
}

/* A blob: its bytes and length (pointing into the reader's buffer). */
static const char *get_blob(reader *rd, size_t *len)
{
    uint64_t n = get_u64(rd);
    if (rd->bad || n > rd->n - rd->at) {
        rd->bad = 1;
        *len = 0;
        return "";
    }
    const char *p = rd->p + rd->at;
    rd->at += (size_t)n;
    *len = (size_t)n;
    return p;
}

static void *copy_of(const char *p, size_t n)
{
    void *c = malloc(n ? n : 1);
    if (c)
        memcpy(c, p, n);
    return c;
}

int pl_pdf_result_read(const pl_buf *b, pl_pdf_result *r)
{
    reader rd = {b->data, b->len, 0, 0};
    size_t n;
    r->rc = (int)(int64_t)get_u64(&rd);
    r->err.status = (pl_status)get_u64(&rd);
    const char *msg = get_blob(&rd, &n);
    snprintf(r->err.message, sizeof r->err.message, "%.*s", (int)n, msg);
    const char *p = get_blob(&rd, &n);
    pl_buf_put(&r->out, p, n);
    p = get_blob(&rd, &n);
    pl_buf_put(&r->src, p, n);
    p = get_blob(&rd, &n);
    pl_buf_put(&r->note, p, n);
    p = get_blob(&rd, &n);
    for (size_t i = 0; i + sizeof(pl_anchor) <= n; i += sizeof(pl_anchor)) {
        pl_anchor a;
        memcpy(&a, p + i, sizeof a);
        pl_omap_add(&r->map, a.out, a.src);
    }
    p = get_blob(&rd, &n);
    r->npages = n / sizeof *r->page_line;
    r->page_line = copy_of(p, n);
    const char *o = get_blob(&rd, &n);
    r->page_ocr = n == r->npages ? copy_of(o, n) : NULL;
    if (rd.bad)
        return -2;
    if (!r->page_line || (r->npages && !r->page_ocr))
        return -1;
    if (r->out.failed || r->src.failed || r->note.failed || r->map.failed)
        return -1;
    /* The text comes from another process, which may have been stopped
     * mid-write or be some other program: the stages after this one take
     * valid UTF-8 for granted, as every other reader checks it. */
    if (pl_utf8_validate(r->out.data ? r->out.data : "", r->out.len) != r->out.len)
        return -2;
    return 0;
}
