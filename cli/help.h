/* help.h - `planlint --help`, `planlint COMMAND --help` and `planlint help
 * [COMMAND]`, written from the option tables (options.h) in the chosen
 * language (say.h).  The man pages (gendoc.c) use the same labels. */
#ifndef PL_CLI_HELP_H
#define PL_CLI_HELP_H

#include <stddef.h>
#include <stdio.h>

#include "options.h"

/* The help of one command: usage line, what it does, its options. */
int cli_help_command(FILE *out, const cli_command *cmd);
/* The help of planlint: the commands, --help, --version. */
int cli_help_program(FILE *out);

/* An option as help shows it: "-f, --format text|json", "--plans DIR",
 * "-q, --quiet".  Written into buf (n bytes); returns buf. */
const char *cli_option_label(const cli_option *o, char *buf, size_t n);
/* The placeholder of an option's value: "text|json", "FILE", "N"; "" for
 * a flag. */
const char *cli_option_value(const cli_option *o);

#endif
