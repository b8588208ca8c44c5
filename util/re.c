#define PCRE2_CODE_UNIT_WIDTH 8
#include "re.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pl_re {
    pcre2_code *code;
    pcre2_match_context *mctx;  /* carries the limits; read-only after compile */
    int jit;
    int ngroups;
};

pl_re *pl_re_compile(const char *pattern, int caseless, char *errbuf, size_t errlen)
{
    int errcode;
    PCRE2_SIZE erroff;
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK;
    if (caseless)
        opts |= PCRE2_CASELESS;
    /* NO_UTF_CHECK at compile time only skips checking the pattern, which
     * comes from our own sources or from data files validated as UTF-8. */
    opts &= ~PCRE2_NO_UTF_CHECK;
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
    pl_re *re = calloc(1, sizeof *re);
    if (!re) {
        pcre2_code_free(code);
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "out of memory");
        return NULL;
    }
    re->code = code;
    re->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    re->mctx = pcre2_match_context_create(NULL);
    uint32_t cap = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &cap);
    re->ngroups = (int)cap;
    if (!re->mctx) {
        pl_re_free(re);
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "out of memory");
        return NULL;
    }
    pcre2_set_match_limit(re->mctx, PL_RE_MATCH_LIMIT);
    pcre2_set_depth_limit(re->mctx, PL_RE_DEPTH_LIMIT);
    return re;
}

pl_re *pl_re_must(const char *pattern)
{
    char err[300];
    pl_re *re = pl_re_compile(pattern, 1, err, sizeof err);
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
    pcre2_code_free(re->code);
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

static int match(const pl_re *re, const char *s, size_t len, size_t start, uint32_t flags,
                 pl_match *m)
{
    if (start > len)
        return 0;
    /* Subjects are validated UTF-8 (the decode stage guarantees it), so the
     * per-call UTF check, which is linear in the subject, is skipped. */
    pcre2_match_data *md = thread_md();
    if (!md)
        return 0;
    int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, start, flags | PCRE2_NO_UTF_CHECK, md,
                         re->mctx);
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
    return match(re, s, len, start, 0, m);
}

int pl_re_at(const pl_re *re, const char *s, size_t len, size_t start, pl_match *m)
{
    return match(re, s, len, start, PCRE2_ANCHORED, m);
}

int pl_match_group(const pl_match *m, int i, size_t *start, size_t *len)
{
    if (i < 0 || i >= m->ngroups || m->gs[i] == (size_t)-1)
        return 0;
    *start = m->gs[i];
    *len = m->ge[i] - m->gs[i];
    return 1;
}
