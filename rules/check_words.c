/* check_words.c - rules about the wording:
 *   duplicate-word  the same word twice in a row ("công tác công tác")
 *   off-topic       a phrase of another programme (data/rules/offtopic.xml)
 *   style-mixed     both tone-mark styles ("hòa" and "hoà") in one document
 * duplicate-word and off-topic read the key text (lower case, one tone
 * style), so "Công tác công tác" and "hoà"/"hòa" compare equal.  The
 * words are split once, by the text pipeline as it builds the key text
 * (parser/text/text.c): it counts each word's tone style (in the flat
 * text, where the styles still differ) and notes the words repeated;
 * these checks read what it noted.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "phrases.h"
#include "rules.h"
#include "uni.h"

/* Paragraphs looked at: all but the end block (recipients, signature,
 * web-page chrome), which repeats names and is not the plan's text. */
static size_t text_end(const pl_doc *doc)
{
    return doc->info.end_start < doc->text.nparas ? doc->info.end_start : doc->text.nparas;
}

/* ---- duplicate-word ----------------------------------------------------- */

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

/* Repeats of one to PL_REPEAT_MAX_WORDS words ("truyền truyền", "công tác
 * công tác"): the text pipeline found them when it split the words
 * (pl_text.repeats, in text order); here the end block and the allow-list
 * are left out. */
static void duplicates(pl_ctx *cx)
{
    const pl_text *t = &cx->doc->text;
    size_t pi = 0, end = text_end(cx->doc);
    for (size_t i = 0; i < t->nrepeats && !cx->failed && pl_ctx_wants(cx, PL_R_DUPLICATE_WORD); i++) {
        const pl_repeat *r = &t->repeats[i];
        while (pi < end && t->paras[pi].key_end < r->b)
            pi++;
        if (pi >= end)
            break;
        const pl_para *p = &t->paras[pi];
        if (!allowed(cx->cat, t->key, p->key_start, p->key_end, r->a, r->b))
            duplicate_at(cx, r->a, r->b);
    }
}

/* ---- off-topic ---------------------------------------------------------- */

/* The phrases of the topics that apply (not the programme's own), found
 * raw (no word test) in the key text by one scan of the paragraphs read:
 * off-topic asks every phrase about every paragraph, and most phrases are
 * in none. */
typedef pl_topic_phrase topic_phrase;

/* The earliest whole-word occurrence of an applicable phrase in each
 * paragraph read (at one place, the first phrase in the catalogue's
 * order), kept as the scan reports the occurrences: in order of place and,
 * at one place, of the list, so the first that passes pl_key_phrase_at in a
 * paragraph is the one, and a paragraph holds at most one however often its
 * phrases occur. */
typedef struct para_hit {
    size_t para, at, id; /* paragraph, key offset, index into the topic_phrase list */
} para_hit;

typedef struct para_hits {
    const char *key;
    const pl_para *paras; /* the paragraphs read */
    size_t nparas, pi;    /* pi: the paragraph of the last occurrence */
    size_t base;          /* the offset in key of the text scanned */
    const topic_phrase *list;
    para_hit *v;
    size_t n, cap;
} para_hits;

static int on_raw_hit(void *arg, size_t id, size_t at)
{
    para_hits *h = arg;
    at += h->base;
    while (h->pi < h->nparas && h->paras[h->pi].key_end <= at)
        h->pi++; /* paragraphs' key ranges are in order and apart, as their flat ranges */
    if (h->pi == h->nparas || at < h->paras[h->pi].key_start ||
        (h->n > 0 && h->v[h->n - 1].para == h->pi))
        return 0; /* between paragraphs, or the paragraph has its phrase */
    const pl_para *p = &h->paras[h->pi];
    const topic_phrase *t = &h->list[id];
    if (!pl_key_phrase_at(h->key, p->key_start, p->key_end, at, t->ph, t->len))
        return 0;
    if (PL_ARRAY_RESERVE(h->v, h->cap, h->n + 1) != 0)
        return -1;
    h->v[h->n++] = (para_hit){h->pi, at, id};
    return 0;
}

/* The first phrase of a topic that does not belong to the programme in
 * each of the paragraphs paras[0..nparas) (on_raw_hit) into hits, in
 * paragraph order, and in *list the phrases their ids index (the
 * programme's topic set, kept with the catalogue).  0, or -1 on
 * allocation failure. */
static int find_firsts(const pl_ctx *cx, const pl_para *paras, size_t nparas,
                       const topic_phrase **list, para_hits *hits)
{
    const pl_topic_set *ts = pl_catalog_topic_set(cx->cat, cx->program->id);
    if (!ts)
        return -1;
    *list = ts->list;
    size_t a = paras[0].key_start, b = paras[nparas - 1].key_end;
    hits->key = cx->doc->text.key;
    hits->paras = paras;
    hits->nparas = nparas;
    hits->base = a;
    hits->list = ts->list;
    return a < b ? pl_phrases_scan(ts->set, hits->key + a, b - a, on_raw_hit, hits) : 0;
}

/* The end of the phrase of topic tp found at key[ms..me) of a paragraph
 * ending at b, extended over overlapping or adjacent phrases of the same
 * topic, so "phòng, chống tai nạn" + "tai nạn, thương tích" quote as one. */
static size_t phrase_end(const char *key, const pl_topic *tp, size_t ms, size_t me, size_t b)
{
    for (int grew = 1; grew;) {
        grew = 0;
        for (size_t i = 0; i < tp->nphrases; i++) {
            const char *ph = tp->phrases[i];
            size_t len = strlen(ph);
            size_t at = pl_key_find(key, ms, b, ph);
            if (at != (size_t)-1 && at <= me && at + len > me) {
                me = at + len;
                grew = 1;
            }
        }
    }
    return me;
}

static void off_topic(pl_ctx *cx)
{
    /* what is off-topic depends on the topic: a plan whose programme is
     * only the default is not judged */
    if (!cx->program || !cx->program_recognised)
        return;
    const pl_text *t = &cx->doc->text;
    size_t end = text_end(cx->doc), first = cx->doc->info.header_end;
    if (first >= end || !pl_ctx_wants(cx, PL_R_OFF_TOPIC))
        return; /* no scan, and no failure, for a rule turned off */
    const topic_phrase *list = NULL;
    para_hits hits = {0};
    if (find_firsts(cx, t->paras + first, end - first, &list, &hits) != 0) {
        cx->failed = 1;
        free(hits.v);
        return;
    }
    for (size_t i = 0; i < hits.n && !cx->failed && pl_ctx_wants(cx, PL_R_OFF_TOPIC); i++) {
        const pl_para *p = &hits.paras[hits.v[i].para];
        const topic_phrase *ph = &list[hits.v[i].id];
        size_t ms = hits.v[i].at;
        size_t me = phrase_end(t->key, ph->topic, ms, ms + ph->len, p->key_end);
        size_t fa = pl_text_key_to_flat(t, ms);
        size_t fb = me >= t->key_len ? t->flat_len : pl_text_key_to_flat(t, me);
        char *q = pl_quote_flat(cx->doc, fa, fb, 120);
        if (!q) {
            cx->failed = 1;
            break;
        }
        const pl_topic *tp = ph->topic;
        pl_arg args[] = {{"quote", q, NULL}, {"topic", tp->label[0], tp->label[1]}};
        pl_ctx_add(cx, PL_R_OFF_TOPIC, pl_span_flat(cx->doc, fa, fb), NULL, "off-topic", args, 2);
        free(q);
    }
    free(hits.v);
}

/* ---- style-mixed -------------------------------------------------------- */

static void style_mixed(pl_ctx *cx)
{
    const pl_text *t = &cx->doc->text;
    const pl_style_count *seen = t->styles; /* counted as the words were split */
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
