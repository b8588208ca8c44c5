/* fuzz_parse.c - libFuzzer target: bytes -> pl_doc_parse.
 *
 * The input surface every command shares: decoding, normalisation, lines,
 * structure, header, citations, programme recognition and targets.  The
 * built-in programmes are loaded once, as the CLI does; if the registry
 * cannot be built the parser still runs, with no programmes. */
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
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse("fuzz", data, size, programs, NULL, &err);
    if (!doc) {
        /* planlint.h: a failure names a status and gives a one-line message */
        if (err.status == PL_OK || err.message[0] == '\0' || strchr(err.message, '\n'))
            abort();
        return 0;
    }
    /* touch the accessors so that a dangling field shows up here */
    (void)pl_doc_source(doc);
    (void)pl_doc_program(doc);
    (void)pl_doc_target_count(doc);
    (void)pl_doc_section_count(doc);
    pl_doc_free(doc);
    return 0;
}
