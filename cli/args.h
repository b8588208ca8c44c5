/* args.h - option parsing shared by the planlint commands (cli/args.c):
 * the exit statuses, usage errors, "--opt VALUE" / "--opt=VALUE" values,
 * sizes, and the walk that splits argv into options and operands. */
#ifndef PL_CLI_ARGS_H
#define PL_CLI_ARGS_H

#include <stddef.h>

#include "planlint.h"

/* Exit statuses (docs/CONTRACT.md §2, "Exit status"). */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

/* Print "planlint: CMD: MESSAGE" (just "planlint: MESSAGE" when cmd is
 * NULL) and the --help hint on stderr; returns EXIT_TROUBLE. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int args_usage(const char *cmd, const char *fmt, ...);
/* Check --format-in and --encoding before any file is read; a usage
 * error (exit 2) naming CMD for a value the library does not know. */
int args_check_input_options(const char *cmd, const pl_parse_options *opt);

/* Value of an option given as "--opt VALUE" or "--opt=VALUE" at argv[*i],
 * advancing *i past a separate value; NULL when argv[*i] is not that
 * option, "" when its value is missing. */
const char *args_value(int argc, char **argv, int *i, const char *name);

/* args_value for an option with two names, such as "-f" and "--format". */
const char *args_value_or(int argc, char **argv, int *i, const char *name, const char *other);

/* EXIT_CLEAN when option opt got a value v, else a usage error
 * "OPT needs a value". */
int args_need_value(const char *cmd, const char *opt, const char *v);

/* BYTES, with an optional k/K or m/M suffix, above zero, into *out.
 * Returns 0, or -1 (and *out untouched) when s is not that. */
int args_size(const char *s, size_t *out);

/* The inputs named on the command line. */
typedef struct args_operands {
    char **v;
    size_t n;
} args_operands;

/* Handles the option at argv[*i], advancing *i past its value; returns
 * EXIT_CLEAN or the status of the usage error it printed. */
typedef int (*args_option_fn)(void *ctx, int argc, char **argv, int *i);

/* Walk argv[2..]: "-", anything not starting with '-' and everything
 * after "--" go into ops (ops->v is allocated; free it, even on error);
 * each other argument goes to option.  Returns EXIT_CLEAN, or
 * EXIT_TROUBLE once a usage error has been printed (cmd names the
 * command in the out-of-memory one, as in args_usage). */
int args_walk(int argc, char **argv, const char *cmd, args_option_fn option, void *ctx,
              args_operands *ops);

#endif
