/* findings_page.h - `check -f html` and `check -f sarif`: formats that
 * describe a whole run in one document, written when the run ends
 * (private; the public handle is pl_findings_page in planlint.h).
 *
 *   findings_html.c   the page: the handle, the HTML format
 *   findings_sarif.c  SARIF 2.1.0: one result per finding, the log
 */
#ifndef PL_FINDINGS_PAGE_H
#define PL_FINDINGS_PAGE_H

#include <stddef.h>

#include "buf.h"
#include "doc.h"
#include "report.h"

/* SARIF: the result objects of one report, appended to `results` as
 * members of the "results" array (comma-separated after the first;
 * *first is cleared once one is written). */
void pl_render_sarif_results(pl_buf *results, const pl_report *r, int *first);
/* SARIF: the notification object of an input that could not be read,
 * appended to `notes` (comma-separated after the first). */
void pl_render_sarif_notification(pl_buf *notes, const char *source, const char *message);
/* The whole SARIF log around the results written so far: tool, driver,
 * rules (from the rule data, descriptions in `lang`), and, when `notes`
 * holds any, the invocation that failed to read those inputs.  -1 when
 * the rule data cannot be loaded or memory runs out. */
int pl_render_sarif_log(pl_buf *out, const pl_buf *results, const pl_buf *notes, pl_lang lang);

/* DOCX (findings_docx.c): the Word document of one report, its findings
 * as comments (see the file's head), appended to `out`.  0, or -1 with
 * err filled. */
int pl_render_docx(pl_buf *out, const pl_report *r, const pl_doc *doc, pl_error *err);

/* "corpus/plans/x y.txt" -> "corpus/plans/x%20y.txt"; an absolute path
 * gets "file://".  Bytes other than RFC 3986 unreserved ones and '/'
 * are percent-encoded (UTF-8 included), so the result is a valid URI
 * reference whatever the file is called. */
void pl_sarif_uri(pl_buf *b, const char *path);

#endif
