#define PCRE2_CODE_UNIT_WIDTH 8
#include "re.h"

#include "array.h"
#include "buf.h"
#include "prebuilt.h"

#include <pcre2.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A pattern is compiled when it is first used, in the form it is used in:
 * most of the patterns a process holds never meet a subject (a plan
 * without tables, a command that does not check), and compiling all of
 * them was the largest fixed cost of a run after loading shared libraries
 * (docs/PERFORMANCE.md).  pl_re_at runs the plain code with
 * PCRE2_ANCHORED in the interpreter; once hot it gets a second code
 * compiled with PCRE2_ANCHORED, because passing PCRE2_ANCHORED to
 * pcre2_match turns the JIT off for that call.  Before either, a start
 * byte no match can begin with is turned away (re_start).
 *
 * A form starts in PCRE2's interpreter and is JIT-compiled once it has
 * scanned HOT_BYTES of subject (more for a large code: size_hot).
 * JIT-compiling every pattern a 16 KB plan
 * meets cost 12 M instructions, three times what matching them took; but
 * interpreted, the citation pattern costs some hundreds of instructions a
 * byte.  So a pattern that meets a few short lines stays interpreted, and
 * one that walks the body is JIT-compiled after a page.  Both engines give the same matches; only how
 * far each goes before PL_RE_MATCH_LIMIT differs, and a pattern near that
 * limit is pathological either way.
 *
 * Threads (--jobs) share patterns: a code is compiled under one lock and
 * published with a release store; a reader that sees it non-NULL sees it
 * whole, and the group count stored before it (acquire).  Published codes
 * are never changed afterwards: the JIT works on a copy. */
enum { PLAIN = 0, ANCHORED = 1 };

/* Subject bytes a form scans in the interpreter before it is JIT-compiled
 * (1 KB did best of 1 B to 64 KB on each corpus plan and on all of them
 * together, in callgrind's instruction counts); a failed anchored match
 * counts as ANCHORED_COST bytes, since it looked at a few. */
#define HOT_BYTES ((uint64_t)1024)
#define ANCHORED_COST 64
/* Code bytes per HOT_BYTES of work before a form is hot (size_hot). */
#define HOT_SIZE ((size_t)64)
/* A subject this long is JIT-compiled for before its first search. */
#define BIG_SUBJECT ((size_t)64 * 1024)

typedef struct re_form {
    _Atomic(pcre2_code *) code;  /* the interpreter's, compiled on first use */
    _Atomic(pcre2_code *) jit;   /* a JIT-compiled copy, once hot */
    _Atomic uint64_t scanned;    /* subject bytes given to `code` so far */
} re_form;

/* The bytes an anchored match can start with, read off PCRE2's own start
 * optimisation (the first code unit or the start bitmap it computes for an
 * unanchored search).  pl_re_at is mostly asked at spots where the pattern
 * cannot start (the marker patterns at every line start): this turns those
 * away without calling PCRE2, so such a pattern is seldom compiled in its
 * anchored form, let alone JIT-compiled. */
typedef struct re_start {
    int any;                     /* no test known: any byte may start a match */
    uint32_t min_chars;          /* no match is shorter (characters) */
    uint8_t bits[32];            /* may a match start with this byte? */
} re_start;

struct pl_re {
    char *pattern;               /* owned copy */
    uint32_t opts;               /* pcre2_compile options */
    re_form form[2];
    _Atomic int start_known;     /* `start` filled (release) */
    re_start start;
    pcre2_match_context *mctx;   /* carries the limits; read-only after creation */
    _Atomic int ngroups;         /* set before the first code is published */
    _Atomic uint64_t hot;        /* subject bytes that make a form hot (size_hot) */
    int must;                    /* a literal of the source: abort if it fails */
};

static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

/* A run whose whole input is at most SMALL_RUN bytes (pl_re_run_bytes)
 * JIT-compiles nothing on the work it counts.  On main at 2c7da26 (callgrind,
 * check -f text, one file): 16 KB, JIT-compiling four forms costs 0.39 M
 * and saves 0.36 M (+27 K in all) and 10 page faults (the copy, the
 * compiler's memory, the executable chunk: a first touch is about 12 us);
 * 31 KB, the JIT saves 0.12 M of 19.4 M (40 us, less than its faults);
 * 63 KB, 0.66 M of 27.0 M.  The 2 MB corpus keeps the JIT (a global floor
 * under HOT_BYTES cost it 2.5 %).  A run that does not say (a library
 * caller, standard input) is not small. */
#define SMALL_RUN ((uint64_t)32 * 1024)
static _Atomic int small_run;
static _Atomic unsigned long jit_compiled;

void pl_re_run_bytes(uint64_t bytes)
{
    atomic_store_explicit(&small_run, bytes <= SMALL_RUN, memory_order_relaxed);
}

unsigned long pl_re_jit_compiled(void)
{
    return atomic_load_explicit(&jit_compiled, memory_order_relaxed);
}

/* ---- codes compiled at build time ----------------------------------------
 *
 * Compiling the fifty-odd patterns a 16 KB plan meets was 2.8 M of its
 * 18.9 M instructions (issue 17).  The build step data/gen_prebuilt.c runs
 * the library over the bundled plans with pl_re_record on and writes the
 * codes it compiled as one set serialized by PCRE2 (pcre2serialize(3)),
 * with each one's pattern and options (util/prebuilt.h).  The first time
 * compile_code finds the pattern and options it is asked for there, the
 * whole set is decoded (one copy of the character tables for all of them:
 * a set per code cost 1 KB of tables each), and each code is handed out
 * once; what the table does not hold, or a code already handed out, is
 * compiled.  A set decodes only under the PCRE2 version that wrote it
 * (pcre2_serialize_decode says PCRE2_ERROR_BADMODE otherwise): a library
 * upgraded after the build compiles as before. */
typedef struct recorded {
    char *pattern;
    uint32_t opts;
} recorded;
static pthread_mutex_t record_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic int recording;
static recorded *records;
static size_t nrecords, caprecords;

/* The decoded set, by index of pl_prebuilt_patterns; a slot is emptied
 * when its code is handed out.  NULL when the set did not decode. */
static _Atomic(pcre2_code *) *decoded;
static pthread_once_t decode_once = PTHREAD_ONCE_INIT;

static void decode_set(void)
{
    const pl_prebuilt_codes *t = &pl_prebuilt_patterns;
    pcre2_code **codes = calloc(t->n ? t->n : 1, sizeof *codes);
    _Atomic(pcre2_code *) *slots = calloc(t->n ? t->n : 1, sizeof *slots);
    int32_t n = codes && slots ? pcre2_serialize_decode(codes, (int32_t)t->n, t->set, NULL) : -1;
    if (n == (int32_t)t->n) {
        for (size_t i = 0; i < t->n; i++)
            atomic_init(&slots[i], codes[i]);
        decoded = slots;
    } else {
        for (int32_t i = 0; i < n; i++)
            pcre2_code_free(codes[i]);
        free(slots);
    }
    free(codes);
}

static pcre2_code *prebuilt_code(const char *pattern, uint32_t opts)
{
    const pl_prebuilt_code *c = pl_prebuilt_code_find(pattern, strlen(pattern), opts);
    if (!c)
        return NULL;
    pthread_once(&decode_once, decode_set);
    return decoded ? atomic_exchange(&decoded[c - pl_prebuilt_patterns.v], NULL) : NULL;
}

static void record(const char *pattern, uint32_t opts)
{
    pthread_mutex_lock(&record_lock);
    int seen = 0;
    for (size_t i = 0; i < nrecords && !seen; i++)
        seen = records[i].opts == opts && strcmp(records[i].pattern, pattern) == 0;
    /* out of memory drops the record: the table lacks it, the run compiles */
    if (!seen && PL_ARRAY_RESERVE(records, caprecords, nrecords + 1) == 0 &&
        (records[nrecords].pattern = strdup(pattern)) != NULL)
        records[nrecords++].opts = opts;
    pthread_mutex_unlock(&record_lock);
}

void pl_re_record(void)
{
    atomic_store(&recording, 1);
}

int pl_re_recorded(int (*fn)(void *ctx, const char *pattern, uint32_t opts), void *ctx)
{
    int rc = 0;
    pthread_mutex_lock(&record_lock);
    for (size_t i = 0; i < nrecords; i++) {
        if (rc == 0 && fn(ctx, records[i].pattern, records[i].opts) != 0)
            rc = -1;
        free(records[i].pattern);
    }
    free(records);
    records = NULL;
    nrecords = caprecords = 0;
    atomic_store(&recording, 0);
    pthread_mutex_unlock(&record_lock);
    return rc;
}

int pl_re_serialize(const char *const *patterns, const uint32_t *opts, size_t n,
                    unsigned char **bytes, size_t *len)
{
    pcre2_code **codes = calloc(n ? n : 1, sizeof *codes);
    int rc = codes ? 0 : -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        int errcode = 0;
        PCRE2_SIZE erroff = 0;
        codes[i] = pcre2_compile((PCRE2_SPTR)patterns[i], PCRE2_ZERO_TERMINATED, opts[i],
                                 &errcode, &erroff, NULL);
        rc = codes[i] ? 0 : -1;
    }
    /* pcre2_serialize_encode takes const codes: a list of its own type */
    const pcre2_code **list = calloc(n ? n : 1, sizeof *list);
    for (size_t i = 0; list && codes && i < n; i++)
        list[i] = codes[i];
    uint8_t *out = NULL;
    PCRE2_SIZE size = 0;
    if (rc == 0 && (!list || pcre2_serialize_encode(list, (int32_t)n, &out, &size, NULL) != (int32_t)n))
        rc = -1;
    free(list);
    if (rc == 0 && (*bytes = malloc(size ? size : 1)) != NULL) {
        memcpy(*bytes, out, size);
        *len = size;
    } else {
        rc = -1;
    }
    pcre2_serialize_free(out);
    for (size_t i = 0; codes && i < n; i++)
        pcre2_code_free(codes[i]);
    free(codes);
    return rc;
}

/* Compile (or decode the build's code); on failure *errcode is PCRE2's
 * code and errbuf says why. */
static pcre2_code *compile_code(const char *pattern, uint32_t opts, int *errcode, char *errbuf,
                                size_t errlen)
{
    pcre2_code *code = prebuilt_code(pattern, opts);
    if (code)
        return code;
    PCRE2_SIZE erroff;
    code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, errcode, &erroff,
                         NULL);
    if (code && atomic_load(&recording))
        record(pattern, opts);
    if (!code && errbuf && errlen) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(*errcode, msg, sizeof msg);
        snprintf(errbuf, errlen, "pattern error at offset %zu: %s", (size_t)erroff,
                 (const char *)msg);
    }
    return code;
}

static void must_failed(const char *pattern, const char *err)
{
    fprintf(stderr, "planlint: internal pattern failed to compile: %s\n  %s\n", err, pattern);
    abort();
}

static int groups_of(const pcre2_code *code)
{
    uint32_t cap = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &cap);
    return (int)cap;
}

/* The work that makes a form hot: HOT_BYTES, times the code's size in
 * units of HOT_SIZE bytes for a larger code.  JIT-compiling costs about
 * 400 to 1 000 instructions per byte of code (90 000 for a marker pattern
 * of 250 bytes, 1.8 M for the citation pattern's 2 600), so a large
 * pattern has to save more before it pays: with one threshold for all,
 * the citation and target-cue patterns were JIT-compiled on a 16 KB plan
 * for more than they would ever cost interpreted.  64 did best of 16 to
 * 256 (and none) on the sum of the 21 single-file runs of the corpus plans
 * and plan-excerpts, in callgrind's instruction counts. */
static uint64_t size_hot(const pcre2_code *code)
{
    size_t size = 0;
    pcre2_pattern_info(code, PCRE2_INFO_SIZE, &size);
    return size > HOT_SIZE ? HOT_BYTES * size / HOT_SIZE : HOT_BYTES;
}

/* Form f's first code: the groups and the hot mark it sets, stored before
 * the code so that a reader who sees the code sees them. */
static void publish(pl_re *re, int f, pcre2_code *code)
{
    atomic_store_explicit(&re->ngroups, groups_of(code), memory_order_relaxed);
    atomic_store_explicit(&re->hot, size_hot(code), memory_order_relaxed);
    atomic_store_explicit(&re->form[f].code, code, memory_order_release);
}

/* Under compile_lock: the interpreter's code of form f. */
static pcre2_code *compile_form(pl_re *re, int f)
{
    pcre2_code *code = atomic_load_explicit(&re->form[f].code, memory_order_relaxed);
    if (code)
        return code;
    char err[300];
    int errcode = 0;
    code = compile_code(re->pattern, re->opts | (f == ANCHORED ? PCRE2_ANCHORED : 0), &errcode,
                        err, sizeof err);
    if (!code && re->must && errcode != PCRE2_ERROR_HEAP_FAILED)
        must_failed(re->pattern, err); /* a bug in the source, not lack of memory */
    if (code)
        publish(re, f, code);
    return code;
}

/* Under compile_lock: the code that form f ends with, JIT-compiled.  The
 * plain form is JIT-compiled on a copy (other threads may be running the
 * interpreter's code); the anchored form was interpreted on the plain code
 * (match), so its own code is compiled here and JIT-compiled in place.
 * Without JIT (a platform without it, or out of executable memory) the
 * interpreter's code is published in its place, so nobody tries again. */
static pcre2_code *jit_form(pl_re *re, int f)
{
    pcre2_code *jit = atomic_load_explicit(&re->form[f].jit, memory_order_relaxed);
    if (jit)
        return jit;
    pcre2_code *code = NULL;
    if (f == PLAIN) {
        code = compile_form(re, PLAIN);
        jit = code ? pcre2_code_copy(code) : NULL;
    } else {
        char err[300];
        int errcode = 0;
        jit = compile_code(re->pattern, re->opts | PCRE2_ANCHORED, &errcode, err, sizeof err);
    }
    if (jit && jit != code) {
        if (pcre2_jit_compile(jit, PCRE2_JIT_COMPLETE) == 0) {
            atomic_fetch_add_explicit(&jit_compiled, 1, memory_order_relaxed);
        } else if (f == PLAIN) {
            pcre2_code_free(jit);
            jit = NULL;
        }
    }
    if (!jit)
        jit = code; /* NULL only when out of memory: tried again next time */
    if (jit)
        atomic_store_explicit(&re->form[f].jit, jit, memory_order_release);
    return jit;
}

/* The code to match form f with: the JIT copy once there is one, else the
 * interpreter's plain code (the anchored form runs it with PCRE2_ANCHORED),
 * compiled on first use.  *anchor says whether PCRE2_ANCHORED must be
 * passed.  NULL only when out of memory. */
static pcre2_code *code_for(const pl_re *cre, int f, uint32_t *anchor)
{
    pl_re *re = (pl_re *)(uintptr_t)cre; /* lazily filled, logically const */
    pcre2_code *code = atomic_load_explicit(&re->form[f].jit, memory_order_acquire);
    *anchor = 0;
    if (code)
        return code;
    *anchor = f == ANCHORED ? PCRE2_ANCHORED : 0;
    code = atomic_load_explicit(&re->form[PLAIN].code, memory_order_acquire);
    if (code)
        return code;
    pthread_mutex_lock(&compile_lock);
    code = compile_form(re, PLAIN);
    pthread_mutex_unlock(&compile_lock);
    return code;
}

/* Form f has just scanned enough in the interpreter: JIT-compile it. */
static pcre2_code *make_hot(const pl_re *cre, int f)
{
    pl_re *re = (pl_re *)(uintptr_t)cre;
    pthread_mutex_lock(&compile_lock);
    pcre2_code *code = jit_form(re, f);
    pthread_mutex_unlock(&compile_lock);
    return code;
}

/* Under compile_lock: read what a match can start with off `probe`, a code
 * compiled without PCRE2_ANCHORED, as pcre2_match itself would use it. */
static void start_of_code(re_start *st, const pcre2_code *probe)
{
    uint32_t type = 0, unit = 0, min = 0;
    const uint8_t *bits = NULL;
    st->any = 1;
    if (!probe || pcre2_pattern_info(probe, PCRE2_INFO_FIRSTCODETYPE, &type) != 0)
        return;
    pcre2_pattern_info(probe, PCRE2_INFO_MINLENGTH, &min);
    st->min_chars = min;
    if (type == 1) {
        pcre2_pattern_info(probe, PCRE2_INFO_FIRSTCODEUNIT, &unit);
        memset(st->bits, 0, sizeof st->bits);
        st->bits[unit / 8] |= (uint8_t)(1u << (unit % 8));
        /* caseless: pcre2_match tries the other case of an ASCII unit only
         * (a UTF-8 lead byte has none); both are allowed here, which is
         * never narrower than what PCRE2 allows */
        if (unit < 128 && ((unit | 32) >= 'a' && (unit | 32) <= 'z')) {
            uint32_t other = unit ^ 32;
            st->bits[other / 8] |= (uint8_t)(1u << (other % 8));
        }
        st->any = 0;
    } else if (type == 0 && pcre2_pattern_info(probe, PCRE2_INFO_FIRSTBITMAP, &bits) == 0 &&
               bits) {
        memcpy(st->bits, bits, sizeof st->bits);
        st->any = 0;
    }
}

/* Under compile_lock: fill re->start.  A pattern's leading '^' makes PCRE2
 * skip its start optimisation, so the probe is then compiled without it:
 * the bytes a match of the rest can start with include those of the whole.
 * Backtracking verbs and \K are left alone (no test). */
static void learn_start(pl_re *re)
{
    if (atomic_load_explicit(&re->start_known, memory_order_relaxed))
        return;
    re_start *st = &re->start;
    st->any = 1;
    st->min_chars = 0;
    const char *p = re->pattern;
    if (!strstr(p, "(*") && !strstr(p, "\\K")) {
        if (p[0] == '^') {
            int errcode = 0;
            pcre2_code *probe = compile_code(p + 1, re->opts, &errcode, NULL, 0);
            start_of_code(st, probe);
            pcre2_code_free(probe);
        } else {
            start_of_code(st, compile_form(re, PLAIN));
        }
    }
    atomic_store_explicit(&re->start_known, 1, memory_order_release);
}

/* Can an anchored match start at s[start..len)? */
static int may_start(const pl_re *cre, const char *s, size_t len, size_t start)
{
    pl_re *re = (pl_re *)(uintptr_t)cre;
    if (!atomic_load_explicit(&re->start_known, memory_order_acquire)) {
        pthread_mutex_lock(&compile_lock);
        learn_start(re);
        pthread_mutex_unlock(&compile_lock);
    }
    const re_start *st = &re->start;
    if (st->any)
        return 1;
    if (len - start < st->min_chars || start == len)
        return 0;
    unsigned char c = (unsigned char)s[start];
    return (st->bits[c / 8] >> (c % 8)) & 1;
}

static void note_work(const pl_re *cre, int f, size_t work)
{
    pl_re *re = (pl_re *)(uintptr_t)cre;
    uint64_t before = atomic_fetch_add_explicit(&re->form[f].scanned, work, memory_order_relaxed);
    uint64_t hot = atomic_load_explicit(&re->hot, memory_order_relaxed);
    if (before < hot && before + work >= hot &&
        !atomic_load_explicit(&small_run, memory_order_relaxed))
        make_hot(re, f);
}

static pl_re *re_new(const char *pattern, int caseless)
{
    pl_re *re = calloc(1, sizeof *re);
    if (!re)
        return NULL;
    re->pattern = strdup(pattern);
    re->opts = PCRE2_UTF | PCRE2_UCP | (caseless ? PCRE2_CASELESS : 0);
    re->mctx = pcre2_match_context_create(NULL);
    for (int f = PLAIN; f <= ANCHORED; f++) {
        atomic_init(&re->form[f].code, NULL);
        atomic_init(&re->form[f].jit, NULL);
        atomic_init(&re->form[f].scanned, 0);
    }
    atomic_init(&re->ngroups, 0);
    atomic_init(&re->hot, HOT_BYTES);
    if (!re->pattern || !re->mctx) {
        pl_re_free(re);
        return NULL;
    }
    pcre2_set_match_limit(re->mctx, PL_RE_MATCH_LIMIT);
    pcre2_set_depth_limit(re->mctx, PL_RE_DEPTH_LIMIT);
    return re;
}

/* A pattern from outside the source is checked now, so that a bad one is
 * reported where it is made; the check's code is kept as the unanchored
 * form's. */
pl_re *pl_re_compile(const char *pattern, int caseless, char *errbuf, size_t errlen)
{
    pl_re *re = re_new(pattern, caseless);
    if (!re) {
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "out of memory");
        return NULL;
    }
    int errcode = 0;
    pcre2_code *code = compile_code(pattern, re->opts, &errcode, errbuf, errlen);
    if (!code) {
        pl_re_free(re);
        return NULL;
    }
    publish(re, PLAIN, code);
    return re;
}

/* A literal of the source is only recorded: it is compiled when first
 * matched (and aborts there if it is wrong, as it would have here). */
pl_re *pl_re_must(const char *pattern)
{
    pl_re *re = re_new(pattern, 1);
    if (!re)
        must_failed(pattern, "out of memory");
    re->must = 1;
    return re;
}

pl_re *pl_re_must_of(const char *first, ...)
{
    pl_buf b = PL_BUF_INIT;
    va_list ap;
    va_start(ap, first);
    for (const char *p = first; p; p = va_arg(ap, const char *))
        pl_buf_puts(&b, p);
    va_end(ap);
    if (b.failed)
        must_failed(first, "out of memory");
    pl_re *r = pl_re_must(pl_buf_cstr(&b));
    pl_buf_free(&b);
    return r;
}

void pl_re_free(pl_re *re)
{
    if (!re)
        return;
    pcre2_match_context_free(re->mctx);
    for (int f = PLAIN; f <= ANCHORED; f++) {
        pcre2_code *code = atomic_load_explicit(&re->form[f].code, memory_order_relaxed);
        pcre2_code *jit = atomic_load_explicit(&re->form[f].jit, memory_order_relaxed);
        if (jit != code)
            pcre2_code_free(jit);
        pcre2_code_free(code);
    }
    free(re->pattern);
    free(re);
}

/* The count is known once a code has been compiled; a literal pattern
 * compiles its unanchored form here if it has not met a subject yet. */
int pl_re_groups(const pl_re *re)
{
    if (!atomic_load_explicit(&re->form[PLAIN].code, memory_order_acquire) &&
        !atomic_load_explicit(&re->form[ANCHORED].code, memory_order_acquire)) {
        pthread_mutex_lock(&compile_lock);
        compile_form((pl_re *)(uintptr_t)re, PLAIN);
        pthread_mutex_unlock(&compile_lock);
    }
    return atomic_load_explicit(&re->ngroups, memory_order_acquire);
}

/* Match data is per thread, sized for PL_RE_MAX_GROUPS, and shared by all
 * patterns: compiled patterns stay read-only, so they can be used from
 * several threads (--jobs) at once, and a match never allocates. */
static pthread_key_t md_key;
static pthread_once_t md_once = PTHREAD_ONCE_INIT;

static void md_free(void *p) { pcre2_match_data_free(p); }
static void md_init(void) { pthread_key_create(&md_key, md_free); }

static pcre2_match_data *thread_md(void)
{
    pthread_once(&md_once, md_init);
    pcre2_match_data *md = pthread_getspecific(md_key);
    if (!md) {
        md = pcre2_match_data_create(PL_RE_MAX_GROUPS, NULL);
        if (md && pthread_setspecific(md_key, md) != 0) {
            pcre2_match_data_free(md);
            md = NULL;
        }
    }
    return md;
}

void pl_re_thread_done(void)
{
    pthread_once(&md_once, md_init);
    pcre2_match_data *md = pthread_getspecific(md_key);
    if (md) {
        pcre2_match_data_free(md);
        pthread_setspecific(md_key, NULL);
    }
}

static int match(const pl_re *re, const char *s, size_t len, size_t start, int form, pl_match *m)
{
    if (start > len)
        return 0;
    if (form == ANCHORED && !may_start(re, s, len, start))
        return 0;
    uint32_t anchor = 0;
    pcre2_code *code = code_for(re, form, &anchor);
    if (!code)
        return 0;
    /* A search through a long subject (one huge paragraph) would interpret
     * all of it before the work is counted: it gets the JIT at once. */
    if (form == PLAIN && len - start >= BIG_SUBJECT &&
        code != atomic_load_explicit(&re->form[form].jit, memory_order_acquire)) {
        code = make_hot(re, form);
        if (!code)
            return 0;
    }
    /* Subjects are validated UTF-8 (the decode stage guarantees it), so the
     * per-call UTF check, which is linear in the subject, is skipped. */
    pcre2_match_data *md = thread_md();
    if (!md)
        return 0;
    int rc = pcre2_match(code, (PCRE2_SPTR)s, len, start, PCRE2_NO_UTF_CHECK | anchor, md,
                         re->mctx);
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    if (code != atomic_load_explicit(&re->form[form].jit, memory_order_relaxed))
        note_work(re, form, form == ANCHORED ? (rc >= 0 ? ov[1] - start : ANCHORED_COST)
                                             : (rc >= 0 ? ov[1] : len) - start);
    if (rc < 0)
        return 0; /* no match, or a limit hit: treated alike */
    if (rc == 0)
        rc = PL_RE_MAX_GROUPS; /* more groups than the ovector holds */
    m->start = ov[0];
    m->end = ov[1];
    int n = atomic_load_explicit(&re->ngroups, memory_order_relaxed) + 1;
    if (n > PL_RE_MAX_GROUPS)
        n = PL_RE_MAX_GROUPS;
    m->ngroups = n;
    for (int i = 0; i < n; i++) {
        if (i < rc && ov[2 * i] != PCRE2_UNSET) {
            m->gs[i] = ov[2 * i];
            m->ge[i] = ov[2 * i + 1];
        } else {
            m->gs[i] = m->ge[i] = (size_t)-1;
        }
    }
    return 1;
}

int pl_re_find(const pl_re *re, const char *s, size_t len, size_t start, pl_match *m)
{
    return match(re, s, len, start, PLAIN, m);
}

int pl_re_at(const pl_re *re, const char *s, size_t len, size_t start, pl_match *m)
{
    return match(re, s, len, start, ANCHORED, m);
}

int pl_match_group(const pl_match *m, int i, size_t *start, size_t *len)
{
    if (i < 0 || i >= m->ngroups || m->gs[i] == (size_t)-1)
        return 0;
    *start = m->gs[i];
    *len = m->ge[i] - m->gs[i];
    return 1;
}

/* Sixteen bytes at a time where SSE2 is there (every x86-64): a block
 * none of whose bytes is a control character, DEL or an ASCII capital,
 * and that holds no C2, E2 or E3 byte (NEL, NO-BREAK SPACE, the Kelvin
 * sign, the blanks of U+2000 and U+3000; in Vietnamese text a few
 * punctuation marks) and no pair of bytes that opens what
 * pl_re_plain_byte turns away (two spaces; C5 BF, E1 9A, E1 A0: the long
 * s, U+1680, U+180E), is plain; in a block that holds one, only the
 * bytes so flagged are read.  The bytes and pairs are a superset, so the
 * answer is pl_re_plain_byte's.  The byte loop cost about 7
 * instructions a byte, 20 M of the 2 MB sample (citations read every
 * paragraph that may cite). */
int pl_re_plain_key(const char *s, size_t a, size_t b)
{
    return pl_re_plain_until(s, a, b) >= b;
}

size_t pl_re_plain_until(const char *s, size_t a, size_t b)
{
    size_t i = a;
#if defined(__SSE2__)
    const __m128i ctl_hi = _mm_set1_epi8(0x20), neg = _mm_set1_epi8(-1);
    const __m128i cap_lo = _mm_set1_epi8('A' - 1), cap_hi = _mm_set1_epi8('Z' + 1);
    const __m128i del = _mm_set1_epi8(0x7F), sp = _mm_set1_epi8(' ');
    const __m128i c2 = _mm_set1_epi8((char)0xC2), e2 = _mm_set1_epi8((char)0xE2);
    const __m128i e3 = _mm_set1_epi8((char)0xE3), c5 = _mm_set1_epi8((char)0xC5);
    const __m128i bf = _mm_set1_epi8((char)0xBF), e1 = _mm_set1_epi8((char)0xE1);
    const __m128i x9a = _mm_set1_epi8((char)0x9A), xa0 = _mm_set1_epi8((char)0xA0);
    /* each block's bytes have the two after them inside the span, so that
     * the byte loop of a flagged block reads what pl_re_plain_byte reads */
    for (; i < b && b - i >= 18; i += 16) {
        __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
        /* signed compares: bytes from 0x80 are negative */
        __m128i bad = _mm_and_si128(_mm_cmpgt_epi8(v0, neg), _mm_cmplt_epi8(v0, ctl_hi));
        bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpgt_epi8(v0, cap_lo), _mm_cmplt_epi8(v0, cap_hi)));
        bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v0, del));
        bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(v0, sp), _mm_cmpeq_epi8(v1, sp)));
        bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(v0, c2), _mm_cmpeq_epi8(v0, e2)));
        bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v0, e3));
        bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(v0, c5), _mm_cmpeq_epi8(v1, bf)));
        bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(v0, e1),
                                              _mm_or_si128(_mm_cmpeq_epi8(v1, x9a),
                                                           _mm_cmpeq_epi8(v1, xa0))));
        unsigned flags = (unsigned)_mm_movemask_epi8(bad);
        /* a byte not flagged is plain: only the flagged ones are read (the
         * whole block was, 7 instructions a byte; a key text's dashes and
         * quotes flag many blocks) */
        for (; flags; flags &= flags - 1) {
            size_t j = i + (size_t)__builtin_ctz(flags);
            if (!pl_re_plain_byte(s, j, b))
                return j;
        }
    }
#endif
    for (; i < b; i++)
        if (!pl_re_plain_byte(s, i, b))
            return i;
    return i > b ? i : b;
}
