/* cmd_extract.c - `planlint extract`: read each input, write what it
 * holds (header, citations, sections, targets) as JSON, NDJSON, XML or
 * CSV.  Only the public header: reading and writing live in the library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "output.h"
#include "planlint.h"
#include "pool.h"
#include "progress.h"

static const char CMD[] = "extract";

typedef struct extract_opts {
    const char *format;
    const char *output;
    size_t max_bytes;
    const char *format_in;
    const char *encoding;
    unsigned jobs; /* --jobs; 0 = not given */
    args_operands in;
} extract_opts;

/* Option opt of the table with its value, for args_parse. */
static int set_option(void *ctx, const cli_option *opt, const char *v)
{
    extract_opts *c = ctx;
    switch (opt->key) {
    case OPT_FORMAT: c->format = v; break;
    case OPT_OUTPUT: c->output = v; break;
    case OPT_FORMAT_IN: c->format_in = v; break;
    case OPT_ENCODING: c->encoding = v; break;
    case OPT_MAX_SIZE: return args_max_size(CMD, opt, v, &c->max_bytes);
    case OPT_JOBS: return args_jobs(CMD, opt, v, &c->jobs);
    default: break; /* --lang: chosen before the command runs (say.h) */
    }
    return EXIT_CLEAN;
}

static int parse_args(int argc, char **argv, extract_opts *c)
{
    int rc = args_parse(cli_command_find(CMD), argc, argv, set_option, c, &c->in);
    if (rc != EXIT_CLEAN)
        return rc;
    if (c->in.n == 0)
        return args_usage(CMD, CLI_MSG_USAGE_NO_INPUTS, NULL, NULL, NULL);
    pl_parse_options chk = {.format_in = c->format_in, .encoding = c->encoding};
    return args_check_input_options(CMD, &chk);
}

/* One run of `extract`, shared by the workers (read-only) and the
 * writer (which alone touches w and status). */
typedef struct extract_run {
    char **paths;
    const pl_programs *progs;
    pl_parse_options opt;
    pl_extract_writer *w;
    cli_output *out;
    int status;
    int write_failed; /* a write failed: the output is not kept */
} extract_run;

/* What one input gave: a document, or the error that stopped it. */
typedef struct extract_item {
    pl_doc *doc;
    pl_error err;
} extract_item;

/* On a worker (--jobs): read and parse input i. */
static void *extract_job(void *ctx, size_t i)
{
    extract_run *x = ctx;
    extract_item *it = calloc(1, sizeof *it);
    if (it)
        it->doc = pl_doc_read(x->paths[i], x->progs, &x->opt, &it->err);
    return it;
}

/* In input order: report, write, free (the progress line held away). */
static void write_item(extract_run *x, size_t i, extract_item *it);

static void extract_emit(void *ctx, size_t i, void *result)
{
    extract_run *x = ctx;
    pl_progress_hold();
    pl_progress_step(x->paths[i]);
    write_item(x, i, result);
    pl_progress_release();
}

static void write_item(extract_run *x, size_t i, extract_item *it)
{
    if (!it || !it->doc) {
        if (it)
            cli_report_error(&it->err);
        else
            cli_report_file(x->paths[i], CLI_MSG_FILE_OUT_OF_MEMORY, NULL);
        x->status = EXIT_TROUBLE;
        free(it);
        return;
    }
    const char *note = pl_doc_note(it->doc);
    if (note)
        cli_report_note(x->paths[i], note);
    if (!x->write_failed && pl_extract_writer_add(x->w, it->doc) != 0) {
        cli_output_write_error(x->out);
        x->write_failed = 1;
        x->status = EXIT_TROUBLE;
    }
    pl_doc_free(it->doc);
    free(it);
}

static int run(const extract_opts *c)
{
    /* the table let only json, ndjson, xml and csv through */
    int fmt = pl_format_parse(c->format ? c->format : "json");
    pl_error err = {0};
    pl_programs *progs = pl_programs_new_builtin(&err);
    if (!progs) {
        cli_report_error(&err);
        return EXIT_TROUBLE;
    }
    char **paths = NULL;
    long n = pl_expand_inputs(c->in.v, c->in.n, &paths);
    if (n < 0) {
        pl_programs_free(progs);
        cli_report_file(NULL, CLI_MSG_FILE_OUT_OF_MEMORY, NULL);
        return EXIT_TROUBLE;
    }
    cli_output out;
    if (cli_output_open(&out, c->output, paths, (size_t)n) != 0) {
        pl_paths_free(paths);
        pl_programs_free(progs);
        return EXIT_TROUBLE;
    }
    pl_extract_writer *w = pl_extract_writer_new(out.fp, (pl_format)fmt, (size_t)n);
    pl_parse_options opt = {.max_bytes = c->max_bytes,
                            .format_in = c->format_in,
                            .encoding = c->encoding,
                            .ocr_page = pl_progress_ocr_page_cb};
    extract_run x = {.paths = paths,
                     .progs = progs,
                     .opt = opt,
                     .w = w,
                     .out = &out,
                     .status = w ? EXIT_CLEAN : EXIT_TROUBLE,
                     .write_failed = !w};
    if (w) {
        size_t window;
        unsigned jobs = args_run_jobs(paths, (size_t)n, c->jobs, c->max_bytes, &window);
        pl_progress_start((size_t)n, 1);
        pl_pool_run_window((size_t)n, jobs, window, extract_job, extract_emit, &x);
        pl_progress_done();
    }
    if (w && !x.write_failed && pl_extract_writer_end(w) != 0) {
        cli_output_write_error(&out);
        x.write_failed = 1;
        x.status = EXIT_TROUBLE;
    }
    int status = x.status;
    pl_extract_writer_free(w);
    if (cli_output_close(&out, !x.write_failed) != 0)
        status = EXIT_TROUBLE;
    pl_paths_free(paths);
    pl_programs_free(progs);
    return status;
}


int pl_cli_extract(int argc, char **argv)
{
    extract_opts c = {0};
    int rc = parse_args(argc, argv, &c);
    if (rc == EXIT_CLEAN)
        rc = run(&c);
    free(c.in.v);
    return rc == ARGS_HELP ? EXIT_CLEAN : rc;
}
