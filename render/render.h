/* render.h - renderers: turn documents (and later findings) into text.
 * Each renderer writes into a pl_buf so that output for one document is
 * complete before it reaches the stream (no half-written record when a
 * later step fails). */
#ifndef PL_RENDER_H
#define PL_RENDER_H

#include "buf.h"
#include "doc.h"

/* One document in the contract's JSON shape (docs/CONTRACT.md §3). */
void pl_render_doc_json(pl_buf *out, const pl_doc *doc, int pretty);
/* Same data as XML (data/schema/extract.xsd). */
int pl_render_doc_xml(pl_buf *out, const pl_doc *doc);
/* CSV header row and one row per target (RFC 4180). */
void pl_render_csv_header(pl_buf *out);
void pl_render_doc_csv(pl_buf *out, const pl_doc *doc);

#endif
