/* text.c - the text pipeline (see text.h for the stages). */
#include "text.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "array.h"
#include "input.h"
#include "marker.h"
#include "tone.h"
#include "uni.h"
#include "vocab.h"

/* A reader's paragraphs are taken for printed lines (paragraphs_are_lines)
 * when at least this many, and this share (%) of them, go on in lower
 * case from a paragraph that ends without a stop. */
#define PL_LINE_PARAS_MIN 3
#define PL_LINE_PARAS_PCT 10

/* ---- positions --------------------------------------------------------- */


static size_t line_index(const pl_text *t, size_t off)
{
    size_t lo = 0, hi = t->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

pl_pos pl_text_pos_utf8(const pl_text *t, size_t off)
{
    size_t src = pl_omap_lookup(&t->utf8_map, off);
    if (t->input && t->input->src) { /* HTML, DOCX: counted where the user looks */
        pl_pos p;
        pl_input_src_pos(t->input->src, src, &p.byte, &p.line, &p.col);
        return p;
    }
    if (off > t->utf8_len)
        off = t->utf8_len;
    size_t li = line_index(t, off);
    pl_colcache *c = t->colcache;
    size_t from = t->line_starts[li];
    uint32_t col = 1;
    if (c && c->line == li && c->off <= off) { /* continue from the last one */
        from = c->off;
        col = c->col;
    } else if (c && c->line == li && c->off - off < off - from) {
        /* a little before the last one (a target's start after its value):
         * count back, so that positions asked out of order along one long
         * line stay linear */
        col = c->col - (uint32_t)pl_utf8_count(t->utf8 + off, c->off - off);
        from = off;
    }
    col += (uint32_t)pl_utf8_count(t->utf8 + from, off - from);
    if (c) {
        c->line = li;
        c->off = off;
        c->col = col;
    }
    pl_pos p = {src, (uint32_t)(li + 1), col};
    return p;
}

pl_pos pl_text_pos_nfc(const pl_text *t, size_t off)
{
    return pl_text_pos_utf8(t, pl_omap_lookup(&t->nfc_map, off));
}

pl_pos pl_text_pos_flat(const pl_text *t, size_t off)
{
    return pl_text_pos_nfc(t, pl_omap_lookup(&t->flat_map, off));
}

/* Length of the UTF-8 character starting at s[i] (1 for a stray byte). */
static size_t char_len(const char *s, size_t len, size_t i)
{
    size_t e = i + 1;
    while (e < len && ((unsigned char)s[e] & 0xC0) == 0x80)
        e++;
    return e - i;
}

/* Start of the character holding s[i]. */
static size_t char_start(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

pl_pos pl_text_end_nfc(const pl_text *t, size_t a, size_t b)
{
    if (b > t->nfc_len)
        b = t->nfc_len;
    if (b <= a)
        return pl_text_pos_nfc(t, a);
    size_t last = char_start(t->nfc, b - 1);
    size_t u = pl_omap_lookup(&t->nfc_map, last);
    size_t ue = pl_omap_lookup(&t->nfc_map, last + char_len(t->nfc, t->nfc_len, last));
    /* a character NFC composed from several: the map's next anchor is past
     * all of them; anything else maps one to one */
    if (ue <= u)
        ue = u + char_len(t->utf8, t->utf8_len, u);
    pl_pos end = pl_text_pos_utf8(t, ue);
    pl_pos at = pl_text_pos_utf8(t, u);
    if (end.line == at.line && end.byte > at.byte)
        return end;
    /* The next character is on another line, or a reader placed it
     * elsewhere (HTML puts the line break that ends a block at the block's
     * opening tag): the end is just past the last character itself. */
    size_t width = char_len(t->utf8, t->utf8_len, u);
    at.col++;
    at.byte = end.byte > at.byte && end.byte < at.byte + width ? end.byte : at.byte + width;
    return at;
}

pl_pos pl_text_end_flat(const pl_text *t, size_t a, size_t b)
{
    if (b > t->flat_len)
        b = t->flat_len;
    if (b <= a)
        return pl_text_pos_flat(t, a);
    size_t last = char_start(t->flat, b - 1);
    size_t n = pl_omap_lookup(&t->flat_map, last);
    if (n >= t->nfc_len)
        return pl_text_pos_nfc(t, t->nfc_len);
    return pl_text_end_nfc(t, n, n + char_len(t->nfc, t->nfc_len, n));
}

size_t pl_text_key_to_flat(const pl_text *t, size_t off)
{
    return pl_omap_lookup(&t->key_map, off);
}

pl_pos pl_text_pos_key(const pl_text *t, size_t off)
{
    return pl_text_pos_flat(t, pl_text_key_to_flat(t, off));
}

size_t pl_text_flat_to_key(const pl_text *t, size_t flat_off)
{
    /* asked for every paragraph, sentence and figure: the key map's
     * runs, searched by source offset, answer it where they never go back */
    return pl_omap_invert(&t->key_map, t->key_len, flat_off);
}

size_t pl_text_nfc_to_flat(const pl_text *t, size_t nfc_off)
{
    return pl_omap_invert(&t->flat_map, t->flat_len, nfc_off);
}

long pl_text_para_at(const pl_text *t, size_t flat_off)
{
    if (t->nparas == 0)
        return -1;
    size_t lo = 0, hi = t->nparas;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->paras[mid].flat_start <= flat_off)
            lo = mid;
        else
            hi = mid;
    }
    return (long)lo;
}

/* ---- stage 1: decode ---------------------------------------------------- */

/* Bytes as published -> UTF-8 (input.c chooses the reader: text in any
 * supported encoding, HTML, DOCX, PDF) with utf8_map back to the input. */
static int decode(pl_text *t, const pl_parse_options *opt, pl_error *err)
{
    /* plain UTF-8 (most plans) is taken as it is: the input's buffer
     * becomes the text (t->bytes NULL), no copy */
    if (pl_input_decode_take(t->name, &t->bytes, t->nbytes, opt, &t->utf8, &t->utf8_len,
                             &t->utf8_map, &t->input, err) != 0)
        return -1;
    /* The input as given is needed after decoding only to write a Word
     * document back (check -f docx); otherwise it is freed here, so that a
     * large plan is not held once more than its decoded text. */
    if (t->input->format != PL_IN_DOCX) {
        free(t->bytes);
        t->bytes = NULL;
        t->nbytes = 0;
    }
    t->line_starts = pl_input_line_starts(t->utf8, t->utf8_len, &t->nlines);
    if (!t->line_starts) {
        pl_error_set(err, PL_ERR_NOMEM, t->name, NULL, "out of memory");
        return -1;
    }
    return 0;
}

/* ---- stage 2: NFC ------------------------------------------------------- */

static int normalise(pl_text *t, pl_error *err)
{
    if (t->input->nfc) {
        /* the reader found the text NFC with LF line ends as it validated
         * it (most plans): pl_nfc_append would copy it and map it with
         * one anchor */
        t->nfc = t->utf8;
        t->nfc_len = t->utf8_len;
        if (t->utf8_len > 0)
            pl_omap_add(&t->nfc_map, 0, 0);
        if (t->nfc_map.failed) {
            pl_error_set(err, PL_ERR_NOMEM, t->name, NULL, "out of memory");
            return -1;
        }
        return 0;
    }
    pl_buf out = PL_BUF_INIT;
    if (pl_nfc_append(t->utf8, t->utf8_len, 0, &out, &t->nfc_map) != 0) {
        pl_buf_free(&out);
        pl_error_set(err, PL_ERR_NOMEM, t->name, NULL, "out of memory");
        return -1;
    }
    const pl_omap *m = &t->nfc_map; /* identity: no anchor, or one at (k, k) */
    int identity = m->n == 0 || (m->n == 1 && m->a[0].out == m->a[0].src);
    if (identity && out.len == t->utf8_len &&
        memcmp(out.data ? out.data : "", t->utf8, out.len) == 0) {
        /* already NFC with LF line ends (most plans): one copy serves both */
        pl_buf_free(&out);
        t->nfc = t->utf8;
        t->nfc_len = t->utf8_len;
        return 0;
    }
    t->nfc = pl_buf_detach(&out, &t->nfc_len);
    if (!t->nfc) {
        pl_error_set(err, PL_ERR_NOMEM, t->name, NULL, "out of memory");
        return -1;
    }
    return 0;
}

/* ---- stage 3: lines ----------------------------------------------------- */

/* Blank in the running text: white space, BOM, zero-width space, and the C0
 * controls and DEL, which are not text (a NUL or an ESC in a plan becomes a
 * space, so the flat and key texts stay C strings without control bytes). */
static int is_blank_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp <= 0x20 || cp == 0x7F;
    /* beyond ASCII only U+00A0, U+1680, U+2000-U+205F, U+3000 and U+FEFF
     * can be (tests/test_text.c checks every code point): the letters
     * that start most words ask utf8proc nothing */
    if (cp != 0xA0 && cp != 0x1680 && (cp < 0x2000 || cp > 0x205F) && cp != 0x3000 &&
        cp != 0xFEFF)
        return 0;
    return pl_is_space(cp) || cp == 0xFEFF || cp == 0x200B;
}

/* Trim a line to its first and last non-blank byte. */
static void trim(const char *s, size_t len, size_t *b, size_t *e)
{
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        int n = pl_utf8_next(s, len, i, &cp);
        if (n < 0 || !is_blank_cp(cp))
            break;
        i += (size_t)n;
    }
    size_t j = len;
    while (j > i) {
        size_t k = j - 1;
        while (k > i && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        int32_t cp;
        int n = pl_utf8_next(s, len, k, &cp);
        if (n < 0 || !is_blank_cp(cp))
            break;
        j = k;
    }
    *b = i;
    *e = j;
}

static int only_digits(const char *s, size_t n, size_t maxlen)
{
    if (n == 0 || n > maxlen)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The vocabulary the text stage reads (data/vocab/text.xml and
 * documents.xml's clause openers), looked up once. */
/* A list with the first letters of its keys: a line whose first letter
 * starts no key is turned away before it is folded (line_phrase). */
typedef struct line_list {
    const pl_vocab_list *l;
    pl_vocab_firsts first;
} line_list;

static line_list signature_labels, clause_openers, page_words, day_words, month_words;
static pthread_once_t vocab_once = PTHREAD_ONCE_INIT;

static void line_list_init(line_list *ll, const char *name)
{
    ll->l = pl_vocab(name);
    pl_vocab_firsts_add(&ll->first, ll->l);
}

static void find_vocab(void)
{
    line_list_init(&signature_labels, "signature-labels");
    line_list_init(&clause_openers, "clause-openers");
    line_list_init(&page_words, "page-words");
    line_list_init(&day_words, "day-words");
    line_list_init(&month_words, "month-words");
}

/* Can the key of s[0..n) start with the first letter of a key of the
 * list?  Its key starts with the lower case of s's first letter, or of a
 * vowel with the same plain vowel; where NFC may compose (a mark after
 * it), or beyond the Latin letters, the line is folded to see. */
static int may_open_with(const line_list *ll, const char *s, size_t n)
{
    int32_t cp, cp2;
    int k = pl_utf8_next(s, n, 0, &cp);
    if (k <= 0 || is_blank_cp(cp) || (cp >= 0x80 && cp >= 0x250 && (cp < 0x1E00 || cp >= 0x1F00)))
        return 1;
    if ((size_t)k < n && (unsigned char)s[k] >= 0x80 && pl_utf8_next(s, n, (size_t)k, &cp2) > 0 &&
        cp2 >= 0x300 && (cp2 < 0x1E00 || cp2 >= 0x1F00) && pl_is_mark(cp2))
        return 1;
    return pl_vocab_firsts_may_start(&ll->first, cp);
}

/* The entry of list `l` that s[0..n), one line's text, opens with as whole
 * words (exact: is exactly), case and tone style ignored; NULL.  Only the
 * first words are folded: no phrase has more than PHRASE_WORDS_MAX. */
enum { PHRASE_WORDS_MAX = 4 };
static const pl_vocab_entry *line_phrase(const line_list *ll, const char *s, size_t n, int exact)
{
    if (!may_open_with(ll, s, n))
        return NULL;
    const pl_vocab_list *l = ll->l;
    size_t cut = 0;
    for (int words = 0; cut < n && (words += s[cut] == ' ') <= PHRASE_WORDS_MAX; cut++)
        ;
    size_t kn = 0;
    char *key = pl_text_key_of(s, cut, &kn);
    const pl_vocab_entry *e = !key ? NULL
                              : exact ? pl_vocab_find(l, key, kn)
                                      : pl_vocab_prefix(l, key, 0, kn, NULL);
    free(key);
    return e;
}

/* Digital-signature stamps that PDF copies of signed plans end with:
 * e-mail addresses alone on a line, ISO 8601 timestamps, a label of
 * vocabulary list "signature-labels" and a colon ("Ký bởi:" ...;
 * docs/VIETNAMESE-TEXT.md §4.2). */
static int is_signature(const char *s, size_t n)
{
    enum { LABEL_MAX_BYTES = 24 };
    const char *colon = n < 160 ? memchr(s, ':', n < LABEL_MAX_BYTES ? n : LABEL_MAX_BYTES) : NULL;
    pthread_once(&vocab_once, find_vocab);
    if (colon && line_phrase(&signature_labels, s, (size_t)(colon - s), 1))
        return 1;
    /* 2023-04-27T13:49:52+0700 */
    if (n >= 16 && n <= 40 && only_digits(s, 4, 4) && s[4] == '-' && s[7] == '-' &&
        s[10] == 'T' && s[13] == ':')
        return 1;
    /* the stamp's time alone, day first: "28-07-2026 09:58:36 +07:00",
     * "27.04.2023 13:49:52" */
    if (n >= 19 && n <= 30 && only_digits(s, 2, 2) && only_digits(s + 3, 2, 2) &&
        only_digits(s + 6, 4, 4) && s[2] == s[5] && (s[2] == '-' || s[2] == '.' || s[2] == '/') &&
        s[10] == ' ' && only_digits(s + 11, 2, 2) && s[13] == ':' && only_digits(s + 14, 2, 2) &&
        s[16] == ':' && only_digits(s + 17, 2, 2) && (n == 19 || s[19] == ' '))
        return 1;
    /* a lone e-mail address */
    const char *at = memchr(s, '@', n);
    if (at && n < 100 && !memchr(s, ' ', n) && memchr(at, '.', n - (size_t)(at - s)))
        return 1;
    return 0;
}

static int only_rule_chars(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        int k = pl_utf8_next(s, n, i, &cp);
        if (k < 0)
            return 0;
        if (!(cp == '-' || cp == '_' || cp == '=' || cp == '*' || cp == '~' || cp == '.' ||
              cp == 0xB0 || cp == 0x2013 || cp == 0x2014 || cp == ' '))
            return 0;
        i += (size_t)k;
    }
    return 1;
}

static int is_rule_cp(int32_t cp)
{
    return cp == '-' || cp == '_' || cp == '=' || cp == '*' || cp == '~' || cp == 0x2013 ||
           cp == 0x2014;
}

/* A page marker that a PDF-to-text copy writes between pages: a word of
 * list "page-words" and the page's number, alone or between rules
 * ("===== TRANG 1 =====", "--- Trang 2 ---", "Page 3/12").  Like a page
 * number, it is no text of the document (above the header it would stand
 * for the issuer block). */
static int is_page_marker(const char *s, size_t n)
{
    size_t i = 0;
    int32_t cp;
    int k;
    while (i < n && (k = pl_utf8_next(s, n, i, &cp)) > 0 && (is_rule_cp(cp) || cp == ' '))
        i += (size_t)k;
    /* the word, a space, the number and perhaps "/" the page count */
    size_t sp = i;
    while (sp < n && s[sp] != ' ')
        sp++;
    if (sp == n || sp == i || sp - i > 12)
        return 0;
    size_t d = sp;
    while (d < n && s[d] == ' ')
        d++;
    size_t d0 = d;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d == d0 || d - d0 > 4)
        return 0;
    if (d < n && s[d] == '/') {
        size_t c0 = ++d;
        while (d < n && s[d] >= '0' && s[d] <= '9')
            d++;
        if (d == c0)
            return 0;
    }
    /* then rules or nothing */
    while (d < n && (k = pl_utf8_next(s, n, d, &cp)) > 0 && (is_rule_cp(cp) || cp == ' '))
        d += (size_t)k;
    if (d != n)
        return 0;
    pthread_once(&vocab_once, find_vocab);
    return line_phrase(&page_words, s + i, sp - i, 1) != NULL;
}

static void classify_line(const char *s, pl_line *ln)
{
    size_t b, e;
    trim(s + ln->off, ln->len, &b, &e);
    ln->indent = b;
    const char *p = s + ln->off + b;
    size_t n = e - b;
    if (n == 0)
        ln->kind = PL_LINE_BLANK;
    else if (only_digits(p, n, 3) || is_page_marker(p, n))
        ln->kind = PL_LINE_PAGENO; /* page number, or a footnote mark alone */
    else if (is_signature(p, n))
        ln->kind = PL_LINE_SIGNATURE;
    else if (only_rule_chars(p, n))
        ln->kind = PL_LINE_RULE;
    else
        ln->kind = PL_LINE_TEXT;
}

/* The nearest line before (step -1) or after (+1) line k that is not blank;
 * SIZE_MAX when none. */
static size_t next_text_line(const pl_text *t, size_t k, int step)
{
    while (step < 0 ? k-- > 0 : ++k < t->nlines)
        if (t->lines[k].kind != PL_LINE_BLANK)
            return k;
    return SIZE_MAX;
}

/* A day's digits alone on their line inside a place-date line broken over
 * lines ("Hà Nội," / "ngày" / "12" / "tháng 09 năm 2017", a copy with one
 * cell word per line): a day (1 to 31) after a line that ends with a day
 * word (list "day-words") and before one that opens with a month word
 * ("month-words") is the date's, not a page number.  One side alone is
 * not enough: "... trước ngày" / "2" / "15/12 hằng năm" and "... đến hết"
 * / "5" / "tháng 12 năm 2025" hold a page number. */
static int date_day_line(const pl_text *t, size_t k)
{
    const pl_line *ln = &t->lines[k];
    size_t b, e;
    trim(t->nfc + ln->off, ln->len, &b, &e);
    if (e - b > 2 || e == b)
        return 0;
    int day = 0;
    for (size_t i = b; i < e; i++) {
        char ch = t->nfc[ln->off + i];
        if (ch < '0' || ch > '9')
            return 0;
        day = day * 10 + (ch - '0');
    }
    if (day < 1 || day > 31)
        return 0;
    pthread_once(&vocab_once, find_vocab);
    size_t n = next_text_line(t, k, 1);
    if (n == SIZE_MAX)
        return 0;
    const pl_line *nx = &t->lines[n];
    trim(t->nfc + nx->off, nx->len, &b, &e);
    if (!(e > b && line_phrase(&month_words, t->nfc + nx->off + b, e - b, 0)))
        return 0;
    size_t p = next_text_line(t, k, -1);
    if (p == SIZE_MAX)
        return 0;
    const pl_line *pv = &t->lines[p];
    trim(t->nfc + pv->off, pv->len, &b, &e);
    size_t w = e;
    while (w > b && t->nfc[pv->off + w - 1] != ' ')
        w--;
    return e > w && line_phrase(&day_words, t->nfc + pv->off + w, e - w, 1);
}

static int split_lines(pl_text *t, pl_error *err)
{
    /* nfc has exactly as many lines as the input (CR LF -> LF keeps count) */
    t->lines = calloc(t->nlines, sizeof *t->lines);
    if (!t->lines) {
        pl_error_set(err, PL_ERR_NOMEM, t->name, NULL, "out of memory");
        return -1;
    }
    size_t k = 0, start = 0;
    /* where nfc is the decoded text (most plans), its LFs are those the
     * line starts were made from: each line's end is looked up, not
     * searched for again */
    const size_t *ls = t->nfc == t->utf8 ? t->line_starts : NULL;
    while (start <= t->nfc_len && k < t->nlines) {
        size_t i;
        if (ls && k + 1 < t->nlines && ls[k] == start && t->nfc[ls[k + 1] - 1] == '\n') {
            i = ls[k + 1] - 1;
        } else {
            const char *lf = memchr(t->nfc + start, '\n', t->nfc_len - start);
            i = lf ? (size_t)(lf - t->nfc) : t->nfc_len;
        }
        t->lines[k].off = start;
        t->lines[k].len = i - start;
        classify_line(t->nfc, &t->lines[k]);
        k++;
        start = i + 1;
    }
    for (; k < t->nlines; k++) { /* defensive: cannot happen */
        t->lines[k].off = t->nfc_len;
        t->lines[k].kind = PL_LINE_BLANK;
    }
    for (k = 0; k < t->nlines; k++)
        if (t->lines[k].kind == PL_LINE_PAGENO && date_day_line(t, k))
            t->lines[k].kind = PL_LINE_TEXT;
    return 0;
}

/* ---- stage 4: paragraphs and the flat text ----------------------------- */

/* Code points in a line (for the wrap-width estimate). */
static size_t line_width(const pl_text *t, const pl_line *ln)
{
    return pl_utf8_count(t->nfc + ln->off, ln->len);
}

/* Hard-wrapped copies (PDF, Word "save as text") break lines near one
 * width.  The 90th percentile of text-line widths estimates it; a line at
 * least 3/4 of it long that does not end a sentence is a wrapped line. */
static size_t wrap_width(const pl_text *t)
{
    size_t hist[256] = {0}, total = 0;
    for (size_t i = 0; i < t->nlines; i++) {
        if (t->lines[i].kind != PL_LINE_TEXT)
            continue;
        size_t w = line_width(t, &t->lines[i]);
        hist[w > 255 ? 255 : w]++;
        total++;
    }
    if (total == 0)
        return 0;
    size_t seen = 0;
    for (size_t w = 0; w < 256; w++) {
        seen += hist[w];
        if (seen * 10 >= total * 9)
            return w;
    }
    return 255;
}

typedef struct line_view {
    const char *p; /* trimmed */
    size_t n;
} line_view;

static line_view view(const pl_text *t, size_t i)
{
    size_t b, e;
    trim(t->nfc + t->lines[i].off, t->lines[i].len, &b, &e);
    line_view v = {t->nfc + t->lines[i].off + b, e - b};
    return v;
}

static int32_t first_cp(line_view v)
{
    int32_t cp = -1;
    size_t i = 0;
    /* skip emphasis and opening quotes */
    while (i < v.n && (v.p[i] == '*' || v.p[i] == '"' || v.p[i] == '('))
        i++;
    pl_utf8_next(v.p, v.n, i, &cp);
    return cp;
}

static int32_t last_cp(line_view v)
{
    size_t j = v.n;
    while (j > 0 && (v.p[j - 1] == '*' || v.p[j - 1] == '"' || v.p[j - 1] == ')'))
        j--;
    if (j == 0)
        return -1;
    size_t k = j - 1;
    while (k > 0 && ((unsigned char)v.p[k] & 0xC0) == 0x80)
        k--;
    int32_t cp;
    pl_utf8_next(v.p, j, k, &cp);
    return cp;
}

static int all_caps(line_view v)
{
    size_t letters = 0;
    for (size_t i = 0; i < v.n;) {
        int32_t cp;
        int k = pl_utf8_next(v.p, v.n, i, &cp);
        if (k < 0)
            return 0;
        if (pl_is_lower(cp))
            return 0;
        if (pl_is_upper(cp))
            letters++;
        i += (size_t)k;
    }
    return letters >= 2;
}

static int ends_sentence(int32_t cp)
{
    return cp == '.' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* A line that opens with a capitalised clause opener of vocabulary list
 * "clause-openers" ("Căn cứ Quyết định ...", "Thực hiện Kế hoạch ...")
 * (capitalised as a sentence, not a title in capitals) starts a paragraph
 * even right under a line without a full stop (the
 * summary under "KẾ HOẠCH", a DOCX whose paragraphs are lines): a wrapped
 * sentence would go on in lower case, and these words are no proper
 * nouns. */
static int opens_clause(line_view v)
{
    int32_t c = 0, second = 0;
    int k = pl_utf8_next(v.p, v.n, 0, &c);
    /* capitalised, not in capitals: "TRIỂN KHAI CHƯƠNG TRÌNH ..." is a title */
    if (k <= 0 || !pl_is_upper(c) || pl_utf8_next(v.p, v.n, (size_t)k, &second) <= 0 ||
        !pl_is_lower(second))
        return 0;
    pthread_once(&vocab_once, find_vocab);
    return line_phrase(&clause_openers, v.p, v.n, 0) != NULL;
}

/* The marker of a line that continues() read, kept for the paragraph the
 * line may open (pl_marker_parse_line). */
typedef struct line_mark {
    size_t line;   /* SIZE_MAX: none read */
    int found, stable;
    pl_marker mk;
    line_view v;   /* the line, trimmed */
} line_mark;

/* Does line `next` continue the paragraph that line `prev` is part of?
 * `gap` says whether blank or artefact lines stood between them.  The
 * marker of `next`, when read, goes into *lm. */
static int continues(const pl_text *t, size_t prev, size_t next, int gap, size_t width,
                     line_mark *lm)
{
    line_view a = view(t, prev), b = view(t, next);
    /* Each of these ends the paragraph; the cheap tests go first, so the
     * marker patterns run only on lines that could still continue one. */
    if (ends_sentence(last_cp(a)))
        return 0;
    if (memchr(a.p, '|', a.n) || memchr(b.p, '|', b.n))
        return 0;
    if (opens_clause(b))
        return 0;
    if (all_caps(a) != all_caps(b))
        return 0; /* "KẾ HOẠCH" above its title */
    lm->line = next;
    lm->v = b;
    lm->found = pl_marker_parse_line(b.p, b.n, &lm->mk, &lm->stable);
    if (lm->found)
        return 0; /* a heading or bullet starts a new paragraph */
    if (pl_type_name_line(b.p, b.n))
        return 0; /* "KẾ HOẠCH" under a signature line in capitals */
    int32_t c = first_cp(b);
    if (pl_is_lower(c) || c == ',' || c == ')' || c == '%')
        return 1;
    if (!gap)
        return 1;
    return width >= 40 && line_width(t, &t->lines[prev]) * 4 >= width * 3;
}

typedef struct flat_builder {
    pl_text *t;
    pl_buf out;
    pl_para *paras;
    size_t n, cap;
    int in_para;
    int pending_space;
    size_t next_out, next_src; /* where the last character copied ended */
    line_mark mark;            /* the marker of the line the paragraph opens
                                * with, when continues() read it */
    int marked;                /* mark is the current paragraph's line's */
} flat_builder;

static int para_begin(flat_builder *fb, size_t line)
{
    if (fb->n == fb->cap) {
        size_t cap = fb->cap ? fb->cap * 2 : 64;
        pl_para *p = realloc(fb->paras, cap * sizeof *p);
        if (!p)
            return -1;
        fb->paras = p;
        fb->cap = cap;
    }
    if (fb->out.len > 0)
        pl_buf_putc(&fb->out, '\n'); /* maps to the previous anchor; harmless */
    pl_para *p = &fb->paras[fb->n++];
    memset(p, 0, sizeof *p);
    p->flat_start = fb->out.len;
    p->first_line = p->last_line = line;
    p->section = -1;
    fb->in_para = 1;
    fb->pending_space = 0;
    fb->marked = 0;
    return 0;
}

/* The paragraph is complete: the marker read on its first line is its
 * marker when the paragraph starts with that line byte for byte (no blank
 * folded, no '*' dropped) and either is just that line or the reader
 * looked at nothing past it (stable). */
static void para_take_mark(flat_builder *fb, pl_para *p)
{
    const line_mark *lm = &fb->mark;
    size_t len = p->flat_end - p->flat_start;
    if (!fb->marked || len < lm->v.n || (len > lm->v.n && !lm->stable) ||
        memcmp(fb->out.data + p->flat_start, lm->v.p, lm->v.n) != 0)
        return;
    p->marked = 1;
    p->body = p->flat_start;
    if (!lm->found)
        return;
    const pl_marker *mk = &lm->mk;
    p->kind = pl_style_is_bullet(mk->style) ? PL_PARA_BULLET : PL_PARA_HEADING;
    p->style = mk->style;
    p->number = mk->number;
    p->objective = mk->objective;
    memcpy(p->label, mk->label, sizeof p->label);
    p->body = p->flat_start + mk->len;
}

static void para_end(flat_builder *fb)
{
    if (!fb->in_para)
        return;
    pl_para *p = &fb->paras[fb->n - 1];
    p->flat_end = fb->out.len;
    if (p->flat_end == p->flat_start) { /* nothing but markup: drop it */
        fb->n--;
        if (fb->out.len > 0 && fb->out.data[fb->out.len - 1] == '\n')
            fb->out.data[--fb->out.len] = '\0'; /* flat stays a C string */
    } else {
        para_take_mark(fb, p);
    }
    fb->in_para = 0;
    fb->marked = 0;
}

/* Could the character whose UTF-8 starts with byte c be blank
 * (is_blank_cp)?  ASCII: the controls, space and DEL; beyond it only
 * U+00A0, U+1680, U+2000-U+205F, U+3000 and U+FEFF are (Unicode's
 * spaces, separators, the zero-width space and the BOM), which start
 * with these bytes (tests/test_text.c checks every code point). */
static int may_be_blank(unsigned char c)
{
    return c <= 0x20 || c == 0x7F || c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 ||
           c == 0xEF;
}

/* The bytes of a line for append_line's copy: a byte of no blank, '*' or
 * '|' (FC_ORD: copied as it is, whatever character it is part of), a
 * space, a byte that ends a run (the other blanks of ASCII, '*', '|'),
 * and the first bytes of a character beyond ASCII that may be blank
 * (may_be_blank: decoded to see). */
enum { FC_ORD = 0, FC_SPACE, FC_STOP, FC_CAND };
static unsigned char flat_class[256];
static pthread_once_t flat_class_once = PTHREAD_ONCE_INIT;

static void flat_class_init(void)
{
    for (unsigned c = 0; c < 256; c++)
        flat_class[c] = c == ' '                          ? FC_SPACE
                        : c < 0x80 && may_be_blank((unsigned char)c) ? FC_STOP
                        : c == '*' || c == '|'            ? FC_STOP
                        : may_be_blank((unsigned char)c)  ? FC_CAND
                                                          : FC_ORD;
}

/* Can the character starting with p[0], a byte of FC_CAND, be blank by
 * its second byte too?  U+00A0 is C2 A0, U+1680 E1 9A 80, U+2000-U+205F
 * E2 80 80 to E2 81 9F, U+3000 E3 80 80, U+FEFF EF BB BF (tests/test_text.c
 * checks every blank code point): the letters of Latin Extended
 * Additional (E1 BA, E1 BB) are not decoded to see. */
static inline int cand_may_be_blank(const unsigned char *p)
{
    switch (p[0]) {
    case 0xC2: return p[1] == 0xA0;
    case 0xE1: return p[1] == 0x9A;
    case 0xE2: return p[1] == 0x80 || p[1] == 0x81;
    case 0xE3: return p[1] == 0x80;
    default: return p[1] == 0xBB;
    }
}

/* Is the character at s[j] (j < n), whose first byte is of FC_CAND, no
 * blank?  Its length, or 0 when it is one (or not UTF-8). */
static size_t nonblank_len(const char *s, size_t n, size_t j)
{
    int32_t cp;
    int k = pl_utf8_next(s, n, j, &cp);
    return k > 0 && !is_blank_cp(cp) ? (size_t)k : 0;
}

#if defined(__SSE2__)
/* How many of the sixteen bytes at p (p[16] is readable) append_line's
 * run passes as they are: it stops at the first byte that is a control
 * character, space, DEL, '*' or '|', or that opens a pair of bytes
 * cand_may_be_blank lets through (C2 A0, E1 9A, E2 80, E2 81, E3 80,
 * EF BB), except a space whose next byte is none of these (one space
 * between two words, which the run takes with them).  A space at the
 * last byte stops it too (its next byte is not looked at here).  In
 * Vietnamese text every third byte or so is an E1 or a space, and the
 * byte loop's branches on them cost more than the rest of the stage. */
static inline size_t flat_plain16(const unsigned char *p)
{
    const __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)p);
    const __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
    /* signed compares: bytes from 0x80 are negative */
    __m128i stop = _mm_and_si128(_mm_cmpgt_epi8(v0, _mm_set1_epi8(-1)),
                                 _mm_cmplt_epi8(v0, _mm_set1_epi8(0x21)));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v0, _mm_set1_epi8(0x7F)));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v0, _mm_set1_epi8('*')));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v0, _mm_set1_epi8('|')));
    const __m128i x80 = _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0x80));
    __m128i cand = _mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xC2)),
                                 _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0xA0)));
    cand = _mm_or_si128(cand, _mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xE1)),
                                            _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0x9A))));
    cand = _mm_or_si128(cand, _mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xE2)),
                                            _mm_or_si128(x80, _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0x81)))));
    cand = _mm_or_si128(cand, _mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xE3)), x80));
    cand = _mm_or_si128(cand, _mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xEF)),
                                            _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0xBB))));
    unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(stop, cand));
    unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v0, _mm_set1_epi8(' ')));
    unsigned bad = m & ~(sp & ~(m >> 1) & 0x7FFFu);
    return bad ? (size_t)__builtin_ctz(bad) : 16;
}
#endif

/* Append one line's text to the current paragraph, folding whitespace,
 * dropping '*' emphasis and splitting table cells at '|'.  A run of
 * other characters is copied at once: within it each character follows
 * the one before in both texts, so it needs no anchor of its own; a
 * single space between two characters of no blank is copied with them,
 * as folding it would write it (the space a fold writes stands for the
 * byte before the next character: the space itself).  The line is read
 * up to s[n], its LF or the text's NUL, which ends a run. */
static int append_line(flat_builder *fb, size_t li)
{
    pl_text *t = fb->t;
    const pl_line *ln = &t->lines[li];
    const char *s = t->nfc + ln->off;
    const unsigned char *u = (const unsigned char *)s;
    size_t n = ln->len;
    size_t i = 0;
    int line_start = 1;
    fb->pending_space = fb->out.len > fb->paras[fb->n - 1].flat_start;
    while (i < n) {
        int32_t cp;
        int k = pl_utf8_next(s, n, i, &cp);
        if (k < 0)
            return -1;
        size_t src = ln->off + i;
        if (is_blank_cp(cp)) {
            fb->pending_space = fb->out.len > fb->paras[fb->n - 1].flat_start;
            i += (size_t)k;
            continue;
        }
        if (cp == '*' && !(line_start && i + 1 < n && s[i + 1] == ' ')) {
            /* markdown-style emphasis from converters: not text */
            i += (size_t)k;
            continue;
        }
        if (cp == '|') {
            para_end(fb);
            if (para_begin(fb, li) != 0)
                return -1;
            i += (size_t)k;
            continue;
        }
        /* the run of ordinary characters starting here */
        size_t j = i + (size_t)k;
        for (;;) {
#if defined(__SSE2__)
            if (n - j >= 16) { /* j <= n: s[n] ends every run */
                size_t q = flat_plain16(u + j);
                j += q;
                if (q == 16)
                    continue;
            }
#endif
            unsigned f = flat_class[u[j]];
            if (f == FC_ORD) {
                j++;
                continue;
            }
            size_t kq;
            if (f == FC_CAND) {
                if (!cand_may_be_blank(u + j)) { /* j + 1 <= n */
                    j++;
                    continue;
                }
                if ((kq = nonblank_len(s, n, j)) == 0)
                    break;
                j += kq;
                continue;
            }
            if (f != FC_SPACE)
                break;
            f = flat_class[u[j + 1]]; /* j + 1 <= n */
            if (f == FC_ORD) {
                j += 2;
                continue;
            }
            if (f != FC_CAND)
                break;
            if (!cand_may_be_blank(u + j + 1)) { /* j + 2 <= n */
                j += 2;
                continue;
            }
            if ((kq = nonblank_len(s, n, j + 1)) == 0)
                break;
            j += 1 + kq; /* the space and the character, decoded once */
        }
        if (fb->pending_space) {
            /* the folded space stands for the byte just before this
             * character (the last blank, or the line end joined), so
             * the character is implied by it; and one blank (or a bare
             * line end) after the character before is implied too:
             * the map keeps one anchor per real change, not two per
             * word */
            pl_omap_add(&t->flat_map, fb->out.len, src - 1);
            pl_buf_putc(&fb->out, ' ');
            fb->pending_space = 0;
        }
        /* a character right after the one before it, in both texts,
         * is implied by the anchor already there */
        if (fb->out.len != fb->next_out || src != fb->next_src)
            pl_omap_add(&t->flat_map, fb->out.len, src);
        pl_buf_put(&fb->out, s + i, j - i);
        fb->next_out = fb->out.len;
        fb->next_src = ln->off + j;
        line_start = 0;
        i = j;
    }
    fb->paras[fb->n - 1].last_line = li;
    return fb->out.failed ? -1 : 0;
}

/* Is the line break before line i one inside a paragraph, by what the
 * reader said?  `*next` walks the reader's soft breaks along with i. */
static int soft_break_before(const pl_text *t, size_t i, size_t *next)
{
    const pl_input_info *in = t->input;
    size_t lf = t->line_starts[i] - 1; /* readers end lines with LF alone */
    while (*next < in->nsoft && in->soft_breaks[*next] < lf)
        (*next)++;
    return *next < in->nsoft && in->soft_breaks[*next] == lf;
}

/* Are the reader's paragraphs lines?  A Word file or page made from a
 * PDF's text (pasted, or converted line by line) has one paragraph per
 * printed line, so many of its paragraphs go on in lower case from one
 * that ends without a stop; written paragraphs start with a capital or a
 * marker.  Such a document is joined by the wrapping rules like a text
 * file. */
static int paragraphs_are_lines(const pl_text *t)
{
    size_t total = 0, lower = 0, soft = 0;
    long prev = -1;
    for (size_t i = 0; i < t->nlines; i++) {
        if (t->lines[i].kind != PL_LINE_TEXT)
            continue; /* pages put a blank line between paragraphs */
        if (prev >= 0 && !soft_break_before(t, i, &soft)) {
            line_view a = view(t, (size_t)prev), b = view(t, i);
            pl_marker mk;
            total++;
            if (!ends_sentence(last_cp(a)) && pl_is_lower(first_cp(b)) &&
                !pl_marker_parse(b.p, b.n, &mk) && !memchr(b.p, '|', b.n))
                lower++;
        }
        prev = (long)i;
    }
    return lower >= PL_LINE_PARAS_MIN && lower * 100 >= total * PL_LINE_PARAS_PCT;
}

/* Does line i start a paragraph?  Where the reader knows paragraphs, a
 * line end is a paragraph end unless it said otherwise (a DOCX paragraph
 * "100%" followed by "Ngày 29/9/2021, ..." is two paragraphs); plain text
 * and PDF lines are joined by the wrapping rules (continues). */
static int starts_para(const pl_text *t, int hard, long prev, size_t i, int gap, size_t width,
                       size_t *soft, line_mark *lm)
{
    if (prev < 0)
        return 1;
    if (hard && (gap || !soft_break_before(t, i, soft)))
        return 1;
    return !continues(t, (size_t)prev, i, gap, width, lm);
}

static int build_flat(pl_text *t, pl_error *err)
{
    flat_builder fb = {t, PL_BUF_INIT, NULL, 0, 0, 0, 0, SIZE_MAX, SIZE_MAX, {SIZE_MAX, 0, 0, {0}, {NULL, 0}}, 0};
    pl_buf_grow(&fb.out, t->nfc_len); /* a size hint: about as long as the NFC text */
    pthread_once(&flat_class_once, flat_class_init);
    size_t width = wrap_width(t);
    long prev = -1; /* last text line */
    int gap = 0;
    size_t soft = 0; /* next of the reader's soft breaks */
    int hard = t->input && t->input->paragraphs && !paragraphs_are_lines(t);
    for (size_t i = 0; i < t->nlines; i++) {
        if (t->lines[i].kind != PL_LINE_TEXT) {
            gap = 1;
            continue;
        }
        if (starts_para(t, hard, prev, i, gap, width, &soft, &fb.mark)) {
            para_end(&fb);
            if (para_begin(&fb, i) != 0)
                goto nomem;
            fb.marked = fb.mark.line == i;
        }
        if (append_line(&fb, i) != 0)
            goto nomem;
        prev = (long)i;
        gap = 0;
    }
    para_end(&fb);
    if (fb.out.failed || t->flat_map.failed)
        goto nomem;
    t->flat = pl_buf_detach(&fb.out, &t->flat_len);
    t->paras = fb.paras;
    t->nparas = fb.n;
    if (!t->flat)
        goto nomem;
    return 0;
nomem:
    pl_buf_free(&fb.out);
    free(fb.paras);
    pl_error_set(err, PL_ERR_NOMEM, t->name, NULL, "out of memory");
    return -1;
}

/* ---- stage 5: key ------------------------------------------------------- */

/* Longest word the tone rule looks at; longer letter runs (not words) are
 * lower-cased only.  Vietnamese syllables have at most 7 letters. */
#define PL_TONE_WORD_MAX 16

/* The words of the key text are split once, here, and what the word
 * checks need of them is kept (rather than the words: a list of spans
 * would take more memory than the text):
 *   the tone style of each word (style-mixed): counted, with the first
 *     word of each style;
 *   the same one to PL_REPEAT_MAX_WORDS words twice in a row with only
 *     spaces between ("công tác công tác": duplicate-word).
 * A word is a run of letters; one of more than PL_TONE_WORD_MAX is not a
 * syllable and has no style. */
/* The ring holds the paragraph's last 2 * PL_REPEAT_MAX_WORDS words or
 * more: a power of two, so that indexing it is a mask. */
#define PL_REPEAT_RING 8

typedef struct key_word {
    uint64_t fp;      /* word_fp: equal words have equal ones */
    size_t s, e, ncp; /* key offsets, code points */
    int spaced;       /* only spaces between it and the word before */
} key_word;

/* A word's fingerprint: its first eight bytes or fewer and its length.
 * The repeat test compares these first, and the words only where they
 * agree.  key[ks + 8) lies in the key's buffer (the key pass keeps room
 * past the word); bytes past the word are masked off. */
static inline uint64_t word_fp(const char *key, size_t ks, size_t len)
{
    uint64_t v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* the word's bytes are the low ones of the 8 loaded (the buffer has
     * room past the word: key_room); the mask drops what follows it */
    memcpy(&v, key + ks, 8);
    if (len < 8)
        v &= ((uint64_t)1 << (8 * len)) - 1;
#else
    /* elsewhere the low bytes would be the ones after the word */
    memcpy(&v, key + ks, len < 8 ? len : 8);
#endif
    return v + (uint64_t)len * 0x9E3779B97F4A7C15ull;
}

typedef struct word_pass {
    pl_text *t;                /* NULL: a phrase's key, nothing is kept */
    key_word ring[PL_REPEAT_RING]; /* the paragraph's last words */
    size_t count;              /* words of the paragraph so far */
    size_t gap_end;            /* key offset after the last word */
    int failed;
} word_pass;

/* The k-th most recent word of the paragraph (0: the newest). */
static const key_word *recent(const word_pass *wp, size_t k)
{
    return &wp->ring[(wp->count - 1 - k) & (PL_REPEAT_RING - 1)];
}

/* Do the last n words repeat the n before them (the paragraph has at
 * least 2n words)?  A lone letter twice is a list letter or an initial,
 * not a slip. */
static int repeats(const word_pass *wp, const char *key, size_t n)
{
    size_t cps = 0;
    for (size_t k = 0; k < n; k++) {
        const key_word *x = recent(wp, k), *y = recent(wp, k + n);
        if (x->e - x->s != y->e - y->s || memcmp(key + x->s, key + y->s, x->e - x->s))
            return 0;
        cps += x->ncp;
    }
    for (size_t k = 0; k < 2 * n - 1; k++)
        if (!recent(wp, k)->spaced)
            return 0;
    return cps > 1;
}

static void add_repeat(word_pass *wp, size_t a, size_t b)
{
    pl_text *t = wp->t;
    /* doubling: a text of one word repeated (a million "trẻ em") records a
     * repeat per word, and growing by a fixed step copies quadratically */
    if (PL_ARRAY_RESERVE(t->repeats, t->repeats_cap, t->nrepeats + 1) != 0) {
        wp->failed = 1;
        return;
    }
    t->repeats[t->nrepeats].a = a;
    t->repeats[t->nrepeats].b = b;
    t->nrepeats++;
}

/* A word of the key text ended: key[ks..ke), its style, flat[fs..fe).
 * Inlined into the key pass (once a word; as a call, its prologue and
 * epilogue were a third of its cost). */
#if defined(__GNUC__)
#define WORD_DONE_INLINE inline __attribute__((always_inline))
#else
#define WORD_DONE_INLINE inline
#endif
/* The newest word's fingerprint is that of a word one to
 * PL_REPEAT_MAX_WORDS before it (perhaps one of an earlier paragraph, or
 * by chance): do the last n words repeat the n before them? */
static void repeat_test(word_pass *wp, const char *key, size_t ke, uint64_t fp)
{
    size_t count = wp->count;
    for (size_t n = PL_REPEAT_MAX_WORDS; n >= 1; n--) {
        if (count < 2 * n || wp->ring[(count - 1 - n) & (PL_REPEAT_RING - 1)].fp != fp)
            continue;
        if (repeats(wp, key, n)) {
            add_repeat(wp, recent(wp, 2 * n - 1)->s, ke);
            break;
        }
    }
}

static WORD_DONE_INLINE void word_done(word_pass *wp, const char *key, size_t ks, size_t ke, size_t ncp,
                             int style, size_t fs, size_t fe)
{
    if (style > 0 && wp->t->styles[style].count++ == 0) {
        wp->t->styles[style].first = fs;
        wp->t->styles[style].first_end = fe;
    }
    /* The gap since the last word, key[ge..ks), non-letters copied as
     * they are: one space (most gaps), other spaces, or anything else;
     * a line end in it ends the paragraph, and repeats do not cross it. */
    size_t count = wp->count, ge = wp->gap_end;
    int spaced = 1;
    if (ks != ge + 1 || key[ge] != ' ') {
        for (size_t b = ge; b < ks; b++)
            if (key[b] != ' ') {
                spaced = 0;
                /* a gap is a few bytes (", "): a loop, not a call */
                for (size_t q = b; q < ks; q++)
                    if (key[q] == '\n') {
                        count = 0;
                        break;
                    }
                break;
            }
        spaced &= ks > ge;
    }
    uint64_t fp = word_fp(key, ks, ke - ks);
    key_word *ring = wp->ring, *cur = &ring[count & (PL_REPEAT_RING - 1)];
    cur->fp = fp;
    cur->s = ks;
    cur->e = ke;
    cur->ncp = ncp;
    cur->spaced = spaced & (count > 0);
    wp->count = ++count;
    wp->gap_end = ke;
    /* n words repeat only if the newest is the one n before it: that
     * test, on the fingerprints, turns almost every word away (n = 1..3,
     * the n repeat_test tries) */
    _Static_assert(PL_REPEAT_MAX_WORDS == 3, "word_done tests n = 1..3 only");
    if (ring[(count - 2) & (PL_REPEAT_RING - 1)].fp == fp ||
        ring[(count - 3) & (PL_REPEAT_RING - 1)].fp == fp ||
        ring[(count - 4) & (PL_REPEAT_RING - 1)].fp == fp)
        repeat_test(wp, key, ke, fp);
}

/* What the key pass needs of a code point of the Latin blocks and of
 * Latin Extended Additional (every Vietnamese letter): whether it is a
 * letter, its lower case as UTF-8 (letters; others as they are), and its
 * plain vowel for the tone rule (pl_tone_plain).  Filled once from
 * pl_is_letter and pl_lower, so the answers are utf8proc's by
 * construction; other code points ask utf8proc each time. */
typedef struct key_cp {
    char lower[4]; /* copied four bytes at once; len of them count */
    unsigned char letter, len;
    char plain;
    char pad;
} key_cp;

#define KEY_LO_END 0x250
#define KEY_HI_FIRST 0x1E00
#define KEY_HI_END 0x1F00
static key_cp key_lo[KEY_LO_END], key_hi[KEY_HI_END - KEY_HI_FIRST];
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void key_fill(key_cp *e, int32_t cp)
{
    e->letter = pl_is_letter(cp) != 0;
    e->len = (unsigned char)pl_utf8_encode(e->letter ? pl_lower(cp) : cp, e->lower);
    e->plain = (char)pl_tone_plain(cp);
}

static void key_init(void)
{
    for (int32_t cp = 0; cp < KEY_LO_END; cp++)
        key_fill(&key_lo[cp], cp);
    for (int32_t cp = KEY_HI_FIRST; cp < KEY_HI_END; cp++)
        key_fill(&key_hi[cp - KEY_HI_FIRST], cp);
}

static const key_cp *key_entry(int32_t cp)
{
    if (cp < KEY_LO_END)
        return &key_lo[cp];
    if (cp >= KEY_HI_FIRST && cp < KEY_HI_END)
        return &key_hi[cp - KEY_HI_FIRST];
    return NULL;
}

/* The key pass writes straight into `out`.  The map gets an anchor only
 * where the key's offset stops following flat's (delta: out - src of its
 * last anchor): the anchors that offering every character would leave. */
#define KEY_NO_DELTA ((size_t)-1 / 2 + 1)
#define KEY_ROOM 96 /* bytes kept free in out: a chunk rewritten, a character */

typedef struct key_pass {
    const char *s;
    size_t n;
    pl_buf *out;
    pl_omap *map;
    size_t delta;
    /* the chunk of letters being written: at most PL_TONE_WORD_MAX + 1
     * letters of one run (a longer run is not a word) */
    size_t ck, c_out, c_src, c_mapn;
    int c_src_wide, c_out_wide; /* any letter of more than one byte */
} key_pass;

static size_t map_delta(const pl_omap *m)
{
    return m->n > 0 ? m->a[m->n - 1].out - m->a[m->n - 1].src : KEY_NO_DELTA;
}

static inline void key_anchor(key_pass *kp, size_t o, size_t src)
{
    if (kp->map && o - src != kp->delta) {
        pl_omap_add(kp->map, o, src);
        kp->delta = o - src;
    }
}

/* Start of the character that ends s[..e) (e > 0). */
static size_t char_before(const char *s, size_t e)
{
    size_t k = e - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* The plain vowel (pl_tone_plain) of the key-form letter at out[j..). */
static char plain_at(const pl_buf *out, size_t j)
{
    unsigned char c = (unsigned char)out->data[j];
    if (c < 0x80)
        return (char)pl_tone_plain(c);
    int32_t cp;
    if (pl_utf8_next(out->data, out->len, j, &cp) < 0)
        return 0;
    const key_cp *e = key_entry(cp);
    return e ? e->plain : 0;
}

/* Can a word ending in plain vowels pa, pb show a tone style?  Only
 * o+a, o+e and u+y ("hoà"/"hòa", "thuỷ"/"thủy") place the mark by style. */
static inline int style_pair(char pa, char pb)
{
    return (pa == 'o' && (pb == 'a' || pb == 'e')) || (pa == 'u' && pb == 'y');
}

/* The chunk is complete: as offering each of its characters would have
 * done, except that a chunk all ASCII in key form has one anchor (one
 * byte in, one out), and a word in the new tone style is rewritten in
 * the old one.  Returns the chunk's tone style. */
static int chunk_end(key_pass *kp)
{
    pl_buf *out = kp->out;
    size_t n = kp->ck;
    if (!kp->c_out_wide) {
        if (kp->c_src_wide && kp->map) { /* "K" (Kelvin) -> "k" */
            kp->map->n = kp->c_mapn;
            pl_omap_add(kp->map, kp->c_out, kp->c_src);
            kp->delta = map_delta(kp->map);
        }
        return 0;
    }
    if (n > PL_TONE_WORD_MAX || n < 2 || out->failed)
        return 0;
    /* a style needs o+a, o+e or u+y at the end: the last letter first */
    size_t last = char_before(out->data, out->len);
    char pb = plain_at(out, last);
    if (pb != 'a' && pb != 'e' && pb != 'y')
        return 0;
    char pa = plain_at(out, char_before(out->data, last));
    if (!style_pair(pa, pb))
        return 0;
    int32_t w[PL_TONE_WORD_MAX];
    size_t m = 0;
    for (size_t j = kp->c_out; j < out->len && m < n;) {
        int k = pl_utf8_next(out->data, out->len, j, &w[m++]);
        j += k > 0 ? (size_t)k : 1;
    }
    if (m != n)
        return 0;
    int style = pl_tone_style_of(w, n);
    if (style != 2) /* only the new style moves */
        return style;
    pl_tone_old_style(w, n);
    out->len = kp->c_out;
    if (kp->map) {
        kp->map->n = kp->c_mapn;
        kp->delta = map_delta(kp->map);
    }
    size_t src = kp->c_src;
    for (size_t q = 0; q < n; q++) {
        size_t o = out->len, sl = char_len(kp->s, kp->n, src);
        key_anchor(kp, o, src);
        size_t ll = pl_utf8_encode(w[q], out->data + o);
        out->len += ll;
        /* the mark moved onto a letter of one byte ("thuỷ" -> "thủy"):
         * its last bytes map to its own last source byte, so that the
         * map never goes back (the run would pass the next letter's
         * source offset, omap.h) */
        for (size_t j = sl; j + 1 < ll; j++)
            key_anchor(kp, o + j, src + sl - 1);
        src += sl;
    }
    out->data[out->len] = '\0';
    return style;
}

static int ascii_letter(unsigned char c) { return (unsigned)((c | 32) - 'a') < 26u; }

/* Is s[i..) a letter?  *cp, *k, *e: the code point, its length and its
 * table entry (NULL when it has none).  -1 when s[i..) is not UTF-8. */
static int letter_at(const char *s, size_t n, size_t i, int32_t *cp, int *k, const key_cp **e)
{
    unsigned char c = (unsigned char)s[i];
    *e = NULL;
    if (c < 0x80) {
        *cp = c;
        *k = 1;
        return ascii_letter(c);
    }
    *k = pl_utf8_next(s, n, i, cp);
    if (*k < 0)
        return -1;
    *e = key_entry(*cp);
    return *e ? (*e)->letter : pl_is_letter(*cp);
}

/* The run of letters at s[i..) chunk by chunk: a run of more than
 * PL_TONE_WORD_MAX + 1 letters is not a word, and is written in chunks
 * of PL_TONE_WORD_MAX + 1, the last one, if short enough, read as a
 * word.  *i moves past the run.  Returns 0, 1 when the text stops being
 * UTF-8, -1 when out of memory. */
static int key_run_chunked(key_pass *kp, word_pass *wp, size_t *ip)
{
    const char *s = kp->s;
    size_t n = kp->n, i = *ip;
    pl_buf *out = kp->out;
    size_t run = 0, run_key = out->len, run_flat = i;
    int failed = 0, style = 0;
    kp->ck = 0;
    for (;;) {
        int32_t cp;
        int k;
        const key_cp *e;
        int letter = letter_at(s, n, i, &cp, &k, &e);
        if (letter < 0)
            failed = 1;
        if (letter <= 0)
            break;
        if (out->len + KEY_ROOM > out->cap && pl_buf_grow(out, KEY_ROOM) != 0)
            return -1;
        if (kp->ck == PL_TONE_WORD_MAX + 1) { /* not a word: as it is */
            chunk_end(kp);
            kp->ck = 0;
        }
        if (kp->ck == 0) {
            kp->c_out = out->len;
            kp->c_src = i;
            kp->c_mapn = kp->map ? kp->map->n : 0;
            kp->c_src_wide = kp->c_out_wide = 0;
        }
        key_anchor(kp, out->len, i);
        char buf[4];
        size_t ll;
        const char *low = buf;
        if (e) {
            low = e->lower;
            ll = e->len;
        } else {
            ll = pl_utf8_encode(pl_lower(cp), buf);
        }
        memcpy(out->data + out->len, low, ll);
        out->len += ll;
        kp->ck++;
        kp->c_src_wide |= k > 1;
        kp->c_out_wide |= ll > 1;
        run++;
        i += (size_t)k;
        if (i >= n)
            break;
    }
    if (kp->ck > 0)
        style = chunk_end(kp);
    *ip = i;
    if (failed)
        return 1;
    if (wp && !out->failed)
        word_done(wp, out->data, run_key, out->len, run, run == kp->ck ? style : 0, run_flat, i);
    return 0;
}

/* The bytes of ASCII for the key pass: whether a byte is copied as it is
 * in the gap between two words (key_gap: ASCII but letters and NUL, which
 * ends the text at s[n]) and the key form of an ASCII letter (key_ascii,
 * 0 for any other byte). */
static unsigned char key_gap[256], key_ascii[256];
static pthread_once_t key_bytes_once = PTHREAD_ONCE_INIT;

static void key_bytes_init(void)
{
    for (unsigned c = 0; c < 256; c++) {
        int letter = ascii_letter((unsigned char)c);
        key_gap[c] = c > 0 && c < 0x80 && !letter;
        key_ascii[c] = c < 0x80 && letter ? (unsigned char)(c | 32) : 0;
    }
}

/* The plain vowel (pl_tone_plain) of the key-form letter that ends
 * key[..e), and in *b where it starts. */
static inline char plain_before(const char *key, size_t e, size_t *b)
{
    unsigned char c = (unsigned char)key[e - 1];
    if (c < 0x80) {
        *b = e - 1;
        return (char)c; /* a lower-case letter: only a, e, o, u, y count */
    }
    size_t k = char_before(key, e);
    *b = k;
    int32_t cp;
    if (pl_utf8_next(key, e, k, &cp) < 0)
        return 0;
    const key_cp *en = key_entry(cp);
    return en ? en->plain : 0;
}

/* Can the word key[a..e), in key form, of two letters or more, show a
 * tone style: does it end in o+a, o+e or u+y by plain vowels? */
static inline int may_show_style(const char *key, size_t a, size_t e)
{
    size_t last, prev;
    char pb = plain_before(key, e, &last);
    if (pb != 'a' && pb != 'e' && pb != 'y')
        return 0;
    return last > a && style_pair(plain_before(key, last, &prev), pb);
}

/* Room in out for the rest of the text: a letter's key form is no longer
 * than the letter but for a few (U+023A "Ⱥ", two bytes, is "ⱥ", three),
 * so the key of s[i..n) fits in n - i bytes and KEY_ROOM more, which is
 * asked where a letter grows, not at every letter. */
static inline int key_room(pl_buf *out, size_t rest)
{
    if (out->cap - out->len > rest + KEY_ROOM)
        return 0;
    return pl_buf_grow(out, rest + KEY_ROOM);
}

/* The anchors of the map before the word that starts at key offset
 * run_key: the key pass offers none at a word's start, so those added
 * since are past it. */
static size_t key_word_anchors(const key_pass *kp, size_t run_key)
{
    if (!kp->map)
        return 0;
    size_t m = kp->map->n;
    while (m > 0 && kp->map->a[m - 1].out > run_key)
        m--;
    return m;
}

/* Drop the anchors of the word at run_key, to write it again. */
static void key_drop_word(key_pass *kp, size_t run_key)
{
    if (kp->map) {
        kp->map->n = key_word_anchors(kp, run_key);
        kp->delta = map_delta(kp->map);
    }
}

/* A letter's key form took another number of bytes than the letter, out
 * now ending at ol and the text going on at s[i]: the next character
 * gets an anchor (offered here; what follows would offer the same), and
 * where the key grew, room for the rest.  The buffer's data, NULL when
 * out of memory. */
static char *key_delta_changed(key_pass *kp, size_t ol, size_t i)
{
    if (i < kp->n)
        key_anchor(kp, ol, i);
    kp->out->len = ol;
    if (key_room(kp->out, kp->n - i) != 0)
        return NULL;
    return kp->out->data;
}

/* s[0..n) in key form onto out: letters lower case, words in the old tone
 * style, everything else as it is; map (NULL: none) gets the anchors, wp
 * (NULL: none) what the word checks need.  s[n] must be NUL (flat and a
 * pl_buf are C strings): it ends the loops without a test of i.
 *
 * One loop over the text, driven by tables: the class and key form of an
 * ASCII byte (key_gap, key_ascii), the key form, letter class and plain
 * vowel of a longer code point (key_entry).  A run of ASCII letters is
 * copied in a loop of one table lookup and one test.  The output has room for the rest of the text (key_room), so the loops do
 * not test it.  A run of letters longer than a word (PL_TONE_WORD_MAX + 1)
 * is written again by key_run_chunked; a word that may show a tone style
 * (it ends in o+a, o+e or u+y) is looked at by chunk_end. */
static void fold_key(const char *s, size_t n, pl_buf *out, pl_omap *map, word_pass *wp)
{
    pthread_once(&key_once, key_init);
    pthread_once(&key_bytes_once, key_bytes_init);
    if (key_room(out, n) != 0)
        return;
    key_pass kp = {s, n, out, map, map ? map_delta(map) : KEY_NO_DELTA, 0, 0, 0, 0, 0, 0};
    const unsigned char *u = (const unsigned char *)s;
    char *od = out->data;
    size_t ol = out->len, i = 0;
    /* Anchors: a character whose key form is as long as it keeps the
     * delta, and so does every copy of non-letters; the delta changes
     * only at a letter of another length and where chunk_end or
     * key_run_chunked rewrote a word, so the next character's anchor is
     * offered there, and at the start, and nowhere else. */
    if (n > 0)
        key_anchor(&kp, ol, 0);
    unsigned c = u[0];
    while (i < n) {
        if (key_gap[c]) {
            /* ASCII that is not a letter: copied as it is, up to the
             * next letter, longer character or NUL (word_done reads
             * the gap again) */
            do {
                od[ol++] = (char)c;
                c = u[++i];
            } while (key_gap[c]);
            continue;
        }
        /* a run of letters: ASCII letters in the inner loop, the others
         * one by one.  extra counts the bytes beyond one of each letter,
         * so the run's letters are its bytes less extra; a letter of more
         * than one byte was read when extra > 0, and one is written when
         * the key's bytes are more than the letters. */
        size_t run_key = ol, run_flat = i, extra = 0;
        int k = 1;
        for (;;) {
            unsigned char l;
            while ((l = key_ascii[c]) != 0) {
                od[ol++] = (char)l;
                c = u[++i];
            }
            if (c < 0x80)
                break; /* a byte that is no letter, or the NUL at s[n] */
            /* the letters of the tables' two blocks read straight from
             * their bytes: two bytes C2-C9 below U+0250 and E1 B8-BB
             * (U+1E00-U+1EFF), with UTF-8's checks (s[i + 1] is there,
             * s[n] being NUL, and s[i + 2] when s[i + 1] continues);
             * any other character decoded */
            const key_cp *e;
            int32_t cp = 0;
            unsigned c1 = u[i + 1], x = ((c & 0x1Fu) << 6) | (c1 & 0x3Fu);
            if (c - 0xC2u < 8u && (c1 & 0xC0) == 0x80 && x < KEY_LO_END) {
                e = &key_lo[x];
                k = 2;
            } else if (c == 0xE1 && (c1 & 0xFC) == 0xB8 && (u[i + 2] & 0xC0) == 0x80) {
                e = &key_hi[((c1 & 3u) << 6) | (u[i + 2] & 0x3Fu)];
                k = 3;
            } else {
                k = pl_utf8_next(s, n, i, &cp);
                if (k < 0)
                    break;
                e = key_entry(cp);
            }
            size_t ll;
            if (e) {
                if (!e->letter)
                    break;
                memcpy(od + ol, e->lower, 4); /* room: KEY_ROOM */
                ll = e->len;
            } else {
                if (!pl_is_letter(cp))
                    break;
                ll = pl_utf8_encode(pl_lower(cp), od + ol);
            }
            ol += ll;
            extra += (size_t)k - 1;
            i += (size_t)k;
            if (ll != (size_t)k && !(od = key_delta_changed(&kp, ol, i)))
                return; /* out of memory */
            c = u[i];
        }
        if (ol == run_key) { /* no letter */
            if (k < 0)
                break; /* not UTF-8: no more */
            /* a character beyond ASCII that is no letter, or a NUL in
             * the text (never in flat): copied as it is */
            memcpy(od + ol, s + i, (size_t)k); /* k is 1 for the NUL */
            ol += (size_t)k;
            i += (size_t)k;
            c = u[i];
            continue;
        }
        size_t run = i - run_flat - extra;
        out->len = ol;
        if (run > PL_TONE_WORD_MAX + 1) { /* not a word: again, in chunks */
            key_drop_word(&kp, run_key);
            out->len = run_key;
            i = run_flat;
            int r = key_run_chunked(&kp, wp, &i);
            if (r < 0 || key_room(out, n - i) != 0)
                return;
            od = out->data;
            ol = out->len;
            if (i < n)
                key_anchor(&kp, ol, i);
            if (r > 0)
                break;
            c = u[i];
            continue;
        }
        int style = 0;
        /* chunk_end's work, where there is some: a word with a letter
         * of more than one byte that is ASCII in key form, or one that
         * can show a tone style */
        if (extra > 0 && (ol - run_key == run || (run >= 2 && run <= PL_TONE_WORD_MAX &&
                                                   may_show_style(od, run_key, ol)))) {
            kp.ck = run;
            kp.c_out = run_key;
            kp.c_src = run_flat;
            kp.c_mapn = key_word_anchors(&kp, run_key);
            kp.c_src_wide = 1;
            kp.c_out_wide = ol - run_key != run;
            style = chunk_end(&kp);
            ol = out->len; /* a moved mark may shorten the word */
            if (i < n)
                key_anchor(&kp, ol, i);
        }
        if (k < 0) /* not UTF-8: the letters so far, and no more */
            break;
        if (wp)
            word_done(wp, od, run_key, ol, run, style, run_flat, i);
    }
    out->len = ol;
    od[ol] = '\0';
}

static int build_key(pl_text *t, pl_error *err)
{
    pl_buf out = PL_BUF_INIT;
    pl_buf_grow(&out, t->flat_len + t->flat_len / 16); /* lower case rarely grows */
    word_pass wp;
    memset(&wp, 0, sizeof wp);
    wp.t = t;
    fold_key(t->flat, t->flat_len, &out, &t->key_map, &wp);
    if (out.failed || t->key_map.failed || wp.failed) {
        pl_buf_free(&out);
        pl_error_set(err, PL_ERR_NOMEM, t->name, NULL, "out of memory");
        return -1;
    }
    t->key = pl_buf_detach(&out, &t->key_len);
    if (!t->key) {
        pl_error_set(err, PL_ERR_NOMEM, t->name, NULL, "out of memory");
        return -1;
    }
    for (size_t p = 0; p < t->nparas; p++) {
        t->paras[p].key_start = pl_text_flat_to_key(t, t->paras[p].flat_start);
        t->paras[p].key_end = pl_text_flat_to_key(t, t->paras[p].flat_end);
    }
    return 0;
}

/* ---- sentences ---------------------------------------------------------- */

/* Is flat[w..dot) a short abbreviation in capitals ("TP", "Q"): at most
 * three bytes, a capital and no small letter, not ending in a digit?  A
 * number ("2", "0%") is not one: its stop ends the sentence. */
static int short_capitals(const char *flat, size_t w, size_t dot)
{
    if (dot - w > 3 || (dot > w && flat[dot - 1] >= '0' && flat[dot - 1] <= '9'))
        return 0;
    int upper = 0;
    for (size_t i = w; i < dot;) {
        int32_t cp;
        int k = pl_utf8_next(flat, dot, i, &cp);
        if (k < 0 || pl_is_lower(cp))
            return 0;
        upper |= pl_is_upper(cp);
        i += (size_t)k;
    }
    return upper;
}

int pl_text_sentence_end_at(const pl_text *t, size_t dot, size_t para_start)
{
    char c = t->flat[dot];
    if ((c != '.' && c != '!' && c != '?') || dot + 2 >= t->flat_len || t->flat[dot + 1] != ' ')
        return 0;
    int32_t next;
    if (pl_utf8_next(t->flat, t->flat_len, dot + 2, &next) < 0 ||
        !(pl_is_upper(next) || pl_is_digit(next)))
        return 0;
    size_t w = dot;
    while (w > para_start && t->flat[w - 1] != ' ')
        w--;
    return !(c == '.' && short_capitals(t->flat, w, dot));
}

/* ---- a phrase's key ----------------------------------------------------- */

char *pl_text_key_of(const char *s, size_t n, size_t *key_len)
{
    pl_buf nfc = PL_BUF_INIT, flat = PL_BUF_INIT, key = PL_BUF_INIT;
    pl_omap map = PL_OMAP_INIT; /* not needed; pl_nfc_append fills one */
    char *out = NULL;
    if (pl_nfc_append(s, n, 0, &nfc, &map) != 0)
        goto done;
    /* the flat stage's blanks: a run is one space, none at either end */
    int space = 0;
    for (size_t i = 0; i < nfc.len;) {
        int32_t cp;
        int k = pl_utf8_next(nfc.data, nfc.len, i, &cp);
        if (k < 0)
            goto done;
        if (is_blank_cp(cp)) {
            space = flat.len > 0;
        } else {
            if (space)
                pl_buf_putc(&flat, ' ');
            space = 0;
            pl_buf_put(&flat, nfc.data + i, (size_t)k);
        }
        i += (size_t)k;
    }
    fold_key(flat.data ? flat.data : "", flat.len, &key, NULL, NULL);
    if (!flat.failed && !key.failed)
        out = pl_buf_detach(&key, key_len);
done:
    pl_omap_free(&map);
    pl_buf_free(&nfc);
    pl_buf_free(&flat);
    pl_buf_free(&key);
    return out;
}

/* ---- driver ------------------------------------------------------------- */

int pl_text_init(pl_text *t, const char *name, const void *bytes, size_t len, pl_error *err)
{
    return pl_text_init_opt(t, name, bytes, len, NULL, err);
}

int pl_text_init_opt(pl_text *t, const char *name, const void *bytes, size_t len,
                     const pl_parse_options *opt, pl_error *err)
{
    unsigned char *copy = malloc(len + 1);
    if (!copy) {
        memset(t, 0, sizeof *t);
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        return -1;
    }
    if (len)
        memcpy(copy, bytes, len);
    copy[len] = 0;
    return pl_text_init_take(t, name, copy, len, opt, err);
}

int pl_text_init_take(pl_text *t, const char *name, unsigned char *bytes, size_t len,
                      const pl_parse_options *opt, pl_error *err)
{
    memset(t, 0, sizeof *t);
    t->bytes = bytes;
    t->nbytes = len;
    t->name = strdup(name ? name : "-");
    t->colcache = malloc(sizeof *t->colcache);
    if (!t->name || !t->colcache) {
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        pl_text_free(t);
        return -1;
    }
    t->colcache->line = SIZE_MAX;
    if (decode(t, opt, err) != 0 || normalise(t, err) != 0 || split_lines(t, err) != 0 ||
        build_flat(t, err) != 0 || build_key(t, err) != 0) {
        pl_text_free(t);
        return -1;
    }
    return 0;
}

void pl_text_free(pl_text *t)
{
    free(t->name);
    free(t->bytes);
    free(t->utf8);
    pl_omap_free(&t->utf8_map);
    free(t->line_starts);
    if (t->nfc != t->utf8)
        free(t->nfc);
    pl_omap_free(&t->nfc_map);
    free(t->lines);
    free(t->flat);
    pl_omap_free(&t->flat_map);
    free(t->key);
    pl_omap_free(&t->key_map);
    free(t->paras);
    free(t->repeats);
    pl_input_info_free(t->input);
    free(t->colcache);
    memset(t, 0, sizeof *t);
}
