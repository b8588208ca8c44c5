/* cmd_check.c - `planlint check`: parse options, build a checker, check
 * each input, render the findings, map them to an exit status.  Only the
 * public header: the rules live in the library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "output.h"
#include "planlint.h"
#include "pool.h"
#include "progress.h"

static const char CMD[] = "check";

/* --plans may be given more than once; more directories than this is a
 * mistake in a script, not a use. */
#define MAX_PLANS_DIRS 16

typedef struct check_opts {
    const char *format;
    const char *output; /* -o; NULL = standard output */
    const char *parent;
    const char *program;
    const char *plans[MAX_PLANS_DIRS];
    size_t nplans;
    size_t max_bytes;
    const char *encoding;
    const char *format_in;
    int quiet;
    int verbose;   /* -v: say which .planlint applied to each file */
    unsigned jobs; /* --jobs; 0 = not given */
    args_operands in;
    pl_config *cfg;
} check_opts;

/* Options that go into the configuration. */
static int config_option(check_opts *o, cli_key key, const char *v)
{
    pl_error err = {0};
    int rc = 0;
    if (key == OPT_RULE)
        rc = pl_config_set_rule(o->cfg, v, &err);
    else if (key == OPT_FAIL_ON)
        rc = pl_config_set_fail_on(o->cfg, v, &err);
    else
        rc = pl_config_set_lang(o->cfg, v, &err);
    return rc == 0 ? EXIT_CLEAN : args_usage_text(CMD, err.message);
}

/* Option opt of the table with its value, for args_parse. */
static int set_option(void *ctx, const cli_option *opt, const char *v)
{
    check_opts *o = ctx;
    switch (opt->key) {
    case OPT_RULE:
    case OPT_FAIL_ON:
    case OPT_LANG: return config_option(o, opt->key, v);
    case OPT_MAX_SIZE: return args_max_size(CMD, opt, v, &o->max_bytes);
    case OPT_JOBS: return args_jobs(CMD, opt, v, &o->jobs);
    case OPT_QUIET: o->quiet = 1; break;
    case OPT_VERBOSE: o->verbose = 1; break;
    case OPT_NO_CONFIG: pl_config_use_files(o->cfg, 0); break;
    case OPT_FORMAT: o->format = v; break;
    case OPT_OUTPUT: o->output = v; break;
    case OPT_PARENT: o->parent = v; break;
    case OPT_PROGRAM: o->program = v; break;
    case OPT_ENCODING: o->encoding = v; break;
    case OPT_FORMAT_IN: o->format_in = v; break;
    case OPT_PLANS:
        if (o->nplans == MAX_PLANS_DIRS) {
            char max[16];
            snprintf(max, sizeof max, "%d", MAX_PLANS_DIRS);
            return args_usage(CMD, CLI_MSG_USAGE_TOO_MANY, "--plans", max, NULL);
        }
        o->plans[o->nplans++] = v;
        break;
    default: break;
    }
    return EXIT_CLEAN;
}

static int parse_args(int argc, char **argv, check_opts *o)
{
    o->cfg = pl_config_new();
    if (!o->cfg)
        return args_usage(CMD, CLI_MSG_FILE_OUT_OF_MEMORY, NULL, NULL, NULL);
    /* findings in the environment's language unless a .planlint or
     * --lang says otherwise */
    pl_config_set_default_lang(o->cfg, cli_lang());
    int rc = args_parse(cli_command_find(CMD), argc, argv, set_option, o, &o->in);
    if (rc != EXIT_CLEAN)
        return rc;
    if (o->parent && o->program)
        return args_usage(CMD, CLI_MSG_USAGE_EXCLUSIVE, "--parent", "--program", NULL);
    if (o->in.n == 0)
        return args_usage(CMD, CLI_MSG_USAGE_NO_INPUTS, NULL, NULL, NULL);
    pl_parse_options popt = {
        .max_bytes = o->max_bytes, .encoding = o->encoding, .format_in = o->format_in};
    return args_check_input_options(CMD, &popt);
}

static int trouble(const pl_error *err)
{
    cli_report_error(err);
    return EXIT_TROUBLE;
}

/* The checker with --program, --parent and --plans applied. */
static pl_checker *make_checker(const check_opts *o, const pl_programs *progs, pl_error *err)
{
    pl_checker *ck = pl_checker_new(progs, o->cfg, err);
    if (!ck)
        return NULL;
    /* every format writes a finding in its report's language only */
    pl_checker_set_one_language(ck, 1);
    /* --parent is read as the inputs are; --plans files by their content */
    pl_parse_options popt = {
        .max_bytes = o->max_bytes, .encoding = o->encoding, .format_in = o->format_in};
    int ok = (!o->program || pl_checker_set_program(ck, o->program, err) == 0) &&
             pl_checker_set_read_options(ck, &popt, err) == 0 &&
             (!o->parent || pl_checker_set_parent_file(ck, o->parent, err) == 0);
    for (size_t i = 0; ok && i < o->nplans; i++)
        ok = pl_checker_add_plans_dir(ck, o->plans[i], err) >= 0;
    if (!ok) {
        pl_checker_free(ck);
        return NULL;
    }
    return ck;
}

/* Where reports go: the streaming writer (text, json) or a page written
 * at the end (html, sarif). */
typedef struct sink {
    pl_findings_writer *w;
    pl_findings_page *page;
} sink;

static int sink_add(sink *k, const pl_report *r, const pl_doc *doc)
{
    return k->page ? pl_findings_page_add(k->page, r, doc) : pl_findings_writer_add(k->w, r);
}

static int sink_end(sink *k, FILE *out)
{
    return k->page ? pl_findings_page_write(k->page, out) : pl_findings_writer_end(k->w);
}

/* The writer for fmt over out: a page (html, sarif, docx) or a stream. */
static int sink_open(sink *k, int fmt, pl_lang lang, FILE *out)
{
    if (fmt == PL_FMT_HTML || fmt == PL_FMT_SARIF || fmt == PL_FMT_DOCX)
        k->page = pl_findings_page_new((pl_format)fmt, lang);
    else
        k->w = pl_findings_writer_new(out, (pl_format)fmt, lang);
    if (k->page || k->w)
        return 0;
    cli_report_file(NULL, CLI_MSG_FILE_OUT_OF_MEMORY, NULL);
    return -1;
}

/* An input that could not be read goes into the report too (JSON: the
 * "unreadable" list; HTML: a line of the summary; SARIF: a notification
 * of a failed invocation), with the reason as stderr says it, less the
 * file's name, which is its location. */
static int sink_error(sink *k, const char *path, const char *m)
{
    size_t n = strlen(path);
    if (strncmp(m, path, n) == 0 && m[n] == ':' && m[n + 1] == ' ')
        m += n + 2;
    return k->page ? pl_findings_page_add_error(k->page, path, m)
                   : pl_findings_writer_add_error(k->w, path, m);
}

/* A Word document is one input's: `check -f docx` takes one file, and
 * writes a zip archive, never to a terminal. */
static int docx_inputs_ok(const check_opts *o, long n)
{
    char given[24];
    snprintf(given, sizeof given, "%ld", n);
    if (n != 1)
        return args_usage(CMD, CLI_MSG_USAGE_DOCX_ONE_INPUT, given, NULL, NULL);
    if (!o->output && isatty(STDOUT_FILENO))
        return args_usage(CMD, CLI_MSG_USAGE_DOCX_TERMINAL, NULL, NULL, NULL);
    return EXIT_CLEAN;
}

/* One run of `check`, shared by the workers (read-only: pl_check_doc
 * may run in several threads on one checker) and the writer (which alone
 * touches the sink and the flags). */
typedef struct check_run {
    char **paths;
    const pl_programs *progs;
    pl_parse_options popt;
    pl_checker *ck;
    sink *w;
    int verbose;
    int trouble_seen, fails;
} check_run;

/* What one input gave: its document and report, or the error.  The
 * streaming writers (text, json) need the report alone: their worker
 * frees the document at once and leaves doc NULL. */
typedef struct check_item {
    pl_doc *doc;
    pl_report *r;
    pl_error err;
} check_item;

/* On a worker (--jobs): read, parse and check input i.  A streaming
 * writer (text, json) needs only the report, which holds copies of what
 * it says: the document is freed here, on the thread that built it and
 * while it is in that core's cache, instead of waiting in the window for
 * the writing thread (a free of another thread's block takes that
 * thread's arena lock and touches memory gone cold). */
static void *check_job(void *ctx, size_t i)
{
    check_run *x = ctx;
    check_item *it = calloc(1, sizeof *it);
    if (!it)
        return NULL;
    it->doc = pl_doc_read(x->paths[i], x->progs, &x->popt, &it->err);
    it->r = it->doc ? pl_check_doc(x->ck, it->doc, &it->err) : NULL;
    if (!x->w->page) {
        pl_doc_free(it->doc);
        it->doc = NULL;
    }
    return it;
}

/* -v: the configuration file that applied to the file at `path`. */
static void say_config(const char *path, const pl_report *r)
{
    char conf[CLI_NAME_MAX];
    if (pl_report_config(r))
        cli_report_file(path, CLI_MSG_FILE_CONFIG_FROM,
                        cli_name(pl_report_config(r), conf, sizeof conf));
    else
        cli_report_file(path, CLI_MSG_FILE_NO_CONFIG, NULL);
}

/* In input order: report, write, free (the progress line held away). */
static void write_item(check_run *x, size_t i, check_item *it);

static void check_emit(void *ctx, size_t i, void *result)
{
    check_run *x = ctx;
    pl_progress_hold();
    pl_progress_step(x->paths[i]);
    write_item(x, i, result);
    pl_progress_release();
}

static void write_item(check_run *x, size_t i, check_item *it)
{
    if (!it || !it->r) {
        if (it) {
            /* translated once, for stderr and for the report */
            char said[2 * sizeof it->err.message];
            cli_library_error(it->err.message, said, sizeof said);
            cli_report_said(said);
            if (sink_error(x->w, x->paths[i], said) != 0)
                cli_report_file(NULL, CLI_MSG_FILE_OUT_OF_MEMORY, NULL);
        } else
            cli_report_file(x->paths[i], CLI_MSG_FILE_OUT_OF_MEMORY, NULL);
        x->trouble_seen = 1;
    } else {
        if (x->verbose)
            say_config(x->paths[i], it->r);
        if (sink_add(x->w, it->r, it->doc) != 0) {
            cli_output_write_error(NULL);
            x->trouble_seen = 1;
        }
        x->fails |= pl_report_fails(it->r);
    }
    if (it) {
        pl_report_free(it->r);
        pl_doc_free(it->doc);
        free(it);
    }
}

/* Check every input, in parallel with --jobs, reported in order; a file
 * that cannot be read is reported and the others are still checked. */
static int run(const check_opts *o, const pl_programs *progs, pl_checker *ck, int fmt,
               pl_lang lang)
{
    char **paths = NULL;
    long n = pl_expand_inputs(o->in.v, o->in.n, &paths);
    if (n < 0) {
        cli_report_file(NULL, CLI_MSG_FILE_OUT_OF_MEMORY, NULL);
        return EXIT_TROUBLE;
    }
    cli_output out;
    sink sk = {NULL, NULL}, *w = &sk;
    if ((fmt == PL_FMT_DOCX && docx_inputs_ok(o, n) != EXIT_CLEAN) ||
        cli_output_open(&out, o->output, paths, (size_t)n) != 0) {
        pl_paths_free(paths);
        return EXIT_TROUBLE;
    }
    if (sink_open(w, fmt, lang, out.fp) != 0) {
        cli_output_close(&out, 0);
        pl_paths_free(paths);
        return EXIT_TROUBLE;
    }
    pl_parse_options popt = {.max_bytes = o->max_bytes,
                             .encoding = o->encoding,
                             .format_in = o->format_in,
                             .ocr_page = o->quiet ? NULL : pl_progress_ocr_page_cb};
    check_run x = {paths, progs, popt, ck, w, o->verbose, 0, 0};
    size_t window;
    unsigned jobs = args_run_jobs(paths, (size_t)n, o->jobs, o->max_bytes, &window);
    pl_progress_start((size_t)n, !o->quiet);
    pl_pool_run_window((size_t)n, jobs, window, check_job, check_emit, &x);
    pl_progress_done();
    int trouble_seen = x.trouble_seen, fails = x.fails;
    pl_paths_free(paths);
    int written = sink_end(w, out.fp) == 0;
    if (!written) {
        cli_output_write_error(&out);
        trouble_seen = 1;
    }
    if (cli_output_close(&out, written) != 0)
        trouble_seen = 1;
    pl_findings_writer_free(sk.w);
    pl_findings_page_free(sk.page);
    return trouble_seen ? EXIT_TROUBLE : fails ? EXIT_FINDINGS : EXIT_CLEAN;
}

int pl_cli_check(int argc, char **argv)
{
    check_opts o = {0};
    int rc = parse_args(argc, argv, &o);
    /* the table let only text, json, html, sarif and docx through */
    int fmt = o.format ? pl_format_parse(o.format) : PL_FMT_TEXT;
    pl_error err = {0};
    pl_programs *progs = rc == EXIT_CLEAN ? pl_programs_new_builtin(&err) : NULL;
    if (rc == EXIT_CLEAN && !progs)
        rc = trouble(&err);
    pl_checker *ck = progs ? make_checker(&o, progs, &err) : NULL;
    if (rc == EXIT_CLEAN && !ck)
        rc = err.status == PL_ERR_USAGE ? args_usage_text(CMD, err.message) : trouble(&err);
    pl_lang lang = cli_lang();
    if (rc == EXIT_CLEAN)
        rc = run(&o, progs, ck, fmt, lang);
    pl_checker_free(ck);
    pl_programs_free(progs);
    pl_config_free(o.cfg);
    free(o.in.v);
    return rc == ARGS_HELP ? EXIT_CLEAN : rc;
}
