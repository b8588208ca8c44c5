/* cmd_list.c - `planlint rules` and `planlint programs`: what the checker
 * knows, listed by the library. */
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "commands.h"
#include "output.h"
#include "planlint.h"

/* The only option is --lang, chosen before the command runs (say.h). */
static int set_option(void *ctx, const cli_option *opt, const char *v)
{
    return EXIT_CLEAN;
}

/* The command's options; no operands. */
static int parse_args(int argc, char **argv)
{
    args_operands ops;
    int rc = args_parse(cli_command_find(argv[1]), argc, argv, set_option, NULL, &ops);
    if (rc == EXIT_CLEAN && ops.n > 0)
        rc = args_usage(argv[1], CLI_MSG_USAGE_UNEXPECTED_ARGUMENT, ops.v[0], NULL, NULL);
    free(ops.v);
    return rc;
}

/* The status of a listing that returned rc: trouble, reported, when it
 * or writing it out failed. */
static int listed(int rc, const pl_error *err)
{
    if (rc == 0 && fflush(stdout) == 0 && !ferror(stdout))
        return EXIT_CLEAN;
    if (err->message[0] && err->status != PL_ERR_IO)
        cli_report_error(err);
    else
        cli_output_write_error(NULL);
    return EXIT_TROUBLE;
}

int pl_cli_rules(int argc, char **argv)
{
    int rc = parse_args(argc, argv);
    if (rc != EXIT_CLEAN)
        return rc == ARGS_HELP ? EXIT_CLEAN : rc;
    pl_error err = {0};
    return listed(pl_list_rules(stdout, cli_lang(), &err), &err);
}

int pl_cli_programs(int argc, char **argv)
{
    int rc = parse_args(argc, argv);
    if (rc != EXIT_CLEAN)
        return rc == ARGS_HELP ? EXIT_CLEAN : rc;
    pl_error err = {0};
    pl_programs *ps = pl_programs_new_builtin(&err);
    if (!ps) {
        cli_report_error(&err);
        return EXIT_TROUBLE;
    }
    rc = pl_list_programs(stdout, ps, cli_lang(), &err);
    pl_programs_free(ps);
    return listed(rc, &err);
}
