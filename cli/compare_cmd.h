/* compare_cmd.h - `planlint compare` (cli/cmd_compare.c); main.c
 * dispatches on argv[1] == "compare".  Kept apart from commands.h, which
 * the checker's commands own. */
#ifndef PL_CLI_COMPARE_CMD_H
#define PL_CLI_COMPARE_CMD_H

/* planlint compare [-f text|md|csv|json|html|xlsx] [--program ID] [--lang vi|en]
 *                  [-o OUT] [--quiet] [--encoding ENC] [--max-size BYTES]
 *                  FILE|DIR...
 * Takes main's argc/argv unchanged (argv[1] is "compare").  Returns 0, or
 * 2 on a usage error (-f xlsx without -o FILE is one) or when an input
 * cannot be read (the table is still written with the other plans). */
int pl_cli_compare(int argc, char **argv);

#endif
