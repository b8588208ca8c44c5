/* error.h - the one way a library error is reported: a status and one line
 * naming the input ("NAME: reason", with the byte, line and column where
 * there is one).  Every room below the CLI fills pl_error through here. */
#ifndef PL_ERROR_H
#define PL_ERROR_H

#include <stddef.h>
#include <stdint.h>

#include "planlint.h"

/* A position in the input as given: what a user can find in an editor. */
typedef struct pl_pos {
    size_t byte;   /* offset in the input as given */
    uint32_t line; /* 1-based */
    uint32_t col;  /* 1-based, in code points */
} pl_pos;

/* Fill err with "message" (name NULL), "NAME: message" (or "NAME:
 * message at byte B (line L, column C)" when pos != NULL).
 *
 * The reason is what the user needs most, so it is kept whole; NAME (a
 * path, maybe hundreds of characters, maybe holding a newline or an
 * escape sequence) is written visibly escaped (util/escape.h) and, when
 * the whole would not fit the message, shortened in the middle with "…"
 * on character boundaries.  A message is never cut inside a character. */
void pl_error_set(pl_error *err, pl_status st, const char *name, const pl_pos *pos,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* "NAME:LINE: message", as pl_error_set (a configuration or data file). */
void pl_error_set_line(pl_error *err, pl_status st, const char *name, long line, const char *fmt,
                       ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* NAME followed by `tail` as it is (": reason", ":12: reason"), with the
 * shortening of pl_error_set; tail alone when name is NULL. */
void pl_error_fill(pl_error *err, pl_status st, const char *name, const char *tail);

/* Safe argument asserts, as libgit2's GIT_ASSERT_ARG: every public
 * function checks the pointers it cannot do without before using them,
 * and a NULL one is a usage error, never a crash, in every build:
 *
 *   PL_ASSERT_ARG(doc, err, NULL);    err (may be NULL) gets PL_ERR_USAGE
 *                                     "pl_check_doc: 'doc' is NULL"
 *   PL_ASSERT_ARG_NOERR(r, 0);        an accessor: just the return
 *
 * The rule they implement is stated in planlint.h ("Conventions"). */
#define PL_ASSERT_ARG(expr, err, ret)                                                              \
    do {                                                                                           \
        if (!(expr)) {                                                                             \
            pl_error_arg(err, __func__, #expr);                                                    \
            return ret;                                                                            \
        }                                                                                          \
    } while (0)
#define PL_ASSERT_ARG_NOERR(expr, ret)                                                             \
    do {                                                                                           \
        if (!(expr))                                                                               \
            return ret;                                                                            \
    } while (0)

/* Fill err (when not NULL) with "FUNC: 'WHAT' is NULL" (PL_ERR_USAGE). */
void pl_error_arg(pl_error *err, const char *func, const char *what);

#endif
