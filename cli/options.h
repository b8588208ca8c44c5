/* options.h - every command and every option of planlint, as data.
 *
 * One table per command (cli/options.c) drives everything that concerns
 * its options, so none of them can drift from the others:
 *
 *   - parsing: args_parse (args.c) accepts exactly the options of the
 *     command's table and hands each to the command by its key;
 *   - `planlint COMMAND --help` and `planlint help COMMAND` (help.c);
 *   - the man pages planlint(1), planlint-COMMAND(1) and the bash
 *     completion, generated from the tables at build time (gendoc.c).
 *
 * Adding an option is adding a row here and a case to the command's
 * setter; its description is a message of data/cli/messages.xml.
 */
#ifndef PL_CLI_OPTIONS_H
#define PL_CLI_OPTIONS_H

#include <stddef.h>

#include "say.h"

/* What an option is called by the command that receives it. */
typedef enum cli_key {
    OPT_HELP,
    OPT_VERSION,
    OPT_FORMAT,
    OPT_OUTPUT,
    OPT_LANG,
    OPT_MAX_SIZE,
    OPT_FORMAT_IN,
    OPT_ENCODING,
    OPT_JOBS,
    OPT_PARENT,
    OPT_PROGRAM,
    OPT_PLANS,
    OPT_FAIL_ON,
    OPT_RULE,
    OPT_NO_CONFIG,
    OPT_QUIET,
    OPT_VERBOSE
} cli_key;

/* What the value of an option is, for help and completion. */
typedef enum cli_arg {
    ARG_NONE,    /* a flag: no value */
    ARG_CHOICE,  /* one of `choices` (checked by args_parse) */
    ARG_NAME,    /* a name the library checks (it also knows aliases);
                    `choices` lists the names to show and complete */
    ARG_FILE,    /* a file name */
    ARG_DIR,     /* a directory */
    ARG_WORD     /* anything else, named by `value` */
} cli_arg;

typedef struct cli_option {
    cli_key key;
    char short_name;     /* 'f' for -f, or 0 */
    const char *name;    /* "format" for --format */
    cli_arg arg;
    const char *choices; /* ARG_CHOICE: "text|json|html" */
    cli_msg value;       /* ARG_WORD, ARG_FILE, ARG_DIR: the placeholder ("N", "FILE") */
    cli_msg help;        /* the description */
} cli_option;

typedef struct cli_command {
    const char *name;   /* "check" */
    cli_msg summary;    /* one line: what it does */
    cli_msg operands;   /* "FILE|DIR..."; CLI_MSG_COUNT for none */
    const cli_option *options;
    size_t noptions;
} cli_command;

/* planlint itself, before a command: --help, --version. */
extern const cli_command cli_program;
/* The commands, in the order help lists them. */
extern const cli_command cli_commands[];
extern const size_t cli_ncommands;

/* The command named `name`, or NULL. */
const cli_command *cli_command_find(const char *name);

#endif
