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

#include "error.h"

typedef struct pl_vocab_entry {
    const char *phrase; /* as written in the data file: "Kế hoạch" */
    char *key;          /* key form: "kế hoạch" */
    size_t key_len;
    const void *node;   /* the entry's element, for its attributes */
} pl_vocab_entry;

typedef struct pl_vocab_list {
    const char *name;
    pl_vocab_entry *v; /* longest key first; equal lengths in file order */
    size_t n;
    char *alternation; /* see pl_vocab_alternation */
} pl_vocab_list;

/* Load every embedded vocabulary file (once; later calls return the first
 * result).  0, or -1 with err filled naming the file and line. */
int pl_vocab_load(pl_error *err);

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
 * escaped and each space written \s+ ("kế\s+hoạch|quyết\s+định|...").
 * Static storage, built once per list. */
const char *pl_vocab_alternation(const pl_vocab_list *l);

#endif
