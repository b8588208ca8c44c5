/* test_util.h - helpers shared by the Criterion tests (corpus paths,
 * reading files, counting lines and columns independently of the library). */
#ifndef PL_TEST_UTIL_H
#define PL_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Whole file, NUL-terminated; aborts the test on failure. */
char *pl_test_read_file(const char *path, size_t *len);
/* Add tests/data/NAME to the vocabulary (pl_vocab_add, before the first
 * parse); aborts the test when it does not load. */
void pl_test_vocab_add(const char *name);
/* Every list of names[0..n) loads, is not empty and is kept longest key
 * first. */
void pl_test_lists_longest_first(const char *const *names, size_t n);
/* corpus/plans/NAME */
char *pl_test_read_corpus(const char *name, size_t *len);
/* Sorted NULL-terminated list of corpus/plans/ files (free with
 * pl_test_free_list). */
char **pl_test_corpus_files(void);

/* Random text for the pretest tests, drawn from *seed: `words` pieces,
 * each (when the draw r of 0..99 is below list_below) a phrase of one of
 * the vocabulary lists, its written form when r < phrase_below and its
 * key otherwise, whole when r < whole_below and else cut at a character;
 * or else one of `extra`.  With space_every_third, a space follows each
 * piece whose r is a multiple of 3. */
typedef struct pl_test_word_mix {
    const char *const *lists;
    size_t nlists;
    const char *const *extra;
    size_t nextra;
    unsigned list_below, phrase_below, whole_below;
    int space_every_third;
} pl_test_word_mix;
struct pl_buf;
void pl_test_random_words(struct pl_buf *b, unsigned *seed, int words, const pl_test_word_mix *m);
/* Append n pieces drawn from pieces[0..npieces) with the tests' linear
 * congruential generator (*seed advances once a piece), so a seed draws
 * the same text wherever it is used. */
void pl_test_random_pieces(struct pl_buf *b, unsigned *seed, int n, const char *const *pieces,
                           size_t npieces);
void pl_test_free_list(char **list);
/* 1-based line and column (code points) of byte offset `off`, counted the
 * naive way (CR LF, CR, LF end lines; a BOM on line 1 is not a column). */
uint32_t pl_test_line_of(const char *s, size_t off);
uint32_t pl_test_col_of(const char *s, size_t off);

/* A part of a zip archive: its name and bytes. */
typedef struct pl_test_part {
    const char *name;
    const void *data;
    size_t len;
} pl_test_part;
/* A zip archive of parts[0..n) in memory (an OPC or ODF package), deflated;
 * a part called "mimetype" is stored (ODF wants it so).  *len: its size;
 * the caller frees it.  Aborts the test on failure. */
char *pl_test_zip(const pl_test_part *parts, size_t n, size_t *len);

/* A PDF built in memory object by object, for the readers' tests: objects
 * are numbered 1, 2, ... in the order begun (object 1 the catalog, which
 * the trailer names), and pl_test_pdf_finish writes the cross-reference
 * table of their offsets and the trailer.  p[0..n) is the file, kept
 * NUL-terminated; the caller frees it with pl_test_pdf_free.  put and
 * putf write anything, a damaged file too; they abort the test when out
 * of memory. */
typedef struct pl_test_pdf {
    char *p;
    size_t n, cap;
    size_t *off; /* offset of object i+1 */
    size_t nobj, objcap;
} pl_test_pdf;
void pl_test_pdf_put(pl_test_pdf *b, const void *s, size_t n);
void pl_test_pdf_putf(pl_test_pdf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Starts object nobj + 1 ("N 0 obj"; the header "%PDF-1.4" first when
 * nothing is written yet) and returns its number. */
size_t pl_test_pdf_obj_begin(pl_test_pdf *b);
void pl_test_pdf_obj_end(pl_test_pdf *b);
/* An object that is a stream of data[0..len) with `dict`'s entries and
 * its /Length. */
void pl_test_pdf_stream(pl_test_pdf *b, const char *dict, const char *data, size_t len);
void pl_test_pdf_finish(pl_test_pdf *b);
void pl_test_pdf_free(pl_test_pdf *b);

#endif
