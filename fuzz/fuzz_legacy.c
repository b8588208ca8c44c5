/* fuzz_legacy.c - libFuzzer target: bytes -> pl_doc_parse as plain text in
 * a chosen encoding (parser/input_legacy.c).
 *
 * The first byte chooses the encoding, the rest is the text:
 *
 *   '0' auto (BOM, UTF-8, mojibake repair, then legacy detection)
 *   '1' utf-8      '2' utf-16le   '3' utf-16be   '4' tcvn3
 *   '5' tcvn5712-1 '6' vni        '7' viscii     '8' cp1258
 *   '9' mojibake
 *
 * (any other byte b: (b - '0') mod 10), and the format is forced to
 * "text", so that every input reaches a decoder: with detection alone,
 * most mutated inputs are invalid UTF-8 refused at the first bad byte, and
 * a forced decoder (the CLI's --encoding) is never reached.  Seeds:
 * fuzz/corpus/legacy/, excerpts of the corpus plans in each encoding,
 * made by fuzz/make_seeds.py. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "planlint.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const ENCODINGS[] = {"auto",       "utf-8", "utf-16le", "utf-16be", "tcvn3",
                                        "tcvn5712-1", "vni",   "viscii",   "cp1258",   "mojibake"};
#define NENCODINGS (sizeof ENCODINGS / sizeof *ENCODINGS)

static pl_programs *programs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    programs = pl_programs_new_builtin(NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    pl_parse_options opt = {.format_in = "text",
                            .encoding = ENCODINGS[(uint8_t)(data[0] - '0') % NENCODINGS]};
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse("fuzz.txt", data + 1, size - 1, programs, &opt, &err);
    if (!doc) {
        /* planlint.h: a failure names a status and gives a one-line message */
        if (err.status == PL_OK || err.message[0] == '\0' || strchr(err.message, '\n'))
            abort();
        return 0;
    }
    /* input.h: the note (encoding guessed, mojibake repaired) is one line */
    const char *note = pl_doc_note(doc);
    if (note && (note[0] == '\0' || strchr(note, '\n')))
        abort();
    (void)pl_doc_source(doc);
    (void)pl_doc_program(doc);
    (void)pl_doc_target_count(doc);
    (void)pl_doc_section_count(doc);
    pl_doc_free(doc);
    return 0;
}
