/* util/re.c: patterns compiled on first use, interpreted until they have
 * scanned a page of text and JIT-compiled after, shared by threads. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "re.h"

/* A subject far longer than the interpreter's share (HOT_BYTES in re.c),
 * with "số N/2024" every 40 bytes or so: N = 0, 1, 2, ... */
static void make_subject(pl_buf *b, int count)
{
    for (int i = 0; i < count; i++)
        pl_buf_printf(b, "điều %d: theo văn bản số %d/2024 của tỉnh; ", i % 7, i);
}

/* Every match of `re` in the subject, walking it with pl_re_find, each one
 * checked again with pl_re_at at its start. */
static int walk(const pl_re *re, const char *s, size_t len)
{
    int n = 0;
    size_t pos = 0;
    pl_match m, a;
    while (pos <= len && pl_re_find(re, s, len, pos, &m)) {
        size_t gs, gl;
        cr_assert(pl_match_group(&m, 1, &gs, &gl));
        char want[32];
        snprintf(want, sizeof want, "%d", n);
        cr_assert_eq(gl, strlen(want), "match %d at %zu", n, m.start);
        cr_assert_eq(memcmp(s + gs, want, gl), 0, "match %d at %zu", n, m.start);
        cr_assert(pl_re_at(re, s, len, m.start, &a));
        cr_assert_eq(a.end, m.end);
        cr_assert(!pl_re_at(re, s, len, m.start + 1, &a));
        n++;
        pos = m.end > m.start ? m.end : m.start + 1;
    }
    return n;
}

#define NUMBER_RE "số\\s+(\\d+)/\\d{4}"

Test(re, same_matches_before_and_after_the_jit)
{
    pl_buf b = {0};
    make_subject(&b, 2000);
    pl_re *re = pl_re_must(NUMBER_RE);
    cr_assert_eq(walk(re, b.data, b.len), 2000);
    /* a second walk starts hot: the JIT code from the first match on */
    cr_assert_eq(walk(re, b.data, b.len), 2000);
    pl_re_free(re);
    pl_buf_free(&b);
}

/* A first search through a subject longer than BIG_SUBJECT goes to the
 * JIT at once; its matches are the same. */
Test(re, same_matches_when_the_first_subject_is_long)
{
    pl_buf b = {0};
    make_subject(&b, 4000); /* about 200 KB */
    cr_assert_gt(b.len, 128 * 1024);
    pl_re *re = pl_re_must(NUMBER_RE);
    cr_assert_eq(walk(re, b.data, b.len), 4000);
    pl_re_free(re);
    pl_buf_free(&b);
}

/* Whether this PCRE2 has a JIT at all (pcre2_config is behind re.h). */
static int have_jit(void)
{
    pl_buf b = {0};
    make_subject(&b, 2000);
    pl_re *re = pl_re_must(NUMBER_RE);
    unsigned long before = pl_re_jit_compiled();
    walk(re, b.data, b.len);
    int jit = pl_re_jit_compiled() > before;
    pl_re_free(re);
    pl_buf_free(&b);
    return jit;
}

/* A run said to be small (pl_re_run_bytes) interprets a pattern however
 * much it walks: the same matches, nothing JIT-compiled; a subject of
 * BIG_SUBJECT or more still gets the JIT.  Each Test runs in a process of
 * its own, so the setting is this test's. */
Test(re, a_small_run_jit_compiles_nothing)
{
    if (!have_jit())
        cr_skip_test("PCRE2 without JIT");
    pl_re_run_bytes(16 * 1024);
    pl_buf b = {0};
    make_subject(&b, 300);
    cr_assert_lt(b.len, 32 * 1024);
    pl_re *re = pl_re_must(NUMBER_RE "\\b");
    unsigned long before = pl_re_jit_compiled();
    for (int i = 0; i < 20; i++)
        cr_assert_eq(walk(re, b.data, b.len), 300);
    cr_assert_eq(pl_re_jit_compiled(), before, "a small run JIT-compiled a pattern");
    pl_buf big = {0};
    make_subject(&big, 4000);
    cr_assert_eq(walk(re, big.data, big.len), 4000);
    cr_assert_gt(pl_re_jit_compiled(), before);
    pl_re_free(re);
    pl_buf_free(&big);
    pl_buf_free(&b);
}

/* The same walks in a run said to be large get the JIT. */
Test(re, a_large_run_jit_compiles_what_gets_hot)
{
    if (!have_jit())
        cr_skip_test("PCRE2 without JIT");
    pl_re_run_bytes((size_t)2 << 20);
    pl_buf b = {0};
    make_subject(&b, 300);
    pl_re *re = pl_re_must(NUMBER_RE "\\b");
    unsigned long before = pl_re_jit_compiled();
    for (int i = 0; i < 20; i++)
        cr_assert_eq(walk(re, b.data, b.len), 300);
    cr_assert_gt(pl_re_jit_compiled(), before);
    pl_re_free(re);
    pl_buf_free(&b);
}

Test(re, groups_known_before_the_first_match)
{
    pl_re *re = pl_re_must("(a)(b)?(?:c)(d)");
    cr_assert_eq(pl_re_groups(re), 3);
    pl_re_free(re);
    char err[200] = "";
    re = pl_re_compile("x(y)", 0, err, sizeof err);
    cr_assert_not_null(re);
    cr_assert_eq(pl_re_groups(re), 1);
    pl_re_free(re);
}

Test(re, bad_user_pattern_reported_at_once)
{
    char err[200] = "";
    cr_assert_null(pl_re_compile("a(b", 0, err, sizeof err));
    cr_assert(strstr(err, "pattern error at offset") != NULL, "%s", err);
}

/* A literal of the source is only recorded; a wrong one aborts at its
 * first use, with the pattern on stderr. */
Test(re, bad_literal_aborts_at_first_use, .signal = SIGABRT)
{
    pl_re *re = pl_re_must("a(b");
    cr_assert_not_null(re);
    pl_match m;
    pl_re_find(re, "ab", 2, 0, &m);
}

struct job {
    const pl_re *re;
    const pl_buf *subject;
    int found;
};

static void *run_job(void *arg)
{
    struct job *j = arg;
    j->found = walk(j->re, j->subject->data, j->subject->len);
    pl_re_thread_done();
    return NULL;
}

/* Threads share one pattern that none has compiled yet: all of them race
 * to compile it, JIT it, and match with it (scripts/tsan.sh runs this). */
Test(re, threads_share_a_lazy_pattern)
{
    pl_buf b = {0};
    make_subject(&b, 500);
    pl_re *re = pl_re_must(NUMBER_RE);
    enum { N = 4 };
    pthread_t t[N];
    struct job jobs[N];
    for (int i = 0; i < N; i++) {
        jobs[i] = (struct job){re, &b, 0};
        cr_assert_eq(pthread_create(&t[i], NULL, run_job, &jobs[i]), 0);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        cr_assert_eq(jobs[i].found, 500);
    }
    pl_re_free(re);
    pl_buf_free(&b);
}

/* pl_re_at turns away a start byte no match can begin with (re.c's
 * re_start, read off PCRE2's first code unit or start bitmap, the leading
 * '^' of a pattern set aside).  Its answers must be those of a search held
 * at the spot by \G, for capitals whose lower case PCRE2 knows by another
 * byte (Ảnh, ĐIỀU, the Kelvin sign for k, ẞ for ß), empty and short rests,
 * and before and after the anchored form is JIT-compiled. */
Test(re, anchored_start_test_agrees_with_a_held_search)
{
    static const char *const pats[] = {
        "^((?:chỉ\\s+tiêu)|(?:mục\\s+tiêu))\\s+(\\d{1,2})",
        "(?:điều)\\s+\\d",
        "k",
        "ß",
        "\\s*(?:ảnh|nguồn)\\s*[:.(]",
        "(?<![\\p{L}])ngày",
        "^a|b",
        "x?y",
        "(?=\\d)\\w+",
        "[-+•·–—*◦▪]\\s*(?=\\S)",
    };
    static const char *const subjects[] = {
        "Chỉ tiêu 3: ", "CHỈ TIÊU 3", "MỤC TIÊU 12", "ĐIỀU 4", "Điều 4.", "\xE2\x84\xAA",
        "K", "ss ẞ ß", "  NGUỒN:", "ẢNH (", "Ngày 5", "ngày", "b a", "ab", "", "y", "xy",
        "42x", "• mục", "— a", "▪x",
    };
    for (size_t p = 0; p < sizeof pats / sizeof *pats; p++) {
        char held[200];
        snprintf(held, sizeof held, "\\G(?:%s)", pats[p]);
        pl_re *re = pl_re_must(pats[p]);
        pl_re *ref = pl_re_must(held);
        for (int round = 0; round < 40; round++)
            for (size_t i = 0; i < sizeof subjects / sizeof *subjects; i++) {
                const char *s = subjects[i];
                size_t n = strlen(s);
                for (size_t at = 0; at <= n; at++) {
                    pl_match a, b;
                    int got = pl_re_at(re, s, n, at, &a);
                    int want = pl_re_find(ref, s, n, at, &b) && b.start == at;
                    cr_assert_eq(got, want, "%s on \"%s\" at %zu", pats[p], s, at);
                    if (got)
                        cr_assert_eq(a.end, b.end, "%s on \"%s\" at %zu", pats[p], s, at);
                }
            }
        pl_re_free(re);
        pl_re_free(ref);
    }
}

/* Where a caseless pattern of lower-case phrases matches other bytes than
 * the phrase's own, pl_re_plain_key says no, so that its callers (the
 * citation and target scans) ask the pattern there. */
Test(re, plain_key_refuses_what_is_not_bytewise)
{
    const char *plain = "đã được tổ chức 100% kế hoạch số 81/kh-ubnd";
    cr_assert(pl_re_plain_key(plain, 0, strlen(plain)));
    static const struct {
        const char *pattern, *phrase, *subject;
    } twins[] = {
        {"so\\s+với", "so với", "\xc5\xbfo với"},           /* long s */
        {"kế\\s+hoạch", "kế hoạch", "\xe2\x84\xaaế hoạch"}, /* Kelvin sign */
        {"so\\s+với", "so với", "so\xc2\x85với"},           /* NEL is \s */
        {"so\\s+với", "so với", "so\xe1\xa0\x8evới"},       /* U+180E is \s */
        {"so\\s+với", "so với", "so\xc2\xa0với"},           /* NO-BREAK SPACE */
        {"so\\s+với", "so với", "so\xe2\x80\x83với"},       /* EM SPACE */
        {"so\\s+với", "so với", "so\xe3\x80\x80với"},       /* IDEOGRAPHIC SPACE */
        {"so\\s+với", "so với", "so  với"},
        {"so\\s+với", "so với", "so\nvới"},
        {"so\\s+với", "so với", "So với"},
    };
    for (size_t i = 0; i < sizeof twins / sizeof *twins; i++) {
        const char *s = twins[i].subject;
        pl_re *re = pl_re_must(twins[i].pattern);
        pl_match m;
        cr_assert(pl_re_find(re, s, strlen(s), 0, &m), "%s", s);
        cr_assert_null(strstr(s, twins[i].phrase), "%s", s);
        cr_assert(!pl_re_plain_key(s, 0, strlen(s)), "%s", s);
        pl_re_free(re);
    }
}

/* On a plain span \s is ' ': every other code point PCRE2's \s takes
 * (UCP) makes a span not plain, so that a pretest may read a phrase's
 * \s+ as one space. */
Test(re, plain_key_refuses_every_other_blank)
{
    pl_re *ws = pl_re_must("^\\s$");
    int blanks = 0;
    for (int cp = 1; cp < 0x110000; cp++) {
        if (cp >= 0xD800 && cp < 0xE000)
            continue;
        char s[8] = "a";
        size_t n = 1 + pl_utf8_encode(cp, s + 1);
        s[n++] = 'b';
        pl_match m;
        if (!pl_re_find(ws, s + 1, n - 2, 0, &m) || cp == ' ')
            continue;
        blanks++;
        cr_assert(!pl_re_plain_key(s, 0, n), "U+%04X is \\s", (unsigned)cp);
    }
    cr_assert(blanks >= 20, "%d blanks", blanks);
    pl_re_free(ws);
}

/* pl_re_plain_until (sixteen bytes at a time where it can) finds the
 * first byte pl_re_plain_byte turns away, on random text of plain bytes
 * and every byte that opens what it turns away, for every span. */
Test(re, plain_until_answers_as_the_byte_test)
{
    static const char *const pieces[] = {"a", "b", "z", " ", " ", "đ", "ế", "ư", "ũ", "ạ", "–", "“",
                                         "A", "Z", "\n", "\t", "\x7f", "  ", "\xc5\xbf",
                                         "\xe2\x84\xaa", "\xc2\x85", "\xe1\xa0\x8e", "\xc2",
                                         "\xe1\xa0", "\xe2\x84", "\xc5", "90%", "/", "x",
                                         "\xc2\xa0", "\xe2\x80\x83", "\xe2\x80\xaf",
                                         "\xe2\x81\x9f", "\xe3\x80\x80", "\xe1\x9a\x80",
                                         "\xe2\x80", "\xe3\x80", "\xe1\x9a", "\xe2\x81"};
    unsigned seed = 99;
    for (int round = 0; round < 3000; round++) {
        char s[160];
        size_t n = 0;
        while (n < 120) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 1000;
            /* mostly plain, so that whole blocks are */
            const char *p = r < 900 ? pieces[(seed >> 8) % 11] : pieces[(seed >> 8) % (sizeof pieces / sizeof *pieces)];
            size_t k = strlen(p);
            memcpy(s + n, p, k);
            n += k;
        }
        for (size_t a = 0; a <= n; a += 1 + a % 7)
            for (size_t b = a; b <= n; b++) {
                size_t want = b;
                for (size_t i = a; i < b; i++)
                    if (!pl_re_plain_byte(s, i, b)) {
                        want = i;
                        break;
                    }
                cr_assert_eq(pl_re_plain_until(s, a, b), want, "round %d [%zu, %zu)", round, a, b);
                cr_assert_eq(pl_re_plain_key(s, a, b), want == b);
            }
    }
}
