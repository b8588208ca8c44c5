/* main.c - the planlint command line: choose the language, find the
 * command, let it parse its options and run.  Nothing here parses plans
 * or knows a rule; it includes only the public header. */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "heap.h"
#include "help.h"
#include "output.h"
#include "planlint.h"

/* `planlint help [COMMAND]`: argv[2], when given, names the command. */
static int help_run(int argc, char **argv)
{
    if (argc < 3)
        return cli_help_program(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
    const cli_command *cmd = cli_command_find(argv[2]);
    if (!cmd)
        return args_usage(NULL, CLI_MSG_USAGE_HELP_TOPIC, argv[2], NULL, NULL);
    if (argc > 3)
        return args_usage("help", CLI_MSG_USAGE_UNEXPECTED_ARGUMENT, argv[3], NULL, NULL);
    return cli_help_command(stdout, cmd) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
}

/* The command named argv[1] (commands.h). */
static int (*command_fn(const char *name))(int, char **)
{
    static const struct {
        const char *name;
        int (*run)(int argc, char **argv);
    } RUN[] = {
        {"extract", pl_cli_extract}, {"check", pl_cli_check},       {"compare", pl_cli_compare},
        {"rules", pl_cli_rules},     {"programs", pl_cli_programs}, {"help", help_run},
    };
    for (size_t i = 0; i < sizeof RUN / sizeof *RUN; i++)
        if (strcmp(RUN[i].name, name) == 0)
            return RUN[i].run;
    return NULL;
}

/* planlint's own options (cli_program's table): --help, --version. */
static int program_option(const char *a)
{
    for (size_t k = 0; k < cli_program.noptions; k++) {
        const cli_option *o = &cli_program.options[k];
        int is_short = o->short_name && a[1] == o->short_name && a[2] == '\0';
        if (!is_short && !(a[1] == '-' && strcmp(a + 2, o->name) == 0))
            continue;
        if (o->key == OPT_HELP)
            return cli_help_program(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
        char version[16];
        snprintf(version, sizeof version, "%d", PL_CONTRACT_VERSION);
        cli_put(stdout, CLI_MSG_VERSION, PL_VERSION, version, NULL);
        putchar('\n');
        return EXIT_CLEAN;
    }
    return args_usage(NULL, CLI_MSG_USAGE_UNKNOWN_OPTION, a, NULL, NULL);
}

static int run_command(int argc, char **argv)
{
    cli_lang_init(argc, argv);
    if (argc < 2)
        return args_usage(NULL, CLI_MSG_USAGE_MISSING_COMMAND, NULL, NULL, NULL);
    const char *cmd = argv[1];
    if (cmd[0] == '-' && cmd[1])
        return program_option(cmd);
    int (*run)(int, char **) = command_fn(cmd);
    if (!run)
        return args_usage(NULL, CLI_MSG_USAGE_UNKNOWN_COMMAND, cmd, NULL, NULL);
    return run(argc, argv);
}

/* Every command's output is checked once more as it is closed: a full
 * disk or a closed pipe must not end in status 0 (--help included).
 * The commands that read plans get their heap prepared before anything is
 * allocated (heap.h); the ones that only print do not need it. */
int main(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "check") == 0 || strcmp(argv[1], "extract") == 0 ||
                     strcmp(argv[1], "compare") == 0))
        cli_heap_prepare(cli_heap_bytes(0));
    return cli_stdout_close(run_command(argc, argv));
}
