/* main.c - the planlint command line: parse options, call the library,
 * print, map results to exit codes.  Nothing here parses plans or knows a
 * rule; it includes only the public header. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "compare_cmd.h"
#include "output.h"
#include "planlint.h"
#include "pool.h"

static const char USAGE[] =
    "usage: planlint extract [-f json|ndjson|xml|csv] [-o OUT] [--max-size BYTES] [-j N] FILE...\n"
    "       planlint check   [-f text|json|html] [--parent FILE | --program ID] [--plans DIR]\n"
    "                        [--lang vi|en] [--fail-on error|warning|info|never] [-j N] [-v]\n"
    "                        FILE|DIR...\n"
    "       planlint compare [-f text|md|csv|json|html|xlsx] [-o OUT] [--program ID]\n"
    "                        [--lang vi|en] FILE|DIR...   (xlsx needs -o)\n"
    "       planlint rules\n"
    "       planlint programs\n"
    "       planlint --help | --version\n"
    "\n"
    "FILE may be '-' for standard input; a DIR is walked for plan files.\n"
    "Input options (extract, check, compare):\n"
    "  --format-in auto|text|html|docx|odt|pdf   reader to use (default: by content)\n"
    "  --encoding auto|utf-8|utf-16le|utf-16be|tcvn3|tcvn5712-1|vni|viscii|cp1258|mojibake\n"
    "  --max-size BYTES                      largest input read (default 64M)\n"
    "Parallel runs (extract, check):\n"
    "  -j, --jobs N                          files processed at once (default: the cores;\n"
    "                                        output stays in input order)\n"
    "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.\n";

typedef struct cli {
    const char *format;
    const char *output;
    size_t max_bytes;
    const char *format_in;
    const char *encoding;
    args_operands in;
    unsigned jobs; /* --jobs; 0 = not given */
} cli;

/* The option at argv[*i], for args_walk. */
static int extract_option(void *ctx, int argc, char **argv, int *i)
{
    cli *c = ctx;
    const char *a = argv[*i], *v;
    if ((v = args_value_or(argc, argv, i, "-f", "--format")))
        c->format = v;
    else if ((v = args_value_or(argc, argv, i, "-o", "--output")))
        c->output = v;
    else if ((v = args_value(argc, argv, i, "--max-size"))) {
        if (args_size(v, &c->max_bytes) != 0)
            return args_usage(NULL, "invalid --max-size '%s'", v);
    } else if ((v = args_value(argc, argv, i, "--format-in")))
        c->format_in = v;
    else if ((v = args_value(argc, argv, i, "--encoding")))
        c->encoding = v;
    else if ((v = args_value_or(argc, argv, i, "-j", "--jobs"))) {
        if (pl_pool_parse_jobs(v, &c->jobs) != 0)
            return args_usage(NULL, "invalid --jobs '%s'", v);
    } else
        return args_usage(NULL, "unknown option '%s'", a);
    return EXIT_CLEAN;
}

static int parse_args(int argc, char **argv, cli *c)
{
    if (args_walk(argc, argv, NULL, extract_option, c, &c->in) != EXIT_CLEAN)
        return EXIT_TROUBLE;
    pl_parse_options chk = {.format_in = c->format_in, .encoding = c->encoding};
    return args_check_input_options(NULL, &chk);
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

/* In input order: report, write, free. */
static void extract_emit(void *ctx, size_t i, void *result)
{
    extract_run *x = ctx;
    extract_item *it = result;
    char name[CLI_NAME_MAX];
    if (!it || !it->doc) {
        if (it)
            fprintf(stderr, "planlint: %s\n", it->err.message);
        else
            fprintf(stderr, "planlint: %s: out of memory\n",
                    cli_name(x->paths[i], name, sizeof name));
        x->status = EXIT_TROUBLE;
        free(it);
        return;
    }
    const char *note = pl_doc_note(it->doc);
    if (note)
        fprintf(stderr, "planlint: %s: note: %s\n", cli_name(x->paths[i], name, sizeof name), note);
    if (!x->write_failed && pl_extract_writer_add(x->w, it->doc) != 0) {
        cli_output_write_error(x->out);
        x->write_failed = 1;
        x->status = EXIT_TROUBLE;
    }
    pl_doc_free(it->doc);
    free(it);
}

static int cmd_extract(cli *c)
{
    const char *fmtname = c->format ? c->format : "json";
    int fmt = pl_format_parse(fmtname);
    if (fmt != PL_FMT_JSON && fmt != PL_FMT_NDJSON && fmt != PL_FMT_XML && fmt != PL_FMT_CSV)
        return args_usage("extract", "unknown format '%s' (json, ndjson, xml, csv)", fmtname);
    if (c->in.n == 0)
        return args_usage("extract", "%s", "no input files (use '-' for standard input)");
    pl_error err = {0};
    pl_programs *progs = pl_programs_new_builtin(&err);
    if (!progs) {
        fprintf(stderr, "planlint: %s\n", err.message);
        return EXIT_TROUBLE;
    }
    char **paths = NULL;
    long n = pl_expand_inputs(c->in.v, c->in.n, &paths);
    if (n < 0) {
        pl_programs_free(progs);
        fprintf(stderr, "planlint: out of memory\n");
        return EXIT_TROUBLE;
    }
    cli_output out;
    if (cli_output_open(&out, c->output, paths, (size_t)n) != 0) {
        pl_paths_free(paths);
        pl_programs_free(progs);
        return EXIT_TROUBLE;
    }
    pl_extract_writer *w = pl_extract_writer_new(out.fp, (pl_format)fmt, (size_t)n);
    pl_parse_options opt = {
        .max_bytes = c->max_bytes, .format_in = c->format_in, .encoding = c->encoding};
    extract_run x = {.paths = paths,
                     .progs = progs,
                     .opt = opt,
                     .w = w,
                     .out = &out,
                     .status = w ? EXIT_CLEAN : EXIT_TROUBLE,
                     .write_failed = !w};
    if (w) {
        unsigned jobs = c->jobs ? c->jobs : pl_pool_default_jobs();
        pl_pool_run((size_t)n,
                    pl_pool_jobs_for(paths, (size_t)n, jobs,
                                     c->max_bytes ? c->max_bytes : PL_DEFAULT_MAX_BYTES),
                    extract_job, extract_emit, &x);
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

static int run_command(int argc, char **argv)
{
    if (argc < 2)
        return args_usage(NULL, "%s", "missing command");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(USAGE, stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("planlint %s (output contract %d)\n", PL_VERSION, PL_CONTRACT_VERSION);
        return EXIT_CLEAN;
    }
    /* commands with options of their own parse them themselves */
    if (strcmp(cmd, "check") == 0)
        return pl_cli_check(argc, argv);
    if (strcmp(cmd, "rules") == 0)
        return pl_cli_rules(argc, argv);
    if (strcmp(cmd, "programs") == 0)
        return pl_cli_programs(argc, argv);
    if (strcmp(cmd, "compare") == 0)
        return pl_cli_compare(argc, argv);
    cli c = {0};
    int rc = parse_args(argc, argv, &c);
    if (rc == EXIT_CLEAN) {
        if (strcmp(cmd, "extract") == 0)
            rc = cmd_extract(&c);
        else
            rc = args_usage(NULL, "unknown command '%s'", cmd);
    }
    free(c.in.v);
    return rc;
}

/* Every command's output is checked once more as it is closed: a full
 * disk or a closed pipe must not end in status 0 (--help included). */
int main(int argc, char **argv)
{
    return cli_stdout_close(run_command(argc, argv));
}
