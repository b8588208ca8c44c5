/* embedded.c - the trees of the embedded XML files (embedded.h). */
#include "embedded.h"

#include <string.h>

#include "xml.h"

/* The image made for f, or NULL.  The two generated tables come from one
 * list in one order; the name check keeps a build whose tables disagree
 * from reading the wrong tree (it then parses, and tests/test_embedded.c
 * fails). */
static const pl_xml_image *image_of(const pl_embedded_file *f)
{
    if (f < pl_embedded_files || f >= pl_embedded_files + pl_embedded_count ||
        pl_embedded_tree_count != pl_embedded_count)
        return NULL;
    const pl_xml_image *img = pl_embedded_trees[f - pl_embedded_files];
    return img && strcmp(img->name, f->name) == 0 ? img : NULL;
}

pl_xml_node *pl_embedded_tree(const pl_embedded_file *f, const char *name, pl_error *err)
{
    const pl_xml_image *img = image_of(f);
    if (img)
        return pl_xml_from_image(img, err);
    return pl_xml_parse(name ? name : f->name, (const char *)f->data, f->len, NULL, 0, err);
}
