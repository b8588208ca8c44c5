/* archive.c - the one place planlint writes zip archives (libzip, Debian
 * libzip-dev).  See archive.h. */
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "error.h"
#include "archive.h"

/* Members written anew carry this time (1980-01-01, the first a zip entry
 * can hold), so that the same findings give the same bytes. */
#define PL_ZIP_MTIME ((time_t)315532800)

static int fail(pl_error *err, const char *label, const char *what, const char *why)
{
    pl_error_set(err, PL_ERR_IO, label, NULL, "%s%s%s", what, why ? ": " : "", why ? why : "");
    return -1;
}

static zip_t *open_memory(const char *label, const void *in, size_t n, pl_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *zs = zip_source_buffer_create(in, n, 0, &ze);
    zip_t *za = zs ? zip_open_from_source(zs, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        fail(err, label, "corrupt zip archive", zip_error_strerror(&ze));
        zip_source_free(zs);
    }
    zip_error_fini(&ze);
    return za;
}

int pl_zip_read(const char *label, const void *in, size_t n, const char *name, char **out,
                size_t *len, pl_error *err)
{
    *out = NULL;
    *len = 0;
    zip_t *za = open_memory(label, in, n, err);
    if (!za)
        return -1;
    int rc = 0;
    zip_stat_t st;
    zip_int64_t idx = zip_name_locate(za, name, 0);
    if (idx < 0)
        goto done;
    zip_stat_init(&st);
    if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        st.size > PL_ZIP_MAX_PART) {
        rc = fail(err, label, name, "unreadable or too large");
        goto done;
    }
    char *buf = malloc((size_t)st.size + 1);
    zip_file_t *zf = buf ? zip_fopen_index(za, (zip_uint64_t)idx, 0) : NULL;
    zip_int64_t got = zf ? zip_fread(zf, buf, st.size) : -1;
    if (zf)
        zip_fclose(zf);
    if (got < 0 || (zip_uint64_t)got != st.size) {
        free(buf);
        rc = fail(err, label, name, "cannot be inflated");
        goto done;
    }
    buf[got] = '\0';
    *out = buf;
    *len = (size_t)got;
    rc = 1;
done:
    zip_discard(za);
    return rc;
}

/* ---- writing ------------------------------------------------------------ */

typedef struct writer {
    zip_source_t *dst; /* the archive being written, in memory */
    zip_t *za;
} writer;

static int writer_open(writer *w, const char *label, pl_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    w->dst = zip_source_buffer_create(NULL, 0, 0, &ze);
    w->za = w->dst ? zip_open_from_source(w->dst, ZIP_TRUNCATE, &ze) : NULL;
    if (!w->za) {
        fail(err, label, "cannot create a zip archive", zip_error_strerror(&ze));
        zip_source_free(w->dst);
        zip_error_fini(&ze);
        return -1;
    }
    zip_source_keep(w->dst); /* read back after zip_close */
    zip_error_fini(&ze);
    return 0;
}

static int add_part(writer *w, const pl_zip_part *p, const char *label, pl_error *err)
{
    zip_source_t *s = zip_source_buffer(w->za, p->data, p->len, 0);
    zip_int64_t idx = s ? zip_file_add(w->za, p->name, s, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
        zip_source_free(s);
        return fail(err, label, p->name, zip_strerror(w->za));
    }
    zip_set_file_compression(w->za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 0);
    zip_file_set_mtime(w->za, (zip_uint64_t)idx, PL_ZIP_MTIME, 0);
    return 0;
}

/* Close the archive and append its bytes to out. */
static int writer_close(writer *w, pl_buf *out, const char *label, pl_error *err)
{
    if (zip_close(w->za) != 0) {
        fail(err, label, "cannot write the zip archive", zip_strerror(w->za));
        zip_discard(w->za);
        zip_source_free(w->dst);
        return -1;
    }
    int rc = -1;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(w->dst, &st) == 0 && zip_source_open(w->dst) == 0) {
        char chunk[65536];
        zip_int64_t got;
        while ((got = zip_source_read(w->dst, chunk, sizeof chunk)) > 0)
            pl_buf_put(out, chunk, (size_t)got);
        zip_source_close(w->dst);
        rc = got == 0 && !out->failed ? 0 : -1;
    }
    zip_source_free(w->dst);
    return rc == 0 ? 0 : fail(err, label, "cannot read back the zip archive", NULL);
}

static const pl_zip_part *find_part(const pl_zip_part *parts, size_t n, const char *name,
                                    char *used)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(parts[i].name, name) == 0) {
            used[i] = 1;
            return &parts[i];
        }
    return NULL;
}

/* Member i of src as it is stored: compressed data, method, time. */
static int copy_member(writer *w, zip_t *src, zip_uint64_t i, const char *name, const char *label,
                       pl_error *err)
{
    zip_source_t *s = zip_source_zip(w->za, src, i, ZIP_FL_COMPRESSED, 0, -1);
    if (!s || zip_file_add(w->za, name, s, ZIP_FL_ENC_UTF_8) < 0) {
        zip_source_free(s);
        return fail(err, label, name, zip_strerror(w->za));
    }
    return 0;
}

int pl_zip_rewrite(const char *label, const void *in, size_t n, const pl_zip_part *parts,
                   size_t nparts, pl_buf *out, pl_error *err)
{
    zip_t *src = open_memory(label, in, n, err);
    if (!src)
        return -1;
    char *used = calloc(nparts + 1, 1);
    writer w = {NULL, NULL};
    int rc = used ? writer_open(&w, label, err) : fail(err, label, "out of memory", NULL);
    zip_int64_t count = zip_get_num_entries(src, 0);
    for (zip_int64_t i = 0; rc == 0 && i < count; i++) {
        const char *name = zip_get_name(src, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        if (!name) {
            rc = fail(err, label, "corrupt zip archive", zip_strerror(src));
            break;
        }
        const pl_zip_part *p = find_part(parts, nparts, name, used);
        rc = p ? add_part(&w, p, label, err) : copy_member(&w, src, (zip_uint64_t)i, name, label, err);
    }
    for (size_t i = 0; rc == 0 && i < nparts; i++)
        if (!used[i])
            rc = add_part(&w, &parts[i], label, err);
    if (rc == 0)
        rc = writer_close(&w, out, label, err);
    else if (w.za) {
        zip_discard(w.za);
        zip_source_free(w.dst);
    }
    free(used);
    zip_discard(src); /* after zip_close: the copies read from it */
    return rc;
}

int pl_zip_create(const char *label, const pl_zip_part *parts, size_t nparts, pl_buf *out,
                  pl_error *err)
{
    writer w = {NULL, NULL};
    if (writer_open(&w, label, err) != 0)
        return -1;
    for (size_t i = 0; i < nparts; i++)
        if (add_part(&w, &parts[i], label, err) != 0) {
            zip_discard(w.za);
            zip_source_free(w.dst);
            return -1;
        }
    return writer_close(&w, out, label, err);
}
