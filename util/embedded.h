/* embedded.h - data files compiled into the library.
 *
 * The table is generated at build time by cmake/embed.cmake from the files
 * listed in CMakeLists.txt (PLANLINT_DATA_FILES, under data/): programme
 * files, their schema, rule phrases.  Editing a data file rebuilds the
 * table; no C source names a data file's content.
 */
#ifndef PL_EMBEDDED_H
#define PL_EMBEDDED_H

#include <stddef.h>

typedef struct pl_embedded_file {
    const char *name;          /* path relative to data/: "programs/child-labour-2021.xml" */
    const unsigned char *data; /* the file's bytes, followed by a NUL not counted in len */
    size_t len;
} pl_embedded_file;

/* Every embedded file in the order CMakeLists.txt lists them, then a
 * sentinel entry whose name is NULL. */
extern const pl_embedded_file pl_embedded_files[];
extern const size_t pl_embedded_count; /* entries before the sentinel */

/* The file called `name` (exact match), or NULL.  Static storage. */
const pl_embedded_file *pl_embedded_find(const char *name);

#endif
