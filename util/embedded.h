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

/* ---- the embedded XML files, parsed at build time ----------------------
 *
 * data/gen_trees.c turns each embedded ".xml" file into an image of its
 * tree (util/xml.h), so that loading the built-in programmes, rules and
 * vocabulary runs no XML parser.  The table is generated from the same
 * list as pl_embedded_files and in the same order. */
struct pl_xml_image;
struct pl_xml_node;
struct pl_error;

/* For pl_embedded_files[i]: its image, or NULL (not an XML file). */
extern const struct pl_xml_image *const pl_embedded_trees[];
extern const size_t pl_embedded_tree_count; /* equals pl_embedded_count */

/* The tree of embedded file f, as pl_xml_parse would return it for f's
 * bytes (without a schema: the build checked f against its own,
 * data/check_data.c).  Made from f's image; parsed from its bytes when it
 * has none.  Errors name the input `name` (NULL: f->name).  Owned by the
 * caller (pl_xml_free); NULL with err filled. */
struct pl_xml_node *pl_embedded_tree(const pl_embedded_file *f, const char *name,
                                     struct pl_error *err);

#endif
