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
    const char *lang;
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
static int config_option(check_opts *o, const char *name, const char *v)
{
    pl_error err = {0};
    int rc = 0;
    if (strcmp(name, "--rule") == 0)
        rc = pl_config_set_rule(o->cfg, v, &err);
    else if (strcmp(name, "--fail-on") == 0)
        rc = pl_config_set_fail_on(o->cfg, v, &err);
    else if (strcmp(name, "--lang") == 0 && (rc = pl_config_set_lang(o->cfg, v, &err)) == 0)
        o->lang = v;
    return rc == 0 ? EXIT_CLEAN : args_usage(CMD, "%s", err.message);
}

/* Options that take no value; 1 when argv[*i] was one of them. */
static int flag_option(check_opts *o, const char *a)
{
    if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
        o->quiet = 1;
    else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
        o->verbose = 1;
    else if (strcmp(a, "--no-config") == 0)
        pl_config_use_files(o->cfg, 0);
    else
        return 0;
    return 1;
}

/* Options whose value is checked as it is read: --max-size, --jobs.
 * Returns -1 when argv[*i] is neither. */
static int number_option(check_opts *o, int argc, char **argv, int *i)
{
    const char *v;
    if ((v = args_value(argc, argv, i, "--max-size"))) {
        if (args_size(v, &o->max_bytes) != 0)
            return args_usage(CMD, "invalid --max-size '%s'", v);
        return EXIT_CLEAN;
    }
    if ((v = args_value_or(argc, argv, i, "-j", "--jobs"))) {
        if (pl_pool_parse_jobs(v, &o->jobs) != 0)
            return args_usage(CMD, "invalid --jobs '%s'", v);
        return EXIT_CLEAN;
    }
    return -1;
}

/* The option at argv[*i], for args_walk. */
static int one_option(void *ctx, int argc, char **argv, int *i)
{
    static const char *const CONFIG_OPTS[] = {"--rule", "--fail-on", "--lang"};
    check_opts *o = ctx;
    const char *a = argv[*i], *v;
    for (size_t k = 0; k < sizeof CONFIG_OPTS / sizeof *CONFIG_OPTS; k++)
        if ((v = args_value(argc, argv, i, CONFIG_OPTS[k])))
            return *v ? config_option(o, CONFIG_OPTS[k], v) : args_need_value(CMD, a, v);
    int rc = number_option(o, argc, argv, i);
    if (rc >= 0)
        return rc;
    if (flag_option(o, a))
        return EXIT_CLEAN;
    if ((v = args_value_or(argc, argv, i, "-f", "--format")))
        o->format = v;
    else if ((v = args_value_or(argc, argv, i, "-o", "--output")))
        o->output = v;
    else if ((v = args_value(argc, argv, i, "--parent")))
        o->parent = v;
    else if ((v = args_value(argc, argv, i, "--program")))
        o->program = v;
    else if ((v = args_value(argc, argv, i, "--plans"))) {
        if (o->nplans == MAX_PLANS_DIRS)
            return args_usage(CMD, "%s", "too many --plans directories");
        o->plans[o->nplans++] = v;
    } else if ((v = args_value(argc, argv, i, "--encoding")))
        o->encoding = v;
    else if ((v = args_value(argc, argv, i, "--format-in")))
        o->format_in = v;
    else
        return args_usage(CMD, "unknown option '%s'", a);
    return args_need_value(CMD, a, v);
}

static int parse_args(int argc, char **argv, check_opts *o)
{
    o->cfg = pl_config_new();
    if (!o->cfg)
        return args_usage(CMD, "%s", "out of memory");
    if (args_walk(argc, argv, CMD, one_option, o, &o->in) != EXIT_CLEAN)
        return EXIT_TROUBLE;
    if (o->parent && o->program)
        return args_usage(CMD, "%s", "--parent and --program exclude each other");
    if (o->in.n == 0)
        return args_usage(CMD, "%s", "no input files (use '-' for standard input)");
    pl_parse_options popt = {
        .max_bytes = o->max_bytes, .encoding = o->encoding, .format_in = o->format_in};
    return args_check_input_options(CMD, &popt);
}

static int trouble(const pl_error *err)
{
    fprintf(stderr, "planlint: %s\n", err->message);
    return EXIT_TROUBLE;
}

/* The checker with --program, --parent and --plans applied. */
static pl_checker *make_checker(const check_opts *o, const pl_programs *progs, pl_error *err)
{
    pl_checker *ck = pl_checker_new(progs, o->cfg, err);
    if (!ck)
        return NULL;
    int ok = (!o->program || pl_checker_set_program(ck, o->program, err) == 0) &&
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
    fprintf(stderr, "planlint: out of memory\n");
    return -1;
}

/* A Word document is one input's: `check -f docx` takes one file, and
 * writes a zip archive, never to a terminal. */
static int docx_inputs_ok(const check_opts *o, long n)
{
    if (n != 1)
        return args_usage(CMD, "-f docx takes exactly one input file (%ld given)", n);
    if (!o->output && isatty(STDOUT_FILENO))
        return args_usage(CMD, "%s", "-f docx writes a Word document: give -o FILE.docx");
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

/* What one input gave: its document and report, or the error. */
typedef struct check_item {
    pl_doc *doc;
    pl_report *r;
    pl_error err;
} check_item;

/* On a worker (--jobs): read, parse and check input i. */
static void *check_job(void *ctx, size_t i)
{
    check_run *x = ctx;
    check_item *it = calloc(1, sizeof *it);
    if (!it)
        return NULL;
    it->doc = pl_doc_read(x->paths[i], x->progs, &x->popt, &it->err);
    it->r = it->doc ? pl_check_doc(x->ck, it->doc, &it->err) : NULL;
    return it;
}

/* -v: the configuration file that applied to the file at `path`. */
static void say_config(const char *path, const pl_report *r)
{
    char name[CLI_NAME_MAX], conf[CLI_NAME_MAX];
    pl_progress_clear();
    if (pl_report_config(r))
        fprintf(stderr, "planlint: %s: configuration from %s\n", cli_name(path, name, sizeof name),
                cli_name(pl_report_config(r), conf, sizeof conf));
    else
        fprintf(stderr, "planlint: %s: no configuration file applies\n",
                cli_name(path, name, sizeof name));
}

/* In input order: report, write, free. */
static void check_emit(void *ctx, size_t i, void *result)
{
    check_run *x = ctx;
    check_item *it = result;
    char name[CLI_NAME_MAX];
    pl_progress_step(x->paths[i]);
    if (!it || !it->r) {
        pl_progress_clear();
        if (it)
            trouble(&it->err);
        else
            fprintf(stderr, "planlint: %s: out of memory\n",
                    cli_name(x->paths[i], name, sizeof name));
        x->trouble_seen = 1;
    } else {
        if (x->verbose)
            say_config(x->paths[i], it->r);
        if (sink_add(x->w, it->r, it->doc) != 0) {
            pl_progress_clear();
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
        fprintf(stderr, "planlint: out of memory\n");
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
    pl_parse_options popt = {
        .max_bytes = o->max_bytes, .encoding = o->encoding, .format_in = o->format_in};
    check_run x = {paths, progs, popt, ck, w, o->verbose, 0, 0};
    unsigned jobs = o->jobs ? o->jobs : pl_pool_default_jobs();
    pl_progress_start((size_t)n, !o->quiet);
    pl_pool_run((size_t)n,
                pl_pool_jobs_for(paths, (size_t)n, jobs,
                                 o->max_bytes ? o->max_bytes : PL_DEFAULT_MAX_BYTES),
                check_job, check_emit, &x);
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

static int format_of(const char *name)
{
    int fmt = pl_format_parse(name);
    if (fmt == PL_FMT_TEXT || fmt == PL_FMT_JSON || fmt == PL_FMT_HTML || fmt == PL_FMT_SARIF ||
        fmt == PL_FMT_DOCX)
        return fmt;
    return -1;
}

int pl_cli_check(int argc, char **argv)
{
    check_opts o = {0};
    int rc = parse_args(argc, argv, &o);
    int fmt = o.format ? format_of(o.format) : PL_FMT_TEXT;
    if (rc == EXIT_CLEAN && fmt < 0)
        rc = args_usage(CMD, "unknown or unsupported format '%s' (text, json, html, sarif, docx)",
                        o.format);
    pl_error err = {0};
    pl_programs *progs = rc == EXIT_CLEAN ? pl_programs_new_builtin(&err) : NULL;
    if (rc == EXIT_CLEAN && !progs)
        rc = trouble(&err);
    pl_checker *ck = progs ? make_checker(&o, progs, &err) : NULL;
    if (rc == EXIT_CLEAN && !ck)
        rc = err.status == PL_ERR_USAGE ? args_usage(CMD, "%s", err.message) : trouble(&err);
    pl_lang lang = o.lang ? (pl_lang)pl_lang_parse(o.lang) : PL_LANG_VI;
    if (rc == EXIT_CLEAN)
        rc = run(&o, progs, ck, fmt, lang);
    pl_checker_free(ck);
    pl_programs_free(progs);
    pl_config_free(o.cfg);
    free(o.in.v);
    return rc;
}
