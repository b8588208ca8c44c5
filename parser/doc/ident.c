/* ident.c - document identity (ident.h): one answer to "is this the same
 * document number / the same issuer", for citations, programme
 * recognition, parents and the checker alike.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ident.h"
#include "uni.h"

/* ---- the number as printed ------------------------------------------------
 * An OCR layer may read a capital of a ký hiệu as its Cyrillic twin
 * ("ВСТ-ВТC" for "BCT-BTC"). */

/* Cyrillic letters that are drawn as Latin ones: shapes, not words. */
static const struct {
    const char *cyrillic, *latin;
} homoglyphs[] = {
    {"\u0410", "A"}, {"\u0412", "B"}, {"\u0415", "E"}, {"\u041a", "K"}, {"\u041c", "M"},
    {"\u041d", "H"}, {"\u041e", "O"}, {"\u0420", "P"}, {"\u0421", "C"}, {"\u0422", "T"},
    {"\u0423", "Y"}, {"\u0425", "X"}, {"\u0430", "a"}, {"\u0435", "e"}, {"\u043e", "o"},
    {"\u0440", "p"}, {"\u0441", "c"}, {"\u0443", "y"}, {"\u0445", "x"},
};

/* The bytes a twin starts with, read off the table once: a byte that
 * starts none (ASCII, "đ") is passed without comparing each twin at it,
 * which cost 12 000 instructions a citation number (5 M of the citations'
 * 48 M on the 2 MB sample, issue 17). */
static unsigned char twin_lead[256];
static pthread_once_t twin_once = PTHREAD_ONCE_INIT;

static void note_twin_leads(void)
{
    for (size_t k = 0; k < sizeof homoglyphs / sizeof *homoglyphs; k++)
        twin_lead[(unsigned char)homoglyphs[k].cyrillic[0]] = 1;
}

const char *pl_number_twin_at(const char *s, size_t i, size_t *len)
{
    pthread_once(&twin_once, note_twin_leads);
    if (!twin_lead[(unsigned char)s[i]])
        return NULL;
    for (size_t k = 0; k < sizeof homoglyphs / sizeof *homoglyphs; k++) {
        size_t n = strlen(homoglyphs[k].cyrillic);
        if (strncmp(s + i, homoglyphs[k].cyrillic, n) == 0) {
            *len = n;
            return homoglyphs[k].latin;
        }
    }
    return NULL;
}

void pl_number_latin(char *s)
{
    size_t j = 0, n;
    for (size_t i = 0; s[i];) {
        const char *latin = pl_number_twin_at(s, i, &n);
        if (latin) {
            s[j++] = latin[0];
            i += n;
        } else {
            s[j++] = s[i++];
        }
    }
    s[j] = '\0';
}

/* Loose form without spaces, a doubled '/' read once (a typing slip
 * that a printed number keeps: "24/2026//NQ-CP"): "782/QĐ-TTg" ->
 * "782/qd-ttg". */
static char *number_key(const char *s, char *buf, size_t cap)
{
    char *f = pl_fold_loose_into(s, strlen(s), buf, cap);
    if (!f)
        return NULL;
    size_t j = 0;
    for (size_t i = 0; f[i]; i++)
        if (f[i] != ' ' && !(f[i] == '/' && j > 0 && f[j - 1] == '/'))
            f[j++] = f[i];
    f[j] = '\0';
    return f;
}

int pl_same_number(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    /* a number is short: folded on the stack (4 000 a megabyte of plans) */
    char bx[128], by[128];
    char *x = number_key(a, bx, sizeof bx), *y = number_key(b, by, sizeof by);
    int same = x && y && strcmp(x, y) == 0;
    pl_fold_loose_done(x, bx);
    pl_fold_loose_done(y, by);
    return same;
}

/* Every `from` in f written `to` instead, in place (to is not longer). */
static void replace_all(char *f, const char *from, const char *to)
{
    size_t nf = strlen(from), nt = strlen(to);
    char *at;
    while (nf > 0 && nt <= nf && (at = strstr(f, from)) != NULL) {
        memcpy(at, to, nt);
        memmove(at + nt, at + nf, strlen(at + nf) + 1);
    }
}

/* Loose form with a committee's name written as its abbreviation ("uy ban
 * nhan dan" -> "ubnd", vocabulary list "committees"), as plans write it
 * either way, and no spaces. */
static char *issuer_key(const char *s)
{
    char *f = pl_fold_loose(s, strlen(s));
    if (!f)
        return NULL;
    const pl_vocab_list *l = pl_vocab("committees");
    for (size_t i = 0; i < l->n; i++) {
        const char *phrase = l->v[i].phrase, *name = pl_vocab_attr(&l->v[i], "name");
        if (!name)
            continue;
        char *from = pl_fold_loose(phrase, strlen(phrase)), *to = pl_fold_loose(name, strlen(name));
        if (from && to && strcmp(from, to) != 0)
            replace_all(f, from, to);
        free(from);
        free(to);
    }
    size_t j = 0;
    for (size_t i = 0; f[i]; i++)
        if (f[i] != ' ')
            f[j++] = f[i];
    f[j] = '\0';
    return f;
}

/* Same body, or one name contains the other ("UBND tỉnh" in a citation
 * that omits the province it means). */
int pl_same_issuer(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    char *x = issuer_key(a), *y = issuer_key(b);
    int same = x && y && *x && *y && (strstr(x, y) || strstr(y, x));
    free(x);
    free(y);
    return same;
}


/* ---- dates ----------------------------------------------------------------
 * The shape of a date; its words are data (day-words, month-words,
 * year-words and their OCR misreadings). */

static char *date_patterns[2];
static pthread_once_t date_once = PTHREAD_ONCE_INIT;

static void put_words(pl_buf *b, const char *list, const char *misreads)
{
    pl_buf_puts(b, "(?:");
    pl_buf_puts(b, pl_vocab_alternation(pl_vocab(list)));
    if (misreads) {
        pl_buf_putc(b, '|');
        pl_buf_puts(b, pl_vocab_alternation(pl_vocab(misreads)));
    }
    pl_buf_putc(b, ')');
}

static char *build_date(int header)
{
    const char *opt = header ? "?" : "";
    pl_buf b = PL_BUF_INIT;
    pl_buf_puts(&b, "(?:");
    pl_buf_puts(&b, pl_vocab_alternation(pl_vocab("day-words")));
    if (header) { /* a misread day word only before a month word */
        pl_buf_puts(&b, "|(?:");
        pl_buf_puts(&b, pl_vocab_alternation(pl_vocab("day-word-misreads")));
        pl_buf_puts(&b, ")(?=\\s*(?:\\d{1,2}\\s*)?");
        put_words(&b, "month-words", "month-word-misreads");
        pl_buf_putc(&b, ')');
    }
    pl_buf_puts(&b, ")\\s*(?:(\\d{1,2})\\s*([/.-])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{4})|(\\d{1,2})");
    pl_buf_puts(&b, opt);
    pl_buf_puts(&b, "\\s*");
    put_words(&b, "month-words", header ? "month-word-misreads" : NULL);
    pl_buf_puts(&b, "\\s*(\\d{1,2})");
    pl_buf_puts(&b, opt);
    pl_buf_puts(&b, "\\s*,?\\s*");
    put_words(&b, "year-words", header ? "year-word-misreads" : NULL);
    pl_buf_puts(&b, "\\s*(\\d{4}))(?!\\d)");
    return pl_buf_detach(&b, NULL);
}

static void build_dates(void)
{
    date_patterns[PL_DATE_SENTENCE] = build_date(0);
    date_patterns[PL_DATE_HEADER] = build_date(1);
}

const char *pl_doc_date_pattern(int form)
{
    pthread_once(&date_once, build_dates);
    const char *p = date_patterns[form == PL_DATE_HEADER ? PL_DATE_HEADER : PL_DATE_SENTENCE];
    return p ? p : "(?!)";
}

/* ---- document types ------------------------------------------------------ */

static const pl_vocab_list *types(void)
{
    return pl_vocab("document-types");
}

const pl_vocab_entry *pl_doctype_named(const char *key, size_t a, size_t b)
{
    return pl_vocab_find(types(), key + a, b - a);
}

const pl_vocab_entry *pl_doctype_starting(const char *key, size_t a, size_t b, size_t *after)
{
    return pl_vocab_prefix(types(), key, a, b, after);
}

/* Whether key[a..b) is `abbr` in lower case ("qđ" for "QĐ"). */
static int is_lowered(const char *key, size_t a, size_t b, const char *abbr)
{
    size_t n = strlen(abbr);
    for (size_t i = 0; i < n;) {
        int32_t cp, kc;
        int k = pl_utf8_next(abbr, n, i, &cp);
        if (k < 0 || a >= b)
            return 0;
        int kk = pl_utf8_next(key, b, a, &kc);
        if (kk < 0 || kc != pl_lower(cp))
            return 0;
        i += (size_t)k;
        a += (size_t)kk;
    }
    return a == b;
}

const pl_vocab_entry *pl_doctype_by_symbol(const char *key, size_t a, size_t b)
{
    const pl_vocab_list *l = types();
    for (size_t i = 0; i < l->n; i++)
        if (pl_doctype_kind(&l->v[i]) && is_lowered(key, a, b, pl_doctype_abbr(&l->v[i])))
            return &l->v[i];
    return NULL;
}

const char *pl_doctype_abbr(const pl_vocab_entry *type)
{
    return pl_vocab_attr(type, "abbr");
}

const char *pl_doctype_kind(const pl_vocab_entry *type)
{
    const char *numbered = pl_vocab_attr(type, "numbered");
    return numbered && strcmp(numbered, "no") == 0 ? NULL : pl_doctype_abbr(type);
}

const char *pl_doctype_words(void)
{
    return pl_vocab_alternation(types());
}
