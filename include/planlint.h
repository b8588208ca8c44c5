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
 *  - Ownership: a pointer returned by an accessor (a string, a
 *    pl_header, pl_citation, pl_section, pl_target or pl_finding) belongs
 *    to the handle it came from and stays valid, unchanged, until that
 *    handle is freed; never free it.  What a _new, _parse or _read
 *    returns is the caller's, freed with the matching _free.
 *  - Lifetimes: a pl_programs registry must outlive every document,
 *    checker and comparison made with it: they point into it (a target's
 *    indicator id, a document's programme id are the registry's strings).
 *    A report lives on its own (it copies what it needs of the document);
 *    so does a page or a comparison once a document was added to it.
 *  - Threads: the library keeps no global state a caller must set up
 *    (shared caches are built once, under a lock).  A handle may be used
 *    by one thread at a time; handles used only through const pointers
 *    may be shared by any number of threads: a finished pl_programs (no
 *    pl_programs_load_file any more), a pl_doc and everything it hands
 *    out, a pl_report.  pl_check_doc may run in several threads on one
 *    pl_checker once it is set up (`check --jobs` does).  A writer, a page,
 *    a comparison and a pl_config are one thread's at a time.
 *  - Version: PL_VERSION_MAJOR/MINOR/PATCH (and PL_VERSION, a string) say
 *    which header a program was compiled with; pl_version() which library
 *    it runs with.  Only the names in this header are exported by the
 *    shared library.
 *  - NULL, one rule for every function: _free(NULL) does nothing; an
 *    accessor given a NULL handle returns NULL, 0 (or the value that says
 *    "none"); any other function given NULL for a handle, a FILE or a
 *    string it needs returns its failure value (NULL or -1) and, when it
 *    takes a pl_error, fills it with PL_ERR_USAGE "pl_x: 'arg' is NULL".
 *    Never a crash: the checks stay in release builds (libgit2's
 *    GIT_ASSERT_ARG).  Documented exceptions: optional arguments (a NULL
 *    pl_error, pl_parse_options or pl_config means "none"/defaults).
 */
#ifndef PLANLINT_H
#define PLANLINT_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* PL_VERSION_MAJOR, _MINOR, _PATCH, PL_VERSION ("0.1.0") and
 * PL_VERSION_NUMBER (MAJOR * 10000 + MINOR * 100 + PATCH), from the
 * project version of CMakeLists.txt. */
#include "planlint_version.h"

/* Every function of the API is marked PL_API: exported from the shared
 * library, which hides everything else (-fvisibility=hidden). */
#if defined(__GNUC__) && __GNUC__ >= 4
#define PL_API __attribute__((visibility("default")))
#else
#define PL_API
#endif

/* The version of the library the program runs with ("0.1.0"); compare
 * with PL_VERSION to see whether it is the one compiled against.  A
 * static string. */
PL_API const char *pl_version(void);
/* The same as a number: PL_VERSION_NUMBER of the library. */
PL_API long pl_version_number(void);
/* Version of the output contract (docs/CONTRACT.md §3: "planlint": 1). */
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
PL_API pl_programs *pl_programs_new_builtin(pl_error *err);
/* An empty registry. */
PL_API pl_programs *pl_programs_new(void);
/* Load one programme file (XML, data/schema/program.xsd) into the
 * registry; a programme with an id already present replaces it for
 * everything made afterwards.  The replaced programme is not freed: it
 * stays alive until pl_programs_free, because documents, checkers and
 * comparisons made before point into it (they keep using it).  Loading
 * the same id again and again therefore grows the registry.  Not to be
 * called while another thread uses the registry.  Returns 0 or -1 with
 * err filled. */
PL_API int pl_programs_load_file(pl_programs *ps, const char *path, pl_error *err);
PL_API void pl_programs_free(pl_programs *ps);

/* ---- documents ------------------------------------------------------- */

typedef struct pl_parse_options {
    size_t max_bytes; /* 0 = PL_DEFAULT_MAX_BYTES */
    /* Input format: "text", "html", "docx", "odt" or "pdf"; NULL or "auto" = chosen
     * by content (magic bytes), whatever the file is called. */
    const char *format_in;
    /* Encoding of plain text (and HTML): "utf-8", "utf-16le", "utf-16be",
     * "tcvn3" (ABC, .VnTime), "tcvn5712-1", "vni", "viscii", "cp1258",
     * "mojibake" (UTF-8 once read as Windows-1252); NULL or "auto" = UTF-8
     * when it is valid UTF-8 (a BOM decides UTF-16), else detected. */
    const char *encoding;
    /* Id of the programme a plan is read against when its text names none
     * (no title, no citation: a fragment, a table pasted alone).  NULL =
     * none: such a plan has no programme and its targets no indicator. */
    const char *program;
    /* Called while a PDF is read through OCR (seconds a page), before each
     * page: the `done`th of `total` pages to read (1-based), for a progress
     * display.  It runs on the thread that reads the document (a worker,
     * when several are read at once), with `name` as given to the parse,
     * and must return quickly.  NULL = none. */
    void (*ocr_page)(void *arg, const char *name, size_t done, size_t total);
    void *ocr_page_arg;
} pl_parse_options;

/* A hint for speed only: the size in bytes of all the input this process
 * is about to read, when the caller knows it before reading (the command
 * line sizes its files).  A run of at most 32 KB interprets its patterns
 * instead of JIT-compiling them, which costs more than it saves on so
 * little text.  Results are the same whether or not it is called. */
PL_API void pl_run_input_bytes(size_t bytes);

/* Check the names in opt before reading anything: 0, or -1 with err
 * filled (PL_ERR_USAGE, "unknown encoding 'x' (...)"). */
PL_API int pl_parse_options_check(const pl_parse_options *opt, pl_error *err);

/* Parse a plan from memory.  `name` is how the input is called in output
 * and errors ("-" for standard input).  The bytes are copied.  Returns NULL
 * with err filled when the input cannot be read as text (for example
 * "plan.txt: invalid UTF-8 at byte 17 (line 2, column 5)"), or when a text
 * holds only blank lines, in any encoding and whatever reader format_in
 * forces ("plan.txt: no text: only blank lines (2 bytes)"). */
PL_API pl_doc *pl_doc_parse(const char *name, const void *bytes, size_t len,
                     const pl_programs *programs, const pl_parse_options *opt,
                     pl_error *err);
/* Read and parse a file; "-" reads standard input.  A file of 0 bytes is
 * an error ("plan.docx: empty file (0 bytes)"): no plan is in it, whatever
 * its name says it is (pl_doc_parse of 0 bytes is an empty plan); so is a
 * text file of blank lines, as with pl_doc_parse. */
PL_API pl_doc *pl_doc_read(const char *path, const pl_programs *programs,
                    const pl_parse_options *opt, pl_error *err);
PL_API void pl_doc_free(pl_doc *doc);

PL_API const char *pl_doc_source(const pl_doc *doc);
/* Id of the programme the plan implements, or NULL when unknown. */
PL_API const char *pl_doc_program(const pl_doc *doc);
/* A note about how the input was read, for the user (the CLI prints it on
 * stderr as "planlint: NAME: note: ..."), or NULL: an encoding that was
 * guessed (and a close runner-up), repaired mojibake, PDF pages without
 * text.  Owned by the document. */
PL_API const char *pl_doc_note(const pl_doc *doc);
/* Check the parsed document's invariants (offsets inside their texts,
 * ranges in order, offset maps that only go forward, a well-formed section
 * tree, positions 1-based, strings valid UTF-8).  0 when all hold; -1 with
 * the first broken one described in why[0..why_size) otherwise.  A -1 is a
 * bug in planlint, never in the input.  Builds configured with
 * -DPLANLINT_DOC_CHECK=ON run it after every parse and abort on -1. */
PL_API int pl_doc_check(const pl_doc *doc, char *why, size_t why_size);

/* ---- what a document holds ------------------------------------------
 *
 * What `extract -f json` writes (docs/CONTRACT.md §3), as data: the
 * header, the citations, the sections and the targets, each through an
 * opaque handle the document owns (valid until pl_doc_free, never freed
 * by the caller).  Strings are UTF-8 (NFC), NULL when the document does
 * not say; numbers are 0 when it does not say.  Positions are 1-based
 * line and column (in characters) in the input as given, as in findings.
 *
 *   const pl_header *h = pl_doc_header(doc);
 *   printf("%s %s\n", pl_header_number(h), pl_header_issuer(h));
 *   for (size_t i = 0; i < pl_doc_target_count(doc); i++) {
 *       const pl_target *t = pl_doc_target(doc, i);
 *       printf("%s %s %g%s\n", pl_target_indicator(t),
 *              pl_target_comparator(t), pl_target_value(t), pl_target_unit(t));
 *   }
 *
 * An index out of range gives NULL; an accessor given NULL gives NULL or
 * 0, as everywhere. */

typedef struct pl_header pl_header;     /* the document's own header */
typedef struct pl_citation pl_citation; /* a document the plan cites */
typedef struct pl_section pl_section;   /* a numbered part ("I.", "1.", "a)") */
typedef struct pl_target pl_target;     /* one target set by the plan */

/* How the text was obtained (JSON document.read): "text", "html",
 * "docx", "odt", "pdf", or "ocr" when any PDF page was read through OCR. */
PL_API const char *pl_doc_reading(const pl_doc *doc);

/* -- the header (JSON "document") -- */
PL_API const pl_header *pl_doc_header(const pl_doc *doc);
/* "document", or "summary" (a table or list that summarises plans). */
PL_API const char *pl_header_form(const pl_header *h);
/* Who issued the document and where: "UBND tỉnh Hưng Yên", its level
 * ("national", "province", "district", "commune"; NULL when unknown) and
 * the place ("Hưng Yên"). */
PL_API const char *pl_header_issuer(const pl_header *h);
PL_API const char *pl_header_level(const pl_header *h);
PL_API const char *pl_header_locality(const pl_header *h);
/* What the document is: its kind as abbreviated in its number ("KH",
 * "QĐ", "Luật"...) and its number ("151/KH-UBND"). */
PL_API const char *pl_header_kind(const pl_header *h);
PL_API const char *pl_header_number(const pl_header *h);
/* The date of signature: 1 with *year, *month, *day filled (any may be
 * NULL), or 0 when the header gives no whole date (they are set to 0). */
PL_API int pl_header_date(const pl_header *h, int *year, int *month, int *day);
/* Line and column where the date was read, 0 when none was. */
PL_API unsigned long pl_header_date_line(const pl_header *h);
PL_API unsigned long pl_header_date_column(const pl_header *h);
/* The period the plan covers ("giai đoạn 2021-2025": 2021, 2025) and the
 * horizon of a vision ("tầm nhìn đến năm 2030"); 0 when not stated. */
PL_API int pl_header_period_start(const pl_header *h);
PL_API int pl_header_period_end(const pl_header *h);
PL_API int pl_header_horizon(const pl_header *h);
/* Id of the programme the plan implements (as pl_doc_program), or NULL.
 * Owned by the registry. */
PL_API const char *pl_header_program(const pl_header *h);
/* Blanks left to fill in a draft ("Số:   /KH-UBND", "ngày ... tháng"):
 * their field ("number", "day", "month", "year") and position. */
PL_API size_t pl_header_placeholder_count(const pl_header *h);
PL_API const char *pl_header_placeholder_field(const pl_header *h, size_t i);
PL_API unsigned long pl_header_placeholder_line(const pl_header *h, size_t i);
PL_API unsigned long pl_header_placeholder_column(const pl_header *h, size_t i);

/* -- citations, in the order of the text -- */
PL_API size_t pl_doc_citation_count(const pl_doc *doc);
PL_API const pl_citation *pl_doc_citation(const pl_doc *doc, size_t i);
/* "KH", "QĐ", "NĐ", "Luật"... */
PL_API const char *pl_citation_kind(const pl_citation *c);
/* "81/KH-UBND"; NULL for a law cited by its name. */
PL_API const char *pl_citation_number(const pl_citation *c);
/* A law's name or the cited document's summary, or NULL. */
PL_API const char *pl_citation_title(const pl_citation *c);
PL_API const char *pl_citation_issuer(const pl_citation *c);
/* "implements" ("Thực hiện ..."), "basis" ("Căn cứ ...") or "mentioned". */
PL_API const char *pl_citation_relation(const pl_citation *c);
/* As pl_header_date. */
PL_API int pl_citation_date(const pl_citation *c, int *year, int *month, int *day);
/* Where the citation starts (its document type word) and ends
 * (exclusive), as a finding's span. */
PL_API unsigned long pl_citation_line(const pl_citation *c);
PL_API unsigned long pl_citation_column(const pl_citation *c);
PL_API unsigned long pl_citation_end_line(const pl_citation *c);
PL_API unsigned long pl_citation_end_column(const pl_citation *c);

/* -- sections: the tree in document order (a parent before its children) -- */
PL_API size_t pl_doc_section_count(const pl_doc *doc);
PL_API const pl_section *pl_doc_section(const pl_doc *doc, size_t i);
/* The marker as written ("I", "1", "a", "1.2"), and the paragraph after it. */
PL_API const char *pl_section_label(const pl_section *s);
PL_API const char *pl_section_title(const pl_section *s);
/* Depth in the tree (0 for a top-level section, 1 for its children...)
 * and the parent's index for pl_doc_section (-1 for a top-level one). */
PL_API int pl_section_depth(const pl_section *s);
PL_API long pl_section_parent(const pl_section *s);
PL_API unsigned long pl_section_line(const pl_section *s);
PL_API unsigned long pl_section_column(const pl_section *s);

/* -- targets, in the order of the text (the indexes findings give) -- */
PL_API size_t pl_doc_target_count(const pl_doc *doc);
PL_API const pl_target *pl_doc_target(const pl_doc *doc, size_t i);
/* Id of the programme's indicator the target sets ("cl.education"), or
 * NULL when it matches none.  Owned by the registry. */
PL_API const char *pl_target_indicator(const pl_target *t);
/* N of the "Mục tiêu N" it is under, 0 when none. */
PL_API int pl_target_objective(const pl_target *t);
/* The year to reach it by; 0 when not stated (and for a yearly change). */
PL_API int pl_target_year(const pl_target *t);
/* "ge" (≥, "ít nhất"), "gt" (>, "trên"), "le", "lt", "eq", or "" when
 * the text gives none (a bare value). */
PL_API const char *pl_target_comparator(const pl_target *t);
PL_API double pl_target_value(const pl_target *t);
/* "%", "‰" or "per100k". */
PL_API const char *pl_target_unit(const pl_target *t);
/* NULL for a level to reach; "decrease" or "increase" for a change. */
PL_API const char *pl_target_change(const pl_target *t);
/* "so với năm 2020": 2020; 0 when none named. */
PL_API int pl_target_base_year(const pl_target *t);
/* 1 for a yearly change ("hằng năm", "mỗi năm"), else 0. */
PL_API int pl_target_per_year(const pl_target *t);
/* The group as written ("trẻ em từ 5 đến 17 tuổi") and the sentence or
 * clause the target is read from. */
PL_API const char *pl_target_group(const pl_target *t);
PL_API const char *pl_target_text(const pl_target *t);
/* The clause's span: its start (the comparator word or the number) and
 * its end (exclusive), line and column. */
PL_API unsigned long pl_target_line(const pl_target *t);
PL_API unsigned long pl_target_column(const pl_target *t);
PL_API unsigned long pl_target_end_line(const pl_target *t);
PL_API unsigned long pl_target_end_column(const pl_target *t);
/* The PDF page the target was read from through OCR, 0 for any target
 * not read through OCR. */
PL_API unsigned pl_target_ocr_page(const pl_target *t);

/* ---- inputs ---------------------------------------------------------- */

/* Expand command-line operands into the list of plan files to read: a file
 * stays as given, "-" stays, a directory is walked (sorted, hidden entries
 * and files that are not plans skipped; see pl_is_plan_file).  Unreadable
 * operands are kept so that reading them reports the error in order, and
 * so is a directory operand that gives no file at all (reading it says
 * "a directory holding no plan files").
 * Returns the count; *out is a NULL-terminated array the caller frees with
 * pl_paths_free.  -1 on allocation failure. */
PL_API long pl_expand_inputs(char *const *operands, size_t n, char ***out);
PL_API void pl_paths_free(char **paths);
/* Whether a file name looks like a plan (.txt, .text, .md, .html, .htm,
 * .xhtml, .docx, .odt, .pdf, no extension). */
PL_API int pl_is_plan_file(const char *name);

/* ---- output ---------------------------------------------------------- */

typedef enum pl_format {
    PL_FMT_JSON,
    PL_FMT_NDJSON,
    PL_FMT_XML,
    PL_FMT_CSV,
    PL_FMT_TEXT,
    PL_FMT_HTML,
    PL_FMT_MD,
    PL_FMT_SARIF,
    PL_FMT_DOCX,
    PL_FMT_XLSX
} pl_format;

/* Parse a format name ("json", ...); -1 if unknown. */
PL_API int pl_format_parse(const char *name);

/* Streaming writer for `extract`: begin, one call per document, end.
 * Output for N documents equals what docs/CONTRACT.md §3 prescribes (a lone JSON
 * object for one input, an array for several); the writer decides at end()
 * so it holds at most one rendered document in memory.  _add and _end
 * return 0, or -1 when writing fails and when the call would break the
 * output: _add after _end, a second _add when expected_docs is 1 (two
 * JSON objects where one was promised), _end twice. */
typedef struct pl_extract_writer pl_extract_writer;
PL_API pl_extract_writer *pl_extract_writer_new(FILE *out, pl_format fmt, size_t expected_docs);
PL_API int pl_extract_writer_add(pl_extract_writer *w, const pl_doc *doc);
PL_API int pl_extract_writer_end(pl_extract_writer *w);
PL_API void pl_extract_writer_free(pl_extract_writer *w);

/* ==== checking (rules/, render/findings_*.c) ============================
 *
 * `planlint check`: a pl_checker compares parsed plans with their parents
 * and returns findings as data (pl_report); a pl_findings_writer renders
 * reports.  The library prints nothing itself.
 *
 *   pl_config *cfg = pl_config_new();
 *   pl_config_set_rule(cfg, "duplicate-word=off", &err);
 *   pl_checker *ck = pl_checker_new(programs, cfg, &err);
 *   pl_report *r = pl_check_doc(ck, doc, &err);
 *   pl_findings_writer_add(w, r);  ...  pl_report_free(r);
 *
 * Configuration, weakest first: the rule table (data/rules/rules.xml), the
 * nearest configuration file `.planlint` in the plan's directory or its
 * ancestors (only the nearest one is read), then the pl_config given to
 * pl_checker_new (the command line).  A `.planlint` file is UTF-8 text of
 * `key = value` lines; '#' starts a comment; blank lines are ignored:
 *
 *     # .planlint - for the plans in this directory and below
 *     fail-on = warning        # error | warning | info | never
 *     lang = en                # vi | en
 *     program = child-labour-2021   # as --program
 *     duplicate-word = off     # any rule id: off | info | warning | error
 *     missing-target = error
 *
 * An unknown key, rule id or value is an error naming FILE:LINE, and so
 * is a NUL byte or invalid UTF-8.  Only a regular file of at most 64 KiB
 * is read (a FIFO or a device named .planlint is an error, a directory
 * of that name is passed over).  The search goes up from the plan's
 * directory and stops at the user's home directory, at a repository root
 * (a directory holding .git), and before a directory (or a .planlint) the
 * user does not own, as git's safe.directory does: another user's
 * /tmp/.planlint does not apply to the user's plans.  A checker reads a
 * `.planlint` once and searches for one once per directory of the plans
 * it checks (a file created, changed or removed later, or a change of
 * working directory for relative names, needs a new checker).
 */

typedef enum pl_severity {
    PL_SEV_OFF = 0, /* the rule is disabled */
    PL_SEV_INFO,
    PL_SEV_WARNING,
    PL_SEV_ERROR,
    PL_SEV_NEVER    /* only as a fail-on threshold: nothing fails */
} pl_severity;

typedef enum pl_lang { PL_LANG_VI = 0, PL_LANG_EN } pl_lang;

/* "off", "info", "warning", "error", "never" -> value; -1 if unknown. */
PL_API int pl_severity_parse(const char *name);
/* "off", "info", "warning", "error", "never". */
PL_API const char *pl_severity_name(pl_severity s);
/* "vi", "en" -> value; -1 if unknown. */
PL_API int pl_lang_parse(const char *name);

/* ---- configuration ---- */

typedef struct pl_config pl_config;

/* An empty configuration (every setting "not set"): rules keep their
 * default severities, fail-on is error, messages are Vietnamese, and
 * `.planlint` files are read.  NULL on allocation failure. */
PL_API pl_config *pl_config_new(void);
PL_API void pl_config_free(pl_config *cfg);
/* "ID=off|info|warning|error"; a later setting of the same rule wins.
 * The rule id is checked by pl_checker_new.  0, or -1 with err filled
 * (PL_ERR_USAGE) when the text is not of that form. */
PL_API int pl_config_set_rule(pl_config *cfg, const char *spec, pl_error *err);
/* "error", "warning", "info" or "never". */
PL_API int pl_config_set_fail_on(pl_config *cfg, const char *level, pl_error *err);
/* "vi" or "en". */
PL_API int pl_config_set_lang(pl_config *cfg, const char *lang, pl_error *err);
/* The language of the messages when neither a `.planlint` file nor
 * pl_config_set_lang says one (without it: Vietnamese).  The command line
 * passes the language of the user's environment (LANG) here.  0, or -1
 * when cfg is NULL or lang is not a pl_lang. */
PL_API int pl_config_set_default_lang(pl_config *cfg, pl_lang lang);
/* Whether to read `.planlint` files beside the plans (default 1). */
PL_API void pl_config_use_files(pl_config *cfg, int on);
/* Read one `.planlint` file into cfg (its settings override cfg's).
 * 0, or -1 with err filled ("FILE:LINE: reason", PL_ERR_DATA; PL_ERR_IO
 * when it cannot be read). */
PL_API int pl_config_load_file(pl_config *cfg, const char *path, pl_error *err);

/* ---- the checker ---- */

typedef struct pl_checker pl_checker;
typedef struct pl_report pl_report;

/* A checker over a programme registry (borrowed: it must outlive the
 * checker) and a configuration (copied; NULL = defaults).  Loads the rule
 * data embedded in the library.  NULL with err filled on failure, e.g. an
 * unknown rule id in cfg (PL_ERR_USAGE). */
PL_API pl_checker *pl_checker_new(const pl_programs *programs, const pl_config *cfg, pl_error *err);
PL_API void pl_checker_free(pl_checker *ck);
/* on != 0: build each finding's message only in its report's language
 * (pl_report_lang), for a caller that shows no other (`check`: every
 * format writes the report's language alone); pl_finding_message then
 * gives that message for either language.  Off by default: both are
 * built.  Set it before the checker's first pl_check_doc (checks may run
 * on several threads; the setting is read, not locked). */
PL_API void pl_checker_set_one_language(pl_checker *ck, int on);
/* `--plans DIR`: parse every plan file under dir and index it by document
 * number and issuer, so that a plan's citations lead to its parents (and
 * theirs, up to the national programme).  Files that cannot be read are
 * skipped; returns the number of plans indexed, or -1 with err filled when
 * dir cannot be walked. */
PL_API long pl_checker_add_plans_dir(pl_checker *ck, const char *dir, pl_error *err);
/* How the files of pl_checker_set_parent_file and pl_checker_add_plans_dir
 * are read (opt is copied; NULL = the defaults, which is also how they are
 * read when this is never called): the parent with all of opt but its
 * programme, as the inputs are (`--format-in`, `--encoding`, `--max-size`);
 * the files of a plans directory with its max_bytes only, each by its own
 * content and encoding, since a directory of parents is mixed.  Call it
 * before those two.  0, or -1 with err filled (PL_ERR_USAGE, as
 * pl_parse_options_check). */
PL_API int pl_checker_set_read_options(pl_checker *ck, const pl_parse_options *opt,
                                       pl_error *err);
/* `--parent FILE`: compare every plan with this plan first (any plan text,
 * read as pl_checker_set_read_options says), then with its own parents.
 * 0, or -1 with err filled when the file cannot be read. */
PL_API int pl_checker_set_parent_file(pl_checker *ck, const char *path, pl_error *err);
/* `--program ID`: treat every plan as implementing this programme.  0, or
 * -1 with err filled (PL_ERR_USAGE) when no programme has that id. */
PL_API int pl_checker_set_program(pl_checker *ck, const char *id, pl_error *err);

/* Check one document.  The report is the caller's (pl_report_free).  NULL
 * with err filled on allocation failure or when a `.planlint` file that
 * applies to the document is invalid. */
PL_API pl_report *pl_check_doc(pl_checker *ck, const pl_doc *doc, pl_error *err);

/* ---- reports and findings ---- */

typedef struct pl_finding pl_finding;

PL_API void pl_report_free(pl_report *r);
PL_API const char *pl_report_source(const pl_report *r);
PL_API size_t pl_report_count(const pl_report *r);
/* Findings of one severity. */
PL_API size_t pl_report_count_severity(const pl_report *r, pl_severity s);
/* Whether a finding is at or above the report's fail-on level. */
PL_API int pl_report_fails(const pl_report *r);
/* The parents compared with, nearest first ("81/KH-UBND (UBND huyện Hoằng
 * Hóa)", "national:782/QĐ-TTg"); NULL when i is out of range. */
PL_API size_t pl_report_parent_count(const pl_report *r);
PL_API const char *pl_report_parent(const pl_report *r, size_t i);
/* The language the report's configuration asks for. */
PL_API pl_lang pl_report_lang(const pl_report *r);
/* Path of the `.planlint` file whose settings applied to the document
 * (`check -v` prints it), or NULL when none did. */
PL_API const char *pl_report_config(const pl_report *r);
/* Findings in order of position; NULL when i is out of range. */
PL_API const pl_finding *pl_report_finding(const pl_report *r, size_t i);

PL_API const char *pl_finding_rule(const pl_finding *f);
PL_API pl_severity pl_finding_severity(const pl_finding *f);
/* 1-based line and column (in characters) in the input as given. */
PL_API unsigned long pl_finding_line(const pl_finding *f);
PL_API unsigned long pl_finding_column(const pl_finding *f);
/* The end of the words the finding is about, exclusive: line and column
 * of the position just past them, and its byte offset (pl_finding_byte
 * gives the start's).  A finding about a place rather than words (a
 * missing part) has end = start. */
PL_API unsigned long pl_finding_end_line(const pl_finding *f);
PL_API unsigned long pl_finding_end_column(const pl_finding *f);
PL_API size_t pl_finding_end_byte(const pl_finding *f);
/* Index of the document's target or citation the finding is about (in
 * the order `extract` lists them), or -1. */
PL_API long pl_finding_target(const pl_finding *f);
PL_API long pl_finding_citation(const pl_finding *f);
/* For a DOCX input, the start of the paragraph the finding is in (its
 * line is a paragraph number Word does not show); NULL for other inputs. */
PL_API const char *pl_finding_paragraph(const pl_finding *f);
/* Indicator id, or NULL. */
PL_API const char *pl_finding_indicator(const pl_finding *f);
/* Year, or 0 when the finding has none. */
PL_API int pl_finding_year(const pl_finding *f);
/* The parent the finding compares with ("national:782/QĐ-TTg"), or NULL. */
PL_API const char *pl_finding_parent(const pl_finding *f);
/* 1 when the parent's value is established by an official text (or the
 * parent is a plan), 0 when not, -1 when the finding uses no parent
 * value. */
PL_API int pl_finding_confirmed(const pl_finding *f);
/* The message in lang.  A report made by a checker with
 * pl_checker_set_one_language on holds only its own language's
 * (pl_report_lang): that one is given whatever lang is asked. */
PL_API const char *pl_finding_message(const pl_finding *f, pl_lang lang);

/* ---- rendering findings ---- */

/* Streaming writer for `check`: begin, one call per report, end.  Text:
 * one "FILE:LINE:COLUMN: severity: message [rule-id]" line per finding (in
 * each report's language), then a summary line in `lang`; colours only
 * when `out` is a terminal and NO_COLOR is unset.  JSON: docs/CONTRACT.md §5's
 * {"planlint":1,"files":[...],"summary":{...}}, one file object written per
 * call.  NULL for an unsupported format or on allocation failure. */
typedef struct pl_findings_writer pl_findings_writer;
PL_API pl_findings_writer *pl_findings_writer_new(FILE *out, pl_format fmt, pl_lang lang);
PL_API int pl_findings_writer_add(pl_findings_writer *w, const pl_report *r);
/* An input that could not be read (`message`: the one-line reason, in the
 * report's language, without the file's name; `source`: the input as
 * named).  JSON lists it after "files", in the order given:
 * "unreadable": [{"source": ..., "message": ...}], so that a saved report
 * does not read as clean; a run that read every input has no
 * "unreadable".  Text writes nothing (the error is on stderr).  0, or -1
 * on allocation failure. */
PL_API int pl_findings_writer_add_error(pl_findings_writer *w, const char *source,
                                        const char *message);
PL_API int pl_findings_writer_end(pl_findings_writer *w);
PL_API void pl_findings_writer_free(pl_findings_writer *w);

/* ---- listings: `planlint rules`, `planlint programs` ---- */

/* Every rule: id, default severity, one-line description.  0, or -1 with
 * err filled when the rule data cannot be loaded or output fails. */
PL_API int pl_list_rules(FILE *out, pl_lang lang, pl_error *err);
/* Every programme of the registry: deciding document, period, indicators
 * (id, direction, label) and reference targets with their confidence. */
PL_API int pl_list_programs(FILE *out, const pl_programs *ps, pl_lang lang, pl_error *err);

/* ==== end of checking =================================================== */

/* ==== check pages (render/findings_html.c, render/findings_sarif.c) ====
 *
 * `check -f html` and `check -f sarif` describe a whole run in one
 * document, so they are written at the end rather than streamed:
 *
 *   pl_findings_page *pg = pl_findings_page_new(PL_FMT_HTML, PL_LANG_VI);
 *   pl_findings_page_add(pg, report, doc);  ...  (report and doc may be
 *                                                 freed after the call)
 *   pl_findings_page_write(pg, stdout);
 *   pl_findings_page_free(pg);
 *
 * HTML: one self-contained page (inline CSS, no script, nothing from the
 * network): a summary of the run, the findings grouped by file with
 * severity filters, and each document's text with every finding
 * highlighted where it is (<mark> with the message as its title, and a
 * note in the margin).  Interface in `lang`; messages in each report's
 * language.  SARIF: a 2.1.0 log with one run, the rule table in
 * tool.driver.rules and a result per finding (columnKind
 * "unicodeCodePoints": columns count characters, as everywhere). */

typedef struct pl_findings_page pl_findings_page;

/* fmt is PL_FMT_HTML, PL_FMT_SARIF or PL_FMT_DOCX; NULL for another
 * format or on allocation failure.  DOCX takes exactly one report and
 * its document (docs/CONTRACT.md §5.4: the findings as Word comments on
 * the input's own .docx, or on a new Word document of the text);
 * pl_findings_page_add fails for a second one or a NULL doc, and the
 * bytes written are a zip archive. */
PL_API pl_findings_page *pl_findings_page_new(pl_format fmt, pl_lang lang);
/* One report.  `doc` is the document the report is about (NULL: the page
 * lists the findings without the text); what the page needs of both is
 * copied.  0, or -1 on allocation failure. */
PL_API int pl_findings_page_add(pl_findings_page *pg, const pl_report *r, const pl_doc *doc);
/* An input that could not be read (`message`: the one-line reason, in the
 * page's language; `source`: the input as named).  SARIF lists it as a
 * tool execution notification (level "error", the file as its location)
 * of the run's invocation, which is then marked executionSuccessful
 * false; a log without such an input has no "invocations".  HTML lists
 * it in the summary at the top of the page, in the order given, with a
 * count of such inputs beside the others; DOCX ignores it (the error is
 * on stderr).  0, or -1 on allocation failure. */
PL_API int pl_findings_page_add_error(pl_findings_page *pg, const char *source,
                                      const char *message);
/* Write the whole document.  0, or -1 when writing fails, memory runs out
 * or (SARIF) the rule data cannot be loaded. */
PL_API int pl_findings_page_write(pl_findings_page *pg, FILE *out);
PL_API void pl_findings_page_free(pl_findings_page *pg);

/* Byte offset of a finding in the input as given (rules/report_access.c). */
PL_API size_t pl_finding_byte(const pl_finding *f);

/* ==== end of check pages ================================================ */

/* ==== compare (render/compare.c, render/compare_html.c) ================
 *
 * `planlint compare`: a table of the plans' targets beside the national
 * reference values of one programme.  Rows are indicator x year (the
 * programme's indicators in its order, years ascending), columns the
 * national reference then each plan, cells the comparator and value as
 * written in Vietnamese convention ("> 90", "≤ 4,9") with a status:
 *
 *   stronger / equal / weaker  than the national value, by the
 *       indicator's direction, then by the comparator: for a coverage
 *       ("higher") "> 90" is stronger than "≥ 90" (= 90, bare 90); for a
 *       rate ("lower") "< 4,9" is stronger than "≤ 4,9".  A comparator
 *       that bounds the other side (an upper bound on a coverage) counts
 *       as a plain value.
 *   missing  the plan sets no target for that indicator and year
 *   n/a      the national value is unknown (recorded without a number)
 *            or the programme sets none for that year
 *
 * Several targets of one plan for one indicator and year (a split
 * target) are all shown ("> 90; > 95"); the weakest decides the status.
 *
 * This ordering is finer than the checker's weaker-than-parent rule,
 * which compares values only (a plan writing "90%" for the national
 * "Trên 90%" is not flagged): the table shows the difference, the linter
 * does not call it a defect.
 *
 *   pl_compare *c = pl_compare_new(programs, NULL, &err);
 *   pl_compare_add(c, doc);  ...            (documents may be freed after)
 *   pl_compare_render(c, stdout, PL_FMT_HTML, PL_LANG_VI, &err);
 *   pl_compare_free(c);
 */

typedef struct pl_compare pl_compare;

/* A comparison against programme `program_id` of the registry (borrowed:
 * it must outlive the handle), or, when program_id is NULL, against the
 * programme most of the added plans implement (ties: the one registered
 * first; none recognised: the first of the registry).  NULL with err
 * filled: PL_ERR_USAGE for an unknown id, PL_ERR_NOMEM. */
PL_API pl_compare *pl_compare_new(const pl_programs *programs, const char *program_id, pl_error *err);
/* Add one plan as the next column.  What the table needs is copied: the
 * document may be freed afterwards.  A plan that implements another
 * programme than the one compared with is left out of the table and
 * named in a note under it.  The same plan given again (the same source
 * path; the same number and issuer: its text and its DOCX; for a draft
 * without a number, the same issuer, period and targets) is not added a
 * second time: the one added first is kept, and the duplicate is
 * listed (pl_compare_duplicate).  0, or -1 on allocation failure. */
PL_API int pl_compare_add(pl_compare *c, const pl_doc *doc);
/* Number of plans added (left out or not), duplicates not counted. */
PL_API size_t pl_compare_count(const pl_compare *c);
/* Number of plans not added because they were the same as one added
 * before them. */
PL_API size_t pl_compare_duplicates(const pl_compare *c);
/* The i-th of them (in the order added): *dropped is its source, *kept
 * the source of the plan kept in its place (both owned by c, valid until
 * pl_compare_free).  0, or -1 when i is out of range. */
PL_API int pl_compare_duplicate(const pl_compare *c, size_t i, const char **dropped,
                                const char **kept);
/* Write the table: PL_FMT_TEXT (aligned columns; colours only when out
 * is a terminal and NO_COLOR is unset), PL_FMT_MD, PL_FMT_CSV and
 * PL_FMT_JSON (tidy long form, one row per plan x indicator x year;
 * data/schema/compare.schema.json), PL_FMT_HTML (one self-contained page
 * with a bar chart per indicator), PL_FMT_XLSX (a workbook: the table
 * with typed cells and coloured statuses, and the long form as a data
 * sheet; binary, for a file).  Labels in `lang`.  May be called more
 * than once.  0, or -1 with err filled (PL_ERR_USAGE for another format,
 * PL_ERR_IO when writing fails, PL_ERR_NOMEM). */
PL_API int pl_compare_render(pl_compare *c, FILE *out, pl_format fmt, pl_lang lang, pl_error *err);
/* Id of the programme compared with (decided from the plans when none was
 * given), or NULL when the registry is empty.  Owned by the registry. */
PL_API const char *pl_compare_program(pl_compare *c);
PL_API void pl_compare_free(pl_compare *c);

/* ==== end of compare ==================================================== */

#ifdef __cplusplus
}
#endif

#endif
