#define PCRE2_CODE_UNIT_WIDTH 8
#include "re.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A pattern is compiled when it is first used, in the form it is used in:
 * most of the patterns a process holds never meet a subject (a plan
 * without tables, a command that does not check), and compiling and
 * JIT-compiling all of them was the largest fixed cost of a run after
 * loading shared libraries (docs/PERFORMANCE.md).  pl_re_at uses a second
 * code compiled with PCRE2_ANCHORED, because passing PCRE2_ANCHORED to
 * pcre2_match turns the JIT off for that call.
 *
 * Threads (--jobs) share patterns: a code is compiled under one lock and
 * published with a release store; a reader that sees it non-NULL sees it
 * whole (acquire).  Compiled codes are never changed afterwards. */
enum { PLAIN = 0, ANCHORED = 1 };

struct pl_re {
    char *pattern;               /* owned copy */
    uint32_t opts;               /* pcre2_compile options */
    _Atomic(pcre2_code *) code[2];
    pcre2_match_context *mctx;   /* carries the limits; read-only after creation */
    int ngroups;
};

static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

static pcre2_code *compile_code(const char *pattern, uint32_t opts, char *errbuf, size_t errlen)
{
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts,
                                     &errcode, &erroff, NULL);
    if (!code) {
        if (errbuf && errlen) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(errcode, msg, sizeof msg);
            snprintf(errbuf, errlen, "pattern error at offset %zu: %s", (size_t)erroff,
                     (const char *)msg);
        }
        return NULL;
    }
    /* without JIT (a platform without it) the interpreter matches the same */
    (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    return code;
}

/* The code for `form`, compiled on first use; NULL only when out of memory
 * (the pattern itself compiled once already, or pl_re_must checked it). */
static pcre2_code *code_for(const pl_re *cre, int form)
{
    pl_re *re = (pl_re *)(uintptr_t)cre; /* lazily filled, logically const */
    pcre2_code *code = atomic_load_explicit(&re->code[form], memory_order_acquire);
    if (code)
        return code;
    pthread_mutex_lock(&compile_lock);
    code = atomic_load_explicit(&re->code[form], memory_order_relaxed);
    if (!code) {
        code = compile_code(re->pattern, re->opts | (form == ANCHORED ? PCRE2_ANCHORED : 0),
                            NULL, 0);
        atomic_store_explicit(&re->code[form], code, memory_order_release);
    }
    pthread_mutex_unlock(&compile_lock);
    return code;
}

static pl_re *re_new(const char *pattern, int caseless)
{
    pl_re *re = calloc(1, sizeof *re);
    if (!re)
        return NULL;
    re->pattern = strdup(pattern);
    re->opts = PCRE2_UTF | PCRE2_UCP | (caseless ? PCRE2_CASELESS : 0);
    re->mctx = pcre2_match_context_create(NULL);
    atomic_init(&re->code[PLAIN], NULL);
    atomic_init(&re->code[ANCHORED], NULL);
    if (!re->pattern || !re->mctx) {
        pl_re_free(re);
        return NULL;
    }
    pcre2_set_match_limit(re->mctx, PL_RE_MATCH_LIMIT);
    pcre2_set_depth_limit(re->mctx, PL_RE_DEPTH_LIMIT);
    return re;
}

/* Check the pattern now (so that a bad one is reported where it is made)
 * and learn its groups; the matching codes come later, as needed. */
static pl_re *re_make(const char *pattern, int caseless, char *errbuf, size_t errlen)
{
    pl_re *re = re_new(pattern, caseless);
    if (!re) {
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "out of memory");
        return NULL;
    }
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *probe = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, re->opts,
                                      &errcode, &erroff, NULL);
    if (!probe) {
        if (errbuf && errlen) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(errcode, msg, sizeof msg);
            snprintf(errbuf, errlen, "pattern error at offset %zu: %s", (size_t)erroff,
                     (const char *)msg);
        }
        pl_re_free(re);
        return NULL;
    }
    uint32_t cap = 0;
    pcre2_pattern_info(probe, PCRE2_INFO_CAPTURECOUNT, &cap);
    re->ngroups = (int)cap;
    pcre2_code_free(probe);
    return re;
}

pl_re *pl_re_compile(const char *pattern, int caseless, char *errbuf, size_t errlen)
{
    return re_make(pattern, caseless, errbuf, errlen);
}

pl_re *pl_re_must(const char *pattern)
{
    char err[300];
    pl_re *re = re_make(pattern, 1, err, sizeof err);
    if (!re) {
        fprintf(stderr, "planlint: internal pattern failed to compile: %s\n  %s\n", err,
                pattern);
        abort();
    }
    return re;
}

void pl_re_free(pl_re *re)
{
    if (!re)
        return;
    pcre2_match_context_free(re->mctx);
    pcre2_code_free(atomic_load_explicit(&re->code[PLAIN], memory_order_relaxed));
    pcre2_code_free(atomic_load_explicit(&re->code[ANCHORED], memory_order_relaxed));
    free(re->pattern);
    free(re);
}

int pl_re_groups(const pl_re *re) { return re->ngroups; }

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
    pcre2_code *code = code_for(re, form);
    if (!code)
        return 0;
    /* Subjects are validated UTF-8 (the decode stage guarantees it), so the
     * per-call UTF check, which is linear in the subject, is skipped. */
    pcre2_match_data *md = thread_md();
    if (!md)
        return 0;
    int rc = pcre2_match(code, (PCRE2_SPTR)s, len, start, PCRE2_NO_UTF_CHECK, md, re->mctx);
    if (rc < 0)
        return 0; /* no match, or a limit hit: treated alike */
    if (rc == 0)
        rc = PL_RE_MAX_GROUPS; /* more groups than the ovector holds */
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    m->start = ov[0];
    m->end = ov[1];
    int n = re->ngroups + 1;
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
