/* fuzz_odt.c - libFuzzer target: bytes -> pl_doc_parse as ODT.
 *
 * The format is forced (pl_parse_options.format_in = "odt"), so every
 * input goes to parser/read/input_odt.c.  As fuzz_docx.c, two kinds of
 * input:
 *
 *   - one that starts "PK": an archive, given as it is (package.c's
 *     checks, missing and encrypted parts, the size and ratio guards);
 *   - anything else: "content.xml", then optionally "styles.xml",
 *     separated by a line "=====" (PART_SEP), stored in a zip with correct
 *     CRCs, so that mutations reach the XML handling: paragraphs, lists
 *     and their styles, text:number, tables, spaces, tracked changes,
 *     notes.
 *
 * Seeds: tests/fixtures/odt/ (archives) and fuzz/corpus/odt/ (the parts
 * of those fixtures, made by fuzz/make_seeds.py). */
#include "parse_check.h"

#define PART_SEP "\n=====\n"

static const char *const PARTS[] = {"content.xml", "styles.xml"};
#define NPARTS (sizeof PARTS / sizeof *PARTS)

static uint32_t crc_table[256];

/* Built on the first archive (LLVMFuzzerInitialize is parse_check.h's). */
static void crc_init(void)
{
    if (crc_table[1])
        return;
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

/* ---- a minimal zip writer (stored members) ------------------------------- */

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
    crc_init();
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

typedef struct zbuf {
    uint8_t *p;
    size_t n;
} zbuf;

static void put16(zbuf *z, uint32_t v)
{
    z->p[z->n++] = (uint8_t)v;
    z->p[z->n++] = (uint8_t)(v >> 8);
}

static void put32(zbuf *z, uint32_t v)
{
    put16(z, v & 0xFFFF);
    put16(z, v >> 16);
}

static void put_bytes(zbuf *z, const void *s, size_t n)
{
    memcpy(z->p + z->n, s, n);
    z->n += n;
}

/* The part's header fields shared by the local and the central header:
 * version needed, flags, method (stored), time, date (1980-01-01), CRC,
 * sizes, name length, extra length. */
static void put_common(zbuf *z, uint32_t crc, size_t len, size_t namelen)
{
    put16(z, 20);
    put16(z, 0);
    put16(z, 0);
    put16(z, 0);
    put16(z, 0x21);
    put32(z, crc);
    put32(z, (uint32_t)len);
    put32(z, (uint32_t)len);
    put16(z, (uint32_t)namelen);
    put16(z, 0);
}

/* A zip archive holding parts[0..n) under the names PARTS[0..n); the
 * caller frees z->p. */
static int make_zip(zbuf *z, const uint8_t *const *parts, const size_t *lens, size_t n)
{
    size_t total = 22;
    for (size_t i = 0; i < n; i++)
        total += 30 + 46 + 2 * strlen(PARTS[i]) + lens[i];
    z->p = malloc(total);
    z->n = 0;
    if (!z->p)
        return -1;
    uint32_t crcs[NPARTS], offsets[NPARTS];
    for (size_t i = 0; i < n; i++) {
        crcs[i] = crc32_of(parts[i], lens[i]);
        offsets[i] = (uint32_t)z->n;
        put32(z, 0x04034b50);
        put_common(z, crcs[i], lens[i], strlen(PARTS[i]));
        put_bytes(z, PARTS[i], strlen(PARTS[i]));
        put_bytes(z, parts[i], lens[i]);
    }
    size_t cd = z->n;
    for (size_t i = 0; i < n; i++) {
        put32(z, 0x02014b50);
        put16(z, 20); /* version made by */
        put_common(z, crcs[i], lens[i], strlen(PARTS[i]));
        put16(z, 0); /* comment length */
        put16(z, 0); /* disk */
        put16(z, 0); /* internal attributes */
        put32(z, 0); /* external attributes */
        put32(z, offsets[i]);
        put_bytes(z, PARTS[i], strlen(PARTS[i]));
    }
    size_t cd_len = z->n - cd;
    put32(z, 0x06054b50);
    put16(z, 0);
    put16(z, 0);
    put16(z, (uint32_t)n);
    put16(z, (uint32_t)n);
    put32(z, (uint32_t)cd_len);
    put32(z, (uint32_t)cd);
    put16(z, 0);
    return 0;
}

/* ---- the target ------------------------------------------------------------ */

/* First occurrence of the n bytes of `what` in p[0..len), or NULL (memmem
 * is not POSIX). */
static const uint8_t *find(const uint8_t *p, size_t len, const char *what, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (p[i] == (uint8_t)what[0] && memcmp(p + i, what, n) == 0)
            return p + i;
    return NULL;
}

static void parse(const uint8_t *data, size_t size)
{
    pl_parse_options opt = {.format_in = "odt"};
    parse_check("fuzz.odt", data, size, &opt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
        parse(data, size);
        return 0;
    }
    const uint8_t *parts[NPARTS];
    size_t lens[NPARTS], n = 0, sep = strlen(PART_SEP);
    const uint8_t *p = data, *end = data + size;
    while (n < NPARTS) {
        const uint8_t *s = n + 1 < NPARTS ? find(p, (size_t)(end - p), PART_SEP, sep) : NULL;
        parts[n] = p;
        lens[n++] = s ? (size_t)(s - p) : (size_t)(end - p);
        if (!s)
            break;
        p = s + sep;
    }
    zbuf z;
    if (make_zip(&z, parts, lens, n) != 0)
        return 0;
    parse(z.p, z.n);
    free(z.p);
    return 0;
}
