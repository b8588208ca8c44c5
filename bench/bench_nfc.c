/* bench_nfc.c - NFC fast path against utf8proc's full NFC, same input,
 * same run.  Not a test: prints MB/s for both and their ratio.
 *
 *   build/bench_nfc [FILE...]    (default: every corpus plan)
 *
 * The input is the files concatenated and repeated to at least 64 MB, so
 * each measurement runs for a second or more. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "omap.h"
#include "uni.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void append_file(pl_buf *b, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        pl_buf_put(b, chunk, n);
    fclose(f);
}

int main(int argc, char **argv)
{
    static const char *const corpus[] = {
        "corpus/plans/hung-yen-province-2021-news.txt", "corpus/plans/lang-son-city-2024-draft.txt",
        "corpus/plans/binh-thuan-province-2021-summary.txt",
        "corpus/plans/hoang-duc-commune-2023-pdf.txt",
        "corpus/plans/tld-agency-2021-children-action.txt"};
    pl_buf one = PL_BUF_INIT, all = PL_BUF_INIT;
    if (argc > 1)
        for (int i = 1; i < argc; i++)
            append_file(&one, argv[i]);
    else
        for (size_t i = 0; i < sizeof corpus / sizeof *corpus; i++)
            append_file(&one, corpus[i]);
    while (all.len < (size_t)64 << 20)
        pl_buf_put(&all, one.data, one.len);
    double mb = (double)all.len / (1 << 20);

    double t0 = now();
    pl_buf out = PL_BUF_INIT;
    pl_omap map = PL_OMAP_INIT;
    if (pl_nfc_append(all.data, all.len, 0, &out, &map) != 0)
        return 2;
    double fast = now() - t0;

    /* utf8proc on the same text, line by line as the fast path works (the
     * whole 64 MB at once would only add one huge allocation) */
    t0 = now();
    size_t total = 0;
    for (size_t i = 0; i < all.len;) {
        char *e = memchr(all.data + i, '\n', all.len - i);
        size_t n = e ? (size_t)(e - (all.data + i)) : all.len - i;
        char *r = pl_nfc_reference(all.data + i, n);
        total += r ? strlen(r) : 0;
        free(r);
        i += n + 1;
    }
    double full = now() - t0;

    printf("input            %.1f MB (%zu anchors in the offset map)\n", mb, map.n);
    printf("fast path        %8.1f MB/s\n", mb / fast);
    printf("utf8proc NFC     %8.1f MB/s\n", mb / full);
    printf("ratio            %8.1fx\n", full / fast);
    (void)total;
    pl_buf_free(&one);
    pl_buf_free(&all);
    pl_buf_free(&out);
    pl_omap_free(&map);
    return 0;
}
