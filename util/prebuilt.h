/* prebuilt.h - start-up work done at build time.
 *
 * A process used to fold every phrase of the embedded vocabulary to its
 * key form (pl_text_key_of), every recognition phrase of the embedded
 * programmes to its loose form (pl_fold_loose) and the rules' phrases
 * (pl_key_form) before reading a plan, and to compile its patterns: a
 * third of the instructions of checking a 16 KB plan (issue 17).  The
 * build step data/gen_prebuilt.c, linked with the library itself, folds
 * them once and writes the answers as tables; a process looks a phrase up
 * and folds at run time only what the tables do not hold (a user's
 * vocabulary file, a programme loaded from a file).  The tables are a
 * cache of the same functions, never a second implementation:
 * tests/test_prebuilt.c folds every entry again and compares.
 */
#ifndef PL_PREBUILT_H
#define PL_PREBUILT_H

#include <stddef.h>
#include <stdint.h>

/* Every string of the tables below, each followed by a NUL, back to
 * back.  The tables hold offsets into it, not pointers: a pointer in a
 * table of a position-independent program is a relocation the dynamic
 * loader writes at every start, and each page of such tables a
 * copy-on-write page fault (some 2 000 relocations and 7 pages of
 * .data.rel.ro as pointers; offsets leave the tables in .rodata, file
 * pages mapped as they are). */
extern const char pl_prebuilt_strings[];

/* One folded phrase: `text` as written in the data and what the folding
 * function makes of it (`out`), each an offset in pl_prebuilt_strings,
 * with its length (a NUL after each). */
typedef struct pl_prebuilt_fold {
    uint32_t text, out;
    uint32_t text_len, out_len;
} pl_prebuilt_fold;

static inline const char *pl_prebuilt_text(const pl_prebuilt_fold *f)
{
    return pl_prebuilt_strings + f->text;
}

static inline const char *pl_prebuilt_out(const pl_prebuilt_fold *f)
{
    return pl_prebuilt_strings + f->out;
}

/* A table of folds, no text twice, and an open-addressed hash of their
 * texts: slot (pl_prebuilt_hash(text) + i) & mask holds an entry's index
 * plus one, for the smallest i whose slot was free when the generator
 * placed it; 0 is an empty slot.  mask + 1 is a power of two, at least
 * twice n. */
typedef struct pl_prebuilt_table {
    const pl_prebuilt_fold *v;
    size_t n;
    const uint32_t *slots;
    uint32_t mask;
} pl_prebuilt_table;

/* The hash of the table's slots (32 bits; eight bytes a step). */
uint32_t pl_prebuilt_hash(const char *s, size_t n);

/* pl_text_key_of of the embedded vocabulary's phrases (data/vocab/). */
extern const pl_prebuilt_table pl_prebuilt_keys;
/* pl_fold_loose of the embedded programmes' phrases (data/programs/). */
extern const pl_prebuilt_table pl_prebuilt_loose;
/* pl_key_form (rules/rules.h) of the embedded rule files' phrases
 * (data/rules/). */
extern const pl_prebuilt_table pl_prebuilt_rule_keys;

/* pl_vocab_alternation and pl_vocab_nfc_alternation of each embedded
 * vocabulary list, by the list's name (parser/text/vocab.c hands them out
 * while a list is as embedded). */
extern const pl_prebuilt_table pl_prebuilt_alternations;
extern const pl_prebuilt_table pl_prebuilt_nfc_alternations;

/* A pattern compiled at build time (util/re.c): the pattern (an offset
 * in pl_prebuilt_strings) and the pcre2_compile options of the code at
 * its index in the set. */
typedef struct pl_prebuilt_code {
    uint32_t pattern;
    uint32_t pattern_len, opts;
} pl_prebuilt_code;

static inline const char *pl_prebuilt_pattern(const pl_prebuilt_code *c)
{
    return pl_prebuilt_strings + c->pattern;
}

/* The codes, hashed like a pl_prebuilt_table but with
 * pl_prebuilt_code_hash, and `set`: all of them in the order of v, as
 * pcre2_serialize_encode wrote them (set_len bytes). */
typedef struct pl_prebuilt_codes {
    const pl_prebuilt_code *v;
    size_t n;
    const uint32_t *slots;
    uint32_t mask;
    const unsigned char *set;
    size_t set_len;
} pl_prebuilt_codes;

/* Every code compiled while the library read the bundled plans
 * (corpus/plans) at build time. */
extern const pl_prebuilt_codes pl_prebuilt_patterns;

/* The hash of pattern s[0..n) with options opts: its length, options and
 * first and last 32 bytes (patterns run to kilobytes; the whole pattern
 * is compared when the hash finds one). */
uint32_t pl_prebuilt_code_hash(const char *s, size_t n, uint32_t opts);

/* The code of pattern s[0..n) with options opts, or NULL. */
const pl_prebuilt_code *pl_prebuilt_code_find(const char *s, size_t n, uint32_t opts);

/* The fold of text s[0..n) in table t, or NULL when t does not hold it. */
const pl_prebuilt_fold *pl_prebuilt_find(const pl_prebuilt_table *t, const char *s, size_t n);

/* A malloc'd copy of the fold of s[0..n) (its length in *out_len when not
 * NULL), as the folding function would return it; NULL when the table
 * does not hold s or out of memory (the caller then folds). */
char *pl_prebuilt_dup(const pl_prebuilt_table *t, const char *s, size_t n, size_t *out_len);

#endif
