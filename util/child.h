/* child.h - run a helper program that can really be stopped.
 *
 * Some libraries cannot be interrupted from outside: poppler drawing form
 * XObjects that draw each other runs for minutes and eats a gigabyte, and
 * no call of its API says "stop".  Such work runs in a separate program
 * (planlint-pdf), started with posix_spawn, under resource limits it sets
 * on itself (address space, CPU time) and a wall-clock deadline that the
 * parent enforces with SIGKILL.  The parent writes the input to the
 * program's standard input and reads records from its file descriptor 3:
 * ticks while it makes progress, then one result.
 *
 * A program, not a fork of the caller: after fork() a multi-threaded
 * process (`--jobs`) may only call async-signal-safe functions, since a
 * lock another thread held at that moment (in malloc, in a sanitizer's
 * allocator, in glib) stays taken forever in the child.  posix_spawn runs
 * nothing of ours between the fork and the exec.
 *
 * The deadline is per step: the program calls pl_child_tick() whenever it
 * makes progress (a page read), and each tick gives it `step_seconds`
 * more, up to `total_seconds` in all.  A long step (the OCR of a page)
 * says how far the program is ("3 of 12"), which the parent hands to its
 * caller for a progress line.
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
    unsigned threads;       /* OMP_THREAD_LIMIT of the child, unless the user
                               set one; 0 = the libraries' own choice */
} pl_child_limits;

typedef enum pl_child_status {
    PL_CHILD_OK = 0,
    PL_CHILD_TIMEOUT,   /* a deadline passed: killed */
    PL_CHILD_CPU,       /* RLIMIT_CPU */
    PL_CHILD_MEMORY,    /* out of memory under the limit, or killed by a signal */
    PL_CHILD_TOO_LARGE, /* the result was larger than max_result */
    PL_CHILD_NO_PROGRAM,/* the program cannot be started (missing, not executable) */
    PL_CHILD_FAILED     /* a pipe failed, or the child died without a result */
} pl_child_status;

/* ---- the parent's side ---- */

/* Called, on the thread that runs pl_child_spawn, when the program starts
 * long step `done` of `total` (1-based). */
typedef void (*pl_child_on_step)(void *arg, unsigned done, unsigned total);

/* Run the program `path` with `argv` (argv[0] first, NULL last), its
 * standard input the `in_len` bytes at `in`, its standard output
 * /dev/null, under `lim`; `on_step` (NULL: none) hears of its long steps.
 * On PL_CHILD_OK `result` holds the result it sent. */
pl_child_status pl_child_spawn(const char *path, char *const argv[], const void *in,
                               size_t in_len, const pl_child_limits *lim,
                               pl_child_on_step on_step, void *arg, pl_buf *result);

/* ---- the program's side ---- */

/* The file descriptor the records go to. */
#define PL_CHILD_FD 3

typedef struct pl_child pl_child;

/* Set `lim`'s address-space and CPU limits on this process; the handle
 * that writes records to PL_CHILD_FD, or NULL when that descriptor is not
 * open (the program was not started by pl_child_spawn). */
pl_child *pl_child_begin(const pl_child_limits *lim);
/* Progress was made: restart the step deadline. */
void pl_child_tick(pl_child *c);
/* The same before a step that may take long_step_seconds: step `done`
 * of `total` such steps (1-based). */
void pl_child_tick_long(pl_child *c, unsigned done, unsigned total);
/* Send the result and release the handle; 0, or -1 when it cannot be
 * written (the parent is gone). */
int pl_child_finish(pl_child *c, const pl_buf *result);

#endif
