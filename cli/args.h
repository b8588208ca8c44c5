/* args.h - option parsing shared by the planlint commands (cli/args.c):
 * the exit statuses, usage errors in the user's language, and the walk
 * that splits argv into options (from the command's table, options.h)
 * and operands. */
#ifndef PL_CLI_ARGS_H
#define PL_CLI_ARGS_H

#include <stddef.h>

#include "options.h"
#include "planlint.h"

/* Exit statuses (docs/CONTRACT.md §2, "Exit status"). */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };
/* What args_parse returns when it printed the command's help: the
 * command stops there, with status EXIT_CLEAN. */
enum { ARGS_HELP = -1 };

/* Print "planlint: CMD: MESSAGE" (just "planlint: MESSAGE" when cmd is
 * NULL), message id with its placeholders filled, then the hint to the
 * command's help, on stderr; returns EXIT_TROUBLE. */
int args_usage(const char *cmd, cli_msg id, const char *a1, const char *a2, const char *a3);
/* The same for a message the library wrote (pl_error), without a leading
 * "planlint: ". */
int args_usage_text(const char *cmd, const char *text);
/* Check --format-in and --encoding before any file is read; a usage
 * error (exit 2) naming CMD for a value the library does not know. */
int args_check_input_options(const char *cmd, const pl_parse_options *opt);

/* BYTES, with an optional k/K or m/M suffix, above zero, into *out.
 * Returns 0, or -1 (and *out untouched) when s is not that. */
int args_size(const char *s, size_t *out);
/* --max-size and --jobs: the value into *out, or a usage error. */
int args_max_size(const char *cmd, const cli_option *opt, const char *v, size_t *out);
int args_jobs(const char *cmd, const cli_option *opt, const char *v, unsigned *out);
/* The threads for a run of `extract` or `check` over these inputs, and the
 * run sized for them: --jobs (0: not given, the default) bounded by the
 * number of inputs (one input: 1, without asking the processors or the
 * memory) and by memory (pl_pool_jobs_for, each input read up to
 * max_bytes, 0: the default),
 * the bytes the run may read told to the library (pl_run_input_bytes)
 * and the heap prepared for the largest input (cli_heap_prepare);
 * *window_per_job: the pool's window for these inputs (pl_pool_jobs_for). */
unsigned args_run_jobs(char *const *paths, size_t n, unsigned jobs, size_t max_bytes,
                       size_t *window_per_job);

/* The inputs named on the command line. */
typedef struct args_operands {
    char **v;
    size_t n;
} args_operands;

/* Receives option opt of the command's table with its value (NULL for a
 * flag); returns EXIT_CLEAN or the status of the usage error it printed. */
typedef int (*args_set_fn)(void *ctx, const cli_option *opt, const char *value);

/* Walk argv[2..] with the options of cmd's table: "--name VALUE",
 * "--name=VALUE", "-x VALUE", "-xVALUE", "-x=VALUE"; "-", anything not
 * starting with '-' and everything after "--" go into ops (ops->v is
 * allocated; free it, even on error).  An option not in the table, a
 * missing value, a value for a flag or a value not among an option's
 * choices is a usage error; -h/--help prints the command's help.
 * Returns EXIT_CLEAN, EXIT_TROUBLE once a usage error has been printed,
 * or ARGS_HELP. */
int args_parse(const cli_command *cmd, int argc, char **argv, args_set_fn set, void *ctx,
               args_operands *ops);

#endif
