/* phrases.h - a list of phrases found in a text in one pass.
 *
 * Recognition looks for every programme's names and vocabulary in the
 * plan's loose text, off-topic for the phrases of every topic in its key
 * text: one memmem per phrase reads the whole text once per phrase.  A
 * phrase set is built once (in a few thousand instructions: cheap enough to
 * build for each document) and one scan of the text reports every
 * occurrence of every phrase, overlapping ones included.
 *
 *     pl_phrases *set = pl_phrases_new(n);
 *     for (size_t i = 0; i < n; i++)
 *         pl_phrases_add(set, ph[i], strlen(ph[i]));   // ids 0, 1, ...
 *     pl_phrases_build(set);
 *     pl_phrases_scan(set, text, len, on_hit, arg);    // on_hit(arg, id, at)
 *     pl_phrases_free(set);
 *
 * The scan is Wu and Manber's: a window as long as the shortest phrase
 * moves along the text by the shift its last three bytes allow, and only
 * where no shift is allowed are the phrases whose prefix ends in those
 * bytes compared (memcmp).  Bytes, not characters: a phrase is found
 * wherever its bytes are, as memmem finds it.
 */
#ifndef PL_PHRASES_H
#define PL_PHRASES_H

#include <stddef.h>

typedef struct pl_phrases pl_phrases;

/* An empty set with room for `cap` phrases (fewer than 2^32 - 1).  NULL
 * on allocation failure or a larger cap.
 * The caller frees it with pl_phrases_free. */
pl_phrases *pl_phrases_new(size_t cap);
void pl_phrases_free(pl_phrases *set);

/* Adds the phrase ph[0..len) (borrowed: it must outlive the set); its id is
 * the number of phrases added before it.  An empty phrase takes an id and
 * is never found.  0, or -1 when the set is full (then nothing is added). */
int pl_phrases_add(pl_phrases *set, const char *ph, size_t len);

/* Makes the tables of the scan; after the last pl_phrases_add, before the
 * first pl_phrases_scan. */
void pl_phrases_build(pl_phrases *set);

/* Called for each occurrence, phrase `id` at text[at..at + its length). */
typedef int (*pl_phrase_fn)(void *arg, size_t id, size_t at);

/* Calls fn for every occurrence of every phrase in text[0..n), in order of
 * `at` and, at one `at`, of id.  A nonzero return of fn stops the scan and
 * is returned; 0 when the scan reached the end. */
int pl_phrases_scan(const pl_phrases *set, const char *text, size_t n, pl_phrase_fn fn,
                    void *arg);

#endif
