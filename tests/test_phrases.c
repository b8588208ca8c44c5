/* test_phrases.c - util/phrases.c: one scan finds what a search per phrase
 * finds, every occurrence and nothing else, in the order promised. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "phrases.h"
#include "test_util.h"
#include "uni.h"

typedef struct hit {
    size_t id, at;
} hit;

typedef struct hits {
    hit *v;
    size_t n, cap;
    size_t stop_after; /* 0: never stop */
} hits;

static int collect(void *arg, size_t id, size_t at)
{
    hits *h = arg;
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 64;
        h->v = realloc(h->v, h->cap * sizeof *h->v);
        cr_assert_not_null(h->v);
    }
    h->v[h->n++] = (hit){id, at};
    return h->stop_after && h->n == h->stop_after ? 7 : 0;
}

static int by_at_then_id(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Every occurrence of every non-empty phrase, the naive way (memcmp at
 * every place), sorted as the scan reports them. */
static hits reference(const char *text, size_t n, const char **ph, const size_t *len, size_t k)
{
    hits h = {0};
    for (size_t id = 0; id < k; id++)
        for (size_t at = 0; len[id] > 0 && at + len[id] <= n; at++)
            if (memcmp(text + at, ph[id], len[id]) == 0)
                collect(&h, id, at);
    if (h.n)
        qsort(h.v, h.n, sizeof *h.v, by_at_then_id);
    return h;
}

static hits scan(const char *text, size_t n, const char **ph, const size_t *len, size_t k)
{
    pl_phrases *set = pl_phrases_new(k);
    cr_assert_not_null(set);
    for (size_t i = 0; i < k; i++)
        cr_assert_eq(pl_phrases_add(set, ph[i], len[i]), 0);
    pl_phrases_build(set);
    hits h = {0};
    cr_assert_eq(pl_phrases_scan(set, text, n, collect, &h), 0);
    pl_phrases_free(set);
    return h;
}

/* The scan and the reference agree on text[0..n). */
static void agree(const char *what, const char *text, size_t n, const char **ph,
                  const size_t *len, size_t k)
{
    hits want = reference(text, n, ph, len, k), got = scan(text, n, ph, len, k);
    for (size_t i = 0; i < want.n && i < got.n; i++)
        cr_assert(want.v[i].id == got.v[i].id && want.v[i].at == got.v[i].at,
                  "%s: occurrence %zu: phrase %zu at %zu wanted, phrase %zu at %zu found", what,
                  i, want.v[i].id, want.v[i].at, got.v[i].id, got.v[i].at);
    cr_assert_eq(got.n, want.n, "%s: %zu occurrences found, %zu wanted", what, got.n, want.n);
    free(want.v);
    free(got.v);
}

static void agree_str(const char *text, const char **ph, size_t k)
{
    size_t len[16];
    cr_assert(k <= 16);
    for (size_t i = 0; i < k; i++)
        len[i] = strlen(ph[i]);
    agree(text, text, strlen(text), ph, len, k);
}

Test(phrases, overlapping_occurrences_are_all_found)
{
    const char *ph[] = {"aa", "aaa"};
    agree_str("aaaaaa", ph, 2);
    hits h = scan("aaaa", 4, ph, (size_t[]){2, 3}, 2);
    cr_assert_eq(h.n, 5); /* "aa" at 0 1 2, "aaa" at 0 1 */
    cr_assert(h.v[0].at == 0 && h.v[0].id == 0 && h.v[1].at == 0 && h.v[1].id == 1);
    free(h.v);
}

Test(phrases, phrases_that_are_prefixes_of_each_other)
{
    const char *ph[] = {"tre em lao dong", "tre em", "tre", "tre em lao"};
    agree_str("tre em lao dong; tre em, tre em lao; tre", ph, 4);
    agree_str("tre em lao don", ph, 4);
}

Test(phrases, empty_and_one_byte_phrases)
{
    const char *ph[] = {"", "a", "ab", ""};
    agree_str("abcabca", ph, 4);
    agree_str("", ph, 4);
    agree_str("a", ph, 4);
    const char *only_empty[] = {""};
    agree_str("abc", only_empty, 1);
    hits h = scan("abc", 3, only_empty, (size_t[]){0}, 1);
    cr_assert_eq(h.n, 0);
    free(h.v);
}

Test(phrases, a_text_shorter_than_the_shortest_phrase)
{
    const char *ph[] = {"phong chong", "tai nan"};
    agree_str("tai na", ph, 2);
    agree_str("", ph, 2);
    agree_str("t", ph, 2);
}

Test(phrases, occurrences_that_end_the_text)
{
    const char *ph[] = {"an", "nan", "tai nan"};
    agree_str("tai nan", ph, 3);
    agree_str("xtai nan", ph, 3);
    agree_str("nan", ph, 3);
    /* the text's end is n, not the NUL: "nan" is cut off by n */
    size_t len[] = {2, 3, 7};
    agree("cut", "tai nan", 6, ph, len, 3);
}

Test(phrases, bytes_not_strings)
{
    const char text[] = {'a', '\0', 'b', '\0', 'a', '\0', 'b', (char)0xE1, (char)0xBA, (char)0xA1};
    const char *ph[] = {"\0b", "a\0b", "\xE1\xBA\xA1", "b\xE1"};
    size_t len[] = {2, 3, 3, 2};
    agree("nul", text, sizeof text, ph, len, 4);
}

Test(phrases, a_nonzero_return_stops_the_scan)
{
    const char *ph[] = {"ab"};
    pl_phrases *set = pl_phrases_new(1);
    pl_phrases_add(set, ph[0], 2);
    pl_phrases_build(set);
    hits h = {.stop_after = 2};
    cr_assert_eq(pl_phrases_scan(set, "ababab", 6, collect, &h), 7);
    cr_assert_eq(h.n, 2);
    cr_assert_eq(h.v[1].at, 2);
    free(h.v);
    pl_phrases_free(set);
}

Test(phrases, a_full_set_refuses_more)
{
    pl_phrases *set = pl_phrases_new(1);
    cr_assert_eq(pl_phrases_add(set, "a", 1), 0);
    cr_assert_eq(pl_phrases_add(set, "b", 1), -1);
    pl_phrases_build(set);
    hits h = {0};
    pl_phrases_scan(set, "ab", 2, collect, &h);
    cr_assert_eq(h.n, 1);
    free(h.v);
    pl_phrases_free(set);
}

static uint64_t rng = 88172645463325252u;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Random texts over small alphabets (so phrases occur often and overlap),
 * phrases cut from the text and made up, of every length from 0 to past
 * the window's longest. */
Test(phrases, random_texts_agree_with_the_naive_search)
{
    static const char *alphabets[] = {"ab", "abc ", "tre mhoang", "\x01\xC3\xA1\x80 a"};
    for (int round = 0; round < 3000; round++) {
        const char *al = alphabets[round % 4];
        size_t na = strlen(al), n = next_rand() % 300;
        char *text = malloc(n + 1);
        for (size_t i = 0; i < n; i++)
            text[i] = al[next_rand() % na];
        size_t k = 1 + next_rand() % 12;
        const char *ph[12];
        size_t len[12];
        char store[12][80];
        for (size_t i = 0; i < k; i++) {
            size_t l = next_rand() % (round % 7 == 0 ? 80 : 9);
            if (n > 0 && next_rand() % 3) {
                size_t from = next_rand() % n;
                if (l > n - from)
                    l = n - from;
                memcpy(store[i], text + from, l);
            } else {
                for (size_t j = 0; j < l; j++)
                    store[i][j] = al[next_rand() % na];
            }
            ph[i] = store[i];
            len[i] = l;
        }
        agree("random", text, n, ph, len, k);
        free(text);
    }
}

/* A real plan in loose form, with its own words and word groups as the
 * phrases: long texts with many near misses. */
Test(phrases, a_real_plan_agrees_with_the_naive_search)
{
    size_t n;
    char *raw = pl_test_read_file(PL_SOURCE_DIR "/corpus/plans/hoang-duc-commune-2023-pdf.txt", &n);
    cr_assert_not_null(raw);
    char *loose = pl_fold_loose(raw, n);
    cr_assert_not_null(loose);
    size_t ln = strlen(loose);
    cr_assert_gt(ln, 1000);
    for (int round = 0; round < 40; round++) {
        const char *ph[12];
        size_t len[12];
        size_t k = 1 + (size_t)round % 12;
        for (size_t i = 0; i < k; i++) {
            size_t from = next_rand() % ln, l = 1 + next_rand() % (round < 20 ? 30 : 6);
            if (l > ln - from)
                l = ln - from;
            ph[i] = loose + from;
            len[i] = l;
        }
        agree("plan", loose, ln, ph, len, k);
        agree("raw plan", raw, n, ph, len, k);
    }
    free(loose);
    free(raw);
}
