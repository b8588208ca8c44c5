/* fuzz_pdf.c - libFuzzer target: bytes -> pl_doc_parse as PDF.
 *
 * The format is forced (pl_parse_options.format_in = "pdf"), so every input
 * goes to parser/read/input_pdf.c: poppler's parser, then the page, line and
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
#include "parse_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pl_parse_options opt = {.format_in = "pdf"};
    parse_check("fuzz.pdf", data, size, &opt);
    return 0;
}
