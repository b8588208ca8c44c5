/* xml_doc.c - `extract -f xml` (placeholder until the XML renderer lands). */
#include "render.h"

int pl_render_doc_xml(pl_buf *out, const pl_doc *doc)
{
    (void)out;
    (void)doc;
    return -1;
}
