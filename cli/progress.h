/* progress.h - a progress line on standard error while many files are
 * read: "[12/340] 35.2 files/s  corpus/plans/hung-yen.txt".
 *
 * Drawn only when standard error is a terminal, the caller enables it (not
 * --quiet), and the run lasts long enough to need it (the first draw waits
 * PL_PROGRESS_DELAY_MS, so a fast run never flickers).  Redrawn at most
 * every PL_PROGRESS_EVERY_MS; cleared by pl_progress_done, and before
 * anything else is printed on stderr (pl_progress_clear), so messages
 * never mix with it.  One progress line per process: the state is static.
 *
 *   pl_progress_start(n, !quiet);
 *   for each file: pl_progress_step(path); ... work ...
 *   pl_progress_done();
 */
#ifndef PL_CLI_PROGRESS_H
#define PL_CLI_PROGRESS_H

#include <stddef.h>

#define PL_PROGRESS_DELAY_MS 300
#define PL_PROGRESS_EVERY_MS 100

/* Begin a run of `total` files.  Nothing is ever drawn unless `enabled`,
 * stderr is a terminal, TERM is not "dumb" (no cursor control there) and
 * total > 1. */
void pl_progress_start(size_t total, int enabled);
/* The next file starts: the count shown is the files finished before it. */
void pl_progress_step(const char *name);
/* Erase the line if it is shown (call before printing to stderr); the
 * next step draws it again. */
void pl_progress_clear(void);
/* The run is over: erase the line. */
void pl_progress_done(void);

#endif
