/* fuzz_html.c - libFuzzer target: bytes -> pl_doc_parse as HTML.
 *
 * The format is forced (pl_parse_options.format_in = "html"), so every
 * input goes to parser/read/input_html.c and libxml2's HTML parser, whatever its
 * first bytes: the sniffing of fuzz_parse sends most mutated pages to the
 * text reader instead.  The encoding is left to detection ("auto"), the
 * path a downloaded page takes: UTF-8, a legacy encoding decoded first, or
 * libxml2 reading the <meta> charset when neither fits.  Seeds: the portal
 * pages of tests/fixtures/html/ and fuzz/corpus/html/. */
#include "parse_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pl_parse_options opt = {.format_in = "html"};
    parse_check("fuzz.html", data, size, &opt);
    return 0;
}
