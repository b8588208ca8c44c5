/* citations.c - the documents a plan cites.
 *
 * A citation is a type word and a number ("Kế hoạch số 81/KH-UBND"), a
 * bare number ("104/KH-TLĐ", the type then read from the ký hiệu), or a law
 * by name ("Luật Trẻ em"), optionally followed by its date ("ngày
 * 24/4/2023", "ngày 27 tháng 5 năm 2021") and its issuer ("của UBND Huyện
 * Hoằng Hóa").  The clause it stands in says how the plan relates to it:
 * "Thực hiện ..." / "Triển khai ..." (the plan implements it), "Căn cứ ..."
 * / "Trên cơ sở ..." (its legal basis), anything else a mention.  A
 * "Thực hiện" covers every document listed after it in the same sentence,
 * up to a clause with a keyword of its own:
 *   "Thực hiện Kế hoạch số 187/KH-UBND ...; Kế hoạch số 95/KH-SLĐTBXH ..."
 * The plan's own number (header "Số:", or the plan a summary describes) is
 * not a citation, nor is anything in the end block (Nơi nhận, web chrome).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "ident.h"
#include "vocab.h"
#include "re.h"
#include "uni.h"

/* ---- vocabulary ----------------------------------------------------------
 * Every word comes from the vocabulary data: document types, "số", units,
 * committees and clause openers from data/vocab/documents.xml (through
 * vocab.h and ident.h), the words around a citation from
 * data/vocab/citations.xml.  Only the shapes of a number and a date stay
 * here. */

typedef pl_vocab_entry doc_type;

#define ISSUER_MAX_WORDS 14 /* "Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn" is 11 */
#define LAW_MAX_WORDS 10 /* "Luật Tổ chức chính quyền địa phương" is 6 */
/* A plan cites a few dozen documents; beyond this the input is not a plan,
 * and the cap keeps deduplication and positions (each linear) from going
 * quadratic on a pathological file. */
#define CITATIONS_MAX 256

/* ---- patterns ----------------------------------------------------------- */

/* The regex skeletons: a document number is ident.h's PL_DOC_NUMBER
 * ("81/KH-UBND", "56/2017/NĐ-CP", the Party form "05-CT/TW"), as the
 * header's; a whole date "ngày 14/4/2017", "ngày 27 tháng 5 năm 2021"
 * (pl_doc_date_pattern, its words from the data). */
#define NUMBER PL_DOC_NUMBER

enum {
    R_REF,    /* group 1 type word (optional), 2 number; or 3 law word */
    R_DATE,   /* anchored after a reference: ", ngày 14/4/2017" */
    R_OF,     /* anchored: " của " */
    R_NUMBER, /* anchored after a law's name: " số 102/2016/QH13" (group 1) */
    R_COUNT
};

static pl_re *re[R_COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const char *words(const char *list)
{
    return pl_vocab_alternation(pl_vocab(list));
}

static void compile(void)
{
    const char *number_word = words("number-words");
    re[R_REF] = pl_re_must_of("(?<![\\p{L}\\d/])(?:(?:(", pl_doctype_words(), ")\\s*(?:(?:",
                        number_word, ")\\s*:?\\s*)?)?(" NUMBER ")(?![\\p{L}\\d])|(",
                        words("types-cited-by-name"), ")\\s+(?=\\p{L}))", NULL);
    re[R_DATE] = pl_re_must_of("[\\s,]*(?:(?:", words("date-leads"), ")\\s+)?",
                               pl_doc_date_pattern(PL_DATE_SENTENCE), NULL);
    re[R_OF] = pl_re_must_of("[\\s,]*(?:", words("issuer-leads"), ")\\s+", NULL);
    re[R_NUMBER] = pl_re_must_of("\\s*(?:", number_word, ")\\s*(" NUMBER ")(?![\\p{L}\\d])", NULL);
}

/* ---- small helpers ------------------------------------------------------ */

static int group(const pl_match *m, int i, size_t *a, size_t *b)
{
    size_t s, n;
    if (!pl_match_group(m, i, &s, &n))
        return 0;
    *a = s;
    *b = s + n;
    return 1;
}

static int group_int(const pl_text *t, const pl_match *m, int i)
{
    size_t a = 0, b = 0;
    int v = 0;
    if (!group(m, i, &a, &b))
        return 0;
    for (size_t k = a; k < b && k < a + 5; k++)
        v = v * 10 + (t->key[k] - '0');
    return v;
}

/* Does key[at..end) start with `word` as whole words? */
static int key_starts(const pl_text *t, size_t at, size_t end, const char *word)
{
    size_t n = strlen(word);
    if (at + n > end || memcmp(t->key + at, word, n) != 0)
        return 0;
    int32_t cp = ' ';
    if (at + n < end)
        pl_utf8_next(t->key, end, at + n, &cp);
    return !pl_is_letter(cp) && !pl_is_digit(cp);
}

static int upper_at(const pl_text *t, size_t flat_at)
{
    int32_t cp;
    return pl_utf8_next(t->flat, t->flat_len, flat_at, &cp) > 0 && pl_is_upper(cp);
}

/* End of the word at flat[i]: up to a space or punctuation that separates
 * words ("LĐ-TB&XH" is one word). */
static size_t word_end(const pl_text *t, size_t i, size_t limit)
{
    while (i < limit && !strchr(" \n,;:()\"", t->flat[i]) &&
           !(t->flat[i] == '.' && (i + 1 == limit || t->flat[i + 1] == ' ')))
        i++;
    return i;
}

/* Does key[k..) start with an entry of vocabulary list `list`?  The
 * entry's length, or 0. */
static size_t key_starts_any(const pl_text *t, size_t k, size_t end, const char *list)
{
    const pl_vocab_list *l = pl_vocab(list);
    for (size_t i = 0; i < l->n; i++)
        if (key_starts(t, k, end, l->v[i].key))
            return l->v[i].key_len;
    return 0;
}

static int starts_any(const pl_text *t, size_t flat_at, const char *list)
{
    return key_starts_any(t, pl_text_flat_to_key(t, flat_at), t->key_len, list) != 0;
}

static const doc_type *type_by_name(const pl_text *t, size_t a, size_t b)
{
    return pl_doctype_named(t->key, a, b);
}

static int starts_type(const pl_text *t, size_t k)
{
    return pl_doctype_starting(t->key, k, t->key_len, NULL) != NULL;
}

static const doc_type *type_by_symbol(const pl_text *t, size_t a, size_t b)
{
    return pl_doctype_by_symbol(t->key, a, b);
}

/* The type a ký hiệu names: "kh" in 81/kh-ubnd and 56/2017/nđ-cp, "ct" in
 * 37-ct/tw; NULL for a công văn (1676/bgdđt-gdtrh). */
static const doc_type *type_of_number(const pl_text *t, size_t a, size_t b)
{
    size_t slash = b, dash = b;
    for (size_t i = a; i < b; i++)
        if (t->key[i] == '/')
            slash = i;
    size_t s = slash + 1;
    for (size_t i = s; i < b && dash == b; i++)
        if (t->key[i] == '-')
            dash = i;
    const doc_type *ty = slash < b ? type_by_symbol(t, s, dash) : NULL;
    if (!ty) { /* Party form: N-TYPE/ISSUER */
        size_t d = a;
        while (d < b && t->key[d] != '-' && t->key[d] != '/')
            d++;
        if (d < b && t->key[d] == '-')
            for (size_t e = d + 1; e < b; e++)
                if (t->key[e] == '/')
                    return type_by_symbol(t, d + 1, e);
    }
    return ty;
}

/* ---- one reference ------------------------------------------------------ */

typedef struct ref {
    const doc_type *type;
    size_t start, end;       /* key span of the whole reference */
    size_t num_a, num_b;     /* key span of the number, empty if none */
    size_t title_a, title_b; /* flat span of a law's name */
    size_t iss_a, iss_b;     /* flat span of the issuer after "của" */
    pl_date date;
} ref;

static int date_at(const pl_text *t, size_t at, size_t limit, pl_date *d, size_t *end)
{
    pl_match m;
    if (!pl_re_at(re[R_DATE], t->key, limit, at, &m))
        return 0;
    int numeric = m.gs[1] != (size_t)-1;
    pl_date v = {group_int(t, &m, numeric ? 4 : 7), group_int(t, &m, numeric ? 3 : 6),
                 group_int(t, &m, numeric ? 1 : 5)};
    if (v.day < 1 || v.day > 31 || v.month < 1 || v.month > 12 || v.year < 1945 || v.year > 2100)
        return 0;
    *d = v;
    *end = m.end;
    return 1;
}

/* The issuer after "của", up to a word that starts the next phrase. */
static size_t issuer_end(const pl_text *t, size_t a, size_t limit)
{
    size_t end = a, i = a;
    for (int w = 0; w < ISSUER_MAX_WORDS && i < limit; w++) {
        size_t e = word_end(t, i, limit);
        if (e == i || starts_any(t, i, "issuer-stops"))
            break;
        /* "... của Chính phủ và Quyết định số ...": a new reference */
        size_t k = pl_text_flat_to_key(t, i), join = key_starts_any(t, k, t->key_len, "reference-joins");
        if (join && starts_type(t, k + join + 1))
            break;
        end = e;
        if (e + 1 < limit && t->flat[e] == ' ')
            i = e + 1;
        else
            break;
    }
    return end;
}

/* A law's name: "Luật" then words up to a stop word or punctuation; the
 * first word is capitalised ("Luật Trẻ em"), which tells a law from "pháp
 * luật hiện hành". */
static size_t law_name_end(const pl_text *t, size_t a, size_t limit)
{
    if (!upper_at(t, a))
        return a;
    size_t end = a, i = a;
    for (int w = 0; w < LAW_MAX_WORDS && i < limit; w++) {
        size_t e = word_end(t, i, limit);
        if (e == i || (w > 0 && starts_any(t, i, "law-name-stops")))
            break;
        end = e;
        if (e + 1 < limit && t->flat[e] == ' ')
            i = e + 1;
        else
            break;
    }
    return end;
}

static size_t para_flat_end(const pl_text *t, size_t flat_at)
{
    long pi = pl_text_para_at(t, flat_at);
    return pi < 0 ? t->flat_len : t->paras[pi].flat_end;
}

/* The key offset after a year some offices append to a ký hiệu
 * ("12/QĐ-UBND-2021 ngày ..."; digits alone are no part of the ký hiệu,
 * ident.h), or at itself when none follows. */
static size_t after_symbol_year(const pl_text *t, size_t at, size_t limit)
{
    enum { YEAR_DIGITS = 4 };
    if (at + 1 + YEAR_DIGITS > limit || (t->key[at] != '-' && t->key[at] != '/'))
        return at;
    int year = 0;
    for (size_t i = at + 1; i < at + 1 + YEAR_DIGITS; i++) {
        if (t->key[i] < '0' || t->key[i] > '9')
            return at;
        year = year * 10 + (t->key[i] - '0');
    }
    size_t e = at + 1 + YEAR_DIGITS;
    int32_t cp = ' ';
    if (e < limit)
        pl_utf8_next(t->key, limit, e, &cp);
    if (year < 1945 || year > 2100 || pl_is_letter(cp) || (cp >= '0' && cp <= '9'))
        return at;
    return e;
}

/* Number, law name, date and issuer of the reference matched by m. */
static int parse_ref(const pl_text *t, const pl_match *m, size_t limit, ref *r)
{
    memset(r, 0, sizeof *r);
    r->start = m->start;
    r->end = m->end;
    size_t a = 0, b = 0;
    if (group(m, 3, &a, &b)) { /* a law by name */
        size_t fa = pl_text_key_to_flat(t, m->end), fl = para_flat_end(t, fa);
        if (!upper_at(t, pl_text_key_to_flat(t, a)))
            return 0; /* "pháp luật", "luật" in running text */
        r->type = type_by_name(t, a, b);
        r->title_a = pl_text_key_to_flat(t, a);
        r->title_b = law_name_end(t, fa, fl);
        if (r->title_b == fa)
            return 0;
        r->end = pl_text_flat_to_key(t, r->title_b);
        pl_match n;
        if (pl_re_at(re[R_NUMBER], t->key, limit, r->end, &n)) {
            group(&n, 1, &r->num_a, &r->num_b);
            r->end = n.end;
        }
    } else {
        group(m, 2, &r->num_a, &r->num_b);
        r->type =
            group(m, 1, &a, &b) ? type_by_name(t, a, b) : type_of_number(t, r->num_a, r->num_b);
    }
    /* date, issuer, and a date written after the issuer */
    size_t e;
    if (r->num_b > r->num_a && r->num_b == r->end) {
        size_t y = after_symbol_year(t, r->end, limit);
        if (y > r->end && date_at(t, y, limit, &r->date, &e))
            r->end = e;
    }
    if (!r->date.year && date_at(t, r->end, limit, &r->date, &e))
        r->end = e;
    pl_match of;
    if (pl_re_at(re[R_OF], t->key, limit, r->end, &of)) {
        size_t fa = pl_text_key_to_flat(t, of.end);
        size_t fb = issuer_end(t, fa, para_flat_end(t, fa));
        if (fb > fa) {
            r->iss_a = fa;
            r->iss_b = fb;
            r->end = pl_text_flat_to_key(t, fb);
            if (!r->date.year && date_at(t, r->end, limit, &r->date, &e))
                r->end = e;
        }
    }
    return 1;
}

/* ---- the relation ------------------------------------------------------- */

static int opener_at(const pl_text *t, size_t flat_at, pl_relation *rel)
{
    while (flat_at < t->flat_len && (t->flat[flat_at] == ' ' || t->flat[flat_at] == '"'))
        flat_at++;
    size_t k = pl_text_flat_to_key(t, flat_at);
    const pl_vocab_entry *o = pl_vocab_prefix(pl_vocab("clause-openers"), t->key, k, t->key_len, NULL);
    if (!o)
        return 0;
    *rel = strcmp(pl_vocab_attr(o, "relation"), "basis") == 0 ? PL_REL_BASIS : PL_REL_IMPLEMENTS;
    return 1;
}

/* The relation of the clause a citation stands in, kept while the
 * paragraph is read left to right (one pass, however many citations): a
 * clause opened by a keyword sets it, a new sentence without one resets it
 * to a mention, and a clause after ';' without one keeps it, so that
 * "Thực hiện A; B" implements both. */
typedef struct clause_state {
    size_t pos;      /* flat offset read up to */
    pl_relation rel; /* relation of the clause at pos */
} clause_state;

static void clause_start(const pl_text *t, const pl_para *p, clause_state *st)
{
    st->pos = p->body;
    if (!opener_at(t, p->body, &st->rel))
        st->rel = PL_REL_MENTIONED;
}

static pl_relation clause_relation(const pl_text *t, const pl_para *p, clause_state *st,
                                   size_t flat_at)
{
    for (size_t i = st->pos; i < flat_at; i++) {
        int sentence = pl_text_sentence_end(t, i, p->flat_start);
        if (t->flat[i] != ';' && !sentence)
            continue;
        pl_relation rel;
        if (opener_at(t, i + 1, &rel))
            st->rel = rel;
        else if (sentence)
            st->rel = PL_REL_MENTIONED;
    }
    if (flat_at > st->pos)
        st->pos = flat_at;
    return st->rel;
}

static int strength(pl_relation r)
{
    return r == PL_REL_IMPLEMENTS ? 2 : r == PL_REL_BASIS ? 1 : 0;
}

/* ---- the list ----------------------------------------------------------- */

static char *dup_str(const char *s)
{
    return pl_strndup(s, strlen(s));
}

/* "Ủy ban nhân dân Huyện Hoằng Hóa" -> "UBND huyện Hoằng Hóa"; other
 * issuers as written ("Sở Lao động - Thương binh và Xã hội tỉnh"). */
static char *issuer_text(const pl_text *t, size_t a, size_t b)
{
    size_t k = pl_text_flat_to_key(t, a), kb = pl_text_flat_to_key(t, b);
    const pl_vocab_list *committees = pl_vocab("committees");
    const pl_vocab_entry *c = NULL;
    for (size_t i = 0; i < committees->n && !c; i++)
        if (key_starts(t, k, kb, committees->v[i].key))
            c = &committees->v[i];
    if (!c)
        return pl_strndup(t->flat + a, b - a);
    pl_buf out = PL_BUF_INIT;
    pl_buf_puts(&out, pl_vocab_attr_or_phrase(c, "name"));
    k += c->key_len;
    while (k < kb && t->key[k] == ' ')
        k++;
    size_t after;
    const pl_vocab_entry *u = pl_vocab_prefix(pl_vocab("units"), t->key, k, kb, &after);
    if (u) {
        pl_buf_putc(&out, ' ');
        pl_buf_puts(&out, pl_vocab_attr(u, "name"));
        k = after;
    }
    size_t rest = pl_text_key_to_flat(t, k);
    if (rest < b) {
        if (t->flat[rest] != ' ')
            pl_buf_putc(&out, ' ');
        pl_buf_put(&out, t->flat + rest, b - rest);
    }
    return pl_buf_detach(&out, NULL);
}

static void free_citation(pl_citation *c)
{
    free(c->kind);
    free(c->number);
    free(c->title);
    free(c->issuer);
}

static int make_citation(const pl_text *t, const ref *r, pl_relation rel, pl_citation *c)
{
    memset(c, 0, sizeof *c);
    c->relation = rel;
    c->date = r->date;
    c->flat_start = pl_text_key_to_flat(t, r->start);
    c->flat_end = pl_text_key_to_flat(t, r->end);
    int ok = 1;
    if (r->type)
        ok &= (c->kind = dup_str(pl_doctype_abbr(r->type))) != NULL;
    if (r->num_b > r->num_a) {
        ok &= (c->number = pl_flat_compact(t, pl_text_key_to_flat(t, r->num_a),
                                        pl_text_key_to_flat(t, r->num_b))) != NULL;
        if (c->number)
            pl_number_latin(c->number); /* an OCR layer's Cyrillic twins, as in the header */
    }
    if (r->title_b > r->title_a)
        ok &= (c->title = pl_strndup(t->flat + r->title_a, r->title_b - r->title_a)) != NULL;
    if (r->iss_b > r->iss_a)
        ok &= (c->issuer = issuer_text(t, r->iss_a, r->iss_b)) != NULL;
    if (!ok)
        free_citation(c);
    return ok ? 0 : -1;
}

/* Same document: same number, or for laws cited by name the same name. */
static int same_document(const pl_citation *x, const pl_citation *y)
{
    if (x->number || y->number)
        return x->number && y->number && pl_same_number(x->number, y->number);
    return x->title && y->title && strcmp(x->title, y->title) == 0;
}

/* Keep the first mention; a later one may strengthen the relation and fill
 * a date or issuer the first did not state. */
static int merge(pl_citation *old, pl_citation *c)
{
    if (strength(c->relation) > strength(old->relation))
        old->relation = c->relation;
    if (!old->date.year && c->date.year)
        old->date = c->date;
    if (!old->issuer && c->issuer) {
        old->issuer = c->issuer;
        c->issuer = NULL;
    }
    free_citation(c);
    return 0;
}

static int add(pl_doc *doc, size_t *cap, pl_citation *c)
{
    if (doc->info.number && c->number && pl_same_number(doc->info.number, c->number)) {
        free_citation(c); /* the plan itself */
        return 0;
    }
    for (size_t i = 0; i < doc->ncitations; i++)
        if (same_document(&doc->citations[i], c))
            return merge(&doc->citations[i], c);
    if (doc->ncitations >= CITATIONS_MAX) {
        free_citation(c);
        return 0;
    }
    if (doc->ncitations == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        pl_citation *p = realloc(doc->citations, nc * sizeof *p);
        if (!p) {
            free_citation(c);
            return -1;
        }
        doc->citations = p;
        *cap = nc;
    }
    /* positions count columns from the line start: computed only for the
     * citations kept */
    c->pos = pl_text_pos_flat(&doc->text, c->flat_start);
    doc->citations[doc->ncitations++] = *c;
    return 0;
}

/* R_REF needs a number or a type cited by name ("luật").  A number is
 * ASCII digits (it is read with strtol) with a '/' after them, in both of
 * NUMBER's shapes (N/KH-UBND, N-CT/TW).  Most paragraphs have neither, and
 * most that have digits have them as percentages and years: they skip a
 * pattern that would try its type words at every letter.  Asked again
 * after each match, it stops a paragraph's scan at its last number. */
/* The first ASCII digit of s[0..n), or n: eight bytes at a time up to
 * the eight that hold one (a byte b is a digit when b ^ '0' is below 10,
 * which the word test finds exactly for "any"), then a byte at a time. */
static size_t first_digit(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t t = w ^ 0x3030303030303030ull;
        if ((t - 0x0A0A0A0A0A0A0A0Aull) & ~t & 0x8080808080808080ull)
            break;
    }
    for (; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return i;
    return n;
}

static int may_cite(const char *key, size_t n)
{
    size_t i = first_digit(key, n);
    if (i < n && memchr(key + i + 1, '/', n - i - 1))
        return 1;
    const pl_vocab_list *named = pl_vocab("types-cited-by-name");
    for (size_t w = 0; w < named->n; w++) {
        const char *word = named->v[w].key;
        const size_t k = named->v[w].key_len;
        for (const char *p = key; n >= k && (p = memchr(p, word[0], n - k + 1 - (size_t)(p - key)));
             p++)
            if (memcmp(p, word, k) == 0)
                return 1;
    }
    return 0;
}

/* ---- where a reference can start -----------------------------------------
 * R_REF is a long caseless alternation that PCRE2 would try at every
 * letter of a paragraph (4 M instructions of a 16 KB plan's 29 M, most of
 * them compiling and JIT-compiling it for the scan).  A match starts
 *   - at its number (no type word before it): an ASCII digit after no
 *     digit, letter or '/' (the look-behind);
 *   - at a type word that the number follows, at most the longest type
 *     word, "số" and their blanks and ':' before the number's first digit;
 *   - at a type cited by name ("luật").
 * A number has a '/' or '-' after its serial digits: "81/KH-UBND",
 * "56/2017/NĐ-CP", "05-CT/TW".  So the positions marked here are every
 * position a match can start at, and R_REF is tried anchored at each in
 * turn: the first that matches is the match an unanchored search finds.
 *
 * The byte lengths hold where a phrase matches only its own bytes and
 * blanks are single spaces (pl_re_plain_key); a paragraph where they may
 * not is searched as before. */
static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* On a plain span a run of blanks is one space: \s* and [^\S\n]* take
 * at most one. */
static size_t skip_blank(const char *key, size_t q, size_t b)
{
    return q < b && key[q] == ' ' ? q + 1 : q;
}

/* Can a letter (\p{L}) open at key[q] of a plain span?  An ASCII small
 * letter (a capital is not plain) or a byte beyond ASCII. */
static int letter_may_open(const char *key, size_t q, size_t b)
{
    unsigned char c = q < b ? (unsigned char)key[q] : 0;
    return (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* Can a byte of NUMBER's ký hiệu open at key[q]?  PL_NUM_SYM_CHAR, caseless:
 * a letter as above ("đ", "ư", a Cyrillic twin, and what the caseless
 * match also takes) or '&'. */
static int symbol_may_open(const char *key, size_t q, size_t b)
{
    return letter_may_open(key, q, b) || (q < b && key[q] == '&');
}

/* After "/+" at key[q] (q at a '/'), then a blank: where the ký hiệu or
 * the year opens. */
static size_t after_slashes(const char *key, size_t q, size_t b)
{
    while (q < b && key[q] == '/')
        q++;
    return skip_blank(key, q, b);
}

/* Can a number start at key[d] (an ASCII digit) of a plain span?  NUMBER
 * (PL_DOC_NUMBER, ident.h) is its serial digits and dots, ending on a
 * digit, then either an optional year (slashes and four digits,
 * "/2017") and slashes, blanks around each, or the Party form's "-" between blanks; then a byte of
 * its ký hiệu.  The dates ("24/4/2023") and
 * year ranges ("2021-2025") that a plan is full of have no ký hiệu
 * after them: R_REF, interpreted, cost about 3 000 instructions a try
 * at each of them. */
static int number_may_start(const char *key, size_t d, size_t b)
{
    size_t q = d;
    while (q < b && (is_digit(key[q]) || key[q] == '.'))
        q++;
    if (!is_digit(key[q - 1]))
        return 0;
    q = skip_blank(key, q, b);
    if (q < b && key[q] == '-')
        return symbol_may_open(key, skip_blank(key, q + 1, b), b);
    if (q >= b || key[q] != '/')
        return 0;
    q = after_slashes(key, q, b);
    if (symbol_may_open(key, q, b))
        return 1;
    /* the year, then slashes again */
    if (b - q < 4 || !is_digit(key[q]) || !is_digit(key[q + 1]) || !is_digit(key[q + 2]) ||
        !is_digit(key[q + 3]))
        return 0;
    q = skip_blank(key, q + 4, b);
    return q < b && key[q] == '/' && symbol_may_open(key, after_slashes(key, q, b), b);
}

/* The first two bytes of the type words (type_pair) and the first byte
 * of a type word whose second byte is not fixed (type_first): at a
 * position before a number where neither is, R_REF cannot match, since
 * there a match opens with its type word (its number's first byte is an
 * ASCII digit, marked as such, and a type cited by name is marked where
 * its word is).  On a plain paragraph a phrase matches only its own bytes
 * (pl_re_plain_key); a byte of a type word that may be left out (a space
 * beside a sign, pl_vocab_space_optional) fixes nothing after it.  This
 * turns away most of the window before a number, where PCRE2's own start
 * test lets through every Vietnamese letter (\d takes lead bytes such as
 * 0xE1 for the digits of other scripts). */
static uint64_t type_pair[65536 / 64];
static unsigned char type_first[256];
static pthread_once_t pairs_once = PTHREAD_ONCE_INIT;

static void note_type_starts(void)
{
    const pl_vocab_list *types = pl_vocab("document-types");
    for (size_t i = 0; i < types->n; i++) {
        const char *w = types->v[i].key;
        unsigned char c0 = (unsigned char)w[0];
        if (c0 == '\0' || c0 == ' ' || w[1] == '\0' || w[1] == ' ') {
            /* nothing fixed after the first byte (or not even it) */
            for (int c = 0; c < 256; c++)
                if (c0 == '\0' || c0 == ' ' || c == c0)
                    type_first[c] = 1;
            continue;
        }
        unsigned pair = c0 | (unsigned)(unsigned char)w[1] << 8;
        type_pair[pair / 64] |= (uint64_t)1 << (pair % 64);
    }
}

static int type_may_start(const char *key, size_t p, size_t b)
{
    unsigned char c0 = (unsigned char)key[p];
    if (type_first[c0])
        return 1;
    if (p + 1 >= b)
        return 0; /* every type word has two fixed bytes here */
    unsigned pair = c0 | (unsigned)(unsigned char)key[p + 1] << 8;
    return (type_pair[pair / 64] >> (pair % 64)) & 1;
}

/* Does R_REF's look-behind, (?<![\p{L}\d/]), let a match start at key[p]?
 * An ASCII letter, digit or '/' before it says no; a letter beyond ASCII
 * is left to the pattern.  It reads before the span too.  (A number after
 * a type word has none before it: "giấy phép81/kh-ubnd".) */
static int may_open_after(const char *key, size_t p)
{
    char c = p > 0 ? key[p - 1] : ' ';
    return !(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/');
}

/* Can R_REF's type word match at key[p] of the plain span key[..b)?  One
 * of the type words is there whole, as its alternation matches it on a
 * plain span (pl_vocab_phrase_end), and no ASCII letter, digit or '/' is
 * before it (the look-behind; a letter beyond ASCII is left to the
 * pattern).  The pair test above lets through most words that share a
 * type word's first two bytes ("quy", "thông", "công", "kết"): R_REF,
 * interpreted, cost about 3 000 instructions a try there (14.8 M of the
 * 2 MB sample's 4 877 tries). */
static int type_word_at(const pl_vocab_list *types, const char *key, size_t p, size_t b)
{
    if (!type_may_start(key, p, b) || !may_open_after(key, p))
        return 0;
    for (size_t i = 0; i < types->n; i++)
        if (types->v[i].key[0] == key[p] && pl_vocab_phrase_end(key, p, b, types->v[i].key) != (size_t)-1)
            return 1;
    return 0;
}

/* What cand[] says of a position: R_REF may match there (MARK_REF), or
 * only its type cited by name may (MARK_NAMED: no number follows that a
 * type word there could bring in, named_match). */
enum { MARK_REF = 1, MARK_NAMED = 2 };

/* Mark in cand[] (offsets from a) the positions of key[a..b) where R_REF
 * may match: each number's first digit, the positions before it where a
 * type word may start (type_word_at), and each type cited by name. */
static void mark_candidates(const char *key, size_t a, size_t b, unsigned char *cand)
{
    pthread_once(&pairs_once, note_type_starts);
    memset(cand, 0, b - a);
    const pl_vocab_list *types = pl_vocab("document-types"), *nums = pl_vocab("number-words");
    size_t before = (types->n ? types->v[0].key_len : 0) + (nums->n ? nums->v[0].key_len : 0) + 4;
    for (size_t d = a; (d += first_digit(key + d, b - d)) < b; d++) {
        /* a number's later digits: nothing to mark (no type word starts
         * with a digit, and the look-behind refuses a digit) */
        if ((d > 0 && is_digit(key[d - 1])) || !number_may_start(key, d, b))
            continue;
        for (size_t p = d > a + before ? d - before : a; p < d; p++)
            if (!cand[p - a] && type_word_at(types, key, p, b))
                cand[p - a] = MARK_REF;
        cand[d - a] = may_open_after(key, d) ? MARK_REF : 0;
    }
    const pl_vocab_list *named = pl_vocab("types-cited-by-name");
    for (size_t w = 0; w < named->n; w++) {
        const char *word = named->v[w].key;
        size_t k = named->v[w].key_len;
        if (k == 0)
            continue;
        for (const char *p = key + a, *end = key + b; (size_t)(end - p) >= k; p++) {
            if ((p = memchr(p, word[0], (size_t)(end - p) - k + 1)) == NULL)
                break;
            size_t q = (size_t)(p - key);
            /* "luật" then \s+(?=\p{L}): one space on a plain span, then
             * what may be a letter ("pháp luật," and "luật." are not
             * tried); a type word with its number is marked above */
            if (memcmp(p, word, k) == 0 && q + k + 1 < b && key[q + k] == ' ' &&
                letter_may_open(key, q + k + 1, b) && may_open_after(key, q) && !cand[q - a])
                cand[q - a] = MARK_NAMED;
        }
    }
}

/* R_REF's match at a MARK_NAMED position key[p] of a plain span, read off
 * the bytes where they decide it: 1 (m filled), 0 (none there), -1 (ask
 * the pattern).  There its first alternative cannot match (a type word
 * with a number after it is marked MARK_REF), so a match is the second:
 * (?<![\p{L}\d/]) (a byte beyond ASCII before it is left to the
 * pattern), the first type cited by name, in the list's order, whose bytes
 * are there and that \s+(?=\p{L}) follows: on a plain span one space,
 * then an ASCII small letter (a byte beyond ASCII is left to the pattern;
 * an ASCII byte that is no letter is no \s either, two spaces and the
 * control characters not being plain).  "luật" in running text ("pháp
 * luật về ...", 1 300 of the 2 MB sample's 2 500 tries, each then turned
 * away for its small letter, parse_ref) cost the interpreted pattern
 * about 5 000 instructions a try. */
static int named_match(const char *key, size_t p, size_t b, pl_match *m)
{
    if (p > 0 && (unsigned char)key[p - 1] >= 0x80)
        return -1;
    const pl_vocab_list *named = pl_vocab("types-cited-by-name");
    for (size_t w = 0; w < named->n; w++) {
        const char *word = named->v[w].key;
        size_t k = named->v[w].key_len;
        if (k == 0)
            return -1;
        if (b - p < k + 2 || memcmp(key + p, word, k) != 0 || key[p + k] != ' ')
            continue;
        unsigned char c = (unsigned char)key[p + k + 1];
        if (c >= 0x80)
            return -1;
        if (c < 'a' || c > 'z')
            continue;
        int n = pl_re_groups(re[R_REF]) + 1;
        if (n > PL_RE_MAX_GROUPS || n <= 3)
            return -1;
        m->start = p;
        m->end = p + k + 1;
        m->ngroups = n;
        for (int i = 0; i < n; i++)
            m->gs[i] = m->ge[i] = (size_t)-1;
        m->gs[0] = p;
        m->ge[0] = p + k + 1;
        m->gs[3] = p;
        m->ge[3] = p + k;
        return 1;
    }
    return 0;
}

/* The next marked position of cand[from..n), or n. */
static size_t next_mark(const unsigned char *cand, size_t from, size_t n)
{
    size_t i = from;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, cand + i, 8);
        if (w)
            break;
    }
    while (i < n && !cand[i])
        i++;
    return i;
}

/* The first match of R_REF in key[at..b): pl_re_find's, found by trying
 * only the marked positions (cand NULL: a plain search). */
static int find_ref(const pl_text *t, size_t a, size_t at, size_t b, const unsigned char *cand,
                    pl_match *m)
{
    if (!cand)
        return pl_re_find(re[R_REF], t->key, b, at, m);
    for (size_t i = at - a; (i = next_mark(cand, i, b - a)) < b - a; i++) {
        size_t p = a + i;
        if ((t->key[p] & 0xC0) == 0x80)
            continue;
        if (cand[i] == MARK_NAMED) {
            int r = named_match(t->key, p, b, m);
            if (r >= 0) {
                if (r)
                    return 1;
                continue;
            }
        }
        if (pl_re_at(re[R_REF], t->key, b, p, m))
            return 1;
    }
    return 0;
}

/* Off (pl_citations_pretests(0)), every paragraph is searched by the
 * pattern alone. */
static _Atomic int pretests_off;

void pl_citations_pretests(int on)
{
    atomic_store(&pretests_off, !on);
}

int pl_citations_ref_test(const char *key, size_t a, size_t b, size_t *marked, size_t *found,
                          int *same)
{
    pthread_once(&once, compile);
    pl_text t = {0};
    t.key = (char *)(uintptr_t)key;
    t.key_len = b;
    pl_match m, n;
    *marked = *found = SIZE_MAX;
    *same = 1;
    int fm = pl_re_find(re[R_REF], key, b, a, &m);
    if (fm)
        *found = m.start;
    if (!pl_re_plain_key(key, a, b))
        return -1;
    unsigned char *cand = malloc(b - a + 1);
    if (!cand)
        return -1;
    mark_candidates(key, a, b, cand);
    if (find_ref(&t, a, a, b, cand, &n)) {
        *marked = n.start;
        *same = fm && n.end == m.end && n.ngroups == m.ngroups;
        for (int i = 0; *same && i < m.ngroups; i++)
            *same = n.gs[i] == m.gs[i] && n.ge[i] == m.ge[i];
    }
    free(cand);
    return 0;
}

static int scan_paragraph(pl_doc *doc, size_t pi, size_t *cap, pl_buf *scratch)
{
    const pl_text *t = &doc->text;
    const pl_para *p = &t->paras[pi];
    size_t a = p->key_start, b = p->key_end;
    if (!may_cite(t->key + a, b - a))
        return 0;
    unsigned char *cand = NULL;
    if (!atomic_load_explicit(&pretests_off, memory_order_relaxed) && pl_re_plain_key(t->key, a, b)) {
        scratch->len = 0;
        pl_buf_grow(scratch, b - a + 1);
        if (scratch->failed)
            return -1;
        cand = (unsigned char *)scratch->data;
        mark_candidates(t->key, a, b, cand);
    }
    clause_state st;
    clause_start(t, p, &st);
    pl_match m;
    /* with the marks, may_cite again would only repeat them */
    for (size_t at = a; at < b && (at == a || cand || may_cite(t->key + at, b - at)) &&
                        find_ref(t, a, at, b, cand, &m);) {
        ref r;
        if (!parse_ref(t, &m, b, &r)) {
            at = m.end;
            continue;
        }
        pl_relation rel = clause_relation(t, p, &st, pl_text_key_to_flat(t, r.start));
        pl_citation c;
        if (make_citation(t, &r, rel, &c) != 0 || add(doc, cap, &c) != 0)
            return -1;
        at = r.end > m.end ? r.end : m.end;
    }
    return 0;
}

int pl_citations_extract(pl_doc *doc)
{
    pthread_once(&once, compile);
    const pl_text *t = &doc->text;
    size_t end = doc->info.end_start < t->nparas ? doc->info.end_start : t->nparas;
    size_t cap = doc->ncitations;
    pl_buf scratch = PL_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < end && rc == 0; i++)
        rc = scan_paragraph(doc, i, &cap, &scratch);
    pl_buf_free(&scratch);
    return rc;
}
