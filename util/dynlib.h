/* dynlib.h - shared libraries loaded when first called, not at start.
 *
 * Loading a library costs its relocations whether or not it is used:
 * libzip brings libcrypto (21 000 relocations), libxlsxwriter brings
 * minizip and zlib, together about 5 ms and 5 M instructions of every
 * run (docs/PERFORMANCE.md), while only a DOCX or `compare -f xlsx` calls
 * them; libxml2 brings ICU and the C++ runtime (2.9 M instructions, 6 ms of
 * CPU), while a plain-text plan needs no XML.  So planlint does not link
 * them: util/zip_lazy.c, util/xml_lazy.c and
 * render/xlsx_lazy.c define each function planlint calls, under the
 * library's own name and prototype (its header is included, so the
 * compiler checks them), and the first call of any of them loads the
 * library with dlopen and forwards.  Callers include <zip.h> and call
 * zip_open_from_source as before.
 *
 * A library that cannot be loaded is a broken installation: the first
 * call prints one line naming the library and ends the process with
 * status 2.
 */
#ifndef PL_DYNLIB_H
#define PL_DYNLIB_H

#include <stdatomic.h>

typedef struct pl_dynlib {
    const char *soname;     /* e.g. "libzip.so.4", from the build (CMake) */
    const char *needed_for; /* what the user asked for that needs it */
    _Atomic(void *) handle; /* set once loaded */
    /* Run once, under the loader's lock, between dlopen and the handle
     * being published: whatever the library needs done before threads
     * use it (libxml2's xmlInitParser).  NULL = nothing. */
    void (*init)(void *handle);
} pl_dynlib;

/* The address of `name` in lib, loading lib on the first call.  Never
 * returns NULL: a missing library or symbol ends the process (status 2).
 * Thread-safe. */
void *pl_dynlib_sym(pl_dynlib *lib, const char *name);

/* pl_dynlib_sym, remembered in *slot (one slot per function): the
 * lookup runs once, later calls read the slot. */
void *pl_dynlib_cached(pl_dynlib *lib, _Atomic(void *) *slot, const char *name);

/* Define `ret name params` to call lib's own `name` with `args`; the
 * address is looked up once per function. */
#define PL_DYNLIB_FN(lib, ret, name, params, args)                                 \
    ret name params                                                                \
    {                                                                              \
        static _Atomic(void *) fn_;                                                \
        return ((ret(*) params)pl_dynlib_cached(&(lib), &fn_, #name)) args;        \
    }
/* The same for a function that returns nothing. */
#define PL_DYNLIB_VOID(lib, name, params, args)                                    \
    void name params                                                               \
    {                                                                              \
        static _Atomic(void *) fn_;                                                \
        ((void (*) params)pl_dynlib_cached(&(lib), &fn_, #name)) args;             \
    }

#endif
