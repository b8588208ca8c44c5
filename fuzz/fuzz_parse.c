/* fuzz_parse.c - libFuzzer target: bytes -> pl_doc_parse.
 *
 * The input surface every command shares: decoding, normalisation, lines,
 * structure, header, citations, programme recognition and targets.  The
 * built-in programmes are loaded once, as the CLI does; if the registry
 * cannot be built the parser still runs, with no programmes. */
#include "parse_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse_check("fuzz", data, size, NULL);
    return 0;
}
