/* fuzz_docx.c - libFuzzer target: bytes -> pl_doc_parse as DOCX.
 *
 * The format is forced (pl_parse_options.format_in = "docx"), so every
 * input goes to parser/read/input_docx.c.  Two kinds of input:
 *
 *   - one that starts "PK": an archive, given as it is (the zip container:
 *     libzip's consistency checks, missing and encrypted parts, the size
 *     and ratio guards of read_part);
 *   - anything else: the XML parts of a document, "word/document.xml",
 *     then optionally "word/numbering.xml" and "word/styles.xml", separated
 *     by a line "=====", stored in a zip first (zip_parts.h) so that
 *     mutations reach the XML handling: paragraphs, runs, tables, tracked
 *     changes, fields, list numbering, style inheritance.
 *
 * Seeds: tests/fixtures/docx/ (archives) and fuzz/corpus/docx/ (the XML
 * parts of those fixtures and small hand-made documents, made by
 * fuzz/make_seeds.py). */
#include "zip_parts.h"

static const char *const PARTS[] = {"word/document.xml", "word/numbering.xml", "word/styles.xml"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse_parts("docx", "fuzz.docx", PARTS, sizeof PARTS / sizeof *PARTS, data, size);
    return 0;
}
