/* stamps.h - the digits a signing system stamps into a signed PDF.
 *
 * Vietnamese e-government documents are numbered and dated when they are
 * signed: the template reads "Số:    /SCT-CN" and "ngày    tháng 3", and
 * the signing software draws "1629" and "27" in small signature widgets
 * placed over the gaps.  The digits are in the widgets' appearance
 * streams, which poppler's page text leaves out (pdftotext shows them).
 */
#ifndef PL_PDF_STAMPS_H
#define PL_PDF_STAMPS_H

#include <poppler.h>
#include <stddef.h>

/* At byte `at` of the page's text (poppler_page_get_text), `cut` bytes of
 * printed digits under the stamp are replaced by `digits`.
 *
 * `join`: where the stamp fills a gap that poppler's reading order split
 * into two lines ("Số:" on one, "/QĐ-UBND" on a later one, the two halves
 * of one printed row that a wide blank kept apart), the byte offset of the
 * first character right of the stamp, which starts a later line; the
 * reader moves that line up after the digits, where the row prints it.
 * PL_STAMP_NO_JOIN otherwise. */
#define PL_STAMP_NO_JOIN ((size_t)-1)
typedef struct pl_stamp {
    size_t at, cut, join;
    char digits[16];
} pl_stamp;

/* The stamps of `page`, at most `max`, sorted by `at`; 0 when it has none
 * (or memory ran out: the page is then read as if unstamped). */
size_t pl_pdf_stamps(PopplerPage *page, pl_stamp *out, size_t max);

#endif
