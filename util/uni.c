#include "uni.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int pl_utf8_next_slow(const char *s, size_t len, size_t i, int32_t *cp)
{
    if (i >= len) {
        *cp = -1;
        return -1;
    }
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { /* the common case, without a library call */
        *cp = c;
        return 1;
    }
    /* Two- and three-byte sequences (all of Vietnamese) decoded inline: a
     * library call per letter showed in profiles.  The checks are UTF-8's
     * (no overlong form, no surrogate), as utf8proc_iterate makes them;
     * anything else is left to it. */
    const unsigned char *u = (const unsigned char *)s + i;
    if (c >= 0xC2 && c <= 0xDF && len - i >= 2 && (u[1] & 0xC0) == 0x80) {
        *cp = ((int32_t)(c & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF && len - i >= 3 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80 && (c != 0xE0 || u[1] >= 0xA0) && (c != 0xED || u[1] < 0xA0)) {
        *cp = ((int32_t)(c & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        return 3;
    }
    utf8proc_ssize_t rest = (utf8proc_ssize_t)(len - i);
    if (rest > 4)
        rest = 4;
    utf8proc_int32_t v;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, rest, &v);
    if (n <= 0 || v < 0) {
        *cp = -1;
        return -1;
    }
    *cp = v;
    return (int)n;
}

static int nfc_stable(int32_t cp);

/* The validation loop, and when stable is not NULL the NFC quick check of
 * pl_utf8_validate_nfc: *stable stays 1 while every code point is one of
 * nfc_stable's (a test on the lead byte for two bytes, on the code point
 * for three).  Inlined into both, so the plain one tests nothing more. */
static inline size_t validate(const char *s, size_t len, int *stable)
{
    size_t i = 0;
    int st = 1;
    while (i < len) {
        if (i + 8 <= len) {
            size_t k = pl_ascii8(s + i);
            i += k;
            if (k == 8)
                continue;
        }
        const unsigned char *u = (const unsigned char *)s + i;
        unsigned char c = u[0];
        if (c < 0x80) {
            i++;
            continue;
        }
        /* two and three bytes (all of Vietnamese) checked here, as
         * pl_utf8_next_slow checks them; the rest by it */
        if (c >= 0xC2 && c <= 0xDF && len - i >= 2 && (u[1] & 0xC0) == 0x80) {
            st &= c < 0xCC; /* below U+0300 */
            i += 2;
            continue;
        }
        if (c >= 0xE0 && c <= 0xEF && len - i >= 3 && (u[1] & 0xC0) == 0x80 &&
            (u[2] & 0xC0) == 0x80 && (c != 0xE0 || u[1] >= 0xA0) && (c != 0xED || u[1] < 0xA0)) {
            if (stable && st)
                st = nfc_stable(((int32_t)(c & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) |
                                (u[2] & 0x3F));
            i += 3;
            continue;
        }
        int32_t cp;
        int n = pl_utf8_next(s, len, i, &cp);
        if (n < 0)
            return i;
        st &= nfc_stable(cp);
        i += (size_t)n;
    }
    if (stable)
        *stable = st && !memchr(s, '\r', len);
    return len;
}

size_t pl_utf8_validate(const char *s, size_t len)
{
    return validate(s, len, NULL);
}

size_t pl_utf8_validate_nfc(const char *s, size_t len, int *nfc)
{
    *nfc = 0;
    return validate(s, len, nfc);
}

size_t pl_utf8_count(const char *s, size_t len)
{
    /* the bytes that start no character (10xxxxxx), eight at a time:
     * bit 7 set and bit 6 clear */
    size_t cont = 0, i = 0;
    while (i + 8 <= len) {
        /* one count per byte lane, summed before a lane can overflow */
        uint64_t lanes = 0;
        for (int k = 0; k < 255 && i + 8 <= len; k++, i += 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            lanes += (w & ~(w << 1) & 0x8080808080808080ull) >> 7;
        }
        uint64_t pairs = (lanes & 0x00FF00FF00FF00FFull) + ((lanes >> 8) & 0x00FF00FF00FF00FFull);
        cont += (size_t)((pairs * 0x0001000100010001ull) >> 48);
    }
    for (; i < len; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return len - cont;
}

/* Code points that NFC leaves alone and that never combine with a
 * neighbour: ccc 0, no singleton or excluded decomposition, never the second
 * half of a composition.  A conservative whitelist of blocks is enough: it
 * covers all 134 Vietnamese letters (Latin-1, Extended-A/B, Latin Extended
 * Additional) and the punctuation found in plans.  Anything else sends its
 * line to utf8proc. */
static int nfc_stable(int32_t cp)
{
    return (cp >= 0 && cp < 0x300) || (cp >= 0x1E00 && cp <= 0x1EFF) ||
           (cp >= 0x2002 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
           (cp >= 0x2100 && cp <= 0x2125) || (cp >= 0x2190 && cp <= 0x21FF) ||
           (cp >= 0x2500 && cp <= 0x25FF) ||
           (cp >= 0xFF01 && cp <= 0xFF5E);
}

static int is_starter(int32_t cp)
{
    return utf8proc_get_property(cp)->combining_class == 0;
}

/* NFC of s[0..len); *outlen its length, which strlen would not give: the
 * text may hold U+0000. */
static char *nfc_chunk(const char *s, size_t len, size_t *outlen)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n < 0) {
        free(out);
        return NULL;
    }
    *outlen = (size_t)n;
    return (char *)out;
}

/* Combining marks one starter may carry and still be normalised.  No
 * writing system needs more than a handful; utf8proc orders marks with a
 * quadratic sort, so a cluster of 100 000 marks (a fuzzing favourite) is
 * copied as it is instead: the text stays usable, only that cluster is not
 * in NFC. */
#define PL_NFC_MAX_MARKS 32

/* End of the cluster starting at i (a starter and its non-starters), and
 * how many non-starters it has. */
static size_t cluster_end(const char *s, size_t len, size_t i, size_t *marks)
{
    int32_t cp;
    int n = pl_utf8_next(s, len, i, &cp);
    size_t j = i + (n > 0 ? (size_t)n : 1);
    *marks = 0;
    while (j < len) {
        n = pl_utf8_next(s, len, j, &cp);
        if (n <= 0 || is_starter(cp))
            break;
        j += (size_t)n;
        (*marks)++;
    }
    return j;
}

static int has_huge_cluster(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t marks;
        i = cluster_end(s, len, i, &marks);
        if (marks > PL_NFC_MAX_MARKS)
            return 1;
    }
    return 0;
}

/* The slow path for one line: normalise cluster by cluster so that each
 * output cluster can be anchored to its source.  Cross-cluster compositions
 * (Hangul jamo, a few Indic vowel signs) make the pieces differ from the
 * whole; then the whole line's NFC is used, anchored at the line's start
 * and end, which is still correct text with coarser positions. */
static int nfc_line_slow(const char *s, size_t len, size_t base, pl_buf *out, pl_omap *map)
{
    int huge = has_huge_cluster(s, len);
    size_t wlen = 0;
    char *whole = huge ? NULL : nfc_chunk(s, len, &wlen);
    if (!huge && !whole)
        return -1;
    size_t start_len = out->len, start_anchors = map->n;
    for (size_t i = 0, j, marks; i < len; i = j) {
        j = cluster_end(s, len, i, &marks);
        pl_omap_add(map, out->len, base + i);
        if (marks > PL_NFC_MAX_MARKS) {
            pl_buf_put(out, s + i, j - i);
            continue;
        }
        size_t clen;
        char *c = nfc_chunk(s + i, j - i, &clen);
        if (!c) {
            free(whole);
            return -1;
        }
        pl_buf_put(out, c, clen);
        free(c);
    }
    if (whole) {
        size_t got = out->len - start_len;
        if (got != wlen || memcmp(out->data + start_len, whole, got) != 0) {
            /* the clusters' anchors go with their text */
            out->len = start_len;
            map->n = start_anchors;
            pl_omap_add(map, start_len, base);
            pl_buf_put(out, whole, wlen);
            if (wlen > 0)
                pl_omap_add(map, start_len + wlen - 1, base + (len > 0 ? len - 1 : 0));
        }
    }
    free(whole);
    return out->failed ? -1 : 0;
}

int pl_nfc_append(const char *s, size_t len, size_t base, pl_buf *out, pl_omap *map)
{
    size_t i = 0;
    while (i < len) {
        /* one line: up to and excluding CR or LF */
        size_t e = i;
        int stable = 1;
        while (e < len && s[e] != '\n' && s[e] != '\r') {
            unsigned char c = (unsigned char)s[e];
            if (c < 0x80) {
                e++;
                continue;
            }
            /* the text is validated UTF-8 (decode() runs first), so the
             * sequence is decoded inline: a library call per letter would
             * cost more than the whole check */
            int32_t cp;
            size_t n;
            if (c < 0xE0 && e + 1 < len) {
                cp = ((int32_t)(c & 0x1F) << 6) | (s[e + 1] & 0x3F);
                n = 2;
            } else if (c < 0xF0 && e + 2 < len) {
                cp = ((int32_t)(c & 0x0F) << 12) | ((int32_t)(s[e + 1] & 0x3F) << 6) |
                     (s[e + 2] & 0x3F);
                n = 3;
            } else {
                int k = pl_utf8_next(s, len, e, &cp);
                if (k < 0)
                    return -1;
                n = (size_t)k;
            }
            if (stable && !nfc_stable(cp))
                stable = 0;
            e += n;
        }
        if (e > i) {
            if (stable) {
                pl_omap_add(map, out->len, base + i);
                pl_buf_put(out, s + i, e - i);
            } else if (nfc_line_slow(s + i, e - i, base + i, out, map) != 0) {
                return -1;
            }
        }
        if (e < len) { /* line end: CR LF, CR or LF all become LF */
            pl_omap_add(map, out->len, base + e);
            pl_buf_putc(out, '\n');
            e += (s[e] == '\r' && e + 1 < len && s[e + 1] == '\n') ? 2 : 1;
        }
        i = e;
    }
    return out->failed || map->failed ? -1 : 0;
}

char *pl_nfc_reference(const char *s, size_t len)
{
    if (len == 0)
        return calloc(1, 1);
    size_t n;
    return nfc_chunk(s, len, &n);
}

/* The fast path of pl_nfc_append for a short string: a copy when every code
 * point is stable under NFC, utf8proc otherwise. */
char *pl_nfc_dup(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int k = pl_utf8_next(s, len, i, &cp);
        if (k < 0 || !nfc_stable(cp))
            return pl_nfc_reference(s, len);
        i += (size_t)k;
    }
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

int32_t pl_lower_nonascii(int32_t cp)
{
    if (cp == 0xD0 || cp == 0xF0)
        return 0x111; /* Ð / ð -> đ */
    return utf8proc_tolower(cp);
}

int32_t pl_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
    return utf8proc_toupper(cp);
}

int pl_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

int pl_is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int pl_has_lower(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b;) {
        int32_t cp;
        int k = pl_utf8_next(s, b, i, &cp);
        if (k < 0)
            return 0;
        if (pl_is_lower(cp))
            return 1;
        i += (size_t)k;
    }
    return 0;
}

int pl_is_letter_nonascii(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int pl_is_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }

int pl_is_space(int32_t cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v')
        return 1;
    if (cp < 0x80)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

int pl_is_mark(int32_t cp)
{
    if (cp < 0x300)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
           c == UTF8PROC_CATEGORY_ME;
}

/* utf8proc has no mapping for đ (it has no decomposition), so the loose form
 * folds it here, together with the eth look-alikes. */
static utf8proc_int32_t fold_dstroke(utf8proc_int32_t cp, void *data)
{
    (void)data;
    switch (cp) {
    case 0x110: case 0x111: case 0xD0: case 0xF0:
        return 'd';
    default:
        return cp;
    }
}

#define LOOSE_FLAGS                                                                         \
    (UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_LUMP |            \
     UTF8PROC_STABLE)

/* Fold whitespace runs of out[0..n) to one space, trim, terminate. */
static char *fold_spaces(unsigned char *out, size_t n)
{
    size_t w = 0;
    int sp = 1;
    for (size_t r = 0; r < n; r++) {
        unsigned char c = out[r];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            if (!sp)
                out[w++] = ' ';
            sp = 1;
        } else {
            out[w++] = c;
            sp = 0;
        }
    }
    if (w > 0 && out[w - 1] == ' ')
        w--;
    out[w] = '\0';
    return (char *)out;
}

/* The loose form of a whole body of text is the costliest step of a parse
 * when utf8proc maps it (two passes through UTF-32, a table walk per
 * character).  Vietnamese text is made of ASCII, Latin-1, Latin
 * Extended-A/B, combining marks and Latin Extended Additional (ạ ả ấ …),
 * with punctuation (– “ ” …), arrows, bullets (● ▪ ◦) and the private-use
 * bullets of Word's Symbol font (U+F0B7).  In those blocks the loose form
 * of a string is the concatenation of the loose forms of its code points:
 * a decomposition ends in combining marks, which are stripped, and no
 * character there composes with a following non-mark (only Hangul jamo
 * and a few Indic vowel signs do), so nothing composes across code points.
 * So their forms are looked up in a table filled from utf8proc itself
 * (the same bytes by construction); a string with any other code point,
 * or invalid UTF-8, takes utf8proc's path as before. */
#define LOOSE_NONE 0xFF /* entry not usable: map the string with utf8proc */
#define LOOSE_UNSET 0   /* entry not filled yet */
#define LOOSE_MAX 6     /* bytes of the longest form kept in the table */

/* An entry is filled when its code point is first met: a run meets a few
 * hundred of the 1 900, and filling them all at once cost 2.3 M
 * instructions, a twentieth of checking a 16 KB plan.  `tag` is the
 * form's length + 1, LOOSE_NONE or LOOSE_UNSET; it is stored after `s`,
 * under loose_lock, with release, so a thread that reads it set (acquire)
 * reads `s` whole.  Threads (--jobs) share the table. */
typedef struct loose_entry {
    _Atomic unsigned char tag;
    char s[LOOSE_MAX];
} loose_entry;

/* The blocks, in table order: [0, 0x250), [0x300, 0x370), [0x1E00,
 * 0x1F00), [0x2000, 0x2070), [0x2190, 0x2200), [0x2500, 0x2600),
 * [0xF000, 0xF100) (loose_index). */
static loose_entry loose_table[0x250 + 0x70 + 0x100 + 0x70 + 0x70 + 0x100 + 0x100];
static pthread_mutex_t loose_lock = PTHREAD_MUTEX_INITIALIZER;

/* The one-byte forms, by table index (loose_index), for the loop that
 * reads most of a plan: 0 until the entry is filled (and for NUL, or a
 * form that is not one byte), a blank's as ' ' (a blank run is written
 * as one space), any other byte as itself.  ASCII's are read for every
 * byte; a Vietnamese letter's (Latin-1, Extended-A and the start of
 * Extended-B, and Latin Extended Additional) without decoding it into a
 * code point first.  Set with the entry, under loose_lock; a byte read
 * alone needs no ordering. */
static _Atomic unsigned char one_form[sizeof loose_table / sizeof loose_table[0]];

static int loose_blank(unsigned char b) { return b == ' ' || (b >= '\t' && b <= '\r'); }

static void loose_fill(loose_entry *e, int32_t cp)
{
    unsigned char tag = LOOSE_NONE;
    utf8proc_uint8_t in[4], *out = NULL;
    utf8proc_ssize_t k = utf8proc_encode_char(cp, in);
    utf8proc_ssize_t n = cp == 0 || k <= 0 ? -1 /* NUL ends C strings: not here */
                                            : utf8proc_map_custom(in, k, &out, LOOSE_FLAGS,
                                                                  fold_dstroke, NULL);
    /* at most twice the input's bytes: pl_fold_loose sizes its output on
     * that */
    if (n >= 0 && n <= LOOSE_MAX && n <= 2 * k) {
        memcpy(e->s, out, (size_t)n);
        tag = (unsigned char)(n + 1);
        if (n == 1)
            atomic_store_explicit(&one_form[e - loose_table], loose_blank(out[0]) ? ' ' : out[0],
                                  memory_order_relaxed);
    }
    free(out);
    atomic_store_explicit(&e->tag, tag, memory_order_release);
}

/* The entry of cp (table index x), filled if this is its first use. */
static const loose_entry *loose_get(long x, int32_t cp)
{
    loose_entry *e = &loose_table[x];
    if (atomic_load_explicit(&e->tag, memory_order_acquire) == LOOSE_UNSET) {
        pthread_mutex_lock(&loose_lock);
        if (atomic_load_explicit(&e->tag, memory_order_relaxed) == LOOSE_UNSET)
            loose_fill(e, cp);
        pthread_mutex_unlock(&loose_lock);
    }
    return e;
}

/* Where Latin Extended Additional (U+1E00-U+1EFF) starts in the table:
 * loose_index's block, which fold_loose_run reads straight from bytes. */
#define LOOSE_AT_1E00 0x2C0

/* Table index of a code point, or -1 when it is in no block. */
static long loose_index(int32_t cp)
{
    if (cp < 0x250)
        return cp;
    if (cp >= 0x300 && cp < 0x370)
        return 0x250 + (cp - 0x300);
    if (cp >= 0x1E00 && cp < 0x1F00)
        return LOOSE_AT_1E00 + (cp - 0x1E00);
    if (cp >= 0x2000 && cp < 0x2070)
        return 0x3C0 + (cp - 0x2000);
    if (cp >= 0x2190 && cp < 0x2200)
        return 0x430 + (cp - 0x2190);
    if (cp >= 0x2500 && cp < 0x2600)
        return 0x4A0 + (cp - 0x2500);
    if (cp >= 0xF000 && cp < 0xF100)
        return 0x5A0 + (cp - 0xF000);
    return -1;
}

/* The table's path over s[a..b) onto out[*w..), blanks folded as the
 * forms are written (what fold_spaces does after utf8proc's path; *sp:
 * the last byte written was a space, or nothing was).  out holds twice
 * the input's bytes.  0, or -1 when the span needs utf8proc's path. */
static int fold_loose_run(const char *s, size_t a, size_t b, unsigned char *out, size_t *wp,
                          int *spp)
{
    const unsigned char *p = (const unsigned char *)s + a, *end = (const unsigned char *)s + b;
    unsigned char *o = out + *wp;
    int sp = *spp;
    while (p < end) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* a run of printable ASCII, eight bytes at a time: its form is
         * itself, capitals in lower case (utf8proc's case folding of
         * ASCII; test_text compares), a space written unless one was
         * just written.  The run ends at a byte below 0x20 or above 0x7F
         * or at a space after a blank; all eight bytes are stored (out
         * has room: twice what is left of the input), the run's kept. */
        if (end - p >= 8) {
            const uint64_t H = 0x8080808080808080ull, L = 0x0101010101010101ull;
            uint64_t v;
            memcpy(&v, p, 8);
            /* the lowest flag of each mask is exact; one above it may be
             * a borrow's, which only ends a run sooner */
            uint64_t cut = (v | ((v - L * 0x20) & ~v)) & H;
            uint64_t blank = (v - L * 0x21) & ~v & H;
            cut |= blank & ((blank << 8) | (sp ? 0x80u : 0u));
            unsigned n = cut ? (unsigned)__builtin_ctzll(cut) / 8 : 8;
            if (n > 0) {
                uint64_t upper = (v + L * (0x80 - 'A')) & ~(v + L * (0x80 - 'Z' - 1)) & H;
                v |= upper >> 2;
                memcpy(o, &v, 8);
                o += n;
                p += n;
                sp = o[-1] == ' ';
                if (n == 8)
                    continue;
            }
        }
#endif
        unsigned c = *p;
        /* a one-byte form read without decoding: ASCII (all of it but NUL,
         * once its entry is filled), U+0080-U+024F (two bytes, C2-C9) and
         * U+1E00-U+1EFF (E1 B8-BB): most of a plan */
        unsigned f = 0, step = 1;
        if (c < 0x80) {
            f = atomic_load_explicit(&one_form[c], memory_order_relaxed);
        } else if (c - 0xC2u < 8u && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
            unsigned x = ((c & 0x1F) << 6) | (p[1] & 0x3F);
            if (x < 0x250)
                f = atomic_load_explicit(&one_form[x], memory_order_relaxed);
            step = 2;
        } else if (c == 0xE1 && end - p >= 3 && (p[1] & 0xFC) == 0xB8 && (p[2] & 0xC0) == 0x80) {
            f = atomic_load_explicit(&one_form[LOOSE_AT_1E00 + (((p[1] & 3u) << 6) | (p[2] & 0x3Fu))],
                                     memory_order_relaxed);
            step = 3;
        }
        if (f > ' ') {
            *o++ = (unsigned char)f;
            sp = 0;
            p += step;
            continue;
        }
        if (f == ' ') {
            if (!sp)
                *o++ = ' ';
            sp = 1;
            p += step;
            continue;
        }
        /* two- and three-byte sequences decoded here, with
         * pl_utf8_next_slow's checks (no overlong form, no surrogate):
         * Vietnamese letters, a call each otherwise */
        int32_t cp;
        int k;
        if (c < 0x80) {
            cp = c;
            k = 1;
        } else if (c >= 0xC2 && c <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
            cp = ((int32_t)(c & 0x1F) << 6) | (p[1] & 0x3F);
            k = 2;
        } else if (c >= 0xE0 && c <= 0xEF && end - p >= 3 && (p[1] & 0xC0) == 0x80 &&
                   (p[2] & 0xC0) == 0x80 && (c != 0xE0 || p[1] >= 0xA0) &&
                   (c != 0xED || p[1] < 0xA0)) {
            cp = ((int32_t)(c & 0x0F) << 12) | ((int32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            k = 3;
        } else {
            k = pl_utf8_next((const char *)p, (size_t)(end - p), 0, &cp);
        }
        long x = k > 0 ? loose_index(cp) : -1;
        const loose_entry *e = x >= 0 ? &loose_table[x] : NULL;
        unsigned tag = e ? atomic_load_explicit(&e->tag, memory_order_acquire) : LOOSE_NONE;
        if (tag == LOOSE_UNSET) {
            e = loose_get(x, cp);
            tag = atomic_load_explicit(&e->tag, memory_order_acquire);
        }
        if (tag == LOOSE_NONE)
            return -1;
        if (tag == 2 && !loose_blank((unsigned char)e->s[0])) { /* a letter without its marks */
            *o++ = (unsigned char)e->s[0];
            sp = 0;
        } else {
            /* none (a mark), or a few bytes: a loop, not a call to memcpy */
            for (unsigned j = 0; j + 1 < tag; j++) {
                unsigned char byte = (unsigned char)e->s[j];
                if (!loose_blank(byte)) {
                    *o++ = byte;
                    sp = 0;
                } else {
                    if (!sp)
                        *o++ = ' ';
                    sp = 1;
                }
            }
        }
        p += k;
    }
    *wp = (size_t)(o - out);
    *spp = sp;
    return 0;
}

/* The table's path, into out (2 * len + 1 bytes): 0, or -1 when the
 * string needs utf8proc's.  *mark_len (mark <= len): the length of the
 * loose form of s[0..mark), which the output's first bytes are, less a
 * space that ends them. */
static int fold_loose_write(const char *s, size_t len, size_t mark, size_t *mark_len,
                            unsigned char *out)
{
    size_t w = 0;
    int sp = 1;
    if (fold_loose_run(s, 0, mark, out, &w, &sp) != 0)
        return -1;
    *mark_len = w > 0 && out[w - 1] == ' ' ? w - 1 : w;
    if (fold_loose_run(s, mark, len, out, &w, &sp) != 0)
        return -1;
    if (w > 0 && out[w - 1] == ' ')
        w--;
    out[w] = '\0';
    return 0;
}

/* The table's path in a block of its own; NULL when the string needs
 * utf8proc's (or on allocation failure, which utf8proc's path then
 * reports). */
static char *fold_loose_fast(const char *s, size_t len, size_t mark, size_t *mark_len)
{
    unsigned char *out = malloc(2 * len + 1);
    if (out && fold_loose_write(s, len, mark, mark_len, out) != 0) {
        free(out);
        return NULL;
    }
    return (char *)out;
}

char *pl_fold_loose_into(const char *s, size_t len, char *buf, size_t cap)
{
    size_t ml;
    if (len < cap / 2 && fold_loose_write(s, len, 0, &ml, (unsigned char *)buf) == 0)
        return buf;
    return pl_fold_loose(s, len);
}

/* utf8proc's path. */
static char *fold_loose_utf8proc(const char *s, size_t len)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                             &out, LOOSE_FLAGS, fold_dstroke, NULL);
    if (n < 0) {
        free(out);
        return NULL;
    }
    return fold_spaces(out, (size_t)n);
}

char *pl_fold_loose_mark(const char *s, size_t len, size_t mark, size_t *mark_len)
{
    if (mark > len)
        mark = len;
    size_t ml = 0;
    char *fast = len ? fold_loose_fast(s, len, mark, &ml) : NULL;
    if (fast) {
        *mark_len = ml;
        return fast;
    }
    char *prefix = pl_fold_loose(s, mark);
    char *all = prefix ? pl_fold_loose(s, len) : NULL;
    *mark_len = prefix ? strlen(prefix) : 0;
    free(prefix);
    return all;
}

char *pl_fold_loose(const char *s, size_t len)
{
    if (len == 0)
        return calloc(1, 1);
    size_t ml;
    char *fast = fold_loose_fast(s, len, 0, &ml);
    return fast ? fast : fold_loose_utf8proc(s, len);
}
