/* vocab.h - the parser's Vietnamese vocabulary, loaded from data.
 *
 * The files in data/vocab/ (schema data/schema/vocab.xsd) hold named lists of
 * entries: a phrase as Vietnamese writes it and the attributes its list
 * needs (document-types: abbr; units: level; ...).  They are embedded at
 * build time and loaded once, on first use; each phrase is folded to key
 * form (text.h: lower case, old tone style) so that it compares with key
 * text bytewise.  Entries of a list are kept longest key first, so the
 * first entry that matches at a position is the longest one.
 *
 * A domain expert adds a document type or a body by editing the data file;
 * no C changes.
 */
#ifndef PL_VOCAB_H
#define PL_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct pl_vocab_entry {
    const char *phrase; /* as written in the data file: "Kế hoạch" */
    const char *key;    /* key form: "kế hoạch" (the build's, util/prebuilt.h, for an embedded entry) */
    size_t key_len;
    const void *node;   /* the entry's element, for its attributes */
} pl_vocab_entry;

typedef struct pl_vocab_list {
    const char *name;
    pl_vocab_entry *v; /* longest key first; equal lengths in file order */
    size_t n, cap;
    /* see pl_vocab_alternation and pl_vocab_nfc_alternation: set on first
     * use, to the build's (util/prebuilt.h) while the list is as embedded,
     * else built (malloc'd: `built`) */
    const char *alternation;
    const char *nfc_alternation;
    int built;
    int extended; /* pl_vocab_add added to it */
} pl_vocab_list;

/* Load every embedded vocabulary file (once; later calls return the first
 * result).  0, or -1 with err filled naming the file and line. */
int pl_vocab_load(pl_error *err);

/* Read one more vocabulary file (xml[0..len), named `name` in errors),
 * checked against vocab.xsd: its entries are added to the lists of the
 * same name, or make new lists.  For tests and for trying an entry before
 * it goes into data/vocab/: call it before the first document is parsed
 * (each module builds its patterns from the lists once) and from one
 * thread.  0, or -1 with err filled naming the file and line; the lists
 * keep what was read before the error, in order. */
int pl_vocab_add(const char *name, const char *xml, size_t len, pl_error *err);

/* The list called `name`.  The embedded data is part of the program: a
 * missing list or a file that does not load is a build defect, reported
 * on stderr before abort() (tests load every list). */
const pl_vocab_list *pl_vocab(const char *name);

/* Attribute `attr` of an entry, or NULL when absent. */
const char *pl_vocab_attr(const pl_vocab_entry *e, const char *attr);
/* Attribute `attr`, or the phrase as written when absent. */
const char *pl_vocab_attr_or_phrase(const pl_vocab_entry *e, const char *attr);

/* The entry whose key is exactly key[0..n), or NULL. */
const pl_vocab_entry *pl_vocab_find(const pl_vocab_list *l, const char *key, size_t n);

/* The longest entry that key[at..end) starts with as whole words (what
 * follows is not a letter or digit), or NULL; *after gets the offset after
 * it. */
const pl_vocab_entry *pl_vocab_prefix(const pl_vocab_list *l, const char *key, size_t at,
                                      size_t end, size_t *after);

/* A regex alternation of the list's keys, longest first, metacharacters
 * escaped, a space between words written \s+ and a space beside a sign
 * \s* ("kế\s+hoạch|quyết\s+định|...", "độc\s+lập\s*-\s*tự\s+do").
 * For patterns on key text.  Static storage, built when first asked for
 * (thread-safe). */
const char *pl_vocab_alternation(const pl_vocab_list *l);
/* The same for patterns on NFC text (compiled caseless, as pl_re_must
 * does): NFC keeps the writer's tone style, so a key with a word whose
 * tone the new style places elsewhere ("hòa") is followed by that
 * spelling too ("hòa|hoà"); both have the same length, so the order stays
 * longest first. */
const char *pl_vocab_nfc_alternation(const pl_vocab_list *l);
/* The alternation of the list (nfc: the NFC one) built from its entries
 * now, malloc'd (NULL when out of memory).  While a list is as embedded,
 * the two above hand out the build's copy of this (util/prebuilt.h,
 * written by data/gen_prebuilt.c with this function). */
char *pl_vocab_alternation_build(const pl_vocab_list *l, int nfc);

/* The lists loaded, in load order (for the build step and tests). */
size_t pl_vocab_count(void);
const pl_vocab_list *pl_vocab_at(size_t i);

/* The rule by which a key is written into an alternation, for the
 * callers that match a list's keys by bytes where the pattern would match
 * the same (a plain span, pl_re_plain_key: lower case, one space between
 * words): a byte of a word is an ASCII letter or digit or part of a
 * multibyte letter, and a space of the key is \s+ between two word bytes,
 * \s* beside a sign ("lập - tự": a header writes "Độc lập - Tự do" and
 * "Độc lập-Tự do"). */
static inline int pl_vocab_word_byte(char c)
{
    return (unsigned char)c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
}
/* Whether the space at p of key w is written \s* (may be left out). */
static inline int pl_vocab_space_optional(const char *w, const char *p)
{
    return !(p > w && pl_vocab_word_byte(p[-1]) && pl_vocab_word_byte(p[1]));
}
/* How many bytes at the start of key w its alternation matches only as
 * they are: up to a space it may do without (beside a sign). */
static inline size_t pl_vocab_fixed_lead(const char *w)
{
    size_t n = 0;
    while (w[n] && !(w[n] == ' ' && pl_vocab_space_optional(w, w + n)))
        n++;
    return n;
}
/* Where key w, matched as its alternation would match it at key[i..b) of
 * a plain span (one space for \s+, one space or none for \s*), ends; or
 * (size_t)-1 when it does not match there. */
static inline size_t pl_vocab_phrase_end(const char *key, size_t i, size_t b, const char *w)
{
    for (const char *p = w; *p; p++) {
        if (*p == ' ') {
            if (i < b && key[i] == ' ')
                i++;
            else if (!pl_vocab_space_optional(w, p))
                return (size_t)-1;
            continue;
        }
        if (i >= b || key[i] != *p)
            return (size_t)-1;
        i++;
    }
    return i;
}

/* The first letters of the keys of one or more lists, for a reader that
 * turns away a line no key can open before it folds the line or runs a
 * pattern on it (text.c's line phrases, marker.c's marker words).  A key
 * is lower case, and the tone style of a text may move a mark onto or off
 * a word's first vowel ("ủy"/"uỷ"), so a letter may start a key when its
 * lower case is a first letter or has the plain vowel of one.  Too many
 * letters to keep, or a key without a first letter, sets `all`: any letter
 * may.  Zero-initialise, then add each list. */
typedef struct pl_vocab_firsts {
    int all;
    size_t nfirst, nplain;
    int32_t first[64]; /* each key's first code point */
    int32_t plain[16]; /* of those, the plain vowels (pl_tone_plain) */
} pl_vocab_firsts;
void pl_vocab_firsts_add(pl_vocab_firsts *f, const pl_vocab_list *l);
/* Whether a key may start with the letter cp, its lower case taken by
 * pl_lower.  The answer is only as good as that lower case, so each caller
 * asks only about the letters where it sees case as pl_lower does, and lets
 * the others through:
 * - text.c compares keys that pl_text_key_of folded with pl_lower: it asks
 *   about every Latin letter utf8proc's tables know (below U+0250,
 *   U+1E00-U+1EFF) and lets through a letter that a combining mark after
 *   it may change by NFC;
 * - marker.c must answer as PCRE2's caseless match of its word patterns,
 *   which pairs some of those letters otherwise: pl_lower reads Ð and ð
 *   (U+00D0, U+00F0, typed for Đ) as đ and PCRE2 does not, and PCRE2 matches
 *   ſ (U+017F) as s and µ (U+00B5) as μ, which pl_lower leaves apart.  It
 *   lets those through, and ẞ (U+1E9E), whose pairing with ß PCRE2's tables
 *   and utf8proc's need not share; it asks about the other Latin letters. */
int pl_vocab_firsts_may_start(const pl_vocab_firsts *f, int32_t cp);

/* A regex from a skeleton that names lists: each "{list-name}" becomes
 * "(?:" + that list's alternation + ")", "{nfc:list-name}" the same with
 * pl_vocab_nfc_alternation (a pattern on NFC text); the rest is copied
 * ("\p{L}" is not a name).  malloc'ed (NULL when out of memory); aborts like pl_vocab
 * on a list that does not exist.  The patterns of the document analysis
 * are built this way, so their words are data. */
char *pl_vocab_regex(const char *skeleton);

#endif
