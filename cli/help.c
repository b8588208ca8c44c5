/* help.c - help texts from the option tables (help.h). */
#include <stdio.h>
#include <string.h>

#include "help.h"

/* Width of a help line, and the column where descriptions start. */
#define HELP_WIDTH 79
#define HELP_COLUMN 28

const char *cli_option_value(const cli_option *o)
{
    switch (o->arg) {
    case ARG_NONE:
        return "";
    case ARG_CHOICE:
    case ARG_NAME:
        return o->choices;
    default:
        return cli_text(o->value);
    }
}

const char *cli_option_label(const cli_option *o, char *buf, size_t n)
{
    const char *v = cli_option_value(o);
    if (o->short_name)
        snprintf(buf, n, "-%c, --%s%s%s", o->short_name, o->name, *v ? " " : "", v);
    else
        snprintf(buf, n, "--%s%s%s", o->name, *v ? " " : "", v);
    return buf;
}

/* Characters (code points) of s[0..n). */
static size_t width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* Write text from column `col` (the cursor is there), wrapped at spaces
 * to HELP_WIDTH, continuation lines indented to `indent`. */
static void wrapped(FILE *out, const char *text, size_t col, size_t indent)
{
    const char *p = text;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        size_t w = width(p, n);
        if (p != text && col + 1 + w > HELP_WIDTH) {
            fprintf(out, "\n%*s", (int)indent, "");
            col = indent;
        } else if (p != text) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, n, out);
        col += w;
        p += n;
        while (*p == ' ')
            p++;
    }
    fputc('\n', out);
}

/* One option: its label, then its description at HELP_COLUMN (on the
 * next line when the label is longer). */
static void option_line(FILE *out, const cli_option *o)
{
    char label[256];
    cli_option_label(o, label, sizeof label);
    size_t w = 2 + width(label, strlen(label));
    fprintf(out, "  %s", label);
    if (w + 2 > HELP_COLUMN) {
        fprintf(out, "\n%*s", HELP_COLUMN, "");
    } else {
        fprintf(out, "%*s", (int)(HELP_COLUMN - w), "");
    }
    wrapped(out, cli_text(o->help), HELP_COLUMN, HELP_COLUMN);
}

/* Inputs, exit status, language: what every page ends with. */
static void footer(FILE *out)
{
    fputc('\n', out);
    wrapped(out, cli_text(CLI_MSG_HELP_INPUTS), 0, 0);
    wrapped(out, cli_text(CLI_MSG_HELP_EXIT), 0, 0);
    wrapped(out, cli_text(CLI_MSG_HELP_LANGUAGE), 0, 0);
}

static void options(FILE *out, const cli_command *cmd)
{
    fprintf(out, "\n%s\n", cli_text(CLI_MSG_HELP_OPTIONS));
    for (size_t i = 0; i < cmd->noptions; i++)
        option_line(out, &cmd->options[i]);
}

int cli_help_command(FILE *out, const cli_command *cmd)
{
    fprintf(out, "%s planlint %s [%s]...", cli_text(CLI_MSG_HELP_USAGE), cmd->name,
            cli_text(CLI_MSG_HELP_OPTION_PLACEHOLDER));
    if (cmd->operands != CLI_MSG_COUNT)
        fprintf(out, " %s", cli_text(cmd->operands));
    fprintf(out, "\n%s\n", cli_text(cmd->summary));
    options(out, cmd);
    footer(out);
    return 0;
}

int cli_help_program(FILE *out)
{
    fprintf(out, "%s planlint %s [%s]... [%s]\n", cli_text(CLI_MSG_HELP_USAGE),
            cli_text(CLI_MSG_ARG_COMMAND), cli_text(CLI_MSG_HELP_OPTION_PLACEHOLDER),
            cli_text(CLI_MSG_ARG_FILES_DIRS));
    fprintf(out, "\n%s\n", cli_text(CLI_MSG_HELP_COMMANDS));
    for (size_t i = 0; i < cli_ncommands; i++) {
        fprintf(out, "  %-*s", HELP_COLUMN - 2, cli_commands[i].name);
        wrapped(out, cli_text(cli_commands[i].summary), HELP_COLUMN, HELP_COLUMN);
    }
    char help[64];
    snprintf(help, sizeof help, "help [%s]", cli_text(CLI_MSG_ARG_COMMAND));
    fprintf(out, "  %s%*s", help, (int)(HELP_COLUMN - 2 - width(help, strlen(help))), "");
    wrapped(out, cli_text(CLI_MSG_CMD_HELP), HELP_COLUMN, HELP_COLUMN);
    options(out, &cli_program);
    fputc('\n', out);
    wrapped(out, cli_text(CLI_MSG_HELP_MORE), 0, 0);
    footer(out);
    return 0;
}
