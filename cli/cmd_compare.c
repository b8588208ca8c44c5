/* cmd_compare.c - `planlint compare`: parse options, read each plan, add
 * it to a pl_compare, render the table.  Only the public header: the
 * table and its formats live in the library (render/compare*.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "compare_cmd.h"
#include "output.h"
#include "planlint.h"
#include "progress.h"

static const char CMD[] = "compare";

typedef struct compare_opts {
    const char *format;
    const char *program;
    const char *lang;
    const char *output;
    const char *encoding;
    const char *format_in;
    size_t max_bytes;
    int quiet;
    args_operands in;
} compare_opts;

/* The option at argv[*i], for args_walk. */
static int one_option(void *ctx, int argc, char **argv, int *i)
{
    compare_opts *o = ctx;
    const char *a = argv[*i], *v;
    if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
        o->quiet = 1;
        return EXIT_CLEAN;
    }
    if ((v = args_value_or(argc, argv, i, "-f", "--format")))
        o->format = v;
    else if ((v = args_value(argc, argv, i, "--program")))
        o->program = v;
    else if ((v = args_value(argc, argv, i, "--lang")))
        o->lang = v;
    else if ((v = args_value_or(argc, argv, i, "-o", "--output")))
        o->output = v;
    else if ((v = args_value(argc, argv, i, "--encoding")))
        o->encoding = v;
    else if ((v = args_value(argc, argv, i, "--format-in")))
        o->format_in = v;
    else if ((v = args_value(argc, argv, i, "--max-size"))) {
        if (args_size(v, &o->max_bytes) != 0)
            return args_usage(CMD, "invalid --max-size '%s'", v);
    } else
        return args_usage(CMD, "unknown option '%s'", a);
    return args_need_value(CMD, a, v);
}

static int format_of(const char *name)
{
    int fmt = pl_format_parse(name);
    if (fmt == PL_FMT_TEXT || fmt == PL_FMT_MD || fmt == PL_FMT_CSV || fmt == PL_FMT_JSON ||
        fmt == PL_FMT_HTML || fmt == PL_FMT_XLSX)
        return fmt;
    return -1;
}

static int parse_args(int argc, char **argv, compare_opts *o)
{
    if (args_walk(argc, argv, CMD, one_option, o, &o->in) != EXIT_CLEAN)
        return EXIT_TROUBLE;
    if (o->format && format_of(o->format) < 0)
        return args_usage(CMD, "unknown format '%s' (text, md, csv, json, html, xlsx)", o->format);
    /* a zip is no use on a terminal or in a pipe that expects text */
    if (o->format && format_of(o->format) == PL_FMT_XLSX &&
        (!o->output || strcmp(o->output, "-") == 0))
        return args_usage(CMD, "%s", "-f xlsx writes a binary file: give it with -o FILE.xlsx");
    if (o->lang && pl_lang_parse(o->lang) < 0)
        return args_usage(CMD, "unknown language '%s' (vi, en)", o->lang);
    if (o->in.n == 0)
        return args_usage(CMD, "%s", "no input files (use '-' for standard input)");
    pl_parse_options popt = {
        .max_bytes = o->max_bytes, .encoding = o->encoding, .format_in = o->format_in};
    return args_check_input_options(CMD, &popt);
}

/* Read every input into the table; a file that cannot be read is
 * reported and the others still go in.  Returns 1 when one could not. */
static int add_inputs(const compare_opts *o, char **paths, long n, const pl_programs *progs,
                      pl_compare *cmp)
{
    int trouble = 0;
    pl_parse_options popt = {
        .max_bytes = o->max_bytes, .encoding = o->encoding, .format_in = o->format_in};
    pl_progress_start((size_t)n, !o->quiet);
    for (long i = 0; i < n; i++) {
        pl_error err = {0};
        char name[CLI_NAME_MAX];
        pl_progress_step(paths[i]);
        pl_doc *doc = pl_doc_read(paths[i], progs, &popt, &err);
        if (doc && pl_compare_add(cmp, doc) != 0) {
            snprintf(err.message, sizeof err.message, "%s: out of memory",
                     cli_name(paths[i], name, sizeof name));
            pl_doc_free(doc);
            doc = NULL;
        }
        if (!doc) {
            pl_progress_clear();
            fprintf(stderr, "planlint: %s\n", err.message);
            trouble = 1;
        } else if (pl_doc_note(doc) && !o->quiet) {
            pl_progress_clear();
            fprintf(stderr, "planlint: %s: note: %s\n", cli_name(paths[i], name, sizeof name),
                    pl_doc_note(doc));
        }
        pl_doc_free(doc);
    }
    pl_progress_done();
    return trouble;
}

/* The same plan given twice is one column: say which file was left out
 * and which kept, one line each. */
static void note_duplicates(const compare_opts *o, const pl_compare *cmp)
{
    const char *dropped, *kept;
    for (size_t i = 0; !o->quiet && pl_compare_duplicate(cmp, i, &dropped, &kept) == 0; i++) {
        char a[CLI_NAME_MAX], b[CLI_NAME_MAX];
        fprintf(stderr, "planlint: %s: note: the same plan as %s; compared once, as %s\n",
                cli_name(dropped, a, sizeof a), cli_name(kept, b, sizeof b), b);
    }
}

/* Render the table into the output; 0, or -1 with the error printed. */
static int write_table(const compare_opts *o, pl_compare *cmp, cli_output *out)
{
    pl_error err = {0};
    int fmt = o->format ? format_of(o->format) : PL_FMT_TEXT;
    pl_lang lang = o->lang ? (pl_lang)pl_lang_parse(o->lang) : PL_LANG_VI;
    if (pl_compare_render(cmp, out->fp, (pl_format)fmt, lang, &err) == 0)
        return 0;
    if (err.status == PL_ERR_IO)
        return cli_output_write_error(out);
    fprintf(stderr, "planlint: %s\n", err.message);
    return -1;
}

static int run(const compare_opts *o)
{
    pl_error err = {0};
    pl_programs *progs = pl_programs_new_builtin(&err);
    pl_compare *cmp = progs ? pl_compare_new(progs, o->program, &err) : NULL;
    if (!cmp) {
        int rc = err.status == PL_ERR_USAGE ? args_usage(CMD, "%s", err.message) : EXIT_TROUBLE;
        if (err.status != PL_ERR_USAGE)
            fprintf(stderr, "planlint: %s\n", err.message);
        pl_programs_free(progs);
        return rc;
    }
    char **paths = NULL;
    long n = pl_expand_inputs(o->in.v, o->in.n, &paths);
    cli_output out = {0};
    int trouble = 1;
    if (n < 0)
        fprintf(stderr, "planlint: out of memory\n");
    else if (cli_output_open(&out, o->output, paths, (size_t)n) == 0) {
        trouble = add_inputs(o, paths, n, progs, cmp);
        note_duplicates(o, cmp);
        int written = write_table(o, cmp, &out) == 0;
        if (cli_output_close(&out, written) != 0 || !written)
            trouble = 1;
    }
    pl_paths_free(paths);
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
    free(o.in.v);
    return rc;
}
