/* input_pdf.c - a PDF's text, read by the program planlint-pdf.
 *
 * poppler, cairo and Tesseract live in a separate program (parser/read/
 * pdf/, installed as LIBEXECDIR/planlint/planlint-pdf), started for each
 * PDF through util/child.c under limits and a deadline per page: a hostile
 * file cannot be stopped from inside poppler, only killed, and a fork of
 * a multi-threaded process must not run library code.  A program that
 * reads only text never loads those libraries (they were most of the
 * start-up time).  What the program sends back (parser/read/pdf_result.h)
 * is the text, its map to poppler's lines, the line where each page
 * starts, which pages were read through OCR and a note.
 *
 * The program is looked for, in order: $PLANLINT_PDF_HELPER; beside the
 * running executable (a build tree); LIBEXECDIR/planlint relative to it
 * (a moved installation); the LIBEXECDIR this library was configured with.
 *
 * Fuzzing builds read in process instead, where the fuzzer sees coverage
 * and sets its own limits.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "child.h"
#include "error.h"
#include "input.h"
#include "pdf_result.h"

#ifndef PL_PDF_HELPER_INSTALLED
#define PL_PDF_HELPER_INSTALLED "/usr/local/libexec/planlint/planlint-pdf"
#endif
#define PL_PDF_HELPER_NAME "planlint-pdf"

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define PL_PDF_IN_PROCESS 1
#else
#define PL_PDF_IN_PROCESS 0
#endif

/* ---- finding planlint-pdf ------------------------------------------------------ */

static char helper[PATH_MAX];
static pthread_once_t helper_once = PTHREAD_ONCE_INIT;

/* The directory of the running executable into `dir` (with a final '/'),
 * or "" when /proc does not say. */
static void exe_dir(char *dir, size_t n)
{
    ssize_t k = readlink("/proc/self/exe", dir, n - 1);
    dir[k > 0 ? (size_t)k : 0] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[1] = '\0';
    else
        dir[0] = '\0';
}

/* helper = a + b, when it fits and names an executable file. */
static int try_path(const char *a, const char *b)
{
    int k = snprintf(helper, sizeof helper, "%s%s", a, b);
    return k > 0 && (size_t)k < sizeof helper && access(helper, X_OK) == 0;
}

static void find_helper(void)
{
    const char *env = getenv("PLANLINT_PDF_HELPER");
    if (env && *env) {
        snprintf(helper, sizeof helper, "%s", env);
        return;
    }
    char dir[PATH_MAX];
    exe_dir(dir, sizeof dir);
    if (dir[0] && (try_path(dir, PL_PDF_HELPER_NAME) ||
                   try_path(dir, "../libexec/planlint/" PL_PDF_HELPER_NAME)))
        return;
    snprintf(helper, sizeof helper, "%s", PL_PDF_HELPER_INSTALLED);
}

/* ---- errors ---------------------------------------------------------------------- */

static void child_error(pl_child_status st, const char *name, pl_error *err)
{
    const pl_child_limits *lim = &PL_PDF_LIMITS;
    switch (st) {
    case PL_CHILD_TIMEOUT:
        pl_error_set(err, PL_ERR_TOO_LARGE, name, NULL,
                     "reading the PDF was stopped after %u s (a page took over %u s, or the "
                     "whole file over %u s)",
                     lim->step_seconds, lim->step_seconds, lim->total_seconds);
        break;
    case PL_CHILD_CPU:
        pl_error_set(err, PL_ERR_TOO_LARGE, name, NULL,
                     "reading the PDF was stopped after %u s of CPU time", lim->cpu_seconds);
        break;
    case PL_CHILD_MEMORY:
        pl_error_set(err, PL_ERR_TOO_LARGE, name, NULL,
                     "reading the PDF was stopped: it needs more than %zu MiB of memory, or "
                     "crashed the PDF library",
                     lim->mem_bytes >> 20);
        break;
    case PL_CHILD_TOO_LARGE:
        pl_error_set(err, PL_ERR_TOO_LARGE, name, NULL, "the PDF's text is above %zu bytes",
                     (size_t)PL_INPUT_MAX_TEXT);
        break;
    case PL_CHILD_NO_PROGRAM:
        pl_error_set(err, PL_ERR_IO, name, NULL,
                     "cannot read PDFs: the PDF reader %s cannot be started (not installed? "
                     "set PLANLINT_PDF_HELPER to its path)",
                     helper);
        break;
    default:
        pl_error_set(err, PL_ERR_IO, name, NULL,
                     "the PDF reader %s stopped without a result", helper);
        break;
    }
}

/* ---- reading --------------------------------------------------------------------- */

/* The caller's ocr_page callback, for the long steps of planlint-pdf (a
 * page read through OCR). */
typedef struct ocr_progress {
    const pl_parse_options *opt;
    const char *name;
} ocr_progress;

static void on_ocr_page(void *arg, unsigned done, unsigned total)
{
    const ocr_progress *p = arg;
    p->opt->ocr_page(p->opt->ocr_page_arg, p->name, done, total);
}

static int read_result(const char *name, const unsigned char *b, size_t n,
                       const pl_parse_options *opt, pl_pdf_result *r, pl_error *err)
{
#if PL_PDF_IN_PROCESS
    (void)err;
    (void)opt;
    (void)pl_pdf_read(name, b, n, NULL, r);
    return 0;
#else
    pthread_once(&helper_once, find_helper);
    char prog[] = PL_PDF_HELPER_NAME, *arg = strdup(name ? name : "-");
    char *argv[] = {prog, arg, NULL};
    pl_buf raw = PL_BUF_INIT;
    ocr_progress progress = {opt, name};
    int tell = opt && opt->ocr_page;
    pl_child_status st = arg ? pl_child_spawn(helper, argv, b, n, &PL_PDF_LIMITS,
                                              tell ? on_ocr_page : NULL, &progress, &raw)
                             : PL_CHILD_MEMORY;
    int rc = 0;
    if (!arg) {
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        rc = -1;
    } else if (st != PL_CHILD_OK) {
        child_error(st, name, err);
        rc = -1;
    } else if ((rc = pl_pdf_result_read(&raw, r)) != 0) {
        if (rc == -2)
            pl_error_set(err, PL_ERR_IO, name, NULL,
                         "the PDF reader %s gave a damaged result: cut short, or text that is not "
                         "UTF-8",
                         PL_PDF_HELPER_NAME);
        else
            pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        rc = -1;
    }
    pl_buf_free(&raw);
    free(arg);
    return rc;
#endif
}

/* Hand the result over: text, map, positions (info->src), pages, note. */
static int deliver(const char *name, pl_pdf_result *r, pl_buf *out, pl_omap *map,
                   pl_input_info *info, pl_buf *note, pl_error *err)
{
    pl_buf_put(out, r->out.data ? r->out.data : "", r->out.len);
    for (size_t i = 0; i < r->map.n; i++)
        pl_omap_add(map, r->map.a[i].out, r->map.a[i].src);
    if (r->note.len) {
        if (note->len)
            pl_buf_puts(note, "; ");
        pl_buf_put(note, r->note.data, r->note.len);
    }
    pl_input_src *src = calloc(1, sizeof *src);
    if (src) {
        info->src = src;
        src->text = pl_buf_detach(&r->src, &src->len);
        if (!src->text)
            src->text = calloc(1, 1);
        if (src->text)
            src->line_starts = pl_input_line_starts(src->text, src->len, &src->nlines);
    }
    info->npages = r->npages;
    info->page_line = r->page_line;
    info->page_ocr = r->page_ocr;
    r->page_line = NULL;
    r->page_ocr = NULL;
    if (!src || !src->line_starts || out->failed || map->failed) {
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        return -1;
    }
    return 0;
}

int pl_input_pdf(const char *name, const unsigned char *b, size_t n,
                 const pl_parse_options *opt, pl_buf *out, pl_omap *map, pl_input_info *info,
                 pl_buf *note, pl_error *err)
{
    pl_pdf_result r = {0};
    int rc = read_result(name, b, n, opt, &r, err);
    if (rc == 0 && r.rc != 0) {
        if (err)
            *err = r.err;
        rc = -1;
    }
    if (rc == 0)
        rc = deliver(name, &r, out, map, info, note, err);
    pl_pdf_result_free(&r);
    return rc;
}
