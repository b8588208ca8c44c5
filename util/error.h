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

/* Fill err with "message" (name NULL), "NAME: message" (or "NAME: message at byte B (line L,
 * column C)" when pos != NULL). */
void pl_error_set(pl_error *err, pl_status st, const char *name, const pl_pos *pos,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif
