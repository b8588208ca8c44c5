/* args.c - the option parsing every planlint command shares: usage
 * errors in one wording and the user's language, the walk over argv that
 * takes exactly the options of the command's table (options.h) and hands
 * them to the command, and the values several commands check (sizes,
 * --jobs).  What each option means stays with its command (cmd_*.c). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "heap.h"
#include "help.h"
#include "pool.h"

/* "planlint: CMD: " */
static void lead(const char *cmd)
{
    fputs("planlint: ", stderr);
    if (cmd)
        fprintf(stderr, "%s: ", cmd);
}

/* "Try 'planlint CMD --help'." */
static int hint(const char *cmd)
{
    char what[64];
    snprintf(what, sizeof what, "planlint %s%s--help", cmd ? cmd : "", cmd ? " " : "");
    fputc('\n', stderr);
    cli_put(stderr, CLI_MSG_USAGE_HINT, what, NULL, NULL);
    fputc('\n', stderr);
    return EXIT_TROUBLE;
}

int args_usage(const char *cmd, cli_msg id, const char *a1, const char *a2, const char *a3)
{
    lead(cmd);
    cli_put(stderr, id, a1, a2, a3);
    return hint(cmd);
}

int args_usage_text(const char *cmd, const char *text)
{
    char said[1024];
    if (strncmp(text, "planlint: ", 10) == 0) /* the program is named already */
        text += 10;
    lead(cmd);
    fputs(cli_library_error(text, said, sizeof said), stderr);
    return hint(cmd);
}

int args_check_input_options(const char *cmd, const pl_parse_options *opt)
{
    pl_error err = {0};
    if (pl_parse_options_check(opt, &err) == 0)
        return EXIT_CLEAN;
    return args_usage_text(cmd, err.message);
}

int args_size(const char *s, size_t *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1; /* strtoull would take "-1" (as a huge number) and " 2" */
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10), unit = 1;
    if (errno || end == s)
        return -1;
    if (*end == 'k' || *end == 'K')
        unit = 1024ull, end++;
    else if (*end == 'm' || *end == 'M')
        unit = 1024ull * 1024, end++;
    /* a product that wraps would turn a huge limit into a tiny one */
    if (*end != '\0' || v == 0 || v > SIZE_MAX / unit)
        return -1;
    *out = (size_t)(v * unit);
    return 0;
}

/* "--name" of an option, as messages name it. */
static const char *long_name(const cli_option *o, char *buf, size_t n)
{
    snprintf(buf, n, "--%s", o->name);
    return buf;
}

int args_max_size(const char *cmd, const cli_option *opt, const char *v, size_t *out)
{
    char name[64];
    if (args_size(v, out) == 0)
        return EXIT_CLEAN;
    return args_usage(cmd, CLI_MSG_USAGE_BAD_SIZE, long_name(opt, name, sizeof name), v, NULL);
}

int args_jobs(const char *cmd, const cli_option *opt, const char *v, unsigned *out)
{
    char name[64], max[16];
    if (pl_pool_parse_jobs(v, out) == 0)
        return EXIT_CLEAN;
    snprintf(max, sizeof max, "%d", PL_POOL_MAX_JOBS);
    return args_usage(cmd, CLI_MSG_USAGE_BAD_JOBS, long_name(opt, name, sizeof name), v, max);
}

unsigned args_run_jobs(char *const *paths, size_t n, unsigned jobs, size_t max_bytes,
                       size_t *window_per_job)
{
    size_t total = 0, largest = 0;
    /* The pool runs no more threads than inputs: a run of one file asks
     * neither how many processors are online (sysconf reads
     * /sys/devices/system/cpu/online) nor how much memory is free
     * (/proc/meminfo, the cgroup's files): eight system calls of a
     * one-plan process. */
    if (jobs == 0)
        jobs = n > 1 ? pl_pool_default_jobs() : 1;
    if (jobs > n)
        jobs = n > 0 ? (unsigned)n : 1;
    unsigned run = pl_pool_jobs_for(paths, n, jobs,
                                    max_bytes ? max_bytes : PL_DEFAULT_MAX_BYTES, &total, &largest,
                                    window_per_job);
    pl_run_input_bytes(total);
    cli_heap_prepare(cli_heap_bytes(largest));
    return run;
}

/* Whether v is one of the '|'-separated choices. */
static int among(const char *choices, const char *v)
{
    size_t n = strlen(v);
    for (const char *c = choices; c; c = strchr(c, '|') ? strchr(c, '|') + 1 : NULL)
        if (strncmp(c, v, n) == 0 && (c[n] == '|' || c[n] == '\0'))
            return 1;
    return 0;
}

/* The row of cmd's table that argument a names, and where its value
 * starts inside a ("--format=json", "-fjson"; NULL when it has none). */
static const cli_option *find_option(const cli_command *cmd, const char *a, const char **inline_v)
{
    *inline_v = NULL;
    for (size_t k = 0; k < cmd->noptions; k++) {
        const cli_option *o = &cmd->options[k];
        if (a[1] == '-') {
            size_t n = strlen(o->name);
            if (strncmp(a + 2, o->name, n) == 0 && (a[n + 2] == '\0' || a[n + 2] == '=')) {
                *inline_v = a[n + 2] == '=' ? a + n + 3 : NULL;
                return o;
            }
        } else if (o->short_name && a[1] == o->short_name) {
            if (a[2] == '\0')
                return o;
            if (o->arg == ARG_NONE)
                continue; /* "-qv" is not "-q" */
            *inline_v = a + 2 + (a[2] == '=');
            return o;
        }
    }
    return NULL;
}

/* One option argument at argv[*i] (advancing *i past a separate value). */
static int one_option(const cli_command *cmd, int argc, char **argv, int *i, args_set_fn set,
                      void *ctx)
{
    const char *a = argv[*i], *v;
    const cli_option *o = find_option(cmd, a, &v);
    char name[64];
    if (!o)
        return args_usage(cmd->name, CLI_MSG_USAGE_UNKNOWN_OPTION, a, NULL, NULL);
    if (o->key == OPT_HELP)
        return cli_help_command(stdout, cmd) == 0 ? ARGS_HELP : EXIT_TROUBLE;
    if (o->arg == ARG_NONE) {
        if (v)
            return args_usage(cmd->name, CLI_MSG_USAGE_TAKES_NO_VALUE,
                              long_name(o, name, sizeof name), v, NULL);
        return set(ctx, o, NULL);
    }
    if (!v && *i + 1 < argc)
        v = argv[++*i];
    if (!v || !*v)
        return args_usage(cmd->name, CLI_MSG_USAGE_NEEDS_VALUE, a, NULL, NULL);
    if (o->arg == ARG_CHOICE && !among(o->choices, v))
        return args_usage(cmd->name, CLI_MSG_USAGE_BAD_CHOICE, long_name(o, name, sizeof name), v,
                          o->choices);
    return set(ctx, o, v);
}

int args_parse(const cli_command *cmd, int argc, char **argv, args_set_fn set, void *ctx,
               args_operands *ops)
{
    ops->v = calloc((size_t)argc + 1, sizeof *ops->v);
    ops->n = 0;
    if (!ops->v)
        return args_usage(cmd->name, CLI_MSG_FILE_OUT_OF_MEMORY, NULL, NULL, NULL);
    int only_operands = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (only_operands || a[0] != '-' || strcmp(a, "-") == 0)
            ops->v[ops->n++] = argv[i];
        else if (strcmp(a, "--") == 0)
            only_operands = 1;
        else {
            int rc = one_option(cmd, argc, argv, &i, set, ctx);
            if (rc != EXIT_CLEAN)
                return rc;
        }
    }
    return EXIT_CLEAN;
}
