/* parse_check.h - what the parsing targets share (fuzz_parse, fuzz_html,
 * fuzz_pdf, fuzz_legacy, fuzz_docx): the built-in programmes loaded once,
 * as the CLI does, and one parse checked against the API's contract.
 *
 * Header-only, like json_check.h: each target is linked alone with
 * libFuzzer or with driver.c (tests/replay.cmake), so the definitions
 * live in the one translation unit that includes this (parse_check is
 * inline: fuzz_extract.c has the programmes from here, not the function). */
#ifndef PL_FUZZ_PARSE_CHECK_H
#define PL_FUZZ_PARSE_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planlint.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* If the registry cannot be built, the parser still runs, with none. */
static pl_programs *programs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    programs = pl_programs_new_builtin(NULL);
    return 0;
}

/* Parse data as `name` with `opt` (NULL: detect everything).  A failure
 * names a status and gives a one-line message (planlint.h); the note is
 * one line for the user (input.h); the accessors are touched so that a
 * dangling field shows up here.  Anything else aborts. */
static inline void parse_check(const char *name, const uint8_t *data, size_t size,
                        const pl_parse_options *opt)
{
    pl_error err = {0};
    pl_doc *doc = pl_doc_parse(name, data, size, programs, opt, &err);
    if (!doc) {
        if (err.status == PL_OK || err.message[0] == '\0' || strchr(err.message, '\n'))
            abort();
        return;
    }
    char why[256];
    if (pl_doc_check(doc, why, sizeof why) != 0) {
        fprintf(stderr, "pl_doc_check: %s\n", why);
        abort();
    }
    const char *note = pl_doc_note(doc);
    if (note && (note[0] == '\0' || strchr(note, '\n')))
        abort();
    (void)pl_doc_source(doc);
    (void)pl_doc_program(doc);
    (void)pl_doc_target_count(doc);
    (void)pl_doc_section_count(doc);
    pl_doc_free(doc);
}

#endif
