/* csv_doc.c - `extract -f csv` (placeholder until the CSV renderer lands). */
#include "render.h"

void pl_render_csv_header(pl_buf *out) { (void)out; }
void pl_render_doc_csv(pl_buf *out, const pl_doc *doc)
{
    (void)out;
    (void)doc;
}
