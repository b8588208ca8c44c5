/* cmd_compare.c - `planlint compare`: parse options, read each plan, add
 * it to a pl_compare, render the table.  Only the public header: the
 * table and its formats live in the library (render/compare*.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "output.h"
#include "planlint.h"
#include "progress.h"

static const char CMD[] = "compare";

typedef struct compare_opts {
    const char *format;
    const char *program;
    const char *output;
    const char *encoding;
    const char *format_in;
    size_t max_bytes;
    int quiet;
    args_operands in;
} compare_opts;

/* Option opt of the table with its value, for args_parse. */
static int set_option(void *ctx, const cli_option *opt, const char *v)
{
    compare_opts *o = ctx;
    switch (opt->key) {
    case OPT_QUIET: o->quiet = 1; break;
    case OPT_FORMAT: o->format = v; break;
    case OPT_PROGRAM: o->program = v; break;
    case OPT_OUTPUT: o->output = v; break;
    case OPT_ENCODING: o->encoding = v; break;
    case OPT_FORMAT_IN: o->format_in = v; break;
    case OPT_MAX_SIZE: return args_max_size(CMD, opt, v, &o->max_bytes);
    default: break; /* --lang: chosen before the command runs (say.h) */
    }
    return EXIT_CLEAN;
}

static int parse_args(int argc, char **argv, compare_opts *o)
{
    int rc = args_parse(cli_command_find(CMD), argc, argv, set_option, o, &o->in);
    if (rc != EXIT_CLEAN)
        return rc;
    /* a zip is no use on a terminal or in a pipe that expects text */
    if (o->format && strcmp(o->format, "xlsx") == 0 && (!o->output || strcmp(o->output, "-") == 0))
        return args_usage(CMD, CLI_MSG_USAGE_XLSX_OUTPUT, NULL, NULL, NULL);
    if (o->in.n == 0)
        return args_usage(CMD, CLI_MSG_USAGE_NO_INPUTS, NULL, NULL, NULL);
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
    pl_parse_options popt = {.max_bytes = o->max_bytes,
                             .encoding = o->encoding,
                             .format_in = o->format_in,
                             .ocr_page = o->quiet ? NULL : pl_progress_ocr_page_cb};
    pl_progress_start((size_t)n, !o->quiet);
    for (long i = 0; i < n; i++) {
        pl_error err = {0};
        pl_progress_step(paths[i]);
        pl_doc *doc = pl_doc_read(paths[i], progs, &popt, &err);
        int added = doc && pl_compare_add(cmp, doc) == 0;
        if (!added) {
            if (doc)
                cli_report_file(paths[i], CLI_MSG_FILE_OUT_OF_MEMORY, NULL);
            else
                cli_report_error(&err);
            trouble = 1;
        } else if (pl_doc_note(doc) && !o->quiet) {
            cli_report_note(paths[i], pl_doc_note(doc));
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
        char name[CLI_NAME_MAX], said[2 * CLI_NAME_MAX];
        cli_name(kept, name, sizeof name);
        cli_format(said, sizeof said, CLI_MSG_FILE_DUPLICATE, name, NULL, NULL);
        cli_report_file(dropped, CLI_MSG_FILE_NOTE, said);
    }
}

/* Render the table into the output; 0, or -1 with the error printed. */
static int write_table(const compare_opts *o, pl_compare *cmp, cli_output *out)
{
    pl_error err = {0};
    /* the table let only text, md, csv, json, html and xlsx through */
    int fmt = o->format ? pl_format_parse(o->format) : PL_FMT_TEXT;
    if (pl_compare_render(cmp, out->fp, (pl_format)fmt, cli_lang(), &err) == 0)
        return 0;
    if (err.status == PL_ERR_IO)
        return cli_output_write_error(out);
    cli_report_error(&err);
    return -1;
}

static int run(const compare_opts *o)
{
    pl_error err = {0};
    pl_programs *progs = pl_programs_new_builtin(&err);
    pl_compare *cmp = progs ? pl_compare_new(progs, o->program, &err) : NULL;
    if (!cmp) {
        int rc = err.status == PL_ERR_USAGE ? args_usage_text(CMD, err.message) : EXIT_TROUBLE;
        if (err.status != PL_ERR_USAGE)
            cli_report_error(&err);
        pl_programs_free(progs);
        return rc;
    }
    char **paths = NULL;
    long n = pl_expand_inputs(o->in.v, o->in.n, &paths);
    cli_output out = {0};
    int trouble = 1;
    if (n < 0)
        cli_report_file(NULL, CLI_MSG_FILE_OUT_OF_MEMORY, NULL);
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
    return rc == ARGS_HELP ? EXIT_CLEAN : rc;
}
