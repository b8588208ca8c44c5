/* ocr.h - the one place that includes <tesseract/capi.h>.
 *
 * Optical character recognition of a page image with Tesseract and its
 * Vietnamese model (Debian: libtesseract-dev to build, tesseract-ocr-vie
 * at run time).  The image is 8-bit grey; the caller renders it (poppler
 * with cairo, parser/read/pdf/pdf_read.c).  Each page runs under a deadline
 * that Tesseract itself honours, so noise cannot keep it for long.
 */
#ifndef PL_OCR_H
#define PL_OCR_H

#include <stddef.h>

#include "buf.h"

typedef struct pl_ocr pl_ocr;

/* Debian packages that provide OCR at run time (for messages). */
#define PL_OCR_PACKAGES "tesseract-ocr-vie"

/* An engine for language `lang` ("vie"), or NULL when Tesseract cannot
 * load it (the model is not installed); `why` then receives a reason. */
pl_ocr *pl_ocr_new(const char *lang, char *why, size_t whylen);
void pl_ocr_free(pl_ocr *o);

/* Recognise a grey image (w x h pixels, `stride` bytes a row, `dpi` its
 * resolution); append its lines, each ending in LF, to `text`.  Returns 0,
 * 1 when the deadline stopped it (what was read is kept), -1 on failure. */
int pl_ocr_page(pl_ocr *o, const unsigned char *grey, int w, int h, int stride, int dpi,
                int deadline_ms, pl_buf *text);

#endif
