/* pdf_result.h - what reading a PDF gives, and how it crosses a pipe.
 *
 * PDFs are read by a separate program, planlint-pdf (parser/read/pdf/),
 * the only one that links poppler, cairo and Tesseract.  The library
 * (input_pdf.c) starts it for each PDF, writes the file's bytes to its
 * standard input and reads back, on file descriptor 3, the records of
 * util/child.h: ticks while pages are read, then one result serialised as
 * below.  Both programs include this header, so the two ends cannot drift.
 */
#ifndef PL_PDF_RESULT_H
#define PL_PDF_RESULT_H

#include <stddef.h>

#include "buf.h"
#include "child.h"
#include "error.h"
#include "omap.h"

/* What reading one PDF gives. */
typedef struct pl_pdf_result {
    int rc;         /* 0, or -1 with err */
    pl_error err;
    pl_buf out, src, note;
    pl_omap map;    /* out -> src */
    size_t npages;
    size_t *page_line;       /* src line (0-based) where each page starts */
    unsigned char *page_ocr; /* 1 where the page was read through OCR */
} pl_pdf_result;

void pl_pdf_result_free(pl_pdf_result *r);

/* The result as bytes, and back; pl_pdf_result_read returns 0, -1 when
 * memory runs out, or -2 when the bytes are damaged (cut short) or the
 * text in them is not valid UTF-8. */
void pl_pdf_result_write(const pl_pdf_result *r, pl_buf *b);
int pl_pdf_result_read(const pl_buf *b, pl_pdf_result *r);

/* Limits of the process that reads one PDF: far above what a real plan
 * needs (a 300-page text PDF reads in seconds in a few hundred megabytes),
 * low enough that a hostile file stops in bounded time and memory. */
extern const pl_child_limits PL_PDF_LIMITS;

/* Read the PDF b[0..n) into r (defined in parser/read/pdf/pdf_read.c, in
 * planlint-pdf and in fuzzing builds only); `c` receives a tick per page
 * (NULL: none).  Returns r->rc. */
int pl_pdf_read(const char *name, const unsigned char *b, size_t n, pl_child *c,
                pl_pdf_result *r);

#endif
