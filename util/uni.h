/* uni.h - the one place that includes <utf8proc.h>.
 *
 * UTF-8 decoding and validation, NFC with an offset map and a fast path,
 * simple lower-casing, and the accent-folded form used for loose phrase
 * matching ("Đào tạo" -> "dao tao").
 */
#ifndef PL_UNI_H
#define PL_UNI_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "omap.h"

/* How many of the eight bytes at p are ASCII before the first that is
 * not: 8 when all are (on a machine that is not little-endian, 0 when
 * one is not).  The validation and the mojibake pre-test skip ASCII with
 * it: in Vietnamese text a run of ASCII is a few bytes between two
 * accented letters, and a byte at a time cost more than the letters. */
static inline size_t pl_ascii8(const char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t high = w & 0x8080808080808080ull;
    if (!high)
        return 8;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(high) / 8;
#else
    return 0;
#endif
}

/* Decode one code point at s[i..len).  Returns its length in bytes (1-4), or
 * -1 for an invalid or truncated sequence (then *cp is set to -1).  Every
 * pass over the text calls this per character, so ASCII, two-byte forms
 * and the three-byte forms that need no more than the continuation test
 * (lead bytes E1-EC, EE, EF: every Vietnamese letter of Latin Extended
 * Additional, the dashes and quotes) are decoded inline, with UTF-8's
 * checks; only other bytes pay for a call. */
int pl_utf8_next_slow(const char *s, size_t len, size_t i, int32_t *cp);
static inline int pl_utf8_next(const char *s, size_t len, size_t i, int32_t *cp)
{
    if (i < len) {
        const unsigned char *u = (const unsigned char *)s + i;
        unsigned char c = u[0];
        if (c < 0x80) {
            *cp = c;
            return 1;
        }
        if (c >= 0xC2 && c <= 0xDF && len - i >= 2 && (u[1] & 0xC0) == 0x80) {
            *cp = ((int32_t)(c & 0x1F) << 6) | (u[1] & 0x3F);
            return 2;
        }
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && len - i >= 3 && (u[1] & 0xC0) == 0x80 &&
            (u[2] & 0xC0) == 0x80) {
            *cp = ((int32_t)(c & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
            return 3;
        }
    }
    return pl_utf8_next_slow(s, len, i, cp);
}
/* Offset of the first invalid byte, or `len` if the whole string is valid
 * UTF-8 (overlongs, surrogates and code points above U+10FFFF are invalid). */
size_t pl_utf8_validate(const char *s, size_t len);
/* pl_utf8_validate, and in *nfc whether the text (when valid) is what
 * pl_nfc_append writes of it: no CR, and every code point stable under
 * NFC by the fast path's list (so the NFC stage can take it as it is).
 * A test of the code points the validation decodes anyway. */
size_t pl_utf8_validate_nfc(const char *s, size_t len, int *nfc);
/* Number of code points in s[0..len) (invalid bytes count one each). */
size_t pl_utf8_count(const char *s, size_t len);

/* Append the NFC form of s[0..len) to `out`, with CR LF and lone CR turned
 * into LF.  For every output character an anchor (out offset -> base + input
 * offset) goes into `map`.  Lines made only of code points that are stable
 * under NFC (every Vietnamese letter, ASCII, common punctuation) are copied
 * without calling utf8proc: that is the fast path measured in
 * bench/ (utf8proc's full NFC alone runs near 20 MB/s).  Returns 0, or -1 on
 * allocation failure. */
int pl_nfc_append(const char *s, size_t len, size_t base, pl_buf *out, pl_omap *map);
/* NFC of a whole string through utf8proc with no fast path (used by tests
 * to check the fast path).  Caller frees.  NULL on error. */
char *pl_nfc_reference(const char *s, size_t len);
/* NFC of a short string (a phrase of the data): a copy when every code
 * point is stable under NFC (the fast path of pl_nfc_append), else
 * pl_nfc_reference.  Caller frees.  NULL on error. */
char *pl_nfc_dup(const char *s, size_t len);

/* Simple lower-case mapping of one code point.  Also folds U+00D0/U+00F0
 * (Icelandic eth, a common look-alike of Đ in extracted text) to đ. */
static inline int32_t pl_lower(int32_t cp);
int pl_is_upper(int32_t cp);
int32_t pl_upper(int32_t cp);
int pl_is_lower(int32_t cp);
/* Does s[a..b) hold a lower-case letter (text not written in capitals)?
 * Invalid UTF-8 ends the search (0). */
int pl_has_lower(const char *s, size_t a, size_t b);
static inline int pl_is_letter(int32_t cp);
int pl_is_digit(int32_t cp);
int pl_is_space(int32_t cp);   /* Unicode Zs, tab, and the line separators */

/* pl_lower and pl_is_letter run per character in the key text and the
 * word checks: ASCII is answered inline, other code points by utf8proc. */
int32_t pl_lower_nonascii(int32_t cp);
int pl_is_letter_nonascii(int32_t cp);
static inline int32_t pl_lower(int32_t cp)
{
    return cp < 0x80 ? ((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp) : pl_lower_nonascii(cp);
}
static inline int pl_is_letter(int32_t cp)
{
    return cp < 0x80 ? ((cp | 32) >= 'a' && (cp | 32) <= 'z') : pl_is_letter_nonascii(cp);
}
/* Combining mark (general category M*). */
int pl_is_mark(int32_t cp);

/* Accent- and case-folded copy of s[0..len) for loose matching: NFC,
 * case-folded, marks stripped, đ -> d, whitespace runs -> one space.  Caller
 * frees.  NULL on allocation failure or invalid input. */
char *pl_fold_loose(const char *s, size_t len);
/* pl_fold_loose(s, len), and in *mark_len the length of
 * pl_fold_loose(s, mark) (mark <= len, at a character's start), made in
 * the same pass where it can be.  NULL on error. */
char *pl_fold_loose_mark(const char *s, size_t len, size_t mark, size_t *mark_len);
/* pl_fold_loose(s, len) written in buf[0..cap) when it fits there (len <
 * cap / 2: a character's loose form is at most twice as long) and the
 * table folds it, else allocated by pl_fold_loose: the short strings the
 * phases compare (a type name, a document number, a clause) need no
 * allocation.  Free the result when it is not buf; NULL as
 * pl_fold_loose. */
char *pl_fold_loose_into(const char *s, size_t len, char *buf, size_t cap);
/* The end of pl_fold_loose_into's result. */
static inline void pl_fold_loose_done(char *folded, const char *buf)
{
    if (folded != buf)
        free(folded);
}

#endif
