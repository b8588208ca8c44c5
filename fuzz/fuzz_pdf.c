/* fuzz_pdf.c - libFuzzer target: bytes -> pl_doc_parse as PDF.
 *
 * The format is forced (pl_parse_options.format_in = "pdf"), so every input
 * goes to parser/input_pdf.c: poppler's parser, then the page, line and
 * layout handling planlint does on its text (running headers and footers,
 * paragraph ends, page numbers).  Poppler itself is not instrumented; what
 * this target looks for is planlint's handling of whatever poppler returns
 * for a damaged file: no pages, pages without text, odd layouts, errors.
 *
 * Slow by nature: a mutated PDF can spend a second or more inside poppler
 * (xref reconstruction), so scripts/fuzz.sh runs this target with a smaller
 * -max_len than the others (see there).  Seeds: tests/fixtures/pdf/ (the
 * five corpus plans as LibreOffice wrote them and an encrypted one) and
 * fuzz/corpus/pdf/ (small hand-made files). */
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
    pl_parse_options opt = {.format_in = "pdf"};
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse("fuzz.pdf", data, size, programs, &opt, &err);
    if (!doc) {
        /* planlint.h: a failure names a status and gives a one-line message */
        if (err.status == PL_OK || err.message[0] == '\0' || strchr(err.message, '\n'))
            abort();
        return 0;
    }
    /* input.h: the note (pages without text) is one line for the user */
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
