/* planlint.h - public API of libplanlint.
 *
 * planlint reads Vietnamese government plans, extracts their structured
 * targets, and checks them against the plans above them.  Data flows one
 * way:  bytes -> pl_doc (parser/) -> findings (rules/) -> renderers.
 *
 * Conventions
 *  - Every public name starts with pl_ / PL_.
 *  - Handles are opaque; each _new/_parse has a matching _free.
 *  - Functions that can fail take a pl_error * (may be NULL) and return NULL
 *    or a negative value; the error's message is one line that names the
 *    input and, where it applies, the byte offset.  Findings about a
 *    document are data, never errors, and the library prints nothing.
 *  - Strings returned by accessors belong to the handle and live as long
 *    as it does.
 */
#ifndef PLANLINT_H
#define PLANLINT_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PL_VERSION "0.1.0"
/* Version of the output contract (SPEC.md "planlint": 1). */
#define PL_CONTRACT_VERSION 1

typedef enum pl_status {
    PL_OK = 0,
    PL_ERR_IO,        /* cannot open or read */
    PL_ERR_ENCODING,  /* not decodable text (invalid UTF-8, ...) */
    PL_ERR_TOO_LARGE, /* above the size limit */
    PL_ERR_NOMEM,
    PL_ERR_DATA,      /* a programme, rule or configuration file is invalid */
    PL_ERR_USAGE      /* bad argument */
} pl_status;

typedef struct pl_error {
    pl_status status;
    char message[512]; /* one line, no trailing newline */
} pl_error;

/* Default cap on one input's size; `--max-size` overrides it.  Plans are a
 * few hundred kilobytes; 64 MiB leaves room for PDF text dumps while
 * keeping a runaway input (a disk image, a log) from eating memory. */
#define PL_DEFAULT_MAX_BYTES ((size_t)64 * 1024 * 1024)

typedef struct pl_programs pl_programs; /* registry of national programmes */
typedef struct pl_doc pl_doc;           /* one parsed plan */

/* ---- programmes ------------------------------------------------------ */

/* A registry holding the built-in programmes (embedded in the library).
 * Caller frees with pl_programs_free.  NULL on failure (err filled). */
pl_programs *pl_programs_new_builtin(pl_error *err);
/* An empty registry. */
pl_programs *pl_programs_new(void);
/* Load one programme file (XML, data/schema/program.xsd) into the
 * registry; a programme with an id already present replaces it.  Returns 0
 * or -1 with err filled. */
int pl_programs_load_file(pl_programs *ps, const char *path, pl_error *err);
void pl_programs_free(pl_programs *ps);

/* ---- documents ------------------------------------------------------- */

typedef struct pl_parse_options {
    size_t max_bytes; /* 0 = PL_DEFAULT_MAX_BYTES */
} pl_parse_options;

/* Parse a plan from memory.  `name` is how the input is called in output
 * and errors ("-" for standard input).  The bytes are copied.  Returns NULL
 * with err filled when the input cannot be read as text (for example
 * "plan.txt: invalid UTF-8 at byte 17 (line 2, column 5)"). */
pl_doc *pl_doc_parse(const char *name, const void *bytes, size_t len,
                     const pl_programs *programs, const pl_parse_options *opt,
                     pl_error *err);
/* Read and parse a file; "-" reads standard input. */
pl_doc *pl_doc_read(const char *path, const pl_programs *programs,
                    const pl_parse_options *opt, pl_error *err);
void pl_doc_free(pl_doc *doc);

const char *pl_doc_source(const pl_doc *doc);
size_t pl_doc_target_count(const pl_doc *doc);
size_t pl_doc_section_count(const pl_doc *doc);
/* Id of the programme the plan implements, or NULL when unknown. */
const char *pl_doc_program(const pl_doc *doc);

/* ---- inputs ---------------------------------------------------------- */

/* Expand command-line operands into the list of plan files to read: a file
 * stays as given, "-" stays, a directory is walked (sorted, hidden entries
 * and files that are not plans skipped; see pl_is_plan_file).  Unreadable
 * operands are kept so that reading them reports the error in order.
 * Returns the count; *out is a NULL-terminated array the caller frees with
 * pl_paths_free.  -1 on allocation failure. */
long pl_expand_inputs(char *const *operands, size_t n, char ***out);
void pl_paths_free(char **paths);
/* Whether a file name looks like a plan (.txt, .text, .md, .html, .htm,
 * .xhtml, .docx, .pdf, no extension). */
int pl_is_plan_file(const char *name);

/* ---- output ---------------------------------------------------------- */

typedef enum pl_format {
    PL_FMT_JSON,
    PL_FMT_NDJSON,
    PL_FMT_XML,
    PL_FMT_CSV,
    PL_FMT_TEXT,
    PL_FMT_HTML,
    PL_FMT_MD,
    PL_FMT_SARIF
} pl_format;

/* Parse a format name ("json", ...); -1 if unknown. */
int pl_format_parse(const char *name);

/* Streaming writer for `extract`: begin, one call per document, end.
 * Output for N documents equals what the SPEC prescribes (a lone JSON
 * object for one input, an array for several); the writer decides at end()
 * so it holds at most one rendered document in memory. */
typedef struct pl_extract_writer pl_extract_writer;
pl_extract_writer *pl_extract_writer_new(FILE *out, pl_format fmt, size_t expected_docs);
int pl_extract_writer_add(pl_extract_writer *w, const pl_doc *doc);
int pl_extract_writer_end(pl_extract_writer *w);
void pl_extract_writer_free(pl_extract_writer *w);

#ifdef __cplusplus
}
#endif

#endif
