/* cmd_list.c - `planlint rules` and `planlint programs`: what the checker
 * knows, listed by the library. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "planlint.h"

enum { EXIT_CLEAN = 0, EXIT_TROUBLE = 2 };

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "planlint: %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'planlint --help'.\n");
    va_end(ap);
    return EXIT_TROUBLE;
}

/* The only option: --lang vi|en. */
static int parse_lang(int argc, char **argv, pl_lang *lang)
{
    *lang = PL_LANG_VI;
    for (int i = 2; i < argc; i++) {
        const char *v = pl_cli_opt_value(argc, argv, &i, "--lang");
        if (!v)
            return usage(argv[1], "unexpected argument '%s'", argv[i]);
        int l = pl_lang_parse(v);
        if (l < 0)
            return usage(argv[1], "invalid --lang '%s' (vi or en)", v);
        *lang = (pl_lang)l;
    }
    return EXIT_CLEAN;
}

int pl_cli_rules(int argc, char **argv)
{
    pl_lang lang;
    if (parse_lang(argc, argv, &lang) != EXIT_CLEAN)
        return EXIT_TROUBLE;
    pl_error err = {0};
    if (pl_list_rules(stdout, lang, &err) != 0 || fflush(stdout) != 0) {
        fprintf(stderr, "planlint: %s\n", err.message[0] ? err.message : "cannot write output");
        return EXIT_TROUBLE;
    }
    return EXIT_CLEAN;
}

int pl_cli_programs(int argc, char **argv)
{
    pl_lang lang;
    if (parse_lang(argc, argv, &lang) != EXIT_CLEAN)
        return EXIT_TROUBLE;
    pl_error err = {0};
    pl_programs *ps = pl_programs_new_builtin(&err);
    if (!ps) {
        fprintf(stderr, "planlint: %s\n", err.message);
        return EXIT_TROUBLE;
    }
    int rc = pl_list_programs(stdout, ps, lang, &err);
    pl_programs_free(ps);
    if (rc != 0 || fflush(stdout) != 0) {
        fprintf(stderr, "planlint: %s\n", err.message[0] ? err.message : "cannot write output");
        return EXIT_TROUBLE;
    }
    return EXIT_CLEAN;
}
