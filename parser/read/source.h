/* source.h - reading inputs: files, standard input, directories. */
#ifndef PL_SOURCE_H
#define PL_SOURCE_H

#include <stddef.h>

#include "planlint.h"

/* Read the whole of `path` ("-" = standard input), at most `max` bytes.
 * Returns a malloc'ed buffer (NUL-terminated; *len excludes the NUL) or
 * NULL with err filled: "PATH: cannot open: No such file or directory",
 * "PATH: is a directory", "PATH: input is larger than N bytes ...". */
char *pl_source_read(const char *path, size_t max, size_t *len, pl_error *err);

#endif
