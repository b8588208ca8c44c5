#include "tone.h"

#include <pthread.h>

#include "uni.h"

/* Precomposed vowels by tone: grave, acute, hook above, tilde, dot below.
 * Upper and lower case, since style detection also runs on raw words. */
enum { NTONES = 5 };
static const int32_t TONED[][1 + NTONES] = {
    {'a', 0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1},
    {'e', 0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9},
    {'o', 0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD},
    {'u', 0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5},
    {'y', 0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5},
    {'A', 0x00C0, 0x00C1, 0x1EA2, 0x00C3, 0x1EA0},
    {'E', 0x00C8, 0x00C9, 0x1EBA, 0x1EBC, 0x1EB8},
    {'O', 0x00D2, 0x00D3, 0x1ECE, 0x00D5, 0x1ECC},
    {'U', 0x00D9, 0x00DA, 0x1EE6, 0x0168, 0x1EE4},
    {'Y', 0x1EF2, 0x00DD, 0x1EF6, 0x1EF8, 0x1EF4},
};
enum { NVOWELS = sizeof TONED / sizeof TONED[0] };

/* TONED inverted: for each code point of [U+00C0, U+1EF9] that is in it,
 * its row + 1 (0: not a vowel of TONED) and tone.  Every letter of every
 * word goes through split(); a lookup replaces a scan of 60 entries. */
#define INV_FIRST 0xC0
#define INV_LAST 0x1EF9
static unsigned char inv_row[INV_LAST - INV_FIRST + 1], inv_tone[INV_LAST - INV_FIRST + 1];
static pthread_once_t inv_once = PTHREAD_ONCE_INIT;

static void invert(void)
{
    for (int v = 0; v < NVOWELS; v++)
        for (int t = 1; t <= NTONES; t++) {
            int32_t cp = TONED[v][t];
            inv_row[cp - INV_FIRST] = (unsigned char)(v + 1);
            inv_tone[cp - INV_FIRST] = (unsigned char)t;
        }
}

/* Split cp into plain vowel and tone (1..5); tone 0 for an untoned plain
 * vowel; returns 0 if cp is not one of the plain vowels a e o u y. */
static int split(int32_t cp, int32_t *base, int *tone)
{
    if (cp < 0x80) {
        int32_t l = cp | 32;
        if (l != 'a' && l != 'e' && l != 'o' && l != 'u' && l != 'y')
            return 0;
        *base = cp;
        *tone = 0;
        return 1;
    }
    if (cp < INV_FIRST || cp > INV_LAST)
        return 0;
    pthread_once(&inv_once, invert);
    int row = inv_row[cp - INV_FIRST];
    if (!row)
        return 0;
    *base = TONED[row - 1][0];
    *tone = inv_tone[cp - INV_FIRST];
    return 1;
}

int32_t pl_tone_plain(int32_t cp)
{
    int32_t base;
    int tone;
    return split(cp, &base, &tone) ? (base | 32) : 0;
}

static int32_t join(int32_t base, int tone)
{
    for (int v = 0; v < NVOWELS; v++)
        if (TONED[v][0] == base)
            return TONED[v][tone];
    return base;
}

/* Position of the style-sensitive pair (index of its first vowel), or -1.
 * The pair must be o+a, o+e or u+y, end the word (open syllable), and u+y
 * must not follow q (qu- is an onset). */
static long find_pair(const int32_t *w, size_t n, int32_t *b1, int *t1, int32_t *b2, int *t2)
{
    if (n < 2)
        return -1;
    size_t i = n - 2;
    if (!split(w[i], b1, t1) || !split(w[i + 1], b2, t2))
        return -1;
    int32_t f = *b1 | 32, s = *b2 | 32; /* ASCII lower case */
    int ok = (f == 'o' && (s == 'a' || s == 'e')) || (f == 'u' && s == 'y');
    if (!ok)
        return -1;
    if (f == 'u' && i > 0 && (w[i - 1] | 32) == 'q')
        return -1;
    /* a vowel before the pair means a different nucleus (e.g. "khuya" is
     * not affected; "ngoài" ends in i so never reaches here) */
    int32_t pb;
    int pt;
    if (i > 0 && split(w[i - 1], &pb, &pt))
        return -1;
    return (long)i;
}

int pl_tone_style_of(const int32_t *cps, size_t n)
{
    int32_t b1, b2;
    int t1, t2;
    if (find_pair(cps, n, &b1, &t1, &b2, &t2) < 0)
        return 0;
    if (t1 && !t2)
        return 1;
    if (!t1 && t2)
        return 2;
    return 0;
}

static int move(int32_t *w, size_t n, int to_first)
{
    int32_t b1, b2;
    int t1, t2;
    long i = find_pair(w, n, &b1, &t1, &b2, &t2);
    if (i < 0)
        return 0;
    if (to_first && !t1 && t2) {
        w[i] = join(b1, t2);
        w[i + 1] = b2;
        return 1;
    }
    if (!to_first && t1 && !t2) {
        w[i] = b1;
        w[i + 1] = join(b2, t1);
        return 1;
    }
    return 0;
}

int pl_tone_old_style(int32_t *cps, size_t n) { return move(cps, n, 1); }

int pl_tone_new_style(int32_t *cps, size_t n) { return move(cps, n, 0); }
