/* input_legacy.c - plain text in any encoding plans are found in -> UTF-8.
 *
 * Order of decisions (docs/VIETNAMESE-TEXT.md §1.4, §3):
 *   1. A BOM decides: UTF-8, UTF-16 LE or BE.
 *   2. Valid UTF-8 is UTF-8.  It is converted only when it is mojibake:
 *      legacy or UTF-8 bytes that were once read as Windows-1252 and saved
 *      again ("Káº¿ hoáº¡ch", "KÕ ho¹ch").  Such text re-encodes to cp1252
 *      line by line, and the re-encoded bytes decode to far more valid
 *      Vietnamese syllables than the text itself.  Text holding letters
 *      cp1252 lacks (ơ ư ă đ, U+1EA0-U+1EF9) is never converted: that is
 *      the "tháng -> thỏng" trap of running a converter over Unicode.
 *   3. Invalid UTF-8 that is mostly valid multi-byte sequences is broken
 *      UTF-8: an error at the first bad byte, as before.
 *   4. Otherwise each legacy candidate (TCVN3, VNI, VISCII, CP1258) decodes
 *      a sample, and the one with the most valid Vietnamese syllables wins
 *      if it is clearly valid; a close runner-up is reported in the note.
 *
 * Tables: CP1258, VISCII and TCVN5712-1 come from glibc iconv, one byte at a
 * time (so the map to input bytes stays exact; the composing decoders'
 * base + combining pairs are composed by the NFC stage that follows).
 * TCVN3 as typed with ABC/.VnTime differs from glibc's TCVN5712-1 below
 * 0xA0 (there it keeps the cp1252 symbols and the C0 controls), and VNI is
 * not in glibc at all: both are built here from the facts in
 * docs/VIETNAMESE-TEXT.md §3.2/§3.3.
 */
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "input.h"
#include "error.h"
#include "uni.h"

/* Detection looks at this much of the input: enough words to decide, and
 * the cost stays flat for a 64 MiB file. */
#define PL_DETECT_SAMPLE ((size_t)256 * 1024)
/* A guess needs this many valid syllables, and at least this share of the
 * words with non-ASCII letters must be valid (percent). */
#define PL_DETECT_MIN_VALID 2
#define PL_DETECT_MIN_SHARE 67
/* The runner-up is "close" at this share of the winner's score (percent). */
#define PL_DETECT_CLOSE 90
/* Mojibake repair needs at least this many suspicious characters. */
#define PL_MOJIBAKE_MIN 8

typedef int32_t cp_table[256]; /* byte -> code point, -1 = undefined */

/* ---- Vietnamese letters as data ---------------------------------------- */

/* The 12 vowels in the 6 tones (ngang, huyền, sắc, hỏi, ngã, nặng). */
static const char VOWELS_LOWER[] = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọ"
                                   "ôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ";
static const char VOWELS_UPPER[] = "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌ"
                                   "ÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴ";
#define VN_NVOWELS 72

/* Syllable grammar (VIETNAMESE-TEXT §2.3): onset, nucleus (a run of vowels), coda.  Lists
 * are space-delimited so that strstr(" x ") tests membership. */
static const char *const ONSETS[] = {"ngh", "ng", "gh", "gi", "qu", "ch", "kh", "nh", "ph",
                                     "th",  "tr", "b",  "c",  "d",  "đ",  "g",  "h",  "k",
                                     "l",   "m",  "n",  "p",  "r",  "s",  "t",  "v",  "x"};
static const char NUCLEI[] = " a ai ao au ay ă â âu ây e eo ê êu i ia iu iê iêu o oa oai oao"
                             " oay oă oe oeo oi ô ôi ơ ơi u ua uâ uây uê ui uô uôi uơ uy uya"
                             " uyê uyu ư ưa ưi ưu ươ ươi ươu y yê yêu ";
static const char NEED_CODA[] = " ă â iê yê uô ươ uyê oă uâ ";
static const char CODAS[] = " c ch m n ng nh p t ";
static const char STOP_CODAS[] = " c ch p t "; /* only sắc or nặng before them */

/* Mojibake that lost bytes: UTF-8 read as Windows-1252, where the five
 * bytes cp1252 leaves undefined became U+FFFD.  Each could be any of them;
 * as the last byte of a Vietnamese letter they are ề (E1 BB 81), ọ (8D),
 * ỏ (8F), Ố (90), ờ (9D), Đ (C4 90), Á Í Ý (C3 81/8D/9D).  Tried in this
 * order (the letters' frequency in plans), the first that makes a valid
 * syllable of the matching case wins, unless a later one makes one of the
 * common syllables below. */
static const unsigned char LOST_BYTES[] = {0x81, 0x9D, 0x8D, 0x8F, 0x90};
static const char LOST_COMMON[] = " về đề nhiều điều tiền quyền kiềm nền liền triền chuyền truyền"
                                  " người thời trường mời đời lời bờ chờ giờ"
                                  " mọi học họ họp chọn trọng đọc nọ bọ"
                                  " nhỏ bỏ tỏ cỏ mỏ ";

typedef struct vn_tables {
    int32_t lower[VN_NVOWELS], upper[VN_NVOWELS];
} vn_tables;

static void vn_tables_init(vn_tables *vt)
{
    size_t i = 0, k = 0, n = sizeof VOWELS_LOWER - 1;
    while (i < n && k < VN_NVOWELS) {
        int len = pl_utf8_next(VOWELS_LOWER, n, i, &vt->lower[k++]);
        i += len > 0 ? (size_t)len : 1;
    }
    i = 0;
    k = 0;
    n = sizeof VOWELS_UPPER - 1;
    while (i < n && k < VN_NVOWELS) {
        int len = pl_utf8_next(VOWELS_UPPER, n, i, &vt->upper[k++]);
        i += len > 0 ? (size_t)len : 1;
    }
}

/* The tables, filled once a process (decoding 144 vowels cost 5 000
 * instructions a document) and read by every thread. */
static vn_tables vn_once_tables;
static pthread_once_t vn_once = PTHREAD_ONCE_INIT;

static void vn_once_init(void)
{
    vn_tables_init(&vn_once_tables);
}

static const vn_tables *vn_tables_get(void)
{
    pthread_once(&vn_once, vn_once_init);
    return &vn_once_tables;
}

/* Index 0..71 of a vowel (either case), or -1. */
static int vn_vowel(const vn_tables *vt, int32_t cp)
{
    for (int i = 0; i < VN_NVOWELS; i++)
        if (vt->lower[i] == cp || vt->upper[i] == cp)
            return i;
    return -1;
}

static int32_t vn_upper(const vn_tables *vt, int32_t cp)
{
    if (cp == 0x111)
        return 0x110;
    for (int i = 0; i < VN_NVOWELS; i++)
        if (vt->lower[i] == cp)
            return vt->upper[i];
    return cp;
}

static int in_list(const char *list, const char *s, size_t n)
{
    char key[32];
    if (n + 3 > sizeof key)
        return 0;
    key[0] = ' ';
    memcpy(key + 1, s, n);
    key[n + 1] = ' ';
    key[n + 2] = '\0';
    return strstr(list, key) != NULL;
}

/* Is this word (code points) one Vietnamese syllable?  Case is ignored;
 * tones must number at most one, sit in the nucleus, and agree with a stop
 * coda.  Loose enough for every real syllable, strict enough that a wrong
 * decoding (letters in impossible places) fails. */
static int valid_syllable(const vn_tables *vt, const int32_t *w, size_t n)
{
    char base[48];
    size_t off[10], bl = 0;
    int vowel[10], tones = 0, tone = 0;
    if (n == 0 || n > 8)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int32_t cp = w[i];
        int v = vn_vowel(vt, cp);
        off[i] = bl;
        vowel[i] = v >= 0;
        if (v >= 0) {
            if (v % 6) {
                tones++;
                tone = v % 6;
            }
            cp = vt->lower[v - v % 6];
        } else if (cp == 0x110 || cp == 0x111) {
            cp = 0x111;
        } else if (cp < 0x80 && strchr("bcdghklmnpqrstvx", cp | 0x20)) {
            cp |= 0x20;
        } else {
            return 0;
        }
        if (cp < 0x80) {
            base[bl++] = (char)cp;
        } else {
            base[bl++] = (char)(0xC0 | (cp >> 6));
            base[bl++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    off[n] = bl;
    if (tones > 1)
        return 0;
    /* onset: longest match; gi and qu only when a vowel follows */
    size_t on = 0; /* letters in the onset */
    for (size_t k = 0; k < sizeof ONSETS / sizeof *ONSETS; k++) {
        size_t len = strlen(ONSETS[k]), letters = 0;
        for (size_t b = 0; b < len; b++)
            letters += ((unsigned char)ONSETS[k][b] & 0xC0) != 0x80;
        if (letters > n || off[letters] != len || memcmp(base, ONSETS[k], len) != 0)
            continue;
        if ((!strcmp(ONSETS[k], "gi") || !strcmp(ONSETS[k], "qu")) &&
            (letters >= n || !vowel[letters]))
            continue;
        on = letters;
        break;
    }
    for (size_t i = 0; i < on; i++)
        if (vowel[i] && !(i == 1 && (base[0] == 'g' || base[0] == 'q')))
            return 0;
    size_t nb = on;
    while (nb < n && vowel[nb])
        nb++;
    if (nb == on)
        return 0;
    for (size_t i = nb; i < n; i++)
        if (vowel[i])
            return 0;
    const char *nuc = base + off[on], *coda = base + off[nb];
    size_t nuc_len = off[nb] - off[on], coda_len = bl - off[nb];
    if (!in_list(NUCLEI, nuc, nuc_len))
        return 0;
    if (coda_len == 0)
        return !in_list(NEED_CODA, nuc, nuc_len);
    if (!in_list(CODAS, coda, coda_len))
        return 0;
    if (in_list(STOP_CODAS, coda, coda_len) && tone != 2 && tone != 5)
        return 0;
    /* a tone on the onset's i/u (gì is g + ì, handled above) is not valid */
    return 1;
}

/* ---- scoring a decoded text ---------------------------------------------- */

typedef struct score {
    size_t valid, invalid; /* words with non-ASCII letters */
} score;

static int is_separator(int32_t cp)
{
    if (cp < 0x80)
        return !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || pl_is_space(cp) || cp == 0xFEFF;
}

/* Score NFC text: each word holding a non-ASCII character is valid or not. */
static score score_text(const vn_tables *vt, const char *s, size_t n)
{
    score sc = {0, 0};
    int32_t w[9];
    size_t wn = 0;
    int nonascii = 0, too_long = 0;
    for (size_t i = 0; i <= n;) {
        int32_t cp = ' ';
        int k = 1;
        if (i < n) {
            k = pl_utf8_next(s, n, i, &cp);
            if (k < 0) {
                cp = 0xFFFD;
                k = 1;
            }
        }
        if (is_separator(cp)) {
            if (nonascii) {
                if (!too_long && valid_syllable(vt, w, wn))
                    sc.valid++;
                else
                    sc.invalid++;
            }
            wn = 0;
            nonascii = too_long = 0;
        } else {
            if (cp >= 0x80)
                nonascii = 1;
            if (wn < 8)
                w[wn++] = cp;
            else
                too_long = 1;
        }
        i += (size_t)k;
    }
    return sc;
}

void pl_vn_measure(const char *s, size_t n, size_t *words, size_t *accented, size_t *valid)
{
    const vn_tables *vt = vn_tables_get();
    score sc = score_text(vt, s, n);
    *accented = sc.valid + sc.invalid;
    *valid = sc.valid;
    *words = 0;
    int in_word = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp = ' ';
        int k = pl_utf8_next(s, n, i, &cp);
        if (k <= 0)
            k = 1;
        int sep = k <= 0 || is_separator(cp) || (cp >= '0' && cp <= '9');
        if (!sep && !in_word)
            (*words)++;
        in_word = !sep;
        i += (size_t)k;
    }
}

/* Points for ranking: valid words count, invalid ones count against. */
static long points(score s)
{
    return (long)s.valid - (long)s.invalid;
}

static int acceptable(score s)
{
    return s.valid >= PL_DETECT_MIN_VALID &&
           s.valid * 100 >= (s.valid + s.invalid) * PL_DETECT_MIN_SHARE;
}

/* ---- byte tables --------------------------------------------------------- */

/* Windows-1252 0x80-0x9F; the five undefined bytes pass through as C1
 * controls so that a round trip keeps them (VIETNAMESE-TEXT §3.4). */
static const uint16_t CP1252_C1[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

static void table_cp1252(cp_table t)
{
    for (int b = 0; b < 256; b++)
        t[b] = b;
    for (int b = 0; b < 32; b++)
        t[0x80 + b] = CP1252_C1[b];
}

/* One byte at a time through glibc: the composing decoders (CP1258,
 * TCVN5712-1) hold a base letter back until they see what follows, so each
 * byte is followed by a flush.  0 on success, -1 when glibc lacks the
 * charset (a libc without gconv modules). */
static int table_iconv(const char *charset, cp_table t)
{
    iconv_t cd = iconv_open("UTF-32LE", charset);
    if (cd == (iconv_t)-1)
        return -1;
    for (int b = 0; b < 256; b++) {
        char in[1] = {(char)b};
        unsigned char out[16];
        char *ip = in, *op = (char *)out;
        size_t il = 1, ol = sizeof out;
        iconv(cd, NULL, NULL, NULL, NULL);
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        if (r != (size_t)-1)
            iconv(cd, NULL, NULL, &op, &ol);
        size_t got = (sizeof out - ol) / 4;
        t[b] = (r == (size_t)-1 || got != 1)
                   ? -1
                   : (int32_t)(out[0] | out[1] << 8 | out[2] << 16 | (uint32_t)out[3] << 24);
    }
    iconv_close(cd);
    t['\t'] = '\t';
    t['\n'] = '\n';
    t['\r'] = '\r';
    return 0;
}

/* VNI-Windows single-byte letters (VIETNAMESE-TEXT §3.3); other bytes are cp1252. */
static void table_vni(cp_table t)
{
    static const struct { unsigned char b; uint16_t cp; } letters[] = {
        {0xF1, 0x111},  {0xD1, 0x110},  {0xF4, 0x1A1},  {0xD4, 0x1A0},  {0xF6, 0x1B0},
        {0xD6, 0x1AF},  {0xED, 0xED},   {0xEC, 0xEC},   {0xE6, 0x1EC9}, {0xF3, 0x129},
        {0xF2, 0x1ECB}, {0xCD, 0xCD},   {0xCC, 0xCC},   {0xC6, 0x1EC8}, {0xD3, 0x128},
        {0xD2, 0x1ECA}, {0xEE, 0x1EF5}, {0xCE, 0x1EF4}};
    table_cp1252(t);
    for (size_t i = 0; i < sizeof letters / sizeof *letters; i++)
        t[letters[i].b] = letters[i].cp;
}

static int build_table(pl_encoding enc, cp_table t)
{
    switch (enc) {
    case PL_ENC_CP1258: return table_iconv("CP1258", t);
    case PL_ENC_VISCII: return table_iconv("VISCII", t);
    case PL_ENC_VN1: return table_iconv("TCVN5712-1", t);
    case PL_ENC_TCVN3: {
        /* ABC practice: glibc's letters from 0xA0 up, cp1252 symbols in
         * 0x80-0x9F, C0 controls as controls (VIETNAMESE-TEXT §3.2) */
        if (table_iconv("TCVN5712-1", t) != 0)
            return -1;
        cp_table w;
        table_cp1252(w);
        for (int b = 0; b < 0xA0; b++)
            t[b] = w[b];
        return 0;
    }
    case PL_ENC_VNI: table_vni(t); return 0;
    default: table_cp1252(t); return 0;
    }
}

/* VNI diacritic bytes after a vowel (VIETNAMESE-TEXT §3.3): the mark they add (0, or the
 * combining circumflex U+0302 / breve U+0306) and the tone (combining
 * U+0301 sắc, U+0300 huyền, U+0309 hỏi, U+0303 ngã, U+0323 nặng, or 0).
 * Capital forms are the lowercase byte - 0x20. */
static int vni_diacritic(unsigned char b, int32_t *mark, int32_t *tone)
{
    static const struct { unsigned char b; uint16_t mark, tone; } d[] = {
        {0xF9, 0, 0x301},      {0xF8, 0, 0x300},      {0xFB, 0, 0x309},
        {0xF5, 0, 0x303},      {0xEF, 0, 0x323},      {0xE2, 0x302, 0},
        {0xE1, 0x302, 0x301},  {0xE0, 0x302, 0x300},  {0xE5, 0x302, 0x309},
        {0xE3, 0x302, 0x303},  {0xE4, 0x302, 0x323},  {0xEA, 0x306, 0},
        {0xE9, 0x306, 0x301},  {0xE8, 0x306, 0x300},  {0xFA, 0x306, 0x309},
        {0xFC, 0x306, 0x303},  {0xEB, 0x306, 0x323}};
    for (size_t i = 0; i < sizeof d / sizeof *d; i++)
        if (b == d[i].b || b == d[i].b - 0x20) {
            *mark = d[i].mark;
            *tone = d[i].tone;
            return 1;
        }
    return 0;
}

/* Can a VNI base letter take this diacritic?  Circumflex: a e o; breve:
 * a; a tone alone: a e o u y and ơ ư. */
static int vni_takes(int32_t base, int32_t mark)
{
    int32_t c = base < 0x80 ? (base | 0x20) : base;
    if (mark == 0x302)
        return c == 'a' || c == 'e' || c == 'o';
    if (mark == 0x306)
        return c == 'a';
    return c == 'a' || c == 'e' || c == 'o' || c == 'u' || c == 'y' || c == 0x1A1 ||
           c == 0x1A0 || c == 0x1B0 || c == 0x1AF;
}

/* ---- decoding single-byte text ------------------------------------------ */

typedef struct decoder {
    pl_encoding enc;
    cp_table tab;
    size_t undefined; /* bytes with no character */
} decoder;

/* Decode b[0..n) into out; anchor every character at its input offset,
 * src[i] when src is given (bytes re-encoded from text), else base + i. */
static void decode_bytes(decoder *d, const unsigned char *b, size_t n, const size_t *src,
                         size_t base, pl_buf *out, pl_omap *map)
{
    int32_t prev = -1; /* last letter that can still take a VNI diacritic */
    for (size_t i = 0; i < n; i++) {
        size_t at = src ? src[i] : base + i;
        int32_t mark, tone;
        if (d->enc == PL_ENC_VNI && prev >= 0 && b[i] >= 0xC0 && vni_diacritic(b[i], &mark, &tone) &&
            vni_takes(prev, mark)) {
            if (mark) {
                pl_omap_add(map, out->len, at);
                pl_buf_put_cp(out, mark);
            }
            if (tone) {
                pl_omap_add(map, out->len, at);
                pl_buf_put_cp(out, tone);
            }
            prev = -1;
            continue;
        }
        int32_t cp = d->tab[b[i]];
        if (cp < 0) {
            d->undefined++;
            cp = 0xFFFD;
        }
        pl_omap_add(map, out->len, at);
        pl_buf_put_cp(out, cp);
        prev = cp;
    }
}

/* "Káº¿" -> "Kế": the bytes were UTF-8; invalid sequences keep their
 * cp1252 reading, and "Ã" before a space is "à" whose NBSP was lost. */
static void decode_mojibake(const unsigned char *b, size_t n, const size_t *src, size_t base,
                            pl_buf *out, pl_omap *map)
{
    cp_table w;
    table_cp1252(w);
    for (size_t i = 0; i < n;) {
        size_t at = src ? src[i] : base + i;
        int32_t cp;
        int k = pl_utf8_next((const char *)b, n, i, &cp);
        if (k < 0) {
            cp = (b[i] == 0xC3 && i + 1 < n && b[i + 1] == ' ') ? 0xE0 : w[b[i]];
            k = 1;
        }
        pl_omap_add(map, out->len, at);
        pl_buf_put_cp(out, cp);
        i += (size_t)k;
    }
}

/* ---- the cp1252 view of valid UTF-8 -------------------------------------- */

/* The cp1252 byte of a code point, or -1.  C1 controls stand for
 * themselves (text read as latin-1 rather than cp1252). */
static int cp1252_byte(int32_t cp)
{
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
        return (int)cp;
    for (int b = 0; b < 32; b++)
        if (CP1252_C1[b] == cp)
            return 0x80 + b;
    if (cp >= 0x80 && cp < 0xA0) /* other C1 controls: latin-1 reading */
        return (int)cp;
    return -1;
}

/* Letters no single-byte Western view can produce: their presence means
 * the text is real Unicode Vietnamese. */
static int vietnamese_only(int32_t cp)
{
    return cp == 0x102 || cp == 0x103 || cp == 0x110 || cp == 0x111 || cp == 0x128 ||
           cp == 0x129 || cp == 0x168 || cp == 0x169 || cp == 0x1A0 || cp == 0x1A1 ||
           cp == 0x1AF || cp == 0x1B0 || (cp >= 0x1EA0 && cp <= 0x1EF9);
}

/* Re-encode one line of UTF-8 to cp1252 bytes (with each byte's offset in
 * the text).  0, or -1 when a character has no cp1252 byte.  U+FFFD stands
 * for one of the bytes cp1252 leaves undefined (browsers and converters
 * show them so): LOST_BYTES[0] for now, resolve_lost picks the one that
 * makes a syllable. */
static void resolve_lost(const vn_tables *vt, unsigned char *b, size_t n, const char *s,
                         size_t slen, size_t base, const size_t *src);

static int reencode_line(const vn_tables *vt, const char *s, size_t n, size_t base, pl_buf *bytes,
                         size_t **src, size_t *cap)
{
    int lost = 0;
    pl_buf_clear(bytes);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = pl_utf8_next(s, n, i, &cp);
        if (k < 0)
            return -1;
        int b = cp == 0xFFFD ? LOST_BYTES[0] : cp1252_byte(cp); /* see resolve_lost */
        lost |= cp == 0xFFFD;
        if (b < 0)
            return -1;
        if (PL_ARRAY_RESERVE(*src, *cap, bytes->len + 1) != 0)
            return -2;
        (*src)[bytes->len] = base + i;
        pl_buf_putc(bytes, (char)b);
        i += (size_t)k;
    }
    if (bytes->failed)
        return -2;
    if (lost)
        resolve_lost(vt, (unsigned char *)bytes->data, bytes->len, s, n, base, *src);
    return 0;
}

/* The UTF-8 word around byte p of b[0..n): the run between ASCII
 * non-letters. */
static void word_around(const unsigned char *b, size_t n, size_t p, size_t *from, size_t *to)
{
    size_t a = p, e = p + 1;
    while (a > 0 && (b[a - 1] >= 0x80 || ((b[a - 1] | 0x20) >= 'a' && (b[a - 1] | 0x20) <= 'z')))
        a--;
    while (e < n && (b[e] >= 0x80 || ((b[e] | 0x20) >= 'a' && (b[e] | 0x20) <= 'z')))
        e++;
    *from = a;
    *to = e;
}

static size_t put_utf8(int32_t c, char *o)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    o[0] = (char)(0xE0 | (c >> 12));
    o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[2] = (char)(0x80 | (c & 0x3F));
    return 3;
}

/* How well b[a..e) reads as one Vietnamese word: -1 when it is not UTF-8;
 * 1 a letter string, 2 a valid syllable, 3 one in LOST_COMMON; minus one
 * when the letter at `p` has the other case than the rest of the word. */
static int word_fit(const vn_tables *vt, const unsigned char *b, size_t a, size_t e, size_t p)
{
    int32_t w[9];
    size_t wn = 0;
    int upper = 0, lower = 0, at_upper = -1;
    for (size_t i = a; i < e;) {
        int32_t cp;
        int k = pl_utf8_next((const char *)b, e, i, &cp);
        if (k < 0)
            return -1;
        if (wn < 9)
            w[wn++] = cp;
        if (p >= i && p < i + (size_t)k)
            at_upper = pl_is_upper(cp);
        else if (pl_is_upper(cp))
            upper++;
        else if (pl_is_lower(cp))
            lower++;
        i += (size_t)k;
    }
    int fit = 1;
    if (wn <= 8 && valid_syllable(vt, w, wn)) {
        char low[48];
        size_t k = 0;
        for (size_t i = 0; i < wn && k + 4 < sizeof low; i++) {
            k += put_utf8(pl_lower(w[i]), low + k);
        }
        fit = in_list(LOST_COMMON, low, k) ? 3 : 2;
    }
    if ((at_upper == 1 && lower > upper) || (at_upper == 0 && upper > lower))
        fit--;
    return fit;
}

/* The bytes of the re-encoded line b[0..n) that stand for a U+FFFD of the
 * text s (byte i came from s[src[i] - base]) were lost: give each the
 * value that makes its word read best (word_fit), left to right. */
static void resolve_lost(const vn_tables *vt, unsigned char *b, size_t n, const char *s,
                         size_t slen, size_t base, const size_t *src)
{
    for (size_t p = 0; p < n; p++) {
        size_t at = src[p] - base; /* s[at..] is what byte p came from */
        if (slen - at < 3 || memcmp(s + at, "\xEF\xBF\xBD", 3) != 0)
            continue;
        size_t a, e;
        word_around(b, n, p, &a, &e);
        unsigned char best = LOST_BYTES[0];
        int best_fit = -2;
        for (size_t c = 0; c < sizeof LOST_BYTES; c++) {
            b[p] = LOST_BYTES[c];
            int f = word_fit(vt, b, a, e, p);
            if (f > best_fit) {
                best_fit = f;
                best = LOST_BYTES[c];
            }
        }
        b[p] = best;
    }
}

/* ---- detection ------------------------------------------------------------ */

static const pl_encoding CANDIDATES[] = {PL_ENC_TCVN3, PL_ENC_VNI, PL_ENC_VISCII, PL_ENC_CP1258};
#define NCAND (sizeof CANDIDATES / sizeof *CANDIDATES)

typedef struct trial {
    pl_encoding enc;
    score sc;
} trial;

/* Decode a sample with one encoding (MOJIBAKE = bytes are UTF-8), NFC it
 * and score it. */
static int try_decode(const vn_tables *vt, pl_encoding enc, const unsigned char *b, size_t n,
                      score *out)
{
    pl_buf raw = PL_BUF_INIT, nfc = PL_BUF_INIT;
    pl_omap m1 = PL_OMAP_INIT, m2 = PL_OMAP_INIT;
    if (enc == PL_ENC_MOJIBAKE) {
        decode_mojibake(b, n, NULL, 0, &raw, &m1);
    } else {
        decoder d = {enc, {0}, 0};
        if (build_table(enc, d.tab) != 0) {
            out->valid = 0;
            out->invalid = n;
            return 0; /* not available here: never chosen */
        }
        decode_bytes(&d, b, n, NULL, 0, &raw, &m1);
    }
    int rc = -1;
    if (!raw.failed && pl_nfc_append(raw.data ? raw.data : "", raw.len, 0, &nfc, &m2) == 0 &&
        !nfc.failed) {
        *out = score_text(vt, nfc.data ? nfc.data : "", nfc.len);
        rc = 0;
    }
    pl_buf_free(&raw);
    pl_buf_free(&nfc);
    pl_omap_free(&m1);
    pl_omap_free(&m2);
    return rc;
}

/* Rank the candidates on b[0..n).  Fills best and second (enc AUTO when
 * none).  -1 on allocation failure. */
static int rank(const vn_tables *vt, const pl_encoding *cands, size_t ncand,
                const unsigned char *b, size_t n, trial *best, trial *second)
{
    best->enc = second->enc = PL_ENC_AUTO;
    best->sc = second->sc = (score){0, 0};
    for (size_t i = 0; i < ncand; i++) {
        trial t = {cands[i], {0, 0}};
        if (try_decode(vt, cands[i], b, n, &t.sc) != 0)
            return -1;
        if (!acceptable(t.sc))
            continue;
        if (best->enc == PL_ENC_AUTO || points(t.sc) > points(best->sc)) {
            *second = *best;
            *best = t;
        } else if (second->enc == PL_ENC_AUTO || points(t.sc) > points(second->sc)) {
            *second = t;
        }
    }
    return 0;
}

static const char *long_name(pl_encoding enc)
{
    switch (enc) {
    case PL_ENC_TCVN3: return "TCVN3 (ABC, .VnTime fonts)";
    case PL_ENC_VN1: return "TCVN 5712:1993 (VN1)";
    case PL_ENC_VNI: return "VNI-Windows";
    case PL_ENC_VISCII: return "VISCII";
    case PL_ENC_CP1258: return "Windows-1258";
    case PL_ENC_UTF16LE: return "UTF-16LE";
    case PL_ENC_UTF16BE: return "UTF-16BE";
    case PL_ENC_MOJIBAKE: return "UTF-8";
    default: return "UTF-8";
    }
}

static void add_note(pl_buf *note, const char *msg)
{
    if (!note)
        return;
    if (note->len)
        pl_buf_puts(note, "; ");
    pl_buf_puts(note, msg);
}

/* "not UTF-8; read as TCVN3 (...)" plus the runner-up when it is close. */
static void note_guess(pl_buf *note, const char *lead, const char *tail, const trial *best,
                       const trial *second)
{
    char msg[400];
    int close = second->enc != PL_ENC_AUTO &&
                points(second->sc) * 100 >= points(best->sc) * PL_DETECT_CLOSE;
    snprintf(msg, sizeof msg, "%s%s%s%s%s", lead, long_name(best->enc), tail,
             close ? ", but " : "", close ? long_name(second->enc) : "");
    if (close)
        snprintf(msg + strlen(msg), sizeof msg - strlen(msg),
                 " fits almost as well: check the text or use --encoding");
    add_note(note, msg);
}

/* ---- UTF-16 ------------------------------------------------------------------ */

static int decode_utf16(const char *name, const unsigned char *b, size_t n, size_t skip, int be,
                        pl_buf *out, pl_omap *map, pl_error *err)
{
    size_t i = skip;
    for (; i + 1 < n; i += 2) {
        uint32_t u = be ? (uint32_t)(b[i] << 8 | b[i + 1]) : (uint32_t)(b[i] | b[i + 1] << 8);
        size_t at = i;
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            uint32_t v = be ? (uint32_t)(b[i + 2] << 8 | b[i + 3])
                            : (uint32_t)(b[i + 2] | b[i + 3] << 8);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
                i += 2;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            /* nothing decoded yet (the first character): no buffer, and
             * no offset may be added to its NULL */
            const char *o = out->data ? out->data : "";
            size_t nl = 0;
            size_t *ls = pl_input_line_starts(o, out->len, &nl);
            pl_pos p = {at, (uint32_t)nl, 1};
            if (ls)
                p.col = (uint32_t)(pl_utf8_count(o + ls[nl - 1], out->len - ls[nl - 1]) + 1);
            free(ls);
            pl_error_set(err, PL_ERR_ENCODING, name, &p, "invalid UTF-16 (unpaired surrogate)");
            return -1;
        }
        pl_omap_add(map, out->len, at);
        pl_buf_put_cp(out, (int)u);
    }
    if (i < n) {
        pl_error_set(err, PL_ERR_ENCODING, name, NULL,
                     "truncated UTF-16: odd number of bytes (%zu)", n);
        return -1;
    }
    return 0;
}

/* UTF-16 without a BOM: every other byte NUL in a text of Latin letters. */
static int looks_utf16(const unsigned char *b, size_t n, int *be)
{
    size_t m = n < 4096 ? n : 4096, zodd = 0, zeven = 0;
    if (m < 8 || n % 2)
        return 0;
    for (size_t i = 0; i + 1 < m; i += 2) {
        zeven += b[i] == 0;
        zodd += b[i + 1] == 0;
    }
    size_t pairs = m / 2;
    if (zodd * 10 >= pairs * 4 && zeven * 20 < pairs) {
        *be = 0;
        return 1;
    }
    if (zeven * 10 >= pairs * 4 && zodd * 20 < pairs) {
        *be = 1;
        return 1;
    }
    return 0;
}

/* ---- errors for text that is not UTF-8 ---------------------------------------- */

/* Is s[0..n) the start of a multi-byte sequence cut off by the end of the
 * file (a lead byte, then only continuation bytes, too few of them)? */
static int truncated_utf8(const unsigned char *s, size_t n)
{
    size_t need = s[0] >= 0xC2 && s[0] <= 0xDF   ? 2
                  : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                  : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                                 : 0;
    if (need == 0 || n >= need)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    /* the second byte's narrower ranges (no overlong, surrogate or > U+10FFFF) */
    if (n >= 2 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
                   (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F)))
        return 0;
    return 1;
}

static void invalid_utf8(const char *name, const unsigned char *b, size_t n, size_t skip,
                         size_t bad, pl_error *err)
{
    const char *s = (const char *)b + skip;
    size_t nl = 0;
    size_t *ls = pl_input_line_starts(s, bad, &nl);
    pl_pos p = {skip + bad, 1, 1};
    if (ls) {
        p.line = (uint32_t)nl;
        p.col = (uint32_t)(pl_utf8_count(s + ls[nl - 1], bad - ls[nl - 1]) + 1);
    }
    free(ls);
    const char *why = truncated_utf8(b + skip + bad, n - skip - bad) ? "truncated UTF-8"
                                                                    : "invalid UTF-8";
    pl_error_set(err, PL_ERR_ENCODING, name, &p, "%s", why);
}

/* Broken UTF-8 rather than another encoding: most high bytes belong to
 * well-formed multi-byte sequences. */
static int mostly_utf8(const unsigned char *b, size_t n)
{
    size_t good = 0, bad = 0;
    for (size_t i = 0; i < n;) {
        if (b[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        int k = pl_utf8_next((const char *)b, n, i, &cp);
        if (k > 0) {
            good++;
            i += (size_t)k;
        } else {
            bad++;
            i++;
        }
    }
    return good > 0 && good >= bad;
}

/* Cut a sample at a line end so no character is split. */
static size_t sample_len(const unsigned char *b, size_t n)
{
    if (n <= PL_DETECT_SAMPLE)
        return n;
    size_t m = PL_DETECT_SAMPLE;
    while (m > PL_DETECT_SAMPLE / 2 && b[m - 1] != '\n')
        m--;
    return m;
}

/* ---- decoding a whole legacy text ----------------------------------------------- */

/* .VnTimeH lines: TCVN3 has no toned capitals, so a line typed in the
 * capitals font stores them at the lowercase codes ("KÕ HO¹CH").  When the
 * words of a line that hold such letters have only capital ASCII letters
 * (at least two: "Số" alone says nothing), the line is a capitals line and
 * its letters are upper-cased. */
static int caps_line(const char *s, size_t n)
{
    size_t up = 0, low = 0;
    for (size_t i = 0; i < n;) {
        size_t e = i, u = 0, l = 0;
        int vn = 0;
        while (e < n && s[e] != ' ' && s[e] != '\t') {
            unsigned char c = (unsigned char)s[e];
            u += c >= 'A' && c <= 'Z';
            l += c >= 'a' && c <= 'z';
            vn |= c >= 0x80;
            e++;
        }
        if (vn) {
            up += u;
            low += l;
        }
        i = e + 1;
    }
    return up >= 2 && low == 0;
}

static void restore_caps(const vn_tables *vt, pl_buf *out, size_t from)
{
    size_t i = from, n = out->len;
    char *s = out->data;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != '\n' && s[e] != '\r')
            e++;
        int caps = caps_line(s + i, e - i);
        for (size_t j = i; caps && j < e;) {
            int32_t cp;
            int k = pl_utf8_next(s, e, j, &cp);
            if (k < 0)
                break;
            unsigned char u[4];
            int32_t up = vn_upper(vt, cp);
            /* every Vietnamese letter and its capital take the same bytes */
            if (up != cp && up < 0x800 && k == 2) {
                u[0] = (unsigned char)(0xC0 | (up >> 6));
                u[1] = (unsigned char)(0x80 | (up & 0x3F));
                memcpy(s + j, u, 2);
            } else if (up != cp && up >= 0x800 && k == 3) {
                u[0] = (unsigned char)(0xE0 | (up >> 12));
                u[1] = (unsigned char)(0x80 | ((up >> 6) & 0x3F));
                u[2] = (unsigned char)(0x80 | (up & 0x3F));
                memcpy(s + j, u, 3);
            }
            j += (size_t)k;
        }
        i = e + 1;
    }
}

/* Decode the whole input with a single-byte encoding.  With `keep_utf8`
 * (a guess, not a forced encoding), lines that are valid UTF-8 with
 * multi-byte letters stay as they are: documents mix pasted Unicode lines
 * into legacy text. */
static int decode_legacy(const vn_tables *vt, pl_encoding enc, const unsigned char *b, size_t n,
                         size_t skip, int keep_utf8, pl_buf *out, pl_omap *map, size_t *undefined)
{
    decoder d = {enc, {0}, 0};
    if (build_table(enc, d.tab) != 0)
        return -1;
    for (size_t i = skip; i < n;) {
        size_t e = i;
        while (e < n && b[e] != '\n')
            e++;
        if (e < n)
            e++; /* the LF goes with its line */
        int copy = 0;
        if (keep_utf8 && pl_utf8_validate((const char *)b + i, e - i) == e - i)
            for (size_t j = i; j < e && !copy; j++)
                copy = b[j] >= 0x80;
        if (copy) {
            pl_omap_add(map, out->len, i);
            pl_buf_put(out, b + i, e - i);
        } else {
            decode_bytes(&d, b + i, e - i, NULL, i, out, map);
        }
        i = e;
    }
    if (enc == PL_ENC_TCVN3)
        restore_caps(vt, out, 0);
    *undefined = d.undefined;
    return out->failed || map->failed ? -2 : 0;
}

/* ---- valid UTF-8 that is mojibake ----------------------------------------------- */

/* Counts for the cheap first look: characters a cp1252 view produces
 * (U+0080-U+00FF and the cp1252 symbols) against letters only Unicode
 * Vietnamese has. */
static int worth_repairing(const char *s, size_t n)
{
    size_t western = 0, vietnamese = 0;
    for (size_t i = 0; i < n;) {
        /* ASCII counts neither way */
        if (i + 8 <= n) {
            size_t k = pl_ascii8(s + i);
            i += k;
            if (k == 8)
                continue;
        }
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        int k = pl_utf8_next(s, n, i, &cp);
        if (k < 0)
            return 0;
        if (vietnamese_only(cp)) {
            /* each character still to come is two bytes or more: when
             * they cannot make western outweigh this, the answer is no */
            if (++vietnamese * 4 > western + (n - i) / 2)
                return 0;
        } else if (cp1252_byte(cp) >= 0) {
            western++;
        }
        i += (size_t)k;
    }
    return western >= PL_MOJIBAKE_MIN && vietnamese * 4 <= western;
}

typedef struct view {
    pl_buf bytes;   /* re-encoded line */
    size_t *src;    /* offset in the text of each byte */
    size_t cap;
} view;

/* The sample's lines that re-encode, concatenated (for scoring). */
static int view_sample(const vn_tables *vt, const char *s, size_t n, pl_buf *sample)
{
    view v = {PL_BUF_INIT, NULL, 0};
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        size_t e = i;
        while (e < n && s[e] != '\n')
            e++;
        int r = reencode_line(vt, s + i, e - i, i, &v.bytes, &v.src, &v.cap);
        if (r == -2)
            rc = -1;
        else if (r == 0) {
            pl_buf_put(sample, v.bytes.data ? v.bytes.data : "", v.bytes.len);
            pl_buf_putc(sample, '\n');
        }
        i = e + 1;
    }
    pl_buf_free(&v.bytes);
    free(v.src);
    return rc == 0 && !sample->failed ? 0 : -1;
}

/* Rewrite the text: every line that re-encodes to cp1252 is decoded again
 * with `enc`; other lines are copied.  Anchors point at input bytes
 * (text offset + skip). */
static int repair(const vn_tables *vt, pl_encoding enc, const char *s, size_t n, size_t skip,
                  pl_buf *out, pl_omap *map)
{
    view v = {PL_BUF_INIT, NULL, 0};
    decoder d = {enc, {0}, 0};
    if (enc != PL_ENC_MOJIBAKE && build_table(enc, d.tab) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        size_t e = i;
        while (e < n && s[e] != '\n')
            e++;
        int r = reencode_line(vt, s + i, e - i, i + skip, &v.bytes, &v.src, &v.cap);
        size_t from = out->len;
        if (r == -2) {
            rc = -2;
        } else if (r == 0 && enc == PL_ENC_MOJIBAKE) {
            decode_mojibake((unsigned char *)v.bytes.data, v.bytes.len, v.src, 0, out, map);
        } else if (r == 0) {
            decode_bytes(&d, (unsigned char *)v.bytes.data, v.bytes.len, v.src, 0, out, map);
            if (enc == PL_ENC_TCVN3)
                restore_caps(vt, out, from);
        } else {
            pl_omap_add(map, out->len, i + skip);
            pl_buf_put(out, s + i, e - i);
        }
        if (e < n) {
            pl_omap_add(map, out->len, e + skip);
            pl_buf_putc(out, '\n');
        }
        i = e + 1;
    }
    pl_buf_free(&v.bytes);
    free(v.src);
    return rc == 0 && !out->failed && !map->failed ? 0 : -2;
}

/* Valid UTF-8 text: copy it, unless it is mojibake that decodes to clearly
 * better Vietnamese (or enc forces a reading). */
static int from_utf8(const char *name, const vn_tables *vt, const unsigned char *b, size_t n,
                     size_t skip, pl_encoding force, pl_buf *out, pl_omap *map, pl_encoding *used,
                     const unsigned char **as_is, pl_buf *note, pl_error *err)
{
    const char *s = (const char *)b + skip;
    size_t len = n - skip;
    pl_encoding enc = PL_ENC_UTF8;
    if (force != PL_ENC_AUTO && force != PL_ENC_UTF8) {
        enc = force; /* --encoding on text that is valid UTF-8: mojibake of it */
    } else if (force == PL_ENC_AUTO && worth_repairing(s, sample_len(b + skip, len))) {
        static const pl_encoding cands[] = {PL_ENC_MOJIBAKE, PL_ENC_TCVN3, PL_ENC_VNI,
                                            PL_ENC_VISCII, PL_ENC_CP1258};
        size_t m = sample_len(b + skip, len);
        pl_buf sample = PL_BUF_INIT;
        trial best, second;
        if (view_sample(vt, s, m, &sample) != 0 ||
            rank(vt, cands, sizeof cands / sizeof *cands, (unsigned char *)sample.data,
                 sample.len, &best, &second) != 0) {
            pl_buf_free(&sample);
            goto nomem;
        }
        pl_buf_free(&sample);
        score orig = score_text(vt, s, m);
        if (best.enc != PL_ENC_AUTO && points(best.sc) > 2 * points(orig) &&
            best.sc.valid >= 2 * orig.valid + PL_DETECT_MIN_VALID) {
            enc = best.enc;
            note_guess(note, "repaired mojibake: the text was ", " seen as Windows-1252", &best,
                       &second);
        }
    }
    *used = enc;
    if (enc == PL_ENC_UTF8) {
        pl_omap_add(map, 0, skip);
        if (as_is) { /* the caller takes the bytes as they are: no copy */
            *as_is = b + skip;
            return 0;
        }
        pl_buf_put(out, s, len);
        return out->failed ? -2 : 0;
    }
    int rc = repair(vt, enc, s, len, skip, out, map);
    if (rc == -1)
        pl_error_set(err, PL_ERR_ENCODING, name, NULL, "encoding %s is not available here",
                     pl_encoding_name(enc));
    return rc;
nomem:
    return -2;
}

/* ---- composing what legacy decoders leave decomposed ------------------------ */

/* VNI, TCVN3 and CP1258 write tones (and VNI the circumflex and breve) as
 * combining marks after the letter.  Compose them here, so that columns
 * count the letters a reader sees; the map keeps pointing at input bytes. */
static int compose(pl_buf *out, pl_omap *map, size_t from)
{
    int marks = 0;
    for (size_t i = from; i + 1 < out->len && !marks; i++)
        marks = (unsigned char)out->data[i] == 0xCC || (unsigned char)out->data[i] == 0xCD;
    if (!marks)
        return 0;
    pl_buf nfc = PL_BUF_INIT;
    pl_omap m2 = PL_OMAP_INIT, m3 = PL_OMAP_INIT;
    if (pl_nfc_append(out->data + from, out->len - from, from, &nfc, &m2) != 0 || nfc.failed) {
        pl_buf_free(&nfc);
        pl_omap_free(&m2);
        return -1;
    }
    /* anchors before `from` stay; after it, nfc offset -> decoded offset -> byte */
    for (size_t k = 0; k < map->n && map->a[k].out < from; k++)
        pl_omap_add(&m3, map->a[k].out, map->a[k].src);
    for (size_t o = 0; o < nfc.len; o++)
        if (((unsigned char)nfc.data[o] & 0xC0) != 0x80)
            pl_omap_add(&m3, from + o, pl_omap_lookup(map, pl_omap_lookup(&m2, o)));
    out->len = from;
    pl_buf_put(out, nfc.data ? nfc.data : "", nfc.len);
    pl_buf_free(&nfc);
    pl_omap_free(&m2);
    pl_omap_free(map);
    *map = m3;
    return out->failed || map->failed ? -1 : 0;
}

/* ---- a forced encoding that does not fit ------------------------------------------ */

/* --encoding names how the bytes are to be read, and they are read so.
 * But when that reading is not Vietnamese (its accented words are not
 * valid syllables) while the reading planlint would have chosen is, the
 * name is most likely wrong (tcvn3 given for a UTF-8 file): say so in a
 * note, with both counts.  Nothing is said when neither reading is
 * Vietnamese (English text, or too few accented words to tell).  utf8:
 * whether b[0..n) is valid UTF-8 (after a BOM; a BOM is valid UTF-8
 * itself), as pl_input_text found it, or -1 when it did not ask.  -1 on
 * allocation failure. */
static int note_misfit(const vn_tables *vt, pl_encoding given, const unsigned char *b, size_t n,
                       int utf8, const pl_buf *out, pl_buf *note)
{
    size_t m = out->len < PL_DETECT_SAMPLE ? out->len : PL_DETECT_SAMPLE;
    score got = score_text(vt, out->data ? out->data : "", m);
    if (acceptable(got) || !note)
        return 0;
    size_t bom = n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    trial alt = {PL_ENC_AUTO, {0, 0}}, second;
    if (utf8 < 0)
        utf8 = pl_utf8_validate((const char *)b + bom, n - bom) == n - bom;
    if (utf8) {
        alt.enc = PL_ENC_UTF8;
        alt.sc = score_text(vt, (const char *)b + bom, sample_len(b + bom, n - bom));
    } else if (rank(vt, CANDIDATES, NCAND, b, sample_len(b, n), &alt, &second) != 0) {
        return -1;
    }
    if (alt.enc == PL_ENC_AUTO || alt.enc == given || !acceptable(alt.sc))
        return 0;
    char msg[400];
    snprintf(msg, sizeof msg,
             "the text does not read as %s (--encoding): %zu of %zu accented words are "
             "Vietnamese, against %zu of %zu read as %s",
             long_name(given), got.valid, got.valid + got.invalid, alt.sc.valid,
             alt.sc.valid + alt.sc.invalid, long_name(alt.enc));
    add_note(note, msg);
    return 0;
}

/* ---- entry point ------------------------------------------------------------------ */

int pl_input_text(const char *name, const unsigned char *b, size_t n, pl_encoding enc,
                  pl_buf *out, pl_omap *map, pl_encoding *used, int *nfc,
                  const unsigned char **as_is, pl_buf *note, pl_error *err)
{
    const vn_tables *vt = vn_tables_get();
    size_t skip = 0, undefined = 0;
    int rc;
    int be = 0;
    const pl_encoding given = enc;
    int utf8 = -1; /* whether the bytes after a UTF-8 BOM are UTF-8: not asked yet */
    *used = enc;
    if (nfc)
        *nfc = 0;
    if (as_is)
        *as_is = NULL;
    /* 1. a BOM decides, unless the user said otherwise */
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 && (enc == PL_ENC_AUTO || enc == PL_ENC_UTF8 ||
                                                        enc == PL_ENC_MOJIBAKE))
        skip = 3;
    else if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) &&
             (enc == PL_ENC_AUTO || enc == PL_ENC_UTF16LE || enc == PL_ENC_UTF16BE)) {
        be = b[0] == 0xFE;
        enc = be ? PL_ENC_UTF16BE : PL_ENC_UTF16LE;
        skip = 2;
    } else if (enc == PL_ENC_AUTO && looks_utf16(b, n, &be)) {
        enc = be ? PL_ENC_UTF16BE : PL_ENC_UTF16LE;
        add_note(note, be ? "no byte-order mark; read as UTF-16BE"
                          : "no byte-order mark; read as UTF-16LE");
    }
    *used = enc;
    if (enc == PL_ENC_UTF16LE || enc == PL_ENC_UTF16BE) {
        rc = decode_utf16(name, b, n, skip, enc == PL_ENC_UTF16BE, out, map, err);
        if (rc == 0 && (out->failed || map->failed))
            rc = -2;
        goto done;
    }
    /* 2. valid UTF-8 (and whether it is NFC already, asked on the way) */
    int stable = 0;
    size_t bad = pl_utf8_validate_nfc((const char *)b + skip, n - skip, &stable);
    utf8 = bad == n - skip;
    if (bad == n - skip && (enc == PL_ENC_AUTO || enc == PL_ENC_UTF8 || enc == PL_ENC_MOJIBAKE)) {
        rc = from_utf8(name, vt, b, n, skip, enc, out, map, used, as_is, note, err);
        /* the text is the bytes as they are (no mojibake repaired) */
        if (rc == 0 && nfc && *used == PL_ENC_UTF8)
            *nfc = stable;
        goto done;
    }
    if (enc == PL_ENC_UTF8 || enc == PL_ENC_MOJIBAKE) {
        invalid_utf8(name, b, n, skip, bad, err);
        return -1;
    }
    /* 3. forced legacy encoding */
    if (enc != PL_ENC_AUTO) {
        rc = decode_legacy(vt, enc, b, n, skip, 0, out, map, &undefined);
        if (rc == -1)
            pl_error_set(err, PL_ERR_ENCODING, name, NULL, "encoding %s is not available here",
                         pl_encoding_name(enc));
        goto done;
    }
    /* 4. broken UTF-8, or a guess among the legacy encodings */
    if (mostly_utf8(b + skip, n - skip)) {
        invalid_utf8(name, b, n, skip, bad, err);
        return -1;
    }
    trial best, second;
    if (rank(vt, CANDIDATES, NCAND, b, sample_len(b, n), &best, &second) != 0) {
        rc = -2;
        goto done;
    }
    if (best.enc == PL_ENC_AUTO) {
        invalid_utf8(name, b, n, skip, bad, err);
        return -1;
    }
    *used = best.enc;
    note_guess(note, "not UTF-8; read as ", "", &best, &second);
    rc = decode_legacy(vt, best.enc, b, n, skip, 1, out, map, &undefined);
done:
    if (rc == 0 && *used != PL_ENC_UTF8 && compose(out, map, 0) != 0)
        rc = -2;
    if (rc == 0 && given != PL_ENC_AUTO && given != PL_ENC_UTF8 && given != PL_ENC_MOJIBAKE &&
        note_misfit(vt, given, b, n, utf8, out, note) != 0)
        rc = -2;
    if (rc == -2 || (rc == 0 && (out->failed || map->failed))) {
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        return -1;
    }
    if (rc == 0 && undefined > 0 && note) {
        char msg[160];
        snprintf(msg, sizeof msg, "%zu bytes have no character in %s (shown as U+FFFD)",
                 undefined, long_name(*used));
        add_note(note, msg);
    }
    return rc == 0 ? 0 : -1;
}
