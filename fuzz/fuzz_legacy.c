/* fuzz_legacy.c - libFuzzer target: bytes -> pl_doc_parse as plain text in
 * a chosen encoding (parser/read/input_legacy.c).
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
#include "parse_check.h"

static const char *const ENCODINGS[] = {"auto",       "utf-8", "utf-16le", "utf-16be", "tcvn3",
                                        "tcvn5712-1", "vni",   "viscii",   "cp1258",   "mojibake"};
#define NENCODINGS (sizeof ENCODINGS / sizeof *ENCODINGS)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    pl_parse_options opt = {.format_in = "text",
                            .encoding = ENCODINGS[(uint8_t)(data[0] - '0') % NENCODINGS]};
    parse_check("fuzz.txt", data + 1, size - 1, &opt);
    return 0;
}
