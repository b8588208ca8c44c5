/* ocr_fix.h - what Tesseract reads wrong on Vietnamese documents, mended
 * where the context makes the reading certain.
 *
 * Pure text in, text out (no Tesseract, no poppler), so that the rules are
 * tested on their own (tests/test_ocr_fix.c).  Nothing is invented: a
 * character is changed only where one reading is possible.
 */
#ifndef PL_OCR_FIX_H
#define PL_OCR_FIX_H

#include "buf.h"

/* Append line `s` (NUL-terminated, no LF) to `out`, mended:
 * - "Số:" opening the line, as the vie model misreads it ("S6:", "Sô:" ...);
 * - letters that look like digits (I, l -> 1; O, o -> 0) inside a run of
 *   digits: a run of digits and those letters, standing alone as a word
 *   ("2I", "1O", "2O26"), with at least one real digit. */
void pl_ocr_fix_line(const char *s, pl_buf *out);

#endif
