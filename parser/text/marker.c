#include "marker.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "re.h"
#include "text.h"
#include "tone.h"
#include "uni.h"
#include "vocab.h"

enum {
    M_ROMAN, M_NESTED, M_ARABIC, M_LETTER, M_UPPER, M_ARTICLE, M_OBJECTIVE, M_PART, M_BULLET, M_COUNT
};

static pl_re *pats[M_COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;
/* The capitals a marker word may start with (its lower case letters and
 * anything beyond ASCII may start a marker anyway: may_start). */
static unsigned char word_capitals[128];
/* The longest key of a document type, for the type-name line. */
static size_t types_max;

/* The words of the markers are data (data/vocab/sections.xml:
 * article-words, indicator-words; targets.xml: objective-words); the
 * patterns are their skeletons.  Each pattern is anchored at the line
 * start and needs text after the marker, so a lone "1." or "-" is not a
 * heading.  Roman numerals must be upper case: "I." is a heading, "i." is
 * not.  The letters of the alphabet and the bullet signs stay here. */
static const char ARTICLE[] = "^({nfc:article-words}\\s+\\d{1,3})\\s*[.:]\\s*";
/* group 2 is set for an indicator, group 3 is the number */
static const char OBJECTIVE[] =
    "^((?:({nfc:indicator-words})|{nfc:objective-words})\\s+(\\d{1,2}|[ivx]{1,4}))\\s*[:.)]\\s*";

/* "PHẦN I", "Phần 2:", "PHẦN THỨ NHẤT": the parts of a long plan, the
 * title often on the next line; group 2 is a Roman or Arabic number,
 * group 3 an ordinal (part-ordinals, with its value). */
static const char PART[] = "^({nfc:part-words}\\s+(?:([IVX]{1,4}|\\d{1,2})|({nfc:part-ordinals})))"
                           "(?![\\p{L}\\d])\\s*[.:]?\\s*";

static pl_re *vocab_pattern(const char *skeleton)
{
    char *p = pl_vocab_regex(skeleton);
    pl_re *re = p ? pl_re_must(p) : NULL;
    if (!re)
        abort(); /* out of memory at start-up */
    free(p);
    return re;
}

static void note_capitals(const char *list)
{
    const pl_vocab_list *l = pl_vocab(list);
    for (size_t i = 0; i < l->n; i++) {
        int32_t cp = 0;
        pl_utf8_next(l->v[i].key, l->v[i].key_len, 0, &cp);
        int32_t up = pl_upper(cp);
        if (up > 0 && up < 128)
            word_capitals[up] = 1;
    }
}

static void note_first(const char *list);

static void compile(void)
{
    pats[M_ROMAN] = pl_re_compile("^(X{0,3}(?:IX|IV|V?I{0,3}))\\s*[.)]\\s*(?=\\S)(?![.)])", 0,
                                  NULL, 0);
    pats[M_NESTED] = pl_re_must("^(\\d{1,2}(?:\\.\\d{1,2}){1,4})\\.?\\s+(?=\\S)");
    pats[M_ARABIC] = pl_re_must("^(\\d{1,2})\\s*[.)]\\s*(?=[^\\d\\s%.,/])");
    pats[M_LETTER] = pl_re_compile("^([a-zđ])\\s*[).]\\s+(?=\\S)", 0, NULL, 0);
    /* "A. MỤC ĐÍCH, YÊU CẦU", "B. MỤC TIÊU": parts lettered in capitals;
     * I, V and X are Roman numerals (tried first) */
    pats[M_UPPER] = pl_re_compile("^([A-HJ-UWYZĐ])\\s*[).]\\s+(?=\\S)", 0, NULL, 0);
    pats[M_ARTICLE] = vocab_pattern(ARTICLE);
    pats[M_OBJECTIVE] = vocab_pattern(OBJECTIVE);
    pats[M_PART] = vocab_pattern(PART);
    pats[M_BULLET] = pl_re_must("^([-+•·–—*◦▪])\\s*(?=\\S)(?![-+•·–—*◦▪])");
    note_capitals("article-words");
    note_capitals("indicator-words");
    note_capitals("objective-words");
    note_capitals("part-words");
    note_first("article-words");
    note_first("indicator-words");
    note_first("objective-words");
    note_first("part-words");
    const pl_vocab_list *types = pl_vocab("document-types");
    for (size_t i = 0; i < types->n; i++)
        if (types->v[i].key_len > types_max)
            types_max = types->v[i].key_len;
}

long pl_roman_value(const char *s, size_t n)
{
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        int c = s[i] & ~32;
        long d = c == 'I' ? 1 : c == 'V' ? 5 : c == 'X' ? 10 : 0;
        if (!d)
            return 0;
        long next = 0;
        if (i + 1 < n) {
            int c2 = s[i + 1] & ~32;
            next = c2 == 'I' ? 1 : c2 == 'V' ? 5 : c2 == 'X' ? 10 : 0;
        }
        v += d < next ? -d : d;
    }
    return v;
}

static void set_label(pl_marker *mk, const char *s, size_t n)
{
    if (n >= sizeof mk->label)
        n = sizeof mk->label - 1;
    memcpy(mk->label, s, n);
    mk->label[n] = '\0';
}

/* The value of an ordinal of part-ordinals ("thứ hai" -> 2), 0 if none. */
static long ordinal_value(const char *s, size_t n)
{
    size_t kn = 0;
    char *key = pl_text_key_of(s, n, &kn);
    const pl_vocab_entry *e = key ? pl_vocab_find(pl_vocab("part-ordinals"), key, kn) : NULL;
    const char *v = e ? pl_vocab_attr(e, "value") : NULL;
    free(key);
    return v ? strtol(v, NULL, 10) : 0;
}

int pl_style_is_bullet(int style)
{
    return style == PL_STYLE_DASH || style == PL_STYLE_PLUS || style == PL_STYLE_DOT;
}

static int bullet_style(const char *s)
{
    if (s[0] == '-' || (unsigned char)s[0] == 0xE2) /* - – — */
        return ((unsigned char)s[0] == 0xE2 && (unsigned char)s[2] != 0x93 &&
                (unsigned char)s[2] != 0x94)
                   ? PL_STYLE_DOT
                   : PL_STYLE_DASH;
    if (s[0] == '+')
        return PL_STYLE_PLUS;
    return PL_STYLE_DOT;
}

/* Can a marker start s[0..n)?  Read off the patterns above: a digit (any
 * byte >= 0x80 too, which covers \d's other digits under UCP, đ/Đ of
 * "Điều" and "Đ.", and the bullets • · – — ◦ ▪), a lower-case letter (the
 * letter items), I V X (Roman), the capital a marker word starts with
 * (M C of "Mục tiêu", "Chỉ tiêu"; word_capitals), - + *, and another
 * capital only before '.', ')' or a space ("B. MỤC TIÊU").  Most lines of a plan start with a capital and a
 * letter: they are turned away here instead of by eight patterns each
 * (the check runs on every line, twice). */
static int may_start(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if ((c >= '0' && c <= '9') || c >= 0x80 || (c >= 'a' && c <= 'z') || c == 'I' || c == 'V' ||
        c == 'X' || (c < 128 && word_capitals[c]) || c == '-' || c == '+' || c == '*')
        return 1;
    return c >= 'A' && c <= 'Z' && n > 1 && (s[1] == '.' || s[1] == ')' || s[1] == ' ');
}

/* Is s[0..n) written in capitals: a letter, and no lower-case one? */
static int in_capitals(const char *s, size_t n)
{
    int letters = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = pl_utf8_next(s, n, i, &cp);
        if (k < 0 || pl_is_lower(cp))
            return 0;
        letters |= pl_is_letter(cp);
        i += (size_t)k;
    }
    return letters;
}

int pl_type_name_line(const char *s, size_t n)
{
    pthread_once(&once, compile);
    /* longer than any type name (a capital has the bytes of its lower
     * case; blanks fold): most lines stop here */
    if (n > 2 * types_max || !in_capitals(s, n))
        return 0;
    size_t kn = 0;
    char *key = pl_text_key_of(s, n, &kn);
    int found = key && pl_vocab_find(pl_vocab("document-types"), key, kn) != NULL;
    free(key);
    return found;
}

/* ---- the patterns without words: cheap tests before PCRE2 ---------------
 *
 * ROMAN, NESTED, ARABIC, LETTER, UPPER and BULLET are tried on every line
 * start that may_start lets through, and most such lines are none of them:
 * a capital and a letter ("Tăng", "Phấn"), a digit of a figure.  Each has
 * a test of its first one or two characters, read off its pattern, that
 * says "cannot match" without running it; where it cannot say, PCRE2
 * answers (the patterns stay the only definition of a marker).  A test
 * that said no from the bytes of s[0..n) alone says it for any text that
 * goes on from s (a paragraph whose first line s is): *touched stays 0.
 * tests/test_structure.c compares the answers with and without the tests
 * over random lines and every code point in each place a test reads. */
/* the tests off (pl_marker_parse_re): every pattern by PCRE2, for the tests */
static _Thread_local int pretests_off;

/* Is cp surely no decimal digit (\d under UCP)?  ASCII but 0-9; below
 * U+0660 (the first digit beyond ASCII), Latin Extended Additional to
 * Miscellaneous Symbols and Arrows, CJK punctuation: no Nd there. */
static int surely_no_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp < '0' || cp > '9';
    return cp < 0x660 || (cp >= 0x1E00 && cp < 0x2C00) || (cp >= 0x3000 && cp < 0x3040);
}

static int small_letter(int32_t cp) { return (cp >= 'a' && cp <= 'z') || cp == 0x111; /* đ */ }

/* A-H, J-U, W, Y, Z and Đ: I, V and X are Roman numerals */
static int part_letter(int32_t cp)
{
    return (cp >= 'A' && cp <= 'Z' && cp != 'I' && cp != 'V' && cp != 'X') || cp == 0x110;
}

static int bullet_cp(int32_t cp)
{
    return cp == '-' || cp == '+' || cp == 0x2022 || cp == 0xB7 || cp == 0x2013 ||
           cp == 0x2014 || cp == '*' || cp == 0x25E6 || cp == 0x25AA;
}

/* Could the byte at s[i] be where \s*[.)] of LETTER and UPPER goes on
 * after their letter: a stop, a bracket, an ASCII space or the first
 * byte of a wider character (PCRE2's spaces beyond ASCII)?  At the end of
 * s the line cannot say (*touched). */
static int stop_may_follow(const char *s, size_t n, size_t i, int *touched)
{
    if (i >= n) {
        *touched = 1;
        return 1;
    }
    unsigned char c = (unsigned char)s[i];
    return c == '.' || c == ')' || c == ' ' || (c >= 0x09 && c <= 0x0D) || c >= 0x80;
}

/* NESTED, ^(\d{1,2}(?:\.\d{1,2}){1,4}), after an ASCII digit: one or
 * two digits, a stop and what may be a digit ("1. Mục tiêu" is no nested
 * number).  A byte beyond ASCII where a digit may stand cannot say. */
static int may_nest(const char *s, size_t n, int *touched)
{
    size_t i = 1; /* past the first digit */
    if (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    for (int want_stop = 1; want_stop >= 0; want_stop--, i++) {
        if (i >= n) {
            *touched = 1;
            return 1;
        }
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return 1;
        if (want_stop ? c != '.' : c < '0' || c > '9')
            return 0;
    }
    return 1;
}

/* Can pattern `which` match at s[0..n)?  0 only when it surely cannot. */
static int may_match(int which, const char *s, size_t n, int *touched)
{
    int32_t cp;
    int k = pl_utf8_next(s, n, 0, &cp);
    if (k <= 0)
        return 0; /* no character: none of them matches a stray byte */
    switch (which) {
    case M_ROMAN: /* a numeral of at least one letter */
        return cp == 'I' || cp == 'V' || cp == 'X';
    case M_NESTED:
        return !surely_no_digit(cp) && (cp >= 0x80 || may_nest(s, n, touched));
    case M_ARABIC:
        return !surely_no_digit(cp);
    case M_LETTER:
        return small_letter(cp) && stop_may_follow(s, n, (size_t)k, touched);
    case M_UPPER:
        return part_letter(cp) && stop_may_follow(s, n, (size_t)k, touched);
    case M_BULLET:
        return bullet_cp(cp);
    default:
        return 1;
    }
}

/* Pattern `which` at s[0..n), PCRE2 behind its test.  *touched: whether
 * the answer may change when s[0..n) goes on. */
static int try_at(int which, const char *s, size_t n, pl_match *m, int *touched)
{
    if (!pretests_off && !may_match(which, s, n, touched))
        return 0;
    int found = pl_re_at(pats[which], s, n, 0, m);
    /* a match that ends (its lookahead read) before the end of s is the
     * same for any text s goes on into; a failure may not be */
    if (!found || m->end >= n)
        *touched = 1;
    return found;
}

/* Can a pattern of marker words (ARTICLE, OBJECTIVE, PART) match at s?
 * Their first character is caseless the first letter of a word of their
 * lists, or of its new tone style (vocab_first); another character
 * beyond Latin, or one whose lower case PCRE2 might see otherwise
 * (vocab.h, pl_vocab_firsts_may_start), runs them. */
static pl_vocab_firsts vocab_first;

static void note_first(const char *list)
{
    pl_vocab_firsts_add(&vocab_first, pl_vocab(list));
}

static int may_be_words(const char *s, size_t n)
{
    if (pretests_off || vocab_first.all)
        return 1;
    int32_t cp;
    if (pl_utf8_next(s, n, 0, &cp) <= 0)
        return 1;
    if (cp >= 0x80 && !((cp < 0x250 && cp != 0xD0 && cp != 0xF0 && cp != 0x17F && cp != 0xB5) ||
                        (cp >= 0x1E00 && cp < 0x1F00 && cp != 0x1E9E)))
        return 1; /* beyond the Latin letters the tables know */
    if (cp < 0x80 && !((cp | 32) >= 'a' && (cp | 32) <= 'z'))
        return 0; /* no word starts with a digit or a sign */
    return pl_vocab_firsts_may_start(&vocab_first, cp);
}

int pl_marker_parse(const char *s, size_t n, pl_marker *mk)
{
    int stable;
    return pl_marker_parse_line(s, n, mk, &stable);
}

int pl_marker_parse_line(const char *s, size_t n, pl_marker *mk, int *stable)
{
    pl_match m;
    size_t gs, gl;
    int touched = 0;
    memset(mk, 0, sizeof *mk);
    pthread_once(&once, compile);
    *stable = 1;
    if (n <= 1)
        *stable = 0; /* may_start reads s[1] */
    if (n == 0 || !may_start(s, n))
        return 0;
    int words = may_be_words(s, n);
    if (try_at(M_ROMAN, s, n, &m, &touched) && pl_match_group(&m, 1, &gs, &gl) && gl > 0) {
        mk->style = PL_STYLE_ROMAN;
        mk->number = pl_roman_value(s + gs, gl);
        set_label(mk, s + gs, gl);
    } else if (try_at(M_NESTED, s, n, &m, &touched) && pl_match_group(&m, 1, &gs, &gl)) {
        size_t dots = 0;
        const char *last = s + gs;
        for (size_t i = 0; i < gl; i++)
            if (s[gs + i] == '.') {
                dots++;
                last = s + gs + i + 1;
            }
        mk->style = PL_STYLE_NESTED + (int)dots - 1;
        mk->number = strtol(last, NULL, 10);
        set_label(mk, s + gs, gl);
    } else if (try_at(M_ARABIC, s, n, &m, &touched) && pl_match_group(&m, 1, &gs, &gl)) {
        mk->style = PL_STYLE_ARABIC;
        mk->number = strtol(s + gs, NULL, 10);
        set_label(mk, s + gs, gl);
    } else if (try_at(M_LETTER, s, n, &m, &touched) && pl_match_group(&m, 1, &gs, &gl)) {
        mk->style = PL_STYLE_LETTER;
        /* a b c d đ e ...: đ sorts after d in the Vietnamese alphabet */
        static const char *const order = "abcd";
        if (gl == 1 && strchr(order, s[gs]))
            mk->number = s[gs] - 'a' + 1;
        else if (gl == 2) /* đ */
            mk->number = 5;
        else
            mk->number = s[gs] - 'a' + 2;
        set_label(mk, s + gs, gl);
    } else if (try_at(M_UPPER, s, n, &m, &touched) && pl_match_group(&m, 1, &gs, &gl)) {
        mk->style = PL_STYLE_UPPER;
        /* A B C D Đ E ...: as the lower-case letters */
        if (gl == 2) /* Đ */
            mk->number = 5;
        else if (s[gs] <= 'D')
            mk->number = s[gs] - 'A' + 1;
        else
            mk->number = s[gs] - 'A' + 2;
        set_label(mk, s + gs, gl);
    } else if (words && (touched = 1, pl_re_at(pats[M_ARTICLE], s, n, 0, &m)) &&
               pl_match_group(&m, 1, &gs, &gl)) {
        mk->style = PL_STYLE_ARTICLE;
        const char *d = s + gs;
        while (d < s + gs + gl && (*d < '0' || *d > '9'))
            d++;
        mk->number = strtol(d, NULL, 10);
        set_label(mk, s + gs, gl);
    } else if (words && pl_re_at(pats[M_OBJECTIVE], s, n, 0, &m) &&
               pl_match_group(&m, 1, &gs, &gl)) {
        size_t ks, kl, ns, nl;
        int indicator = pl_match_group(&m, 2, &ks, &kl);
        pl_match_group(&m, 3, &ns, &nl);
        mk->style = indicator ? PL_STYLE_INDICATOR : PL_STYLE_OBJECTIVE;
        mk->number = (s[ns] >= '0' && s[ns] <= '9') ? strtol(s + ns, NULL, 10)
                                                    : pl_roman_value(s + ns, nl);
        if (mk->style == PL_STYLE_OBJECTIVE)
            mk->objective = (int)mk->number;
        set_label(mk, s + gs, gl);
    } else if (words && pl_re_at(pats[M_PART], s, n, 0, &m) && pl_match_group(&m, 1, &gs, &gl)) {
        size_t ns, nl;
        mk->style = PL_STYLE_PART;
        if (pl_match_group(&m, 2, &ns, &nl) && nl > 0)
            mk->number = (s[ns] >= '0' && s[ns] <= '9') ? strtol(s + ns, NULL, 10)
                                                        : pl_roman_value(s + ns, nl);
        else if (pl_match_group(&m, 3, &ns, &nl))
            mk->number = ordinal_value(s + ns, nl);
        set_label(mk, s + gs, gl);
    } else if (try_at(M_BULLET, s, n, &m, &touched) && pl_match_group(&m, 1, &gs, &gl)) {
        /* "- Mục tiêu 1: ..." in news copies: labelled by the objective,
         * placed in the tree as the dash item it is */
        size_t after = m.end;
        pl_marker inner;
        int inner_stable;
        if (may_be_words(s + after, n - after)) {
            touched = 1;
            if (pl_re_at(pats[M_OBJECTIVE], s + after, n - after, 0, &m) &&
                pl_marker_parse_line(s + after, n - after, &inner, &inner_stable)) {
                *mk = inner;
                mk->style = bullet_style(s + gs);
                mk->len += after;
                *stable = 0;
                return 1;
            }
        }
        mk->style = bullet_style(s + gs);
        set_label(mk, s + gs, gl);
    } else {
        if (touched)
            *stable = 0;
        return 0;
    }
    if (touched)
        *stable = 0;
    mk->len = m.end;
    return 1;
}

/* The patterns' own answer, for the tests: pl_marker_parse with PCRE2
 * for every pattern. */
int pl_marker_parse_re(const char *s, size_t n, pl_marker *mk)
{
    pthread_once(&once, compile);
    pretests_off = 1;
    int r = pl_marker_parse(s, n, mk);
    pretests_off = 0;
    return r;
}
