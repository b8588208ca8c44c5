/* read_all.h - a whole file into a buffer, for the build-time tools of
 * data/ (check_data.c, gen_cli_messages.c). */
#ifndef PL_DATA_READ_ALL_H
#define PL_DATA_READ_ALL_H

#include "buf.h"

/* 0, or -1 after saying why on stderr. */
int pl_read_all(const char *path, pl_buf *out);

#endif
