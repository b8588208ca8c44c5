/* re.h - the one place that includes <pcre2.h>.
 *
 * Patterns are compiled once, on first use (UTF + UCP; JIT-compiled, where
 * the platform has it, once they have scanned a page of text) and reused;
 * each match runs under explicit match and depth limits so that no
 * input can make a pattern backtrack for long (see PL_RE_MATCH_LIMIT).
 * Matching is on the "key" form of the text (lower case, one tone style), so
 * patterns are written in lower case.
 */
#ifndef PL_RE_H
#define PL_RE_H

#include <stddef.h>
#include <stdint.h>

typedef struct pl_re pl_re;

/* Upper bounds handed to PCRE2 for every match.  A pattern that needs more
 * than this on some input simply does not match there (the caller treats
 * PCRE2_ERROR_MATCHLIMIT like no match), which keeps pathological inputs
 * linear.  The numbers leave ample room for the patterns in this project:
 * the worst one on the corpus uses a few hundred steps per match. */
#define PL_RE_MATCH_LIMIT 200000u
#define PL_RE_DEPTH_LIMIT 2000u

#define PL_RE_MAX_GROUPS 16

typedef struct pl_match {
    size_t start, end;                  /* whole match, byte offsets */
    size_t gs[PL_RE_MAX_GROUPS];        /* group start, or (size_t)-1 */
    size_t ge[PL_RE_MAX_GROUPS];        /* group end */
    int ngroups;                        /* groups captured (incl. 0) */
} pl_match;

/* Compile `pattern` (UTF-8, UTF+UCP, case-insensitive when `caseless`).
 * Returns NULL and writes a message into errbuf on a bad pattern.  The
 * caller owns the result (pl_re_free). */
pl_re *pl_re_compile(const char *pattern, int caseless, char *errbuf, size_t errlen);
/* A pattern that is known to be valid (a literal in the C source): only
 * recorded here, compiled on its first match; aborts with a message if it
 * does not compile, since that is a programming error. */
pl_re *pl_re_must(const char *pattern);
/* pl_re_must of the pieces joined, in order, up to a NULL: a pattern built
 * from a skeleton and vocabulary alternations (parser/text/vocab.h). */
pl_re *pl_re_must_of(const char *first, ...) __attribute__((sentinel));
void pl_re_free(pl_re *re);

/* Find the first match in subject[start..len).  Returns 1 on a match, 0 on
 * none (including hitting the match limit).  Thread-safe; matching does not
 * allocate after a thread's first match. */
int pl_re_find(const pl_re *re, const char *subject, size_t len, size_t start, pl_match *m);
/* Anchored match exactly at `start`. */
int pl_re_at(const pl_re *re, const char *subject, size_t len, size_t start, pl_match *m);
/* Release the calling thread's match data (worker threads call it before
 * they end; the main thread may, to keep leak checkers quiet). */
void pl_re_thread_done(void);
/* The size in bytes of all the input this process's run reads, when the
 * caller knows it before reading (the command line sizes its files): a
 * run of at most 32 KB JIT-compiles no pattern for the work it does
 * (JIT-compiling costs more than it saves there); one subject of 64 KB or
 * more still is.  Not called, or called with more: patterns are
 * JIT-compiled once hot.  Matches are the same either way. */
void pl_re_run_bytes(uint64_t bytes);
/* How many codes this process has JIT-compiled so far. */
unsigned long pl_re_jit_compiled(void);
/* Number of capture groups in the pattern. */
int pl_re_groups(const pl_re *re);

/* Whether a caseless match of lower-case phrases in s[a..b) is bytewise:
 * a phrase's letters match only their own bytes and a run of blanks is
 * one space.  PCRE2 (caseless, UCP) also lets 's' match the long s U+017F,
 * 'k' the Kelvin sign U+212A, a capital its small letter, and counts NEL,
 * NO-BREAK SPACE and the other Unicode blanks (U+1680, U+180E, U+2000 to
 * U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) as \s; this says no to a
 * span that holds any of them, a control character (a line end included),
 * an ASCII capital or two spaces in a row: on a plain span \s is ' '.  The key text of a paragraph is lower case with single
 * spaces, so almost every span of it is plain; a caller that finds a
 * phrase by comparing bytes where this says yes finds what the pattern
 * would, and uses the pattern elsewhere. */
int pl_re_plain_key(const char *s, size_t a, size_t b);
/* The first byte of s[a..b) where that span is not plain (see
 * pl_re_plain_byte), or b (a when a > b).  A byte's answer reads at most
 * the two bytes after it, never past b: so the bytes this finds in a
 * longer span hold every byte it would find in a shorter one inside it,
 * and a span holding none of the longer span's is plain. */
size_t pl_re_plain_until(const char *s, size_t a, size_t b);

/* pl_re_plain_key's test of the byte s[i] of the span s[..b): 0 where the
 * span is not plain.  For a scan that checks as it goes. */
static inline int pl_re_plain_byte(const char *s, size_t i, size_t b)
{
    unsigned char c = (unsigned char)s[i];
    if (c > ' ' && c < 0x7F)
        return c < 'A' || c > 'Z';
    if (c < 0xC2)
        return c == ' ' ? !(i + 1 < b && s[i + 1] == ' ') : c >= 0x80;
    unsigned char c1 = i + 1 < b ? (unsigned char)s[i + 1] : 0;
    unsigned char c2 = i + 2 < b ? (unsigned char)s[i + 2] : 0;
    switch (c) {
    case 0xC2: /* NEL, NO-BREAK SPACE */
        return c1 != 0x85 && c1 != 0xA0;
    case 0xC5: /* the long s */
        return c1 != 0xBF;
    case 0xE1: /* U+1680, U+180E */
        return !((c1 == 0x9A && c2 == 0x80) || (c1 == 0xA0 && c2 == 0x8E));
    case 0xE2: /* U+2000-200A, U+2028, U+2029, U+202F, U+205F; the Kelvin sign */
        return !((c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 ||
                                 c2 == 0xAF)) ||
                 (c1 == 0x81 && c2 == 0x9F) || (c1 == 0x84 && c2 == 0xAA));
    case 0xE3: /* U+3000 */
        return !(c1 == 0x80 && c2 == 0x80);
    default:
        return 1;
    }
}

/* Group i of m as a pointer/length pair into subject; 0 if unset. */
int pl_match_group(const pl_match *m, int i, size_t *start, size_t *len);

/* ---- the build step that serializes codes (data/gen_prebuilt.c) ---------
 * From pl_re_record on, every pattern the process compiles is remembered
 * with its PCRE2 options; pl_re_recorded calls fn for each, in the order
 * first compiled, then forgets them and stops recording (0, or -1 when fn
 * returned non-zero).  pl_re_serialize compiles patterns[i] with opts[i]
 * for i < n and writes them, in that order, as one serialized set
 * (pcre2_serialize_encode: the bytes pcre2_serialize_decode takes) into a
 * malloc'd *bytes of *len bytes; 0, or -1 when one does not compile. */
void pl_re_record(void);
int pl_re_recorded(int (*fn)(void *ctx, const char *pattern, uint32_t opts), void *ctx);
int pl_re_serialize(const char *const *patterns, const uint32_t *opts, size_t n,
                    unsigned char **bytes, size_t *len);

#endif
