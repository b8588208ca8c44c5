/* xml_lazy.c - the libxml2 functions util/xml.c calls, loading libxml2 on
 * the first call (util/dynlib.h says why).  Each prototype is libxml2's
 * own, which the compiler checks against its headers.  A function xml.c
 * starts to call must be added here, or the link fails with its name.
 *
 * libxml2 brings ICU and the C++ runtime with it: loading them cost every
 * run about 2.9 M instructions and 6 ms of CPU, while a plain-text plan
 * needs no XML since the built-in data is read from build-time tables
 * (util/embedded.h).  HTML input, XML output, pl_programs_load_file and a
 * user's vocabulary file load it. */
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>

#include <dlfcn.h>

#include "dynlib.h"

/* libxml2 must be initialised once before two threads use it ("call once
 * before processing in case of use in multithreaded programs",
 * xmlInitParser's documentation): run from two workers at once (--jobs),
 * its first call set up its global mutexes in one thread while the other
 * already locked them (a data race scripts/tsan.sh reported inside
 * xmlRMutexLock).  So the loader calls it, under its lock, before any
 * thread can call libxml2; the calls in xml.c are then no-ops. */
static void init_libxml2(void *handle)
{
    void (*init)(void) = (void (*)(void))dlsym(handle, "xmlInitParser");
    if (init)
        init();
}

static pl_dynlib libxml2 = {PL_LIBXML2_SONAME, "reading or writing XML or HTML", NULL,
                            init_libxml2};

#define FN(ret, name, params, args) PL_DYNLIB_FN(libxml2, ret, name, params, args)
#define VOID(name, params, args) PL_DYNLIB_VOID(libxml2, name, params, args)

/* libxml2 2.12 made the last error const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *pl_last_error;
#else
typedef xmlErrorPtr pl_last_error;
#endif

/* ---- set-up and errors --------------------------------------------------- */

VOID(xmlInitParser, (void), ())
FN(pl_last_error, xmlGetLastError, (void), ())
VOID(xmlResetLastError, (void), ())
VOID(xmlSetGenericErrorFunc, (void *ctx, xmlGenericErrorFunc handler), (ctx, handler))

/* xmlFree is a variable of libxml2's (a function pointer), not a function:
 * ours calls libxml2's through it.  It only ever frees what libxml2
 * returned, so libxml2 is loaded by then. */
static void free_via_libxml2(void *p)
{
    xmlFreeFunc *real = pl_dynlib_sym(&libxml2, "xmlFree");
    (*real)(p);
}
xmlFreeFunc xmlFree = free_via_libxml2;

/* ---- parsing -------------------------------------------------------------- */

FN(xmlParserCtxtPtr, xmlCreateMemoryParserCtxt, (const char *buffer, int size), (buffer, size))
FN(int, xmlCtxtUseOptions, (xmlParserCtxtPtr ctxt, int options), (ctxt, options))
FN(int, xmlParseDocument, (xmlParserCtxtPtr ctxt), (ctxt))
VOID(xmlStopParser, (xmlParserCtxtPtr ctxt), (ctxt))
VOID(xmlFreeParserCtxt, (xmlParserCtxtPtr ctxt), (ctxt))
FN(int, xmlSAX2GetLineNumber, (void *ctx), (ctx))
FN(htmlParserCtxtPtr, htmlNewParserCtxt, (void), ())
FN(htmlDocPtr, htmlCtxtReadMemory,
   (xmlParserCtxtPtr ctxt, const char *buffer, int size, const char *URL, const char *encoding,
    int options),
   (ctxt, buffer, size, URL, encoding, options))
VOID(htmlFreeParserCtxt, (htmlParserCtxtPtr ctxt), (ctxt))

/* ---- the tree ------------------------------------------------------------- */

FN(xmlNodePtr, xmlDocGetRootElement, (const xmlDoc *doc), (doc))
VOID(xmlFreeDoc, (xmlDocPtr cur), (cur))
FN(long, xmlGetLineNo, (const xmlNode *node), (node))
FN(xmlChar *, xmlNodeListGetString, (xmlDocPtr doc, const xmlNode *list, int inLine),
   (doc, list, inLine))
FN(int, xmlStrcmp, (const xmlChar *str1, const xmlChar *str2), (str1, str2))
FN(int, xmlStrcasecmp, (const xmlChar *str1, const xmlChar *str2), (str1, str2))

/* ---- schemas (user files only: the built-in data was checked at build) ---- */

FN(xmlSchemaParserCtxtPtr, xmlSchemaNewMemParserCtxt, (const char *buffer, int size),
   (buffer, size))
FN(xmlSchemaPtr, xmlSchemaParse, (xmlSchemaParserCtxtPtr ctxt), (ctxt))
FN(xmlSchemaValidCtxtPtr, xmlSchemaNewValidCtxt, (xmlSchemaPtr schema), (schema))
FN(int, xmlSchemaValidateDoc, (xmlSchemaValidCtxtPtr ctxt, xmlDocPtr instance), (ctxt, instance))
VOID(xmlSchemaSetParserStructuredErrors,
     (xmlSchemaParserCtxtPtr ctxt, xmlStructuredErrorFunc serror, void *ctx), (ctxt, serror, ctx))
VOID(xmlSchemaSetValidStructuredErrors,
     (xmlSchemaValidCtxtPtr ctxt, xmlStructuredErrorFunc serror, void *ctx), (ctxt, serror, ctx))
VOID(xmlSchemaFree, (xmlSchemaPtr schema), (schema))
VOID(xmlSchemaFreeParserCtxt, (xmlSchemaParserCtxtPtr ctxt), (ctxt))
VOID(xmlSchemaFreeValidCtxt, (xmlSchemaValidCtxtPtr ctxt), (ctxt))

/* ---- the writer ----------------------------------------------------------- */

FN(xmlOutputBufferPtr, xmlOutputBufferCreateIO,
   (xmlOutputWriteCallback iowrite, xmlOutputCloseCallback ioclose, void *ioctx,
    xmlCharEncodingHandlerPtr encoder),
   (iowrite, ioclose, ioctx, encoder))
FN(int, xmlOutputBufferClose, (xmlOutputBufferPtr out), (out))
FN(xmlTextWriterPtr, xmlNewTextWriter, (xmlOutputBufferPtr out), (out))
VOID(xmlFreeTextWriter, (xmlTextWriterPtr writer), (writer))
FN(int, xmlTextWriterSetIndent, (xmlTextWriterPtr writer, int indent), (writer, indent))
FN(int, xmlTextWriterSetIndentString, (xmlTextWriterPtr writer, const xmlChar *str),
   (writer, str))
FN(int, xmlTextWriterStartDocument,
   (xmlTextWriterPtr writer, const char *version, const char *encoding, const char *standalone),
   (writer, version, encoding, standalone))
FN(int, xmlTextWriterEndDocument, (xmlTextWriterPtr writer), (writer))
FN(int, xmlTextWriterStartElement, (xmlTextWriterPtr writer, const xmlChar *name), (writer, name))
FN(int, xmlTextWriterEndElement, (xmlTextWriterPtr writer), (writer))
FN(int, xmlTextWriterWriteAttribute,
   (xmlTextWriterPtr writer, const xmlChar *name, const xmlChar *content),
   (writer, name, content))
FN(int, xmlTextWriterWriteString, (xmlTextWriterPtr writer, const xmlChar *content),
   (writer, content))
FN(int, xmlTextWriterFlush, (xmlTextWriterPtr writer), (writer))
