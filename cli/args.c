/* args.c - the option parsing every planlint command shares: usage
 * errors in one wording, option values in both spellings ("--opt VALUE"
 * and "--opt=VALUE"), sizes such as 64M, and the walk over argv that
 * hands options to the command and collects its operands.  What each
 * option means stays with its command (main.c, cmd_*.c). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

int args_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "planlint: ");
    if (cmd)
        fprintf(stderr, "%s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'planlint --help'.\n");
    va_end(ap);
    return EXIT_TROUBLE;
}

int args_check_input_options(const char *cmd, const pl_parse_options *opt)
{
    pl_error err = {0};
    if (pl_parse_options_check(opt, &err) == 0)
        return EXIT_CLEAN;
    const char *msg = err.message; /* "planlint: ...": the program is named already */
    if (strncmp(msg, "planlint: ", 10) == 0)
        msg += 10;
    return args_usage(cmd, "%s", msg);
}

const char *args_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0')
        return NULL;
    if (*i + 1 >= argc)
        return "";
    return argv[++*i];
}

const char *args_value_or(int argc, char **argv, int *i, const char *name, const char *other)
{
    const char *v = args_value(argc, argv, i, name);
    return v ? v : args_value(argc, argv, i, other);
}

int args_need_value(const char *cmd, const char *opt, const char *v)
{
    return *v ? EXIT_CLEAN : args_usage(cmd, "%s needs a value", opt);
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

int args_walk(int argc, char **argv, const char *cmd, args_option_fn option, void *ctx,
              args_operands *ops)
{
    ops->v = calloc((size_t)argc + 1, sizeof *ops->v);
    ops->n = 0;
    if (!ops->v)
        return args_usage(cmd, "%s", "out of memory");
    int only_operands = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (only_operands || a[0] != '-' || strcmp(a, "-") == 0)
            ops->v[ops->n++] = argv[i];
        else if (strcmp(a, "--") == 0)
            only_operands = 1;
        else if (option(ctx, argc, argv, &i) != EXIT_CLEAN)
            return EXIT_TROUBLE;
    }
    return EXIT_CLEAN;
}
