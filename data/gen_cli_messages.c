/* gen_cli_messages.c - a build step: the command line's messages
 * (data/cli/messages.xml) become a C table, so that the program says
 * nothing that is not in the data file and reads no XML when it starts.
 *
 *     planlint_gen_cli_messages SCHEMA MESSAGES OUT.h OUT.c
 *
 * The file is validated against its schema (one text per language, ids
 * unique), then each message is checked for what the schema cannot say:
 * its placeholders are {1}..{9} only, and the same ones in both
 * languages.  A bad file stops the build naming the file and the line.
 * Message id "usage.unknown-option" becomes CLI_MSG_USAGE_UNKNOWN_OPTION. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "buf.h"
#include "read_all.h"
#include "xml.h"

/* The placeholders of s as a bit set (bit n for {n}), or -1 when a brace
 * is not one of {1}..{9}. */
static long placeholders(const char *s)
{
    long set = 0;
    for (const char *p = s; *p; p++) {
        if (*p != '{' && *p != '}')
            continue;
        if (*p == '}' || p[1] < '1' || p[1] > '9' || p[2] != '}')
            return -1;
        set |= 1L << (p[1] - '0');
        p += 2;
    }
    return set;
}

/* The text of message m in lang. */
static const char *text_of(const pl_xml_node *m, const char *lang)
{
    for (pl_xml_node *t = pl_xml_first(m, "text"); t; t = pl_xml_next(t, "text"))
        if (strcmp(pl_xml_attr(t, "lang"), lang) == 0)
            return pl_xml_text(t);
    return NULL;
}

static int check_message(const char *path, const pl_xml_node *m)
{
    const char *vi = text_of(m, "vi"), *en = text_of(m, "en");
    long pv = placeholders(vi), pe = placeholders(en);
    if (pv < 0 || pe < 0 || pv != pe) {
        fprintf(stderr, "%s:%d: message '%s': %s\n", path, pl_xml_line(m), pl_xml_attr(m, "id"),
                pv < 0 || pe < 0 ? "a brace that is not a placeholder {1}..{9}"
                                 : "the two languages do not use the same placeholders");
        return -1;
    }
    return 0;
}

/* s as a C string literal. */
static void put_literal(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\%03o", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* "usage.unknown-option" -> "CLI_MSG_USAGE_UNKNOWN_OPTION". */
static void put_enum_name(FILE *out, const char *id)
{
    fputs("CLI_MSG_", out);
    for (const char *p = id; *p; p++)
        fputc(isalnum((unsigned char)*p) ? toupper((unsigned char)*p) : '_', out);
}

static int write_header(const char *path, const pl_xml_node *root)
{
    FILE *out = fopen(path, "w");
    if (!out) {
        perror(path);
        return -1;
    }
    fputs("/* Generated from data/cli/messages.xml by data/gen_cli_messages.c: do not edit. */\n"
          "#ifndef PL_CLI_MESSAGES_H\n#define PL_CLI_MESSAGES_H\n\n"
          "typedef enum cli_msg {\n",
          out);
    for (pl_xml_node *m = pl_xml_first(root, "message"); m; m = pl_xml_next(m, "message")) {
        fputs("    ", out);
        put_enum_name(out, pl_xml_attr(m, "id"));
        fputs(",\n", out);
    }
    fputs("    CLI_MSG_COUNT\n} cli_msg;\n\n"
          "#include <stdint.h>\n\n"
          "/* Every message's texts and id, each followed by a NUL, back to back.\n"
          " * The tables below hold offsets into it, not pointers: in a\n"
          " * position-independent program each pointer would be a relocation the\n"
          " * loader writes at every start (585 of them, and a copy-on-write page). */\n"
          "extern const char cli_message_pool[];\n"
          "/* [id][0] is the Vietnamese text, [1] the English (pl_lang's order). */\n"
          "extern const uint32_t cli_message_text_at[CLI_MSG_COUNT][2];\n"
          "extern const uint32_t cli_message_id_at[CLI_MSG_COUNT];\n\n"
          "/* The text of message id in language en (0: Vietnamese, 1: English). */\n"
          "static inline const char *cli_message_text(cli_msg id, int en)\n"
          "{\n    return cli_message_pool + cli_message_text_at[id][en];\n}\n\n"
          "/* The id as the data file spells it (\"usage.unknown-option\"). */\n"
          "static inline const char *cli_message_id(cli_msg id)\n"
          "{\n    return cli_message_pool + cli_message_id_at[id];\n}\n\n#endif\n",
          out);
    return fclose(out) == 0 ? 0 : -1;
}

static int write_source(const char *path, const pl_xml_node *root)
{
    FILE *out = fopen(path, "w");
    if (!out) {
        perror(path);
        return -1;
    }
    fputs("/* Generated from data/cli/messages.xml by data/gen_cli_messages.c: do not edit. */\n"
          "#include \"cli_messages.h\"\n\n"
          "const char cli_message_pool[] =\n",
          out);
    /* The pool: each message's Vietnamese, English and id, in order.  The
     * offsets are noted while the pool is written, so the layout is worked
     * out in one place. */
    size_t *o = NULL, n = 0, cap = 0; /* three per message: vi, en, id */
    size_t off = 0;
    for (pl_xml_node *m = pl_xml_first(root, "message"); m; m = pl_xml_next(m, "message")) {
        const char *parts[3] = {text_of(m, "vi"), text_of(m, "en"), pl_xml_attr(m, "id")};
        for (int k = 0; k < 3; k++) {
            if (PL_ARRAY_RESERVE(o, cap, n + 1) != 0) {
                free(o);
                fclose(out);
                return -1;
            }
            o[n++] = off;
            off += strlen(parts[k]) + 1;
            fputs("    ", out);
            put_literal(out, parts[k]);
            fputs(" \"\\000\"\n", out);
        }
    }
    fputs("    \"\";\n\nconst uint32_t cli_message_text_at[CLI_MSG_COUNT][2] = {\n", out);
    for (size_t i = 0; i + 2 < n; i += 3)
        fprintf(out, "    {%zuu, %zuu},\n", o[i], o[i + 1]);
    fputs("};\n\nconst uint32_t cli_message_id_at[CLI_MSG_COUNT] = {\n", out);
    for (size_t i = 0; i + 2 < n; i += 3)
        fprintf(out, "    %zuu,\n", o[i + 2]);
    free(o);
    fputs("};\n", out);
    return fclose(out) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: planlint_gen_cli_messages SCHEMA MESSAGES OUT.h OUT.c\n");
        return 2;
    }
    pl_buf xsd = PL_BUF_INIT, xml = PL_BUF_INIT;
    if (pl_read_all(argv[1], &xsd) != 0 || pl_read_all(argv[2], &xml) != 0)
        return 1;
    pl_error err = {0};
    pl_xml_node *root = pl_xml_parse(argv[2], xml.data, xml.len, xsd.data, xsd.len, &err);
    if (!root) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    int bad = 0;
    for (pl_xml_node *m = pl_xml_first(root, "message"); m; m = pl_xml_next(m, "message"))
        bad |= check_message(argv[2], m) != 0;
    if (!bad && (write_header(argv[3], root) != 0 || write_source(argv[4], root) != 0)) {
        fprintf(stderr, "planlint_gen_cli_messages: cannot write %s or %s\n", argv[3], argv[4]);
        bad = 1;
    }
    pl_xml_free(root);
    pl_buf_free(&xsd);
    pl_buf_free(&xml);
    return bad;
}
