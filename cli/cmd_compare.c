/* cmd_compare.c - `planlint compare`: parse options, read each plan, add
 * it to a pl_compare, render the table.  Only the public header: the
 * table and its formats live in the library (render/compare*.c). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "compare_cmd.h"
#include "planlint.h"
#include "progress.h"

enum { EXIT_CLEAN = 0, EXIT_TROUBLE = 2 };

typedef struct compare_opts {
    const char *format;
    const char *program;
    const char *lang;
    const char *output;
    const char *encoding;
    size_t max_bytes;
    int quiet;
    char **operands;
    size_t noperands;
} compare_opts;

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "planlint: compare: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'planlint --help'.\n");
    va_end(ap);
    return EXIT_TROUBLE;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    if (*end == 'k' || *end == 'K')
        v *= 1024ull, end++;
    else if (*end == 'm' || *end == 'M')
        v *= 1024ull * 1024, end++;
    if (*end != '\0' || v == 0)
        return -1;
    *out = (size_t)v;
    return 0;
}

static int one_option(compare_opts *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *v;
    if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
        o->quiet = 1;
        return EXIT_CLEAN;
    }
    if ((v = pl_cli_opt_value(argc, argv, i, "-f")) ||
        (v = pl_cli_opt_value(argc, argv, i, "--format")))
        o->format = v;
    else if ((v = pl_cli_opt_value(argc, argv, i, "--program")))
        o->program = v;
    else if ((v = pl_cli_opt_value(argc, argv, i, "--lang")))
        o->lang = v;
    else if ((v = pl_cli_opt_value(argc, argv, i, "-o")) ||
             (v = pl_cli_opt_value(argc, argv, i, "--output")))
        o->output = v;
    else if ((v = pl_cli_opt_value(argc, argv, i, "--encoding")))
        o->encoding = v;
    else if ((v = pl_cli_opt_value(argc, argv, i, "--max-size"))) {
        if (parse_size(v, &o->max_bytes) != 0)
            return usage("invalid --max-size '%s'", v);
    } else
        return usage("unknown option '%s'", a);
    return *v ? EXIT_CLEAN : usage("%s needs a value", a);
}

static int format_of(const char *name)
{
    int fmt = pl_format_parse(name);
    if (fmt == PL_FMT_TEXT || fmt == PL_FMT_MD || fmt == PL_FMT_CSV || fmt == PL_FMT_JSON ||
        fmt == PL_FMT_HTML)
        return fmt;
    return -1;
}

static int parse_args(int argc, char **argv, compare_opts *o)
{
    o->operands = calloc((size_t)argc + 1, sizeof *o->operands);
    if (!o->operands)
        return usage("%s", "out of memory");
    int only_operands = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (only_operands || a[0] != '-' || strcmp(a, "-") == 0)
            o->operands[o->noperands++] = argv[i];
        else if (strcmp(a, "--") == 0)
            only_operands = 1;
        else if (one_option(o, argc, argv, &i) != EXIT_CLEAN)
            return EXIT_TROUBLE;
    }
    if (o->format && format_of(o->format) < 0)
        return usage("unknown format '%s' (text, md, csv, json, html)", o->format);
    if (o->lang && pl_lang_parse(o->lang) < 0)
        return usage("unknown language '%s' (vi, en)", o->lang);
    if (o->noperands == 0)
        return usage("%s", "no input files (use '-' for standard input)");
    pl_parse_options popt = {.max_bytes = o->max_bytes, .encoding = o->encoding};
    pl_error err = {0};
    if (pl_parse_options_check(&popt, &err) != 0)
        return usage("%s", err.message);
    return EXIT_CLEAN;
}

/* Read every input into the table; a file that cannot be read is
 * reported and the others still go in.  Returns 1 when one could not. */
static int add_inputs(const compare_opts *o, const pl_programs *progs, pl_compare *cmp)
{
    char **paths = NULL;
    long n = pl_expand_inputs(o->operands, o->noperands, &paths);
    if (n < 0) {
        fprintf(stderr, "planlint: out of memory\n");
        return 1;
    }
    int trouble = 0;
    pl_parse_options popt = {.max_bytes = o->max_bytes, .encoding = o->encoding};
    pl_progress_start((size_t)n, !o->quiet);
    for (long i = 0; i < n; i++) {
        pl_error err = {0};
        pl_progress_step(paths[i]);
        pl_doc *doc = pl_doc_read(paths[i], progs, &popt, &err);
        if (doc && pl_compare_add(cmp, doc) != 0) {
            snprintf(err.message, sizeof err.message, "%s: out of memory", paths[i]);
            pl_doc_free(doc);
            doc = NULL;
        }
        if (!doc) {
            pl_progress_clear();
            fprintf(stderr, "planlint: %s\n", err.message);
            trouble = 1;
        } else if (pl_doc_note(doc) && !o->quiet) {
            pl_progress_clear();
            fprintf(stderr, "planlint: %s: note: %s\n", paths[i], pl_doc_note(doc));
        }
        pl_doc_free(doc);
    }
    pl_progress_done();
    pl_paths_free(paths);
    return trouble;
}

static FILE *open_output(const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return stdout;
    FILE *f = fopen(path, "wb");
    if (!f)
        fprintf(stderr, "planlint: %s: cannot open for writing: %s\n", path, strerror(errno));
    return f;
}

static int run(const compare_opts *o)
{
    pl_error err = {0};
    pl_programs *progs = pl_programs_new_builtin(&err);
    pl_compare *cmp = progs ? pl_compare_new(progs, o->program, &err) : NULL;
    if (!cmp) {
        int rc = err.status == PL_ERR_USAGE ? usage("%s", err.message) : EXIT_TROUBLE;
        if (err.status != PL_ERR_USAGE)
            fprintf(stderr, "planlint: %s\n", err.message);
        pl_programs_free(progs);
        return rc;
    }
    int trouble = add_inputs(o, progs, cmp);
    FILE *out = open_output(o->output);
    int fmt = o->format ? format_of(o->format) : PL_FMT_TEXT;
    pl_lang lang = o->lang ? (pl_lang)pl_lang_parse(o->lang) : PL_LANG_VI;
    if (!out || pl_compare_render(cmp, out, (pl_format)fmt, lang, &err) != 0) {
        if (out)
            fprintf(stderr, "planlint: %s\n", err.message);
        trouble = 1;
    }
    if (out && out != stdout && fclose(out) != 0)
        trouble = 1;
    pl_compare_free(cmp);
    pl_programs_free(progs);
    return trouble ? EXIT_TROUBLE : EXIT_CLEAN;
}

int pl_cli_compare(int argc, char **argv)
{
    compare_opts o = {0};
    int rc = parse_args(argc, argv, &o);
    if (rc == EXIT_CLEAN)
        rc = run(&o);
    free(o.operands);
    return rc;
}
