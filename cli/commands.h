/* commands.h - the command-line subcommands (cli/main.c
 * dispatches on argv[1]).  Each takes main's argc/argv unchanged (argv[1]
 * is the command's name) and returns the process exit status: 0 clean, 1
 * findings at or above --fail-on, 2 usage or input error. */
#ifndef PL_CLI_COMMANDS_H
#define PL_CLI_COMMANDS_H

/* planlint extract [OPTION]... FILE|DIR... */
int pl_cli_extract(int argc, char **argv);
/* planlint compare [OPTION]... FILE|DIR...  Returns 0, or 2 on a usage
 * error (-f xlsx without -o FILE is one) or when an input cannot be read
 * (the table is still written with the other plans). */
int pl_cli_compare(int argc, char **argv);
/* planlint check [-f text|json] [--parent FILE | --program ID] [--plans DIR]
 *                [--lang vi|en] [--fail-on LEVEL] [--rule ID=SEVERITY]...
 *                [--no-config] [--encoding ENC] [--max-size BYTES] FILE|DIR... */
int pl_cli_check(int argc, char **argv);
/* planlint rules [--lang vi|en] */
int pl_cli_rules(int argc, char **argv);
/* planlint programs [--lang vi|en] */
int pl_cli_programs(int argc, char **argv);

#endif
