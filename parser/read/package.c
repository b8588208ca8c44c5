/* package.c - zip packages through libzip (see package.h).
 *
 * libzip (Debian libzip-dev) reads from memory, checks the archive's
 * consistency (ZIP_CHECKCONS) and each member's CRC, and tells the
 * declared sizes before anything is inflated, which is what a zip-bomb
 * guard needs.  minizip and libarchive would do; libzip is the
 * maintained, documented C API of the three.  This is the one file that
 * includes <zip.h>.
 */
#include "package.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* Declared inflated size / compressed size above which a part is refused
 * (real XML parts compress 5-30x; deflate's ceiling is ~1030x). */
#define PL_PACKAGE_MAX_RATIO 200
/* ... checked only for parts above this size: tiny parts may compress oddly. */
#define PL_PACKAGE_RATIO_FLOOR ((size_t)1024 * 1024)

struct pl_package {
    zip_t *za;
    const char *name, *what;
};

static int zip_fail(const char *name, pl_error *err, const char *what, const char *why)
{
    pl_error_set(err, PL_ERR_ENCODING, name, NULL, "%s%s%s", what, why ? ": " : "", why ? why : "");
    return -1;
}

/* A member that cannot be read: the message names it (where in the
 * package the damage is). */
static int corrupt_part(const pl_package *pk, const char *part, pl_error *err, const char *why)
{
    char msg[512];
    snprintf(msg, sizeof msg, "corrupt zip archive: %s", part);
    return zip_fail(pk->name, err, msg, why);
}

pl_package *pl_package_open(const char *name, const char *what, const unsigned char *b, size_t n,
                            pl_error *err)
{
    pl_package *pk = calloc(1, sizeof *pk);
    if (!pk) {
        pl_error_set(err, PL_ERR_NOMEM, name, NULL, "out of memory");
        return NULL;
    }
    pk->name = name;
    pk->what = what;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *zs = zip_source_buffer_create(b, n, 0, &ze);
    pk->za = zs ? zip_open_from_source(zs, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (!pk->za) {
        char msg[128];
        snprintf(msg, sizeof msg, "corrupt zip archive (not a readable %s file)", what);
        zip_fail(name, err, msg, zip_error_strerror(&ze));
        zip_source_free(zs);
        zip_error_fini(&ze);
        free(pk);
        return NULL;
    }
    zip_error_fini(&ze);
    return pk;
}

void pl_package_close(pl_package *pk)
{
    if (!pk)
        return;
    zip_discard(pk->za);
    free(pk);
}

int pl_package_has(pl_package *pk, const char *part)
{
    return zip_name_locate(pk->za, part, ZIP_FL_NOCASE) >= 0;
}

/* Refuse a part whose declared sizes say it is encrypted or a bomb. */
static int check_stat(pl_package *pk, const char *part, const zip_stat_t *st, size_t cap,
                      pl_error *err)
{
    const char *name = pk->name;
    if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE) {
        char msg[128];
        snprintf(msg, sizeof msg, "the %s file is encrypted (password required)", pk->what);
        return zip_fail(name, err, msg, NULL);
    }
    if ((st->valid & ZIP_STAT_SIZE) && st->size > cap) {
        pl_error_set(err, PL_ERR_TOO_LARGE, name, NULL,
                     "%s would inflate to %llu bytes, above the limit of %zu (a zip bomb?)", part,
                     (unsigned long long)st->size, cap);
        return -1;
    }
    zip_uint64_t comp = (st->valid & ZIP_STAT_COMP_SIZE) && st->comp_size ? st->comp_size : 1;
    if ((st->valid & ZIP_STAT_SIZE) && (st->valid & ZIP_STAT_COMP_SIZE) &&
        st->size > PL_PACKAGE_RATIO_FLOOR && st->size / comp > PL_PACKAGE_MAX_RATIO) {
        pl_error_set(err, PL_ERR_TOO_LARGE, name, NULL, "%s compresses %llu:1, above %d:1 (a zip bomb?)",
                     part, (unsigned long long)(st->size / comp), PL_PACKAGE_MAX_RATIO);
        return -1;
    }
    return 0;
}

/* Inflate an open member into a buffer of at most cap + 1 bytes (one past
 * the cap tells that the archive lied about the size). */
static char *inflate_all(pl_package *pk, const char *part, zip_file_t *zf, size_t hint, size_t cap,
                         size_t *n, pl_error *err)
{
    size_t bufcap = hint, got_n = 0;
    char *buf = malloc(bufcap + 1);
    while (buf) {
        if (got_n == bufcap) {
            if (bufcap > cap)
                break;
            size_t nc = bufcap * 2 > cap + 1 ? cap + 1 : bufcap * 2;
            char *p = realloc(buf, nc + 1);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            bufcap = nc;
        }
        zip_int64_t got = zip_fread(zf, buf + got_n, bufcap - got_n);
        if (got < 0) {
            corrupt_part(pk, part, err, zip_file_strerror(zf));
            free(buf);
            return NULL;
        }
        if (got == 0)
            break;
        got_n += (size_t)got;
    }
    if (!buf)
        pl_error_set(err, PL_ERR_NOMEM, pk->name, NULL, "out of memory");
    *n = got_n;
    return buf;
}

int pl_package_read(pl_package *pk, const char *part, size_t cap, int required, char **out,
                    size_t *len, pl_error *err)
{
    *out = NULL;
    *len = 0;
    zip_int64_t idx = zip_name_locate(pk->za, part, ZIP_FL_NOCASE);
    if (idx < 0) {
        if (!required)
            return 0;
        char msg[512];
        snprintf(msg, sizeof msg, "a zip archive without %s (not a %s file)", part, pk->what);
        return zip_fail(pk->name, err, msg, NULL);
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(pk->za, (zip_uint64_t)idx, 0, &st) != 0)
        return corrupt_part(pk, part, err, zip_strerror(pk->za));
    if (check_stat(pk, part, &st, cap, err) != 0)
        return -1;
    zip_file_t *zf = zip_fopen_index(pk->za, (zip_uint64_t)idx, 0);
    if (!zf)
        return corrupt_part(pk, part, err, zip_strerror(pk->za));
    size_t hint = (st.valid & ZIP_STAT_SIZE) && st.size < cap ? (size_t)st.size + 1 : 65536;
    size_t n = 0;
    char *buf = inflate_all(pk, part, zf, hint, cap, &n, err);
    zip_fclose(zf);
    if (!buf)
        return -1;
    if (n > cap) {
        free(buf);
        pl_error_set(err, PL_ERR_TOO_LARGE, pk->name, NULL,
                     "%s inflates to more than %zu bytes (a zip bomb?)", part, cap);
        return -1;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}
