/* progress.h - a progress line on standard error while files are read:
 * "[12/340] 35.2 files/s  corpus/plans/hung-yen.txt", and while a PDF is
 * read through OCR (seconds a page), the page: "scan.pdf: OCR page 2 of 5".
 *
 * Drawn only when standard error is a terminal a person watches (TERM not
 * "dumb", CI unset) and the caller enables it (not --quiet): never into a
 * pipe, a file or a CI log.  The file count needs more than one file and a
 * run long enough to need it (the first draw waits PL_PROGRESS_DELAY_MS,
 * so a fast run never flickers), and is redrawn at most every
 * PL_PROGRESS_EVERY_MS; an OCR page is drawn when it starts, from the
 * worker that reads it (pl_progress_ocr_page_cb, the ocr_page callback of
 * pl_parse_options).  Everything is one line rewritten in place under
 * standard error's lock, so with --jobs lines never mix: the line shows
 * the latest page of any worker.  It is erased before a message
 * (output.c's messages do it, under the same lock), while results are
 * written to standard output when that is the same terminal
 * (pl_progress_hold), and at the end (pl_progress_done).  One progress
 * line per process: the state is static.
 *
 *   pl_progress_start(n, !quiet);
 *   for each file, in order:
 *       pl_progress_hold(); pl_progress_step(path); ...write...; pl_progress_release();
 *   pl_progress_done();
 */
#ifndef PL_CLI_PROGRESS_H
#define PL_CLI_PROGRESS_H

#include <stddef.h>

#define PL_PROGRESS_DELAY_MS 300
#define PL_PROGRESS_EVERY_MS 100

/* Begin a run of `total` files.  Nothing is ever drawn unless `enabled`
 * and stderr is a terminal (as above); the file count needs total > 1. */
void pl_progress_start(size_t total, int enabled);
/* The next file starts: the count shown is the files finished before it. */
void pl_progress_step(const char *name);
/* Page `done` of the `total` pages of `name` read through OCR starts
 * (from any thread); pl_progress_ocr_page_cb is the same with the
 * signature of pl_parse_options.ocr_page (arg unused). */
void pl_progress_ocr_page(const char *name, size_t done, size_t total);
void pl_progress_ocr_page_cb(void *arg, const char *name, size_t done, size_t total);
/* Results are about to be written (on the thread that writes them).  When
 * standard output is a terminal too (the same screen), take standard
 * error's lock and erase the line; pl_progress_release draws it again and
 * lets go, and no worker draws in between.  Otherwise both do nothing
 * (the workers need not wait for the output). */
void pl_progress_hold(void);
void pl_progress_release(void);
/* Erase the line if it is shown (output.c does it before each message);
 * the next step or page draws it again. */
void pl_progress_clear(void);
/* The run is over: erase the line. */
void pl_progress_done(void);

#endif
