#include "test_util.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "buf.h"
#include "vocab.h"

/* A test binary run by hand, not through ctest, reads PDFs through this
 * build's planlint-pdf too: parser/read/input_pdf.c looks beside the
 * running executable, which is tests/, not where the helper is.  Set
 * before main, so that every test process Criterion starts inherits it;
 * a PLANLINT_PDF_HELPER already set (ctest's) wins. */
__attribute__((constructor)) static void pdf_helper_of_this_build(void)
{
    setenv("PLANLINT_PDF_HELPER", PL_PDF_HELPER_BUILT, 0);
}

char *pl_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    cr_assert_not_null(s);
    cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    s[n] = '\0';
    *len = (size_t)n;
    return s;
}

char *pl_test_read_corpus(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus/plans/%s", PL_SOURCE_DIR, name);
    return pl_test_read_file(path, len);
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **pl_test_corpus_files(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/corpus/plans", PL_SOURCE_DIR);
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    char **list = calloc(256, sizeof *list);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 255) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        list[n] = malloc(len);
        snprintf(list[n], len, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    qsort(list, n, sizeof *list, cmp);
    return list;
}

void pl_test_free_list(char **list)
{
    for (size_t i = 0; list[i]; i++)
        free(list[i]);
    free(list);
}

uint32_t pl_test_line_of(const char *s, size_t off)
{
    uint32_t line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
            line++;
    return line;
}

uint32_t pl_test_col_of(const char *s, size_t off)
{
    size_t start = off;
    while (start > 0 && s[start - 1] != '\n' && s[start - 1] != '\r')
        start--;
    if (start == 0 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
    uint32_t col = 1;
    for (size_t i = start; i < off; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            col++;
    return col;
}

void pl_test_vocab_add(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/%s", PL_SOURCE_DIR, name);
    size_t n = 0;
    char *xml = pl_test_read_file(path, &n);
    pl_error err = {0};
    cr_assert_eq(pl_vocab_add(name, xml, n, &err), 0, "%s", err.message);
    free(xml);
}

void pl_test_lists_longest_first(const char *const *names, size_t n)
{
    pl_error err;
    cr_assert_eq(pl_vocab_load(&err), 0, "%s", err.message);
    for (size_t i = 0; i < n; i++) {
        const pl_vocab_list *l = pl_vocab(names[i]);
        cr_assert_gt(l->n, 0, "%s is empty", names[i]);
        for (size_t k = 1; k < l->n; k++)
            cr_expect_geq(l->v[k - 1].key_len, l->v[k].key_len, "%s: %s before %s", names[i],
                          l->v[k - 1].phrase, l->v[k].phrase);
    }
}

char *pl_test_zip(const pl_test_part *parts, size_t n, size_t *len)
{
    char path[] = "/tmp/planlint-zip-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    close(fd);
    int zerr = 0;
    zip_t *za = zip_open(path, ZIP_TRUNCATE | ZIP_CREATE, &zerr);
    cr_assert_not_null(za, "zip_open: %d", zerr);
    for (size_t k = 0; k < n; k++) {
        zip_source_t *zs = zip_source_buffer(za, parts[k].data, parts[k].len, 0);
        cr_assert_not_null(zs);
        zip_int64_t i = zip_file_add(za, parts[k].name, zs, ZIP_FL_ENC_UTF_8);
        cr_assert_geq(i, 0);
        if (strcmp(parts[k].name, "mimetype") == 0)
            zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0);
    }
    cr_assert_eq(zip_close(za), 0);
    char *b = pl_test_read_file(path, len);
    unlink(path);
    return b;
}

/* ---- PDF -------------------------------------------------------------------- */

void pl_test_pdf_put(pl_test_pdf *b, const void *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        cr_assert_not_null(b->p, "out of memory building a PDF");
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void pl_test_pdf_putf(pl_test_pdf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    cr_assert_geq(k, 0);
    char *tmp = malloc((size_t)k + 1);
    cr_assert_not_null(tmp);
    va_start(ap, fmt);
    vsnprintf(tmp, (size_t)k + 1, fmt, ap);
    va_end(ap);
    pl_test_pdf_put(b, tmp, (size_t)k);
    free(tmp);
}

size_t pl_test_pdf_obj_begin(pl_test_pdf *b)
{
    if (b->n == 0)
        pl_test_pdf_put(b, "%PDF-1.4\n", 9);
    if (b->nobj == b->objcap) {
        b->objcap = b->objcap ? b->objcap * 2 : 64;
        b->off = realloc(b->off, b->objcap * sizeof *b->off);
        cr_assert_not_null(b->off);
    }
    b->off[b->nobj++] = b->n;
    pl_test_pdf_putf(b, "%zu 0 obj\n", b->nobj);
    return b->nobj;
}

void pl_test_pdf_obj_end(pl_test_pdf *b)
{
    pl_test_pdf_put(b, "\nendobj\n", 8);
}

void pl_test_pdf_stream(pl_test_pdf *b, const char *dict, const char *data, size_t len)
{
    pl_test_pdf_obj_begin(b);
    pl_test_pdf_putf(b, "<< %s /Length %zu >>\nstream\n", dict, len);
    pl_test_pdf_put(b, data, len);
    pl_test_pdf_put(b, "\nendstream", 10);
    pl_test_pdf_obj_end(b);
}

void pl_test_pdf_finish(pl_test_pdf *b)
{
    size_t xref = b->n;
    pl_test_pdf_putf(b, "xref\n0 %zu\n0000000000 65535 f \n", b->nobj + 1);
    for (size_t i = 0; i < b->nobj; i++)
        pl_test_pdf_putf(b, "%010zu 00000 n \n", b->off[i]);
    pl_test_pdf_putf(b, "trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                     b->nobj + 1, xref);
}

void pl_test_pdf_free(pl_test_pdf *b)
{
    free(b->p);
    free(b->off);
}

void pl_test_random_pieces(pl_buf *b, unsigned *seed, int n, const char *const *pieces,
                           size_t npieces)
{
    for (int i = 0; i < n; i++) {
        *seed = *seed * 1103515245u + 12345u;
        pl_buf_puts(b, pieces[(*seed >> 16) % npieces]);
    }
}

void pl_test_random_words(pl_buf *b, unsigned *seed, int words, const pl_test_word_mix *m)
{
    for (int k = 0; k < words; k++) {
        *seed = *seed * 1103515245u + 12345u;
        unsigned r = (*seed >> 16) % 100;
        if (r < m->list_below) {
            const pl_vocab_list *l = pl_vocab(m->lists[(*seed >> 4) % m->nlists]);
            if (l->n == 0)
                continue;
            const pl_vocab_entry *e = &l->v[(*seed >> 8) % l->n];
            const char *w = r < m->phrase_below ? e->phrase : e->key;
            size_t n = strlen(w), cut = r < m->whole_below ? n : 1 + (*seed >> 3) % n;
            while (cut < n && ((unsigned char)w[cut] & 0xC0) == 0x80)
                cut++; /* of whole characters */
            pl_buf_put(b, w, cut);
        } else {
            pl_buf_puts(b, m->extra[(*seed >> 8) % m->nextra]);
        }
        if (m->space_every_third && r % 3 == 0)
            pl_buf_putc(b, ' ');
    }
}
