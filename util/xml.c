/* xml.c - libxml2 behind a small read-only tree and a writer.
 *
 * Reading follows three rules:
 *  1. Nothing leaves the process: XML_PARSE_NONET, and no option that loads
 *     a DTD, substitutes entities or processes XInclude.
 *  2. No DTD at all: the DOCTYPE declaration is refused from the SAX
 *     callback that announces it, before its internal subset is read, so
 *     "billion laughs" entity bombs and external entities
 *     (SYSTEM "file:///etc/passwd") never reach libxml2's entity code.
 *  3. libxml2 prints nothing: reporting options are off and its structured
 *     errors are captured per context; the first one becomes the message.
 */
#include "xml.h"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "uni.h"

/* libxml2 2.12 made the error passed to structured handlers const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *pl_xml_error_arg;
#else
typedef xmlErrorPtr pl_xml_error_arg;
#endif

struct pl_xml_node {
    char *name;
    char **attrs;  /* name, value, name, value ... */
    size_t nattrs; /* pairs */
    char *text;    /* trimmed; NULL while the tree is being built */
    int line;
    pl_xml_node *parent, *first, *last, *next;
    /* Set on the root of a tree made from an image: the nodes, attribute
     * pointers and strings are one allocation, starting at the root. */
    int one_block;
};

/* ---- errors ----------------------------------------------------------- */

typedef struct parse_state {
    const char *name; /* what errors call the input being parsed */
    pl_error *err;
    int failed; /* an error is recorded; later ones are dropped */
    int nomem;
} parse_state;

/* Copy `reason` into err as "NAME:LINE: reason" on one line: libxml2
 * messages end with '\n' and some embed one. */
static void set_error(pl_error *err, pl_status status, const char *name, long line,
                      const char *reason)
{
    if (err == NULL)
        return;
    char one[sizeof err->message];
    size_t len = strlen(reason);
    len = len < sizeof one - 1 ? len : sizeof one - 1;
    memcpy(one, reason, len);
    one[len] = '\0';
    for (size_t i = 0; i < len; i++)
        if (one[i] == '\n' || one[i] == '\r')
            one[i] = ' ';
    while (len > 0 && one[len - 1] == ' ')
        one[--len] = '\0';
    if (line > 0)
        pl_error_set_line(err, status, name, line, "%s", one);
    else
        pl_error_set(err, status, name, NULL, "%s", one);
}

static void record(parse_state *st, long line, const char *reason)
{
    if (st->failed)
        return;
    st->failed = 1;
    set_error(st->err, PL_ERR_DATA, st->name, line, reason);
}

/* Structured handler for schema parsing and validation (data = state). */
static void on_error(void *data, pl_xml_error_arg e)
{
    parse_state *st = data;
    if (e == NULL || e->level < XML_ERR_ERROR)
        return; /* warnings do not make a file invalid */
    if (e->code == XML_ERR_NO_MEMORY)
        st->nomem = 1;
    record(st, e->line, e->message ? e->message : "invalid XML");
}

/* Structured handler of the parser context: libxml2 passes the context. */
static void on_parse_error(void *ctx, pl_xml_error_arg e)
{
    xmlParserCtxtPtr ctxt = ctx;
    on_error(ctxt->_private, e);
}

/* SAX internalSubset: called at "<!DOCTYPE name ...", before any entity
 * declaration is read.  Stopping here is what makes entity tricks inert. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    xmlParserCtxtPtr ctxt = ctx;
    record(ctxt->_private, xmlSAX2GetLineNumber(ctx),
           "DOCTYPE not allowed (programme files use no DTD or entities)");
    xmlStopParser(ctxt);
}

/* ---- libxml2's context-less errors -------------------------------------- */

/* Errors without a parser context (a buffer that cannot grow: "internal
 * buffer error : Memory allocation failed") go to libxml2's generic error
 * function, which prints them on stderr whatever the parser options say,
 * and leave the context's own error untouched.  Each parse silences that
 * function for its thread (libxml2 keeps it per thread) and clears the
 * thread's last error; quiet_nomem() then says whether memory ran out
 * (RECOVER would otherwise go on with the text that did not fit gone). */
static _Thread_local int generic_errors;

static void silent_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
    generic_errors++; /* the parse errors go to the context's handler */
}

static void quiet_begin(void)
{
    xmlSetGenericErrorFunc(NULL, silent_generic);
    xmlResetLastError();
    generic_errors = 0;
}

/* Did memory run out (or a buffer fail) outside the context's handler?
 * The thread's last error may have been overwritten by a later parse
 * error, so a generic report counts too. */
static int quiet_nomem(void)
{
    const xmlError *e = xmlGetLastError();
    return generic_errors > 0 || (e != NULL && e->code == XML_ERR_NO_MEMORY);
}

/* ---- parsing ---------------------------------------------------------- */

static xmlDocPtr parse_doc(parse_state *st, const char *buf, size_t len)
{
    if (len == 0) {
        record(st, 0, "empty document");
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buf, (int)len);
    if (ctxt == NULL) {
        st->nomem = 1;
        return NULL;
    }
    /* No NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE: see rule 1. */
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
    ctxt->_private = st;
    ctxt->sax->serror = on_parse_error;
    ctxt->sax->internalSubset = on_doctype;
    ctxt->sax->externalSubset = NULL;
    xmlParseDocument(ctxt);
    xmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    int ok = ctxt->wellFormed && ctxt->nsWellFormed && !st->failed;
    if (!ok && !st->failed)
        record(st, ctxt->input ? ctxt->input->line : 0, "not well-formed XML");
    xmlFreeParserCtxt(ctxt);
    if (!ok) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

/* Validate doc against the schema in xsd[0..xsd_len).  0 when valid. */
static int validate_doc(parse_state *st, xmlDocPtr doc, const char *xsd, size_t xsd_len)
{
    const char *doc_name = st->name;
    int rc = -1;
    xmlSchemaValidCtxtPtr vc = NULL;
    xmlSchemaPtr schema = NULL;
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(xsd, (int)xsd_len);
    if (pc == NULL)
        goto out;
    st->name = "schema"; /* errors in the schema itself are ours, not the file's */
    xmlSchemaSetParserStructuredErrors(pc, on_error, st);
    schema = xmlSchemaParse(pc);
    st->name = doc_name;
    if (schema == NULL || (vc = xmlSchemaNewValidCtxt(schema)) == NULL)
        goto out;
    xmlSchemaSetValidStructuredErrors(vc, on_error, st);
    rc = xmlSchemaValidateDoc(vc, doc);
out:
    if (rc != 0)
        record(st, 0, "schema validation failed");
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
    return rc;
}

/* ---- the owned tree ---------------------------------------------------- */

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

static void free_node(pl_xml_node *n)
{
    for (size_t i = 0; i < 2 * n->nattrs; i++)
        free(n->attrs[i]);
    free(n->attrs);
    free(n->name);
    free(n->text);
    free(n);
}

static int copy_attrs(pl_xml_node *n, xmlNodePtr src)
{
    size_t count = 0;
    for (xmlAttrPtr a = src->properties; a != NULL; a = a->next)
        count++;
    if (count == 0)
        return 0;
    n->attrs = calloc(2 * count, sizeof *n->attrs);
    if (n->attrs == NULL)
        return -1;
    for (xmlAttrPtr a = src->properties; a != NULL; a = a->next) {
        xmlChar *v = xmlNodeListGetString(src->doc, a->children, 1);
        char **slot = n->attrs + 2 * n->nattrs;
        slot[0] = dup_str((const char *)a->name);
        slot[1] = dup_str(v ? (const char *)v : "");
        xmlFree(v);
        n->nattrs++; /* counted before checking, so free_node frees both */
        if (slot[0] == NULL || slot[1] == NULL)
            return -1;
    }
    return 0;
}

static pl_xml_node *new_node(xmlNodePtr src, pl_xml_node *parent)
{
    pl_xml_node *n = calloc(1, sizeof *n);
    if (n == NULL)
        return NULL;
    n->line = (int)xmlGetLineNo(src);
    n->name = dup_str((const char *)src->name);
    if (n->name == NULL || copy_attrs(n, src) != 0) {
        free_node(n);
        return NULL;
    }
    n->parent = parent;
    if (parent != NULL) {
        if (parent->last != NULL)
            parent->last->next = n;
        else
            parent->first = n;
        parent->last = n;
    }
    return n;
}

static int is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Give n the trimmed, owned copy of the text and CDATA children of src,
 * joined.  Collected here, once its children are done, so that a node
 * carries no buffer for building (the trees made from the embedded images
 * are nodes too: 112 bytes each with one, 80 without). */
static int finish_text(pl_xml_node *n, xmlNodePtr src)
{
    size_t total = 0;
    for (xmlNodePtr c = src->children; c != NULL; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            total += strlen((const char *)c->content);
    char *all = malloc(total + 1);
    if (all == NULL)
        return -1;
    size_t len = 0;
    for (xmlNodePtr c = src->children; c != NULL; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            size_t k = strlen((const char *)c->content);
            memcpy(all + len, c->content, k);
            len += k;
        }
    const char *s = all;
    while (len > 0 && is_xml_space(s[len - 1]))
        len--;
    while (len > 0 && is_xml_space(*s)) {
        s++;
        len--;
    }
    memmove(all, s, len);
    all[len] = '\0';
    n->text = all;
    return 0;
}

/* Copy the libxml2 tree under `root` into pl_xml_nodes.  Iterative: the
 * walk follows children/next/parent links, so input depth costs no stack. */
static pl_xml_node *convert(parse_state *st, xmlNodePtr root)
{
    pl_xml_node *out = new_node(root, NULL), *dst = out;
    xmlNodePtr parent = root, cur = root->children;
    int depth = 1;
    while (dst != NULL) {
        if (cur == NULL) { /* all children of `parent` done: go up */
            if (finish_text(dst, parent) != 0)
                goto nomem;
            if (parent == root)
                return out;
            cur = parent->next;
            parent = parent->parent;
            dst = dst->parent;
            depth--;
        } else if (cur->type == XML_ELEMENT_NODE) {
            if (depth >= PL_XML_MAX_DEPTH) {
                record(st, xmlGetLineNo(cur), "elements nested too deeply");
                pl_xml_free(out);
                return NULL;
            }
            if ((dst = new_node(cur, dst)) == NULL)
                goto nomem;
            parent = cur;
            cur = cur->children;
            depth++;
        } else {
            cur = cur->next; /* text: finish_text; comments, PIs: skipped */
        }
    }
nomem:
    st->nomem = 1;
    pl_xml_free(out);
    return NULL;
}

pl_xml_node *pl_xml_parse(const char *name, const char *buf, size_t len, const char *xsd,
                          size_t xsd_len, pl_error *err)
{
    parse_state st = {name ? name : "-", err, 0, 0};
    if (len > PL_XML_MAX_BYTES || xsd_len > PL_XML_MAX_BYTES) {
        set_error(err, PL_ERR_TOO_LARGE, st.name, 0, "XML document too large");
        return NULL;
    }
    xmlInitParser();
    quiet_begin();
    pl_xml_node *root = NULL;
    xmlDocPtr doc = parse_doc(&st, buf, len);
    if (doc != NULL && (xsd == NULL || validate_doc(&st, doc, xsd, xsd_len) == 0)) {
        xmlNodePtr top = xmlDocGetRootElement(doc);
        if (top == NULL)
            record(&st, 0, "no root element");
        else
            root = convert(&st, top);
    }
    xmlFreeDoc(doc);
    if (root == NULL && st.nomem)
        set_error(err, PL_ERR_NOMEM, st.name, 0, "out of memory");
    else if (root == NULL)
        record(&st, 0, "cannot parse XML");
    return root;
}

void pl_xml_free(pl_xml_node *root)
{
    if (root != NULL && root->one_block) {
        free(root);
        return;
    }
    /* Post-order without recursion: detach the first child and descend;
     * a childless node is freed and the walk moves to its sibling or back
     * up to its parent (whose first-child link is already cleared). */
    pl_xml_node *cur = root;
    while (cur != NULL) {
        if (cur->first != NULL) {
            pl_xml_node *child = cur->first;
            cur->first = NULL;
            cur = child;
            continue;
        }
        pl_xml_node *next = cur == root ? NULL : cur->next ? cur->next : cur->parent;
        free_node(cur);
        cur = next;
    }
}

const char *pl_xml_name(const pl_xml_node *node)
{
    return node->name;
}

/* Whether two names are equal: most names a lookup passes over differ in
 * their first byte, and are told apart without a call to strcmp (the
 * loaders of the embedded data ask about 9 000 times a process). */
static inline int same_name(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

const char *pl_xml_attr(const pl_xml_node *node, const char *name)
{
    for (size_t i = 0; i < node->nattrs; i++)
        if (same_name(node->attrs[2 * i], name))
            return node->attrs[2 * i + 1];
    return NULL;
}

const char *pl_xml_text(const pl_xml_node *node)
{
    return node->text ? node->text : "";
}

int pl_xml_line(const pl_xml_node *node)
{
    return node->line;
}

static pl_xml_node *from(pl_xml_node *n, const char *name)
{
    while (n != NULL && name != NULL && !same_name(n->name, name))
        n = n->next;
    return n;
}

pl_xml_node *pl_xml_first(const pl_xml_node *node, const char *name)
{
    return from(node->first, name);
}

pl_xml_node *pl_xml_next(const pl_xml_node *node, const char *name)
{
    return from(node->next, name);
}

pl_xml_node *pl_xml_parent(const pl_xml_node *node)
{
    return node->parent;
}

const pl_xml_node *pl_xml_walk_next(const pl_xml_node *root, const pl_xml_node *n)
{
    const pl_xml_node *child = pl_xml_first(n, NULL);
    if (child)
        return child;
    while (n != root && pl_xml_next(n, NULL) == NULL)
        n = pl_xml_parent(n);
    return n == root ? NULL : pl_xml_next(n, NULL);
}

size_t pl_xml_nattrs(const pl_xml_node *node)
{
    return node->nattrs;
}

const char *pl_xml_attr_name(const pl_xml_node *node, size_t i)
{
    return i < node->nattrs ? node->attrs[2 * i] : NULL;
}

const char *pl_xml_attr_value(const pl_xml_node *node, size_t i)
{
    return i < node->nattrs ? node->attrs[2 * i + 1] : NULL;
}

/* ---- trees from build-time images --------------------------------------- */

/* Does every offset and index of img point inside it?  The image comes
 * from our own build, but a wrong one must fail, not read out of bounds. */
static int image_ok(const pl_xml_image *img)
{
    size_t ns = img->strings_len, nn = img->nnodes;
    if (nn == 0 || ns == 0 || img->strings[ns - 1] != '\0')
        return 0;
    for (size_t i = 0; i < 2 * img->nattrs; i++)
        if (img->attrs[i] >= ns)
            return 0;
    for (size_t i = 0; i < nn; i++) {
        const pl_xml_image_node *n = &img->nodes[i];
        if (n->name >= ns || n->text >= ns || n->attrs > img->nattrs ||
            n->nattrs > img->nattrs - n->attrs)
            return 0;
        if ((n->parent != PL_XML_IMAGE_NONE && n->parent >= nn) ||
            (n->first != PL_XML_IMAGE_NONE && n->first >= nn) ||
            (n->next != PL_XML_IMAGE_NONE && n->next >= nn))
            return 0;
    }
    return img->nodes[0].parent == PL_XML_IMAGE_NONE && img->nodes[0].next == PL_XML_IMAGE_NONE;
}

static pl_xml_node *link_of(pl_xml_node *nodes, uint32_t i)
{
    return i == PL_XML_IMAGE_NONE ? NULL : &nodes[i];
}

pl_xml_node *pl_xml_from_image(const pl_xml_image *img, pl_error *err)
{
    if (!image_ok(img)) {
        set_error(err, PL_ERR_DATA, img->name, 0, "built-in tree image is inconsistent");
        return NULL;
    }
    /* One block: the nodes, then the attribute pointers, then a copy of
     * the strings (so that the tree owns what it points to, as a parsed
     * one does). */
    size_t nodes_size = img->nnodes * sizeof(pl_xml_node);
    size_t ptrs_size = 2 * img->nattrs * sizeof(char *);
    char *block = malloc(nodes_size + ptrs_size + img->strings_len);
    if (block == NULL) {
        set_error(err, PL_ERR_NOMEM, img->name, 0, "out of memory");
        return NULL;
    }
    pl_xml_node *nodes = (pl_xml_node *)(void *)block;
    char **ptrs = (char **)(void *)(block + nodes_size);
    char *strings = block + nodes_size + ptrs_size;
    memcpy(strings, img->strings, img->strings_len);
    for (size_t i = 0; i < 2 * img->nattrs; i++)
        ptrs[i] = strings + img->attrs[i];
    for (size_t i = 0; i < img->nnodes; i++) {
        const pl_xml_image_node *src = &img->nodes[i];
        pl_xml_node *n = &nodes[i];
        memset(n, 0, sizeof *n);
        n->name = strings + src->name;
        n->text = strings + src->text;
        n->attrs = src->nattrs ? ptrs + 2 * src->attrs : NULL;
        n->nattrs = src->nattrs;
        n->line = (int)src->line;
        n->parent = link_of(nodes, src->parent);
        n->first = link_of(nodes, src->first);
        n->next = link_of(nodes, src->next);
        if (n->parent != NULL)
            n->parent->last = n; /* document order: the last child seen is the last */
    }
    nodes[0].one_block = 1;
    return nodes;
}

/* ---- writer ----------------------------------------------------------- */

/* libxml2 strings are unsigned char; ours are char (both UTF-8). */
#define XC(s) ((const xmlChar *)(s))

struct pl_xml_writer {
    xmlTextWriterPtr tw;
    pl_buf *buf; /* exactly one of buf, fp */
    FILE *fp;
    int failed;
};

static int write_cb(void *ctx, const char *data, int len)
{
    pl_xml_writer *w = ctx;
    if (w->buf != NULL) {
        pl_buf_put(w->buf, data, (size_t)len);
        return w->buf->failed ? -1 : len;
    }
    return fwrite(data, 1, (size_t)len, w->fp) == (size_t)len ? len : -1;
}

static int close_cb(void *ctx)
{
    (void)ctx; /* the caller owns the buffer or FILE */
    return 0;
}

static pl_xml_writer *writer_new(pl_buf *buf, FILE *fp)
{
    pl_xml_writer *w = calloc(1, sizeof *w);
    if (w == NULL)
        return NULL;
    w->buf = buf;
    w->fp = fp;
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(write_cb, close_cb, w, NULL);
    if (ob == NULL || (w->tw = xmlNewTextWriter(ob)) == NULL) {
        if (ob != NULL)
            xmlOutputBufferClose(ob);
        free(w);
        return NULL;
    }
    if (xmlTextWriterSetIndent(w->tw, 1) < 0 || xmlTextWriterSetIndentString(w->tw, XC("  ")) < 0 ||
        xmlTextWriterStartDocument(w->tw, NULL, "UTF-8", NULL) < 0) {
        pl_xml_writer_free(w);
        return NULL;
    }
    return w;
}

pl_xml_writer *pl_xml_writer_new_buf(pl_buf *out)
{
    return out ? writer_new(out, NULL) : NULL;
}

pl_xml_writer *pl_xml_writer_new_file(FILE *fp)
{
    return fp ? writer_new(NULL, fp) : NULL;
}

static int allowed_in_xml(int32_t cp)
{
    if (cp < 0x20)
        return cp == '\t' || cp == '\n' || cp == '\r';
    return cp != 0xFFFE && cp != 0xFFFF;
}

/* `s` with invalid UTF-8 and the control characters XML 1.0 forbids
 * replaced by U+FFFD: libxml2 would otherwise write a document no parser
 * accepts.  Returns s itself when it is clean (the usual case), a new string
 * to free otherwise, NULL on allocation failure. */
static const char *clean_text(const char *s, char **owned)
{
    size_t len = strlen(s), i = 0;
    int32_t cp;
    int n;
    *owned = NULL;
    while (i < len && (n = pl_utf8_next(s, len, i, &cp)) > 0 && allowed_in_xml(cp))
        i += (size_t)n;
    if (i == len)
        return s;
    pl_buf b = PL_BUF_INIT;
    pl_buf_put(&b, s, i);
    while (i < len) {
        n = pl_utf8_next(s, len, i, &cp);
        if (n < 0 || !allowed_in_xml(cp)) {
            pl_buf_put_cp(&b, 0xFFFD);
            i += n < 0 ? 1 : (size_t)n;
        } else {
            pl_buf_put(&b, s + i, (size_t)n);
            i += (size_t)n;
        }
    }
    *owned = pl_buf_detach(&b, NULL); /* NULL if an append failed */
    return *owned;
}

/* Record a libxml2 result: negative means failure, for good. */
static int check(pl_xml_writer *w, int rc)
{
    if (rc < 0 || (w->buf != NULL && w->buf->failed))
        w->failed = 1;
    return w->failed ? -1 : 0;
}

int pl_xml_writer_start(pl_xml_writer *w, const char *name)
{
    if (w == NULL || w->failed)
        return -1;
    return check(w, xmlTextWriterStartElement(w->tw, XC(name)));
}

int pl_xml_writer_attr(pl_xml_writer *w, const char *name, const char *value)
{
    char *owned;
    if (w == NULL || w->failed)
        return -1;
    const char *v = clean_text(value ? value : "", &owned);
    int rc = v ? xmlTextWriterWriteAttribute(w->tw, XC(name), XC(v)) : -1;
    free(owned);
    return check(w, rc);
}

int pl_xml_writer_text(pl_xml_writer *w, const char *value)
{
    char *owned;
    if (w == NULL || w->failed)
        return -1;
    const char *v = clean_text(value ? value : "", &owned);
    int rc = v ? xmlTextWriterWriteString(w->tw, XC(v)) : -1;
    free(owned);
    return check(w, rc);
}

int pl_xml_writer_element(pl_xml_writer *w, const char *name, const char *text)
{
    if (pl_xml_writer_start(w, name) != 0 || pl_xml_writer_text(w, text) != 0)
        return -1;
    return pl_xml_writer_end(w);
}

int pl_xml_writer_end(pl_xml_writer *w)
{
    if (w == NULL || w->failed)
        return -1;
    return check(w, xmlTextWriterEndElement(w->tw));
}

int pl_xml_writer_finish(pl_xml_writer *w)
{
    if (w == NULL || w->failed)
        return -1;
    if (check(w, xmlTextWriterEndDocument(w->tw)) != 0)
        return -1;
    return check(w, xmlTextWriterFlush(w->tw));
}

void pl_xml_writer_free(pl_xml_writer *w)
{
    if (w == NULL)
        return;
    xmlFreeTextWriter(w->tw); /* closes the output buffer: close_cb */
    free(w);
}

/* ---- attributes an attacker piles up ------------------------------------ */

/* libxml2 before 2.12 checks each attribute of a start tag against all
 * the earlier ones: 50 000 attributes on one HTML element took 23 s, and
 * 320 000 on one DOCX element as long.  Before parsing, one pass counts
 * the attributes of every start tag (names outside quoted values) and
 * charges n * n; a page whose charge passes PL_XML_ATTR_BUDGET per byte
 * (plus a start) is refused.  Real markup has a few to a few tens of
 * attributes per element: well under one per byte. */
#define PL_XML_ATTR_BUDGET 8u
#define PL_XML_ATTR_FREE ((uint64_t)1 << 20)

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_letter(char c)
{
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_';
}

/* Move *i to `to`, counting the newlines passed in *line. */
static void advance(const char *buf, size_t *i, size_t to, long *line)
{
    for (const char *p = buf + *i; (p = memchr(p, '\n', (size_t)(buf + to - p))) != NULL; p++)
        (*line)++;
    *i = to;
}

/* The offset of the "-->" ending a comment that starts at buf[i], or len. */
static size_t comment_end(const char *buf, size_t len, size_t i)
{
    for (const char *p = buf + i; (p = memchr(p, '>', len - (size_t)(p - buf))) != NULL; p++)
        if (p - buf >= (ptrdiff_t)i + 2 && p[-1] == '-' && p[-2] == '-')
            return (size_t)(p - buf) + 1;
    return len;
}

/* Attribute names in the start tag whose name begins at buf[*i]; *i ends
 * after the tag. */
static uint64_t tag_attrs(const char *buf, size_t len, size_t *i, long *line)
{
    size_t k = *i;
    while (k < len && !is_space(buf[k]) && buf[k] != '>' && buf[k] != '/')
        k++;
    uint64_t names = 0;
    int in_name = 0;
    while (k < len && buf[k] != '>') {
        char c = buf[k];
        if (c == '=') { /* the value: quoted, or up to a space or '>' */
            k++;
            while (k < len && is_space(buf[k]))
                k++;
            if (k < len && (buf[k] == '"' || buf[k] == '\'')) {
                const char *e = memchr(buf + k + 1, buf[k], len - k - 1);
                k = e ? (size_t)(e - buf) + 1 : len;
            } else {
                while (k < len && !is_space(buf[k]) && buf[k] != '>')
                    k++;
            }
            in_name = 0;
            continue;
        }
        int sep = is_space(c) || c == '/' || c == '"' || c == '\'';
        if (!sep && !in_name)
            names++;
        in_name = !sep;
        k++;
    }
    advance(buf, i, k < len ? k + 1 : len, line);
    return names;
}

/* 0, or -1 with err filled when the start tags hold too many attributes. */
static int check_attrs(const char *name, const char *buf, size_t len, pl_error *err)
{
    uint64_t budget = PL_XML_ATTR_BUDGET * (uint64_t)len + PL_XML_ATTR_FREE, spent = 0;
    long line = 1;
    size_t i = 0;
    for (;;) {
        const char *lt = memchr(buf + i, '<', len - i);
        if (lt == NULL)
            return 0;
        advance(buf, &i, (size_t)(lt - buf) + 1, &line);
        if (len - i >= 3 && memcmp(buf + i, "!--", 3) == 0) {
            advance(buf, &i, comment_end(buf, len, i + 3), &line);
            continue;
        }
        if (i >= len || !is_letter(buf[i]))
            continue;
        long at = line;
        uint64_t n = tag_attrs(buf, len, &i, &line);
        spent += n * n;
        if (spent > budget) {
            char msg[160];
            snprintf(msg, sizeof msg,
                     "%llu attributes on one element: more than planlint reads in a "
                     "document of this size", (unsigned long long)n);
            set_error(err, PL_ERR_TOO_LARGE, name, at, msg);
            return -1;
        }
    }
}

/* ---- event walks ------------------------------------------------------- */

/* What pl_xml_ev_attr needs: the HTML node, or the SAX attribute array;
 * and the values it returned for the current start event, each a copy of
 * its own, all freed when the callback returns (ev_release).  xml.h
 * promises a value stays valid until then: with one scratch buffer for
 * the last value, a second lookup in the same callback overwrote the
 * first value or freed it (input_html.c's <ol start="7" type="..."> read
 * "start" after looking up "type": wrong numbers, or a heap use after
 * free when the type's value made the buffer grow; found while fuzz_html
 * ran). */
typedef struct ev_state {
    xmlNodePtr node;              /* HTML walk */
    const xmlChar **attrs;        /* SAX: localname, prefix, URI, value, end */
    int nattrs;
    char **vals;                  /* values returned for the current event */
    size_t nvals, capvals;
} ev_state;

/* Keep v (malloc'ed, owned from now on) until ev_release; v or NULL. */
static const char *keep_value(ev_state *st, char *v)
{
    if (v == NULL)
        return NULL;
    if (PL_ARRAY_RESERVE(st->vals, st->capvals, st->nvals + 1) != 0) {
        free(v);
        return NULL;
    }
    st->vals[st->nvals++] = v;
    return v;
}

/* The callback of a start event returned: its values are no longer used. */
static void ev_release(ev_state *st)
{
    for (size_t i = 0; i < st->nvals; i++)
        free(st->vals[i]);
    st->nvals = 0;
}

static void ev_free(ev_state *st)
{
    ev_release(st);
    free(st->vals);
    st->vals = NULL;
    st->capvals = 0;
}

static char *copy_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

const char *pl_xml_ev_attr(const pl_xml_ev *ev, const char *local)
{
    ev_state *st = ev->priv;
    if (st == NULL || ev->kind != PL_XML_START)
        return NULL;
    if (st->node != NULL) {
        for (xmlAttrPtr a = st->node->properties; a != NULL; a = a->next) {
            if (a->name == NULL || xmlStrcasecmp(a->name, XC(local)) != 0)
                continue;
            xmlChar *v = xmlNodeListGetString(st->node->doc, a->children, 1);
            const char *s = v ? (const char *)v : "";
            char *copy = copy_n(s, strlen(s)); /* malloc'ed, unlike v */
            xmlFree(v);
            return keep_value(st, copy);
        }
        return NULL;
    }
    for (int i = 0; i < st->nattrs; i++) {
        const xmlChar **a = st->attrs + 5 * i;
        if (xmlStrcmp(a[0], XC(local)) != 0)
            continue;
        return keep_value(st, copy_n((const char *)a[3], (size_t)(a[4] - a[3])));
    }
    return NULL;
}

static long node_line(xmlNodePtr n, long line_base)
{
    long line = xmlGetLineNo(n);
    return line > 0 ? line_base + line : 0;
}

/* Walk the tree under doc without recursion: down through children, then
 * along next siblings, back up through parents (emitting end events). */
static int walk_tree(xmlDocPtr doc, long line_base, pl_xml_cb cb, void *ctx)
{
    ev_state st = {0};
    pl_xml_ev ev = {0};
    ev.priv = &st;
    int rc = 0;
    xmlNodePtr cur = doc->children;
    while (cur != NULL && rc == 0) {
        int descend = 0;
        memset(&ev, 0, sizeof ev);
        ev.priv = &st;
        if (cur->type == XML_ELEMENT_NODE) {
            ev.kind = PL_XML_START;
            ev.name = (const char *)cur->name;
            ev.ns = cur->ns && cur->ns->href ? (const char *)cur->ns->href : NULL;
            ev.line = node_line(cur, line_base);
            st.node = cur;
            int r = cb(ctx, &ev);
            st.node = NULL;
            ev_release(&st);
            if (r == PL_XML_STOP)
                rc = -1;
            descend = r == PL_XML_GO;
            if (r == PL_XML_SKIP)
                descend = -1; /* no end event either */
        } else if ((cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) &&
                   cur->content != NULL) {
            ev.kind = PL_XML_TEXT;
            ev.text = (const char *)cur->content;
            ev.len = strlen(ev.text);
            ev.line = node_line(cur, line_base);
            if (cb(ctx, &ev) == PL_XML_STOP)
                rc = -1;
        }
        if (rc != 0)
            break;
        if (descend == 1 && cur->children != NULL) {
            cur = cur->children;
            continue;
        }
        if (descend == 1) { /* an empty element still ends */
            memset(&ev, 0, sizeof ev);
            ev.kind = PL_XML_END;
            ev.name = (const char *)cur->name;
            ev.line = node_line(cur, line_base);
            if (cb(ctx, &ev) == PL_XML_STOP) {
                rc = -1;
                break;
            }
        }
        /* next sibling, or climb until a parent has one */
        while (cur != NULL && cur->next == NULL) {
            cur = cur->parent;
            if (cur == NULL || cur->type == XML_DOCUMENT_NODE ||
                cur->type == XML_HTML_DOCUMENT_NODE) {
                cur = NULL;
                break;
            }
            memset(&ev, 0, sizeof ev);
            ev.kind = PL_XML_END;
            ev.name = (const char *)cur->name;
            ev.line = node_line(cur, line_base);
            if (cb(ctx, &ev) == PL_XML_STOP) {
                rc = -1;
                cur = NULL;
            }
        }
        if (cur != NULL)
            cur = cur->next;
    }
    ev_free(&st);
    return rc;
}

/* Structured error sink: the HTML parser in RECOVER mode reports every
 * sloppy tag; none of that is the user's business.  (libxml2 still keeps
 * the last one in ctxt->lastError, which html_stopped() reads.) */
static void ignore_error(void *ctx, pl_xml_error_arg e)
{
    (void)ctx;
    (void)e;
}

/* One parse of a piece of the page.  libxml2's HTML parser runs with
 * XML_PARSE_HUGE, so neither a text node above 10 MB nor nesting past 256
 * stops it part way (both would silently end the page there); the depth
 * guard is ours instead: at PL_XML_MAX_DEPTH open elements the parse
 * stops after that start tag, and the walk reads on from there as a new
 * piece.  A guard is needed because an end tag that matches no open
 * element costs libxml2 a scan of all of them (40 000 open <div> and as
 * many stray </span>: 6.7 s). */
typedef struct html_piece {
    startElementSAXFunc start; /* libxml2's own tree builder */
    int deep;                     /* stopped at the depth guard */
    size_t resume;                /* then: the offset in the piece after that tag */
} html_piece;

static void html_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    htmlParserCtxtPtr ctxt = ctx;
    html_piece *hp = ctxt->_private;
    hp->start(ctx, name, atts);
    if (hp->deep || ctxt->nameNr < PL_XML_MAX_DEPTH || ctxt->input == NULL)
        return;
    hp->deep = 1;
    hp->resume = ctxt->input->consumed + (size_t)(ctxt->input->cur - ctxt->input->base);
    xmlStopParser(ctxt);
}

/* Did libxml2 itself stop before the end of the piece (a fatal error, an
 * internal limit, no memory)?  Its reason and line go into *cut. */
static int html_stopped(htmlParserCtxtPtr ctxt, pl_xml_html_cut *cut, long line_base)
{
    const xmlError *e = &ctxt->lastError;
    if (e->code == XML_ERR_OK || e->code == XML_ERR_USER_STOP)
        return 0;
    if (e->level < XML_ERR_FATAL && e->code != XML_ERR_NO_MEMORY &&
        e->code != XML_ERR_INTERNAL_ERROR)
        return 0; /* repaired markup: RECOVER read on */
    cut->nomem = e->code == XML_ERR_NO_MEMORY;
    cut->stop_line = e->line > 0 ? line_base + e->line : 0;
    size_t k = 0;
    for (const char *m = e->message ? e->message : "the parser stopped";
         *m && k + 1 < sizeof cut->why; m++)
        cut->why[k++] = *m == '\n' || *m == '\r' ? ' ' : *m;
    while (k > 0 && cut->why[k - 1] == ' ')
        k--;
    cut->why[k] = '\0';
    return 1;
}

/* Parse buf[0..len) and walk it.  hp says whether the depth guard
 * stopped the parse, and where.  Event lines count from line_base + 1. */
static int html_piece_walk(const char *name, const char *buf, size_t len, const char *encoding,
                           long line_base, pl_xml_cb cb, void *ctx, html_piece *hp,
                           pl_xml_html_cut *cut, pl_error *err)
{
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt == NULL) {
        set_error(err, PL_ERR_NOMEM, name, 0, "out of memory");
        return -1;
    }
    ctxt->sax->serror = ignore_error;
    hp->start = ctxt->sax->startElement;
    ctxt->sax->startElement = html_start;
    ctxt->_private = hp;
    quiet_begin();
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, buf, (int)len, NULL, encoding,
                                        HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                                            XML_PARSE_HUGE);
    int stopped = !hp->deep && html_stopped(ctxt, cut, line_base);
    if (quiet_nomem()) { /* a buffer could not grow: text is missing */
        stopped = 1;
        cut->nomem = 1;
    }
    htmlFreeParserCtxt(ctxt);
    if (doc == NULL || (stopped && cut->nomem)) {
        xmlFreeDoc(doc);
        if (stopped && cut->nomem)
            set_error(err, PL_ERR_NOMEM, name, 0, "out of memory");
        else
            set_error(err, PL_ERR_ENCODING, name, 0, "cannot parse the HTML page");
        return -1;
    }
    if (stopped)
        cut->stopped = 1;
    int rc = walk_tree(doc, line_base, cb, ctx);
    xmlFreeDoc(doc);
    return rc;
}

static long count_lines(const char *s, size_t n)
{
    long k = 0;
    for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))) != NULL; p++)
        k++;
    return k;
}

int pl_xml_html_walk(const char *name, const char *buf, size_t len, const char *encoding,
                     pl_xml_cb cb, void *ctx, pl_xml_html_cut *cut, pl_error *err)
{
    name = name ? name : "-";
    memset(cut, 0, sizeof *cut);
    if (len > INT_MAX) {
        set_error(err, PL_ERR_TOO_LARGE, name, 0, "HTML page too large");
        return -1;
    }
    if (check_attrs(name, buf, len, err) != 0)
        return -1;
    xmlInitParser();
    size_t at = 0;
    long line_base = 0;
    for (;;) {
        html_piece hp = {0};
        if (html_piece_walk(name, buf + at, len - at, encoding, line_base, cb, ctx, &hp, cut,
                            err) != 0)
            return -1;
        if (!hp.deep || cut->stopped)
            return 0;
        /* read on after the start tag that reached the guard; offsets are
         * ours only when libxml2 read our bytes unconverted */
        size_t next = at + hp.resume;
        while (next < len && buf[next] != '>')
            next++;
        next += next < len;
        if (next >= len)
            return 0; /* the guard's tag ended the page */
        if (encoding == NULL || cut->restarts == PL_XML_HTML_MAX_RESTARTS) {
            cut->stopped = 1;
            cut->stop_line = line_base + 1 + count_lines(buf + at, next - at);
            snprintf(cut->why, sizeof cut->why, "elements nested deeper than %d",
                     PL_XML_MAX_DEPTH);
            return 0;
        }
        if (cut->restarts++ == 0)
            cut->first_offset = next;
        line_base += count_lines(buf + at, next - at);
        at = next;
    }
}

/* ---- SAX stream --------------------------------------------------------- */

typedef struct stream_state {
    parse_state ps;
    pl_xml_cb cb;
    void *ctx;
    xmlParserCtxtPtr ctxt;
    ev_state ev;
    int stopped; /* the callback asked to stop */
    long skip;   /* > 0: inside a skipped element, this many levels deep */
} stream_state;

static void stream_stop(stream_state *ss)
{
    ss->stopped = 1;
    xmlStopParser(ss->ctxt);
}

static void on_start_ns(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                        const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                        int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    (void)prefix;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    xmlParserCtxtPtr ctxt = ctx;
    stream_state *ss = ctxt->_private;
    if (ss->stopped)
        return;
    if (ss->skip > 0) {
        ss->skip++;
        return;
    }
    pl_xml_ev ev = {PL_XML_START, (const char *)localname, (const char *)uri, NULL, 0,
                    xmlSAX2GetLineNumber(ctx), &ss->ev};
    ss->ev.attrs = attributes;
    ss->ev.nattrs = nb_attributes;
    int r = ss->cb(ss->ctx, &ev);
    ss->ev.attrs = NULL;
    ss->ev.nattrs = 0;
    ev_release(&ss->ev);
    if (r == PL_XML_STOP)
        stream_stop(ss);
    else if (r == PL_XML_SKIP)
        ss->skip = 1;
}

static void on_end_ns(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                      const xmlChar *uri)
{
    (void)prefix;
    xmlParserCtxtPtr ctxt = ctx;
    stream_state *ss = ctxt->_private;
    if (ss->stopped)
        return;
    if (ss->skip > 0) {
        ss->skip--;
        return;
    }
    pl_xml_ev ev = {PL_XML_END, (const char *)localname, (const char *)uri, NULL, 0,
                    xmlSAX2GetLineNumber(ctx), &ss->ev};
    if (ss->cb(ss->ctx, &ev) == PL_XML_STOP)
        stream_stop(ss);
}

static void on_chars(void *ctx, const xmlChar *ch, int len)
{
    xmlParserCtxtPtr ctxt = ctx;
    stream_state *ss = ctxt->_private;
    if (ss->stopped || ss->skip > 0 || len <= 0)
        return;
    pl_xml_ev ev = {PL_XML_TEXT, NULL, NULL, (const char *)ch, (size_t)len,
                    xmlSAX2GetLineNumber(ctx), &ss->ev};
    if (ss->cb(ss->ctx, &ev) == PL_XML_STOP)
        stream_stop(ss);
}

/* Like on_parse_error, this gets the parser context (ctxt->userData), not
 * the stream state: taking it for the state made record() write the
 * error message over the context, whose pointers (ctxt->myDoc, freed at
 * the end) were then message bytes: a SEGV on any DOCX part that is not
 * well-formed XML, found by fuzz_docx. */
static void on_stream_error(void *ctx, pl_xml_error_arg e)
{
    xmlParserCtxtPtr ctxt = ctx;
    stream_state *ss = ctxt->_private;
    if (e == NULL || e->level < XML_ERR_ERROR)
        return;
    if (e->code == XML_ERR_NO_MEMORY)
        ss->ps.nomem = 1;
    record(&ss->ps, e->line, e->message ? e->message : "invalid XML");
}

static void on_stream_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                              const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    xmlParserCtxtPtr ctxt = ctx;
    stream_state *ss = ctxt->_private;
    record(&ss->ps, xmlSAX2GetLineNumber(ctx), "DOCTYPE not allowed in this document");
    xmlStopParser(ctxt);
}

int pl_xml_stream(const char *name, const char *buf, size_t len, pl_xml_cb cb, void *ctx,
                  pl_error *err)
{
    stream_state ss = {{name ? name : "-", err, 0, 0}, cb, ctx, NULL, {0}, 0, 0};
    if (len > INT_MAX) {
        set_error(err, PL_ERR_TOO_LARGE, ss.ps.name, 0, "XML document too large");
        return -1;
    }
    if (len == 0) {
        set_error(err, PL_ERR_ENCODING, ss.ps.name, 0, "empty XML document");
        return -1;
    }
    if (check_attrs(ss.ps.name, buf, len, err) != 0)
        return -1;
    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buf, (int)len);
    if (ctxt == NULL) {
        set_error(err, PL_ERR_NOMEM, ss.ps.name, 0, "out of memory");
        return -1;
    }
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_BIG_LINES);
    /* Our handler replaces the tree builder: no document is built, and the
     * only way into entity declarations, the internal subset, is refused. */
    xmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = on_start_ns;
    h.endElementNs = on_end_ns;
    h.characters = on_chars;
    h.cdataBlock = on_chars;
    h.internalSubset = on_stream_doctype;
    h.serror = on_stream_error;
    *ctxt->sax = h;
    ctxt->userData = ctxt; /* SAX callbacks receive the context */
    ctxt->_private = &ss;
    ss.ctxt = ctxt;
    quiet_begin();
    xmlParseDocument(ctxt);
    if (quiet_nomem())
        record(&ss.ps, 0, "out of memory");
    ss.ps.nomem |= quiet_nomem();
    int ok = ctxt->wellFormed && !ss.ps.failed && !ss.stopped;
    if (!ok && !ss.ps.failed && !ss.stopped)
        record(&ss.ps, ctxt->input ? ctxt->input->line : 0, "not well-formed XML");
    if (ctxt->myDoc != NULL)
        xmlFreeDoc(ctxt->myDoc);
    xmlFreeParserCtxt(ctxt);
    ev_free(&ss.ev);
    if (ss.ps.failed && err != NULL && !ss.stopped)
        err->status = ss.ps.nomem ? PL_ERR_NOMEM : PL_ERR_ENCODING;
    return ok ? 0 : -1;
}
