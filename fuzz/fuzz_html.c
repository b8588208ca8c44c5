/* fuzz_html.c - libFuzzer target: bytes -> pl_doc_parse as HTML.
 *
 * The format is forced (pl_parse_options.format_in = "html"), so every
 * input goes to parser/input_html.c and libxml2's HTML parser, whatever its
 * first bytes: the sniffing of fuzz_parse sends most mutated pages to the
 * text reader instead.  The encoding is left to detection ("auto"), the
 * path a downloaded page takes: UTF-8, a legacy encoding decoded first, or
 * libxml2 reading the <meta> charset when neither fits.  Seeds: the portal
 * pages of tests/fixtures/html/ and fuzz/corpus/html/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "planlint.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
    pl_parse_options opt = {.format_in = "html"};
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse("fuzz.html", data, size, programs, &opt, &err);
    if (!doc) {
        /* planlint.h: a failure names a status and gives a one-line message */
        if (err.status == PL_OK || err.message[0] == '\0' || strchr(err.message, '\n'))
            abort();
        return 0;
    }
    /* input.h: the note is one line for the user */
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
