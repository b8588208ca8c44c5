/* cmd_list.c - `planlint rules` and `planlint programs`: what the checker
 * knows, listed by the library. */
#include <stdio.h>

#include "args.h"
#include "commands.h"
#include "output.h"
#include "planlint.h"

/* The only option: --lang vi|en. */
static int parse_lang(int argc, char **argv, pl_lang *lang)
{
    *lang = PL_LANG_VI;
    for (int i = 2; i < argc; i++) {
        const char *v = args_value(argc, argv, &i, "--lang");
        if (!v)
            return args_usage(argv[1], "unexpected argument '%s'", argv[i]);
        int l = pl_lang_parse(v);
        if (l < 0)
            return args_usage(argv[1], "invalid --lang '%s' (vi or en)", v);
        *lang = (pl_lang)l;
    }
    return EXIT_CLEAN;
}

/* The status of a listing that returned rc: trouble, reported, when it
 * or writing it out failed. */
static int listed(int rc, const pl_error *err)
{
    if (rc == 0 && fflush(stdout) == 0 && !ferror(stdout))
        return EXIT_CLEAN;
    if (err->message[0] && err->status != PL_ERR_IO)
        fprintf(stderr, "planlint: %s\n", err->message);
    else
        cli_output_write_error(NULL);
    return EXIT_TROUBLE;
}

int pl_cli_rules(int argc, char **argv)
{
    pl_lang lang;
    if (parse_lang(argc, argv, &lang) != EXIT_CLEAN)
        return EXIT_TROUBLE;
    pl_error err = {0};
    return listed(pl_list_rules(stdout, lang, &err), &err);
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
    return listed(rc, &err);
}
