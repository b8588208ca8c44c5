/* archive.h - writing zip archives (Office documents) with libzip.
 *
 * `check -f docx` gives a Word document back: either the reviewer's own
 * .docx with a few parts replaced or added (every other member copied
 * byte for byte, compressed data as it is, so styles, images, headers and
 * tracked changes are untouched), or a new document made of a few parts.
 * Both are built in memory and handed over as bytes; the caller writes
 * them where it writes any output.  (parser/read/input_docx.c reads
 * archives with libzip on its own: the reader came first.)
 */
#ifndef PL_ARCHIVE_H
#define PL_ARCHIVE_H

#include <stddef.h>

#include "buf.h"
#include "planlint.h"

/* One member to write: its name in the archive and its bytes (borrowed
 * until the call returns). */
typedef struct pl_zip_part {
    const char *name;
    const char *data;
    size_t len;
} pl_zip_part;

/* Largest member pl_zip_read inflates for the caller. */
#define PL_ZIP_MAX_PART ((size_t)64 * 1024 * 1024)

/* Inflate member `name` of the archive in[0..n) into *out (NUL-terminated,
 * caller frees; *len without the NUL).  1 when read, 0 when there is no
 * such member (*out NULL), -1 with err filled (a corrupt archive, a member
 * above PL_ZIP_MAX_PART, out of memory). */
int pl_zip_read(const char *label, const void *in, size_t n, const char *name, char **out,
                size_t *len, pl_error *err);

/* The archive in[0..n) with the members named in parts[] replaced (in
 * place, keeping the order of entries) and the others of parts[] added
 * at the end; every other member copied as it is stored.  The new archive
 * is appended to `out`.  0, or -1 with err filled. */
int pl_zip_rewrite(const char *label, const void *in, size_t n, const pl_zip_part *parts,
                   size_t nparts, pl_buf *out, pl_error *err);

/* A new archive of parts[] in that order, appended to `out`.  0 or -1. */
int pl_zip_create(const char *label, const pl_zip_part *parts, size_t nparts, pl_buf *out,
                  pl_error *err);

#endif
