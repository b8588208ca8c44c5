/* zip_parts.h - what fuzz_docx and fuzz_odt share: an input that is not an
 * archive is the XML parts of a document separated by a line "=====", and
 * the target stores them in a zip before parsing it.  A mutated archive
 * almost never survives libzip's CRC check, so without this the fuzzer
 * would never reach the XML handling.
 *
 * The archive is written by the library's own zip writer (util/archive.h,
 * libzip), so these two targets reach past planlint.h into the library's
 * internals (planlint_internal gives them the headers).  Header-only, like
 * parse_check.h: each target is linked alone with libFuzzer or with
 * driver.c (tests/replay.cmake). */
#ifndef PL_FUZZ_ZIP_PARTS_H
#define PL_FUZZ_ZIP_PARTS_H

#include "archive.h"
#include "buf.h"
#include "parse_check.h"

#define PART_SEP "\n=====\n"
#define ZIP_PARTS_MAX 4

/* First occurrence of the n bytes of `what` in p[0..len), or NULL (memmem
 * is not POSIX). */
static const uint8_t *find_sep(const uint8_t *p, size_t len, const char *what, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (p[i] == (uint8_t)what[0] && memcmp(p + i, what, n) == 0)
            return p + i;
    return NULL;
}

/* Parse data[0..size) as `format` ("docx", "odt") under the label `label`:
 * as it is when it starts "PK", else split at PART_SEP into at most
 * nnames parts named names[0..) (the last part takes the rest) and
 * stored in a zip first. */
static void parse_parts(const char *format, const char *label, const char *const *names,
                        size_t nnames, const uint8_t *data, size_t size)
{
    pl_parse_options opt = {.format_in = format};
    if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
        parse_check(label, data, size, &opt);
        return;
    }
    pl_zip_part parts[ZIP_PARTS_MAX];
    size_t n = 0, sep = strlen(PART_SEP);
    const uint8_t *p = data, *end = data + size;
    while (n < nnames && n < ZIP_PARTS_MAX) {
        const uint8_t *s = n + 1 < nnames ? find_sep(p, (size_t)(end - p), PART_SEP, sep) : NULL;
        parts[n].name = names[n];
        parts[n].data = (const char *)p;
        parts[n++].len = s ? (size_t)(s - p) : (size_t)(end - p);
        if (!s)
            break;
        p = s + sep;
    }
    pl_buf zip = PL_BUF_INIT;
    pl_error err = {0};
    if (pl_zip_create(label, parts, n, &zip, &err) == 0)
        parse_check(label, (const uint8_t *)zip.data, zip.len, &opt);
    pl_buf_free(&zip);
}

#endif
