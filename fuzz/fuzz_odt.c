/* fuzz_odt.c - libFuzzer target: bytes -> pl_doc_parse as ODT.
 *
 * The format is forced (pl_parse_options.format_in = "odt"), so every
 * input goes to parser/read/input_odt.c.  As fuzz_docx.c, two kinds of
 * input:
 *
 *   - one that starts "PK": an archive, given as it is (package.c's
 *     checks, missing and encrypted parts, the size and ratio guards);
 *   - anything else: "content.xml", then optionally "styles.xml",
 *     separated by a line "=====", stored in a zip first (zip_parts.h) so
 *     that mutations reach the XML handling: paragraphs, lists and their
 *     styles, text:number, tables, spaces, tracked changes, notes.
 *
 * Seeds: tests/fixtures/odt/ (archives) and fuzz/corpus/odt/ (the parts
 * of those fixtures, made by fuzz/make_seeds.py). */
#include "zip_parts.h"

static const char *const PARTS[] = {"content.xml", "styles.xml"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse_parts("odt", "fuzz.odt", PARTS, sizeof PARTS / sizeof *PARTS, data, size);
    return 0;
}
