/* xml.h - the one place that includes <libxml/...>.
 *
 * Two small services over libxml2:
 *
 *  - a read-only tree: XML is parsed from memory with every network,
 *    DTD and entity feature off, optionally validated against an XML
 *    Schema held in memory, and copied into a simple owned tree
 *    (pl_xml_node) so that no libxml2 type leaks into the rest of the code;
 *  - a streaming writer (pl_xml_writer) over xmlTextWriter, writing UTF-8,
 *    indented, with an XML declaration, into a pl_buf or a FILE.
 *
 * Errors are one line, "NAME:LINE: reason", in a pl_error with status
 * PL_ERR_DATA; libxml2 itself never prints anything.
 */
#ifndef PL_XML_H
#define PL_XML_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "planlint.h"

/* Largest XML document accepted, in bytes.  Programme files are a few
 * kilobytes; libxml2 takes an int length, and a cap far below INT_MAX keeps
 * a wrong file (a database dump renamed .xml) from being read at all. */
#define PL_XML_MAX_BYTES ((size_t)16 * 1024 * 1024)

/* Deepest element nesting accepted.  The schema needs depth 4; libxml2's
 * own default limit is also 256, and the copy into pl_xml_node walks the
 * tree iteratively, so this is a second, explicit guard. */
#define PL_XML_MAX_DEPTH 256

typedef struct pl_xml_node pl_xml_node;

/* Parse `len` bytes of XML.  `name` names the input in error messages.
 * When `xsd` is not NULL the document is validated against that schema
 * (xsd_len bytes, itself parsed with the same restrictions).  A document
 * with a DOCTYPE is rejected: programme files need none, and refusing it
 * rules out entity expansion and external entities entirely.
 * Returns the root element, owned by the caller (pl_xml_free), or NULL with
 * err filled (PL_ERR_DATA, or PL_ERR_NOMEM). */
pl_xml_node *pl_xml_parse(const char *name, const char *buf, size_t len, const char *xsd,
                          size_t xsd_len, pl_error *err);
/* Free a tree returned by pl_xml_parse (NULL is fine). */
void pl_xml_free(pl_xml_node *root);

/* ---- trees prepared at build time --------------------------------------
 *
 * The embedded data files are parsed at build time (data/gen_trees.c) and
 * compiled in as images of their pl_xml_node trees, so that a process
 * reads them without running libxml2 (parsing them cost a short run a
 * quarter of its instructions: docs/PERFORMANCE.md).  An image is a
 * string pool and two arrays of offsets, without pointers, so that the
 * loader relocates nothing.  Nodes are in document order (the root first);
 * a missing link is PL_XML_IMAGE_NONE.
 */
#define PL_XML_IMAGE_NONE UINT32_MAX

typedef struct pl_xml_image_node {
    uint32_t name;   /* offset of the element name in strings */
    uint32_t text;   /* offset of the trimmed text (pl_xml_text) */
    uint32_t attrs;  /* index of the first attribute pair in attrs */
    uint32_t nattrs; /* pairs */
    uint32_t line;
    uint32_t parent, first, next; /* node indexes */
} pl_xml_image_node;

typedef struct pl_xml_image {
    const char *name;      /* the embedded file it was made from */
    const char *strings;   /* NUL-terminated strings, back to back */
    size_t strings_len;    /* bytes, the last NUL included */
    const pl_xml_image_node *nodes;
    size_t nnodes;         /* at least 1: the root */
    const uint32_t *attrs; /* name, value, name, value ... (string offsets) */
    size_t nattrs;         /* pairs */
} pl_xml_image;

/* The tree the image was made from, exactly as pl_xml_parse returned it:
 * names, attributes in order, texts, lines and links.  Owned by the caller
 * (pl_xml_free).  NULL with err filled (PL_ERR_NOMEM, or PL_ERR_DATA for an
 * image whose offsets point outside it). */
pl_xml_node *pl_xml_from_image(const pl_xml_image *img, pl_error *err);

/* Element name (local name; namespaces are not used by planlint files). */
const char *pl_xml_name(const pl_xml_node *node);
/* Value of attribute `name`, or NULL if absent.  Owned by the tree. */
const char *pl_xml_attr(const pl_xml_node *node, const char *name);
/* Concatenated text of the element's own text and CDATA children, with
 * leading and trailing whitespace removed ("" when there is none).  Owned by
 * the tree. */
const char *pl_xml_text(const pl_xml_node *node);
/* Number of attributes, and the name and value of the i-th (0-based, in
 * document order); owned by the tree. */
size_t pl_xml_nattrs(const pl_xml_node *node);
const char *pl_xml_attr_name(const pl_xml_node *node, size_t i);
const char *pl_xml_attr_value(const pl_xml_node *node, size_t i);
/* 1-based line of the element's start tag in the input. */
int pl_xml_line(const pl_xml_node *node);
/* First child element, or next sibling element, named `name` (any name
 * when `name` is NULL); NULL when there is none. */
pl_xml_node *pl_xml_first(const pl_xml_node *node, const char *name);
pl_xml_node *pl_xml_next(const pl_xml_node *node, const char *name);
pl_xml_node *pl_xml_parent(const pl_xml_node *node);
/* The element after n in a walk of root's subtree in document order (n's
 * first child, else the next sibling of n or of its nearest ancestor
 * below root), or NULL at the end: `for (e = root; e; e =
 * pl_xml_walk_next(root, e))` visits root and every element under it. */
const pl_xml_node *pl_xml_walk_next(const pl_xml_node *root, const pl_xml_node *n);

/* ---- writer ----------------------------------------------------------- */

typedef struct pl_xml_writer pl_xml_writer;

/* A writer appending to `out` (which the caller owns and keeps alive until
 * pl_xml_writer_free) or writing to `fp` (not closed by the writer).  The XML
 * declaration is written at once.  NULL on allocation failure. */
pl_xml_writer *pl_xml_writer_new_buf(pl_buf *out);
pl_xml_writer *pl_xml_writer_new_file(FILE *fp);
/* Each call returns 0, or -1 once anything failed (later calls then do
 * nothing and return -1).  Text and attribute values are UTF-8; they are
 * escaped, and control characters that XML 1.0 forbids become U+FFFD. */
int pl_xml_writer_start(pl_xml_writer *w, const char *name);
int pl_xml_writer_attr(pl_xml_writer *w, const char *name, const char *value);
int pl_xml_writer_text(pl_xml_writer *w, const char *value);
/* <name>text</name> in one call. */
int pl_xml_writer_element(pl_xml_writer *w, const char *name, const char *text);
int pl_xml_writer_end(pl_xml_writer *w);
/* Close every open element, end the document and flush the output. */
int pl_xml_writer_finish(pl_xml_writer *w);
void pl_xml_writer_free(pl_xml_writer *w);

/* ---- event walks: HTML pages and large XML parts ------------------------
 *
 * Input formats (parser/read/input_html.c, parser/read/input_docx.c) read text out of
 * markup without building a pl_xml_node tree: the walk calls `cb` for each
 * element start, element end and run of text, in document order.  Neither
 * walk recurses (the stream keeps libxml2's own limits; the HTML walk
 * bounds nesting itself, see pl_xml_html_walk).
 */

typedef enum pl_xml_ev_kind { PL_XML_START, PL_XML_END, PL_XML_TEXT } pl_xml_ev_kind;

typedef struct pl_xml_ev {
    pl_xml_ev_kind kind;
    const char *name; /* element local name (HTML: lower case); NULL for text */
    const char *ns;   /* namespace URI of the element, or NULL */
    const char *text; /* PL_XML_TEXT: the characters (not NUL-terminated) */
    size_t len;
    long line;        /* 1-based line in the input where libxml2 saw it, 0 if unknown */
    void *priv;       /* walk state for pl_xml_ev_attr */
} pl_xml_ev;

/* Callback results: PL_XML_GO continues; PL_XML_SKIP (on a start event)
 * skips the element's content and its end event; PL_XML_STOP ends the
 * walk, which then returns -1 without touching err (the callback reports
 * its own error). */
enum { PL_XML_GO = 0, PL_XML_SKIP = 1, PL_XML_STOP = -1 };
typedef int (*pl_xml_cb)(void *ctx, const pl_xml_ev *ev);

/* Value of the attribute with local name `local` (any namespace) of the
 * element of a start event, or NULL.  Valid until the callback returns. */
const char *pl_xml_ev_attr(const pl_xml_ev *ev, const char *local);

/* Times pl_xml_html_walk reads on after nesting deeper than
 * PL_XML_MAX_DEPTH before it gives up on the page. */
#define PL_XML_HTML_MAX_RESTARTS 16

/* What pl_xml_html_walk could not read in one piece. */
typedef struct pl_xml_html_cut {
    /* Elements nested deeper than PL_XML_MAX_DEPTH: the walk read on after
     * the start tag that reached the limit, outside the elements open
     * there, this many times; the first time at byte first_offset of buf. */
    size_t restarts;
    size_t first_offset;
    /* The page was not read to its end: libxml2 stopped (an internal
     * limit), or the depth limit was reached more than
     * PL_XML_HTML_MAX_RESTARTS times, or where the offsets are not known
     * (encoding NULL).  stop_line (1-based in buf, 0 if unknown) and why
     * (one line) say where and why. */
    int stopped;
    int nomem;
    long stop_line;
    char why[128];
} pl_xml_html_cut;

/* Walk an HTML page: libxml2's HTML parser with HTML_PARSE_NONET |
 * NOERROR | NOWARNING | RECOVER (no network, nothing printed, broken markup
 * repaired as browsers do; only the HTML named entities are known, so
 * entity-expansion tricks stay literal text) and XML_PARSE_HUGE (a text
 * node above 10 MB and nesting past 256 would otherwise end the page
 * there, silently); nesting is bounded by the walk instead (*cut).
 * `encoding` forces the input encoding ("UTF-8"); NULL lets libxml2 look
 * at the BOM and <meta charset>.  libxml2's HTML parser ends the input at
 * a NUL byte: the caller replaces them.  Returns 0 with *cut filled (the
 * caller reports it), or -1 with err filled (PL_ERR_ENCODING when the page
 * cannot be parsed at all, PL_ERR_TOO_LARGE above INT_MAX bytes,
 * PL_ERR_NOMEM). */
int pl_xml_html_walk(const char *name, const char *buf, size_t len, const char *encoding,
                     pl_xml_cb cb, void *ctx, pl_xml_html_cut *cut, pl_error *err);

/* Stream an XML document through SAX (no tree in memory, so a 64 MiB
 * DOCX part costs its text, not its nodes).  The same restrictions as
 * pl_xml_parse: no network, no DTD (a DOCTYPE stops the walk before any
 * entity is declared), nothing printed.  Errors are "NAME:LINE: reason"
 * with status PL_ERR_ENCODING (the document is an input, not a data
 * file).  Returns 0 or -1. */
int pl_xml_stream(const char *name, const char *buf, size_t len, pl_xml_cb cb, void *ctx,
                  pl_error *err);

#endif
