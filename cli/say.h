/* say.h - what the command line says, in the user's language.
 *
 * Every sentence the CLI prints is a message of data/cli/messages.xml
 * (CLI_MSG_... from the generated cli_messages.h), in Vietnamese or
 * English.  The language is chosen once, before the command runs:
 *
 *   1. `--lang vi|en` anywhere before "--" on the command line;
 *   2. else the environment, as the C library reads it: the first of
 *      LC_ALL, LC_MESSAGES, LANG that is set and not empty.  "vi", "vi_VN",
 *      "vi_VN.UTF-8" ... are Vietnamese; another language ("en_US.UTF-8",
 *      "fr_FR") is English, the one other language planlint speaks;
 *   3. else (nothing set, or "C" / "POSIX" / "C.UTF-8", the defaults of
 *      servers and containers, which say nothing about the reader)
 *      Vietnamese: planlint's users are Vietnamese officials, and its
 *      findings are Vietnamese by default (SPEC.md).
 *
 * A message's {1} {2} {3} are replaced by the values given, in order.
 */
#ifndef PL_CLI_SAY_H
#define PL_CLI_SAY_H

#include <stddef.h>
#include <stdio.h>

#include "cli_messages.h"
#include "planlint.h"

/* Choose the language from argv (`--lang X` or `--lang=X` before "--",
 * the last one given; an invalid X is left for the command to report)
 * and the environment. */
void cli_lang_init(int argc, char **argv);
/* The language chosen (PL_LANG_VI before cli_lang_init). */
pl_lang cli_lang(void);
/* Whether `--lang` was on the command line (it then overrides a
 * .planlint file's `lang`; the environment's choice does not). */
int cli_lang_given(void);
/* The language the environment asks for, and whether it asks at all
 * (*chosen = 0 for nothing, C or POSIX); exposed for the tests. */
pl_lang cli_lang_from_env(int *chosen);
/* Set the language (the generator of the man pages writes both). */
void cli_lang_set(pl_lang lang);

/* The text of message id in the chosen language, placeholders as written. */
const char *cli_text(cli_msg id);
/* Write message id to out with {1} {2} {3} replaced by a1 a2 a3 (NULL
 * for one the message does not use). */
void cli_put(FILE *out, cli_msg id, const char *a1, const char *a2, const char *a3);
/* The same into buf (n bytes, cut when longer); returns buf. */
const char *cli_format(char *buf, size_t n, cli_msg id, const char *a1, const char *a2,
                       const char *a3);
/* A note or an error the library wrote (in English), in the chosen
 * language: matched against the English of messages lib.* and errno.*,
 * its parts carried into the Vietnamese text; as written when nothing
 * matches.  cli_library_error keeps the "NAME: " an error starts with.
 * Written into buf (n bytes); returns buf. */
const char *cli_library_text(const char *en, char *buf, size_t n);
const char *cli_library_error(const char *en, char *buf, size_t n);
/* The system's reason for errnum in the chosen language (the C library's
 * English for an errno the messages do not have). */
const char *cli_strerror(int errnum);

#endif
