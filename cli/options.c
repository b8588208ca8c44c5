/* options.c - the option table of each command (options.h).  The choices
 * of --format-in and --encoding are the names the library knows
 * (pl_parse_options_check); tests/cli_options.sh checks that it accepts
 * every choice listed here and that the help, the man pages and the
 * completion list every option. */
#include <string.h>

#include "options.h"

#define N(a) (sizeof(a) / sizeof *(a))

/* Options more than one command takes: one row each, the same everywhere. */
#define HELP_OPT {OPT_HELP, 'h', "help", ARG_NONE, NULL, CLI_MSG_COUNT, CLI_MSG_OPT_HELP}
#define LANG_OPT {OPT_LANG, 0, "lang", ARG_CHOICE, "vi|en", CLI_MSG_COUNT, CLI_MSG_OPT_LANG}
#define OUTPUT_OPT {OPT_OUTPUT, 'o', "output", ARG_FILE, NULL, CLI_MSG_ARG_FILE, CLI_MSG_OPT_OUTPUT}
#define MAX_SIZE_OPT \
    {OPT_MAX_SIZE, 0, "max-size", ARG_WORD, NULL, CLI_MSG_ARG_BYTES, CLI_MSG_OPT_MAX_SIZE}
#define FORMAT_IN_OPT                                                                   \
    {OPT_FORMAT_IN, 0, "format-in", ARG_NAME, "auto|text|html|docx|odt|pdf", CLI_MSG_COUNT, \
     CLI_MSG_OPT_FORMAT_IN}
#define ENCODING_OPT                                                                        \
    {OPT_ENCODING, 0, "encoding", ARG_NAME,                                               \
     "auto|utf-8|utf-16le|utf-16be|tcvn3|tcvn5712-1|vni|viscii|cp1258|mojibake", CLI_MSG_COUNT, \
     CLI_MSG_OPT_ENCODING}
#define JOBS_OPT {OPT_JOBS, 'j', "jobs", ARG_WORD, NULL, CLI_MSG_ARG_N, CLI_MSG_OPT_JOBS}

static const cli_option EXTRACT[] = {
    {OPT_FORMAT, 'f', "format", ARG_CHOICE, "json|ndjson|xml|csv", CLI_MSG_COUNT,
     CLI_MSG_OPT_EXTRACT_FORMAT},
    OUTPUT_OPT,
    JOBS_OPT,
    FORMAT_IN_OPT,
    ENCODING_OPT,
    MAX_SIZE_OPT,
    LANG_OPT,
    HELP_OPT,
};

static const cli_option CHECK[] = {
    {OPT_FORMAT, 'f', "format", ARG_CHOICE, "text|json|html|sarif|docx", CLI_MSG_COUNT,
     CLI_MSG_OPT_CHECK_FORMAT},
    OUTPUT_OPT,
    {OPT_PARENT, 0, "parent", ARG_FILE, NULL, CLI_MSG_ARG_FILE, CLI_MSG_OPT_PARENT},
    {OPT_PROGRAM, 0, "program", ARG_WORD, NULL, CLI_MSG_ARG_ID, CLI_MSG_OPT_CHECK_PROGRAM},
    {OPT_PLANS, 0, "plans", ARG_DIR, NULL, CLI_MSG_ARG_DIR, CLI_MSG_OPT_PLANS},
    {OPT_FAIL_ON, 0, "fail-on", ARG_CHOICE, "error|warning|info|never", CLI_MSG_COUNT,
     CLI_MSG_OPT_FAIL_ON},
    {OPT_RULE, 0, "rule", ARG_WORD, NULL, CLI_MSG_ARG_RULE, CLI_MSG_OPT_RULE},
    {OPT_NO_CONFIG, 0, "no-config", ARG_NONE, NULL, CLI_MSG_COUNT, CLI_MSG_OPT_NO_CONFIG},
    LANG_OPT,
    JOBS_OPT,
    FORMAT_IN_OPT,
    ENCODING_OPT,
    MAX_SIZE_OPT,
    {OPT_QUIET, 'q', "quiet", ARG_NONE, NULL, CLI_MSG_COUNT, CLI_MSG_OPT_CHECK_QUIET},
    {OPT_VERBOSE, 'v', "verbose", ARG_NONE, NULL, CLI_MSG_COUNT, CLI_MSG_OPT_VERBOSE},
    HELP_OPT,
};

static const cli_option COMPARE[] = {
    {OPT_FORMAT, 'f', "format", ARG_CHOICE, "text|md|csv|json|html|xlsx", CLI_MSG_COUNT,
     CLI_MSG_OPT_COMPARE_FORMAT},
    OUTPUT_OPT,
    {OPT_PROGRAM, 0, "program", ARG_WORD, NULL, CLI_MSG_ARG_ID, CLI_MSG_OPT_COMPARE_PROGRAM},
    LANG_OPT,
    FORMAT_IN_OPT,
    ENCODING_OPT,
    MAX_SIZE_OPT,
    {OPT_QUIET, 'q', "quiet", ARG_NONE, NULL, CLI_MSG_COUNT, CLI_MSG_OPT_COMPARE_QUIET},
    HELP_OPT,
};

/* `rules` and `programs` */
static const cli_option LISTING[] = {
    LANG_OPT,
    HELP_OPT,
};

static const cli_option PROGRAM[] = {
    HELP_OPT,
    {OPT_VERSION, 0, "version", ARG_NONE, NULL, CLI_MSG_COUNT, CLI_MSG_HELP_VERSION},
};

const cli_command cli_program = {"planlint", CLI_MSG_COUNT, CLI_MSG_ARG_COMMAND, PROGRAM,
                                 N(PROGRAM)};

const cli_command cli_commands[] = {
    {"extract", CLI_MSG_CMD_EXTRACT, CLI_MSG_ARG_FILES_DIRS, EXTRACT, N(EXTRACT)},
    {"check", CLI_MSG_CMD_CHECK, CLI_MSG_ARG_FILES_DIRS, CHECK, N(CHECK)},
    {"compare", CLI_MSG_CMD_COMPARE, CLI_MSG_ARG_FILES_DIRS, COMPARE, N(COMPARE)},
    {"rules", CLI_MSG_CMD_RULES, CLI_MSG_COUNT, LISTING, N(LISTING)},
    {"programs", CLI_MSG_CMD_PROGRAMS, CLI_MSG_COUNT, LISTING, N(LISTING)},
};
const size_t cli_ncommands = N(cli_commands);

const cli_command *cli_command_find(const char *name)
{
    for (size_t i = 0; i < cli_ncommands; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return &cli_commands[i];
    return NULL;
}
