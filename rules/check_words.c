/* check_words.c - rules about the wording:
 *   duplicate-word  the same word twice in a row ("công tác công tác")
 *   off-topic       a phrase of another programme (data/rules/offtopic.xml)
 *   style-mixed     both tone-mark styles ("hòa" and "hoà") in one document
 * duplicate-word and off-topic read the key text (lower case, one tone
 * style), so "Công tác công tác" and "hoà"/"hòa" compare equal;
 * style-mixed must read the flat text, where the styles still differ.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "tone.h"
#include "uni.h"

/* Paragraphs looked at: all but the end block (recipients, signature,
 * web-page chrome), which repeats names and is not the plan's text. */
static size_t text_end(const pl_doc *doc)
{
    return doc->info.end_start < doc->text.nparas ? doc->info.end_start : doc->text.nparas;
}

/* ---- duplicate-word ----------------------------------------------------- */

/* Next letter run in key[*i..b): its start and end, or 0 at the end. */
static int next_word(const char *key, size_t b, size_t *i, size_t *ws, size_t *we, size_t *ncp)
{
    size_t p = *i;
    int32_t cp;
    int k;
    while (p < b && (k = pl_utf8_next(key, b, p, &cp)) > 0 && !pl_is_letter(cp))
        p += (size_t)k;
    if (p >= b)
        return 0;
    *ws = p;
    *ncp = 0;
    while (p < b && (k = pl_utf8_next(key, b, p, &cp)) > 0 && pl_is_letter(cp)) {
        p += (size_t)k;
        (*ncp)++;
    }
    if (p == *ws) /* invalid byte: step over it */
        p++;
    *we = p;
    *i = p;
    return 1;
}

/* Only spaces between two words: "công tác, công tác" is a list. */
static int only_spaces(const char *key, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (key[i] != ' ')
            return 0;
    return b > a;
}

/* An allow-list entry (rules.xml) that covers key[a..b): a reduplication
 * ("ngày ngày") or the context of a compound boundary ("hành vi vi
 * phạm": "hành vi" then "vi phạm"). */
static int allowed(const pl_catalog *cat, const char *key, size_t pa, size_t pb, size_t a,
                   size_t b)
{
    for (size_t i = 0; i < cat->nallow; i++) {
        size_t len = strlen(cat->allow[i]);
        size_t from = a > pa + len ? a - len : pa;
        size_t to = b + len < pb ? b + len : pb;
        for (size_t at = pl_key_find(key, from, to, cat->allow[i]); at != (size_t)-1 && at <= a;
             at = pl_key_find(key, at + 1, to, cat->allow[i]))
            if (at + len >= b)
                return 1;
    }
    return 0;
}

static void duplicate_at(pl_ctx *cx, size_t a, size_t b)
{
    const pl_text *t = &cx->doc->text;
    size_t fa = pl_text_key_to_flat(t, a);
    size_t fb = b >= t->key_len ? t->flat_len : pl_text_key_to_flat(t, b);
    char *q = pl_quote_flat(cx->doc, fa, fb, 120);
    if (!q) {
        cx->failed = 1;
        return;
    }
    pl_arg args[] = {{"quote", q, NULL}};
    pl_ctx_add(cx, PL_R_DUPLICATE_WORD, pl_span_flat(cx->doc, fa, fb), NULL, "duplicate-word", args, 1);
    free(q);
}

/* Repeats of one to PL_DUP_MAX_WORDS words: "truyền truyền", "công tác
 * công tác".  The last 2 * PL_DUP_MAX_WORDS words are kept in a ring. */
#define PL_DUP_MAX_WORDS 3
#define PL_DUP_RING (2 * PL_DUP_MAX_WORDS)

typedef struct word {
    size_t s, e, ncp;
    int spaced; /* only spaces between it and the word before */
} word;

/* Do the last n words repeat the n before them?  w[k] is the k-th most
 * recent word (w[0] the newest). */
static int repeats(const char *key, const word *w[PL_DUP_RING], int n)
{
    size_t cps = 0;
    for (int k = 0; k < n; k++) {
        const word *x = w[k], *y = w[k + n];
        if (!x || !y || x->e - x->s != y->e - y->s || memcmp(key + x->s, key + y->s, x->e - x->s))
            return 0;
        cps += x->ncp;
    }
    for (int k = 0; k < 2 * n - 1; k++)
        if (!w[k]->spaced)
            return 0;
    /* a lone letter twice is a list letter or an initial, not a slip */
    return cps > 1;
}

static void duplicates_in(pl_ctx *cx, const pl_para *p)
{
    const char *key = cx->doc->text.key;
    word ring[PL_DUP_RING];
    size_t count = 0, i = p->key_start, ws, we, n;
    while (next_word(key, p->key_end, &i, &ws, &we, &n) && !cx->failed &&
           pl_ctx_wants(cx, PL_R_DUPLICATE_WORD)) {
        const word *prev = count ? &ring[(count - 1) % PL_DUP_RING] : NULL;
        word cur = {ws, we, n, prev ? only_spaces(key, prev->e, ws) : 0};
        ring[count % PL_DUP_RING] = cur;
        count++;
        const word *w[PL_DUP_RING];
        for (size_t k = 0; k < PL_DUP_RING; k++)
            w[k] = k < count ? &ring[(count - 1 - k) % PL_DUP_RING] : NULL;
        for (int len = PL_DUP_MAX_WORDS; len >= 1; len--) {
            if (!repeats(key, w, len))
                continue;
            size_t a = w[2 * len - 1]->s, b = w[0]->e;
            if (!allowed(cx->cat, key, p->key_start, p->key_end, a, b))
                duplicate_at(cx, a, b);
            break;
        }
    }
}

static void duplicates(pl_ctx *cx)
{
    const pl_text *t = &cx->doc->text;
    for (size_t pi = 0; pi < text_end(cx->doc) && pl_ctx_wants(cx, PL_R_DUPLICATE_WORD); pi++)
        duplicates_in(cx, &t->paras[pi]);
}

/* ---- off-topic ---------------------------------------------------------- */

static int belongs(const pl_topic *tp, const char *program)
{
    for (size_t i = 0; i < tp->nbelongs; i++)
        if (strcmp(tp->belongs[i], program) == 0)
            return 1;
    return 0;
}

/* The earliest phrase of an applicable topic in key[a..b): its start, end
 * (extended over overlapping or adjacent phrases of the same topic, so
 * "phòng, chống tai nạn" + "tai nạn, thương tích" quote as one) and topic. */
static int first_phrase(const pl_ctx *cx, size_t a, size_t b, size_t *ms, size_t *me,
                        const pl_topic **topic)
{
    const pl_catalog *cat = cx->cat;
    const char *key = cx->doc->text.key;
    *ms = (size_t)-1;
    for (size_t k = 0; k < cat->ntopics; k++) {
        const pl_topic *tp = &cat->topics[k];
        if (belongs(tp, cx->program->id))
            continue;
        for (size_t i = 0; i < tp->nphrases; i++) {
            size_t at = pl_key_find(key, a, b, tp->phrases[i]);
            if (at != (size_t)-1 && at < *ms) {
                *ms = at;
                *me = at + strlen(tp->phrases[i]);
                *topic = tp;
            }
        }
    }
    if (*ms == (size_t)-1)
        return 0;
    for (int grew = 1; grew;) {
        grew = 0;
        for (size_t i = 0; i < (*topic)->nphrases; i++) {
            const char *ph = (*topic)->phrases[i];
            size_t len = strlen(ph), from = *ms;
            size_t at = pl_key_find(key, from, b, ph);
            if (at != (size_t)-1 && at <= *me && at + len > *me) {
                *me = at + len;
                grew = 1;
            }
        }
    }
    return 1;
}

static void off_topic(pl_ctx *cx)
{
    /* what is off-topic depends on the topic: a plan whose programme is
     * only the default is not judged */
    if (!cx->program || !cx->program_recognised)
        return;
    const pl_text *t = &cx->doc->text;
    for (size_t pi = cx->doc->info.header_end;
         pi < text_end(cx->doc) && !cx->failed && pl_ctx_wants(cx, PL_R_OFF_TOPIC); pi++) {
        const pl_para *p = &t->paras[pi];
        size_t ms, me;
        const pl_topic *tp;
        if (!first_phrase(cx, p->key_start, p->key_end, &ms, &me, &tp))
            continue;
        size_t fa = pl_text_key_to_flat(t, ms);
        size_t fb = me >= t->key_len ? t->flat_len : pl_text_key_to_flat(t, me);
        char *q = pl_quote_flat(cx->doc, fa, fb, 120);
        if (!q) {
            cx->failed = 1;
            return;
        }
        pl_arg args[] = {{"quote", q, NULL}, {"topic", tp->label[0], tp->label[1]}};
        pl_ctx_add(cx, PL_R_OFF_TOPIC, pl_span_flat(cx->doc, fa, fb), NULL, "off-topic", args, 2);
        free(q);
    }
}

/* ---- style-mixed -------------------------------------------------------- */

/* Longest word looked at (code points); Vietnamese syllables have at most
 * 7 letters, longer runs are not syllables. */
#define PL_STYLE_WORD_MAX 16

typedef struct style_seen {
    size_t count;
    size_t first, first_end; /* flat offsets of the first word of the style */
} style_seen;

/* Count the words of each style in flat[0..end). */
static void count_styles(const pl_text *t, size_t end, style_seen seen[3])
{
    int32_t w[PL_STYLE_WORD_MAX + 1];
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= end;) {
        int32_t cp = -1;
        int k = i < end ? pl_utf8_next(t->flat, end, i, &cp) : 1;
        if (k < 0)
            k = 1;
        if (i < end && pl_is_letter(cp)) {
            if (n == 0)
                start = i;
            if (n <= PL_STYLE_WORD_MAX)
                w[n] = pl_lower(cp);
            n++;
        } else if (n > 0) {
            int s = n <= PL_STYLE_WORD_MAX ? pl_tone_style_of(w, n) : 0;
            if (s > 0 && seen[s].count++ == 0) {
                seen[s].first = start;
                seen[s].first_end = i;
            }
            n = 0;
        }
        i += (size_t)k;
    }
}

static void style_mixed(pl_ctx *cx)
{
    const pl_text *t = &cx->doc->text;
    style_seen seen[3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    count_styles(t, t->flat_len, seen);
    if (!seen[1].count || !seen[2].count)
        return;
    /* the minority style is the slip; on a tie, the style that came second */
    int minor = seen[1].count < seen[2].count   ? 1
                : seen[2].count < seen[1].count ? 2
                : seen[1].first > seen[2].first ? 1
                                                : 2;
    int major = 3 - minor;
    char *mi = pl_strndup(t->flat + seen[minor].first, seen[minor].first_end - seen[minor].first);
    char *ma = pl_strndup(t->flat + seen[major].first, seen[major].first_end - seen[major].first);
    if (!mi || !ma) {
        free(mi);
        free(ma);
        cx->failed = 1;
        return;
    }
    pl_pos pmaj = pl_text_pos_flat(t, seen[major].first);
    char line[16];
    snprintf(line, sizeof line, "%u", (unsigned)pmaj.line);
    const char *sid[3] = {"", "style.old", "style.new"};
    pl_arg args[] = {
        {"minority", mi, NULL},
        {"majority", ma, NULL},
        {"majority_line", line, NULL},
        {"minority_style", pl_catalog_message(cx->cat, sid[minor], PL_LANG_VI),
         pl_catalog_message(cx->cat, sid[minor], PL_LANG_EN)},
        {"majority_style", pl_catalog_message(cx->cat, sid[major], PL_LANG_VI),
         pl_catalog_message(cx->cat, sid[major], PL_LANG_EN)},
    };
    pl_ctx_add(cx, PL_R_STYLE_MIXED, pl_span_flat(cx->doc, seen[minor].first, seen[minor].first_end), NULL, "style-mixed",
               args, 5);
    free(mi);
    free(ma);
}

int pl_check_words(pl_ctx *cx)
{
    if (pl_ctx_enabled(cx, PL_R_DUPLICATE_WORD))
        duplicates(cx);
    if (pl_ctx_enabled(cx, PL_R_OFF_TOPIC))
        off_topic(cx);
    if (pl_ctx_enabled(cx, PL_R_STYLE_MIXED))
        style_mixed(cx);
    return cx->failed ? -1 : 0;
}
