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

#endif
