/* zip_lazy.c - the libzip functions planlint calls, loading libzip on the
 * first call (util/dynlib.h says why).  Each prototype is <zip.h>'s, which
 * the compiler checks against the definition.  A function planlint starts
 * to call must be added here, or the link fails with its name.
 *
 * ZIP_STATIC keeps <zip.h> from marking these definitions for export:
 * they are libplanlint's own (hidden, like the rest of it), not a second
 * libzip for its users. */
#define ZIP_STATIC
#include <zip.h>

#include "dynlib.h"

static pl_dynlib libzip = {PL_LIBZIP_SONAME, "reading or writing DOCX", NULL, NULL};

#define FN(ret, name, params, args) PL_DYNLIB_FN(libzip, ret, name, params, args)
#define VOID(name, params, args) PL_DYNLIB_VOID(libzip, name, params, args)

FN(zip_t *, zip_open, (const char *path, int flags, int *errorp), (path, flags, errorp))
FN(zip_t *, zip_open_from_source, (zip_source_t *zs, int flags, zip_error_t *ze), (zs, flags, ze))
FN(int, zip_close, (zip_t *za), (za))
VOID(zip_discard, (zip_t *za), (za))
FN(const char *, zip_strerror, (zip_t *za), (za))
VOID(zip_error_init, (zip_error_t *ze), (ze))
VOID(zip_error_fini, (zip_error_t *ze), (ze))
FN(const char *, zip_error_strerror, (zip_error_t *ze), (ze))

FN(zip_int64_t, zip_get_num_entries, (zip_t *za, zip_flags_t fl), (za, fl))
FN(const char *, zip_get_name, (zip_t *za, zip_uint64_t i, zip_flags_t fl), (za, i, fl))
FN(zip_int64_t, zip_name_locate, (zip_t *za, const char *name, zip_flags_t fl), (za, name, fl))
VOID(zip_stat_init, (zip_stat_t *st), (st))
FN(int, zip_stat_index, (zip_t *za, zip_uint64_t i, zip_flags_t fl, zip_stat_t *st),
   (za, i, fl, st))

FN(zip_file_t *, zip_fopen_index, (zip_t *za, zip_uint64_t i, zip_flags_t fl), (za, i, fl))
FN(zip_int64_t, zip_fread, (zip_file_t *zf, void *buf, zip_uint64_t n), (zf, buf, n))
FN(int, zip_fclose, (zip_file_t *zf), (zf))
FN(const char *, zip_file_strerror, (zip_file_t *zf), (zf))

FN(zip_int64_t, zip_file_add, (zip_t *za, const char *name, zip_source_t *zs, zip_flags_t fl),
   (za, name, zs, fl))
FN(int, zip_file_set_mtime, (zip_t *za, zip_uint64_t i, time_t mtime, zip_flags_t fl),
   (za, i, mtime, fl))
FN(int, zip_set_file_compression, (zip_t *za, zip_uint64_t i, zip_int32_t method,
                                   zip_uint32_t level),
   (za, i, method, level))

FN(zip_source_t *, zip_source_buffer, (zip_t *za, const void *data, zip_uint64_t len, int fr),
   (za, data, len, fr))
FN(zip_source_t *, zip_source_buffer_create,
   (const void *data, zip_uint64_t len, int fr, zip_error_t *ze), (data, len, fr, ze))
FN(zip_source_t *, zip_source_zip,
   (zip_t *za, zip_t *src, zip_uint64_t i, zip_flags_t fl, zip_uint64_t start, zip_int64_t len),
   (za, src, i, fl, start, len))
FN(int, zip_source_open, (zip_source_t *zs), (zs))
FN(zip_int64_t, zip_source_read, (zip_source_t *zs, void *buf, zip_uint64_t n), (zs, buf, n))
FN(int, zip_source_stat, (zip_source_t *zs, zip_stat_t *st), (zs, st))
FN(int, zip_source_close, (zip_source_t *zs), (zs))
VOID(zip_source_keep, (zip_source_t *zs), (zs))
VOID(zip_source_free, (zip_source_t *zs), (zs))
