/* child.h - run a piece of work in a child process that can really be stopped.
 *
 * Some libraries cannot be interrupted from outside: poppler drawing form
 * XObjects that draw each other runs for minutes and eats a gigabyte, and
 * no call of its API says "stop".  The work runs in a forked child under
 * resource limits (address space, CPU time) and a wall-clock deadline that
 * the parent enforces with SIGKILL; the child sends its result back through
 * a pipe.  The parent never calls the library itself, so no lock the
 * library holds can be inherited half-taken by a later child.
 *
 * The deadline is per step: the work calls pl_child_tick() whenever it
 * makes progress (a page read), and each tick gives it `step_seconds` more,
 * up to `total_seconds` in all.
 */
#ifndef PL_CHILD_H
#define PL_CHILD_H

#include <stddef.h>

#include "buf.h"

typedef struct pl_child_limits {
    size_t mem_bytes;       /* address space the child may add; 0 = no limit */
    unsigned cpu_seconds;   /* CPU time of the child (all its threads) */
    unsigned step_seconds;  /* wall clock between two ticks */
    unsigned long_step_seconds; /* after a long tick (a slow step: OCR of a page) */
    unsigned total_seconds; /* wall clock in all */
    size_t max_result;      /* bytes of result accepted */
} pl_child_limits;

typedef enum pl_child_status {
    PL_CHILD_OK = 0,
    PL_CHILD_TIMEOUT,  /* a deadline passed: killed */
    PL_CHILD_CPU,      /* RLIMIT_CPU */
    PL_CHILD_MEMORY,   /* out of memory under the limit, or killed by a signal */
    PL_CHILD_TOO_LARGE,/* the result was larger than max_result */
    PL_CHILD_FAILED    /* fork or pipe failed, or the child died without a result */
} pl_child_status;

typedef struct pl_child pl_child; /* the child's end */

/* The work: fill `result` (it is sent to the parent when the function
 * returns 0; a non-zero return sends nothing).  Runs in the child. */
typedef int (*pl_child_fn)(void *arg, pl_child *c, pl_buf *result);

/* Run fn(arg) in a child under `lim`.  On PL_CHILD_OK `result` holds what
 * the child produced. */
pl_child_status pl_child_run(pl_child_fn fn, void *arg, const pl_child_limits *lim,
                             pl_buf *result);
/* From the work: progress was made, restart the step deadline. */
void pl_child_tick(pl_child *c);
/* The same before a step that may take long_step_seconds. */
void pl_child_tick_long(pl_child *c);

#endif
