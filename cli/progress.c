/* progress.c - the progress line of progress.h.
 *
 * The state is guarded by standard error's own stdio lock (flockfile):
 * the line is drawn from the workers (an OCR page) and from the thread
 * that writes the results, and the messages of output.c take the same
 * lock, so a message, the line and its erasure never mix.  The lock is
 * recursive: a message printed while the line is held takes it again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "progress.h"
#include "say.h"

static struct {
    int on;       /* the file count may be drawn (more than one file) */
    int pages_on; /* OCR pages may be drawn (any number of files) */
    int shown;    /* a line is on the screen */
    int held;     /* pl_progress_hold: the results are being written */
    int shared;   /* standard output is the same screen: erase before it */
    size_t total, done;
    double start, last; /* seconds */
    char name[CLI_NAME_MAX]; /* the file of the last step */
    char ocr[CLI_NAME_MAX];  /* the file being read through OCR, or "" */
    size_t ocr_done, ocr_total;
} S;

static double now(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A terminal that a person watches: not "dumb" (no cursor control), and
 * not a CI job (whose log keeps every redraw). */
static int terminal(void)
{
    const char *term = getenv("TERM"), *ci = getenv("CI");
    return isatty(fileno(stderr)) && !(term && strcmp(term, "dumb") == 0) && !(ci && *ci);
}

/* Width of the terminal, from COLUMNS (a shell exports it) or 80. */
static size_t columns(void)
{
    const char *c = getenv("COLUMNS");
    long n = c ? strtol(c, NULL, 10) : 0;
    return n >= 20 && n <= 1000 ? (size_t)n : 80;
}

/* Code points of s. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Code points of s, and the byte offset where the last `keep` start. */
static size_t tail_offset(const char *s, size_t keep)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    size_t skip = n > keep ? n - keep : 0, i = 0;
    while (i < len && skip > 0) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        skip--;
    }
    return i;
}

/* "[12/340] 35.2 files/s  " when files are counted, else "". */
static void count_part(char *head, size_t n)
{
    head[0] = '\0';
    if (!S.on)
        return;
    char done[24], total[24], rate[32];
    double elapsed = now() - S.start;
    snprintf(done, sizeof done, "%zu", S.done);
    snprintf(total, sizeof total, "%zu", S.total);
    snprintf(rate, sizeof rate, "%.1f", elapsed > 0 ? (double)S.done / elapsed : 0.0);
    cli_format(head, n - 2, CLI_MSG_PROGRESS_RATE, done, total, rate);
    strcat(head, "  ");
}

/* The line: the count, then the file being read through OCR and its page
 * ("scan.pdf: OCR page 2 of 5"), or else the file of the last step; the
 * name is cut at the front to fit the terminal.  Written in one call and
 * flushed, under the lock. */
static void draw(void)
{
    char head[160], page[160] = "";
    count_part(head, sizeof head);
    const char *name = S.ocr[0] ? S.ocr : S.name;
    if (S.ocr[0]) {
        char done[24], total[24];
        snprintf(done, sizeof done, "%zu", S.ocr_done);
        snprintf(total, sizeof total, "%zu", S.ocr_total);
        page[0] = ':';
        page[1] = ' ';
        cli_format(page + 2, sizeof page - 2, CLI_MSG_PROGRESS_OCR_PAGE, done, total, NULL);
    }
    size_t room = columns() - 1, used = chars(head) + chars(page);
    size_t keep = room > used + 1 ? room - used - 1 : 0;
    size_t off = tail_offset(name, keep);
    /* \r and erase-to-end: the line is rewritten in place */
    fprintf(stderr, "\r%s%s%s%s\033[K", head, off ? "…" : "", name + off, page);
    fflush(stderr);
    S.shown = 1;
    S.last = now();
}

static void erase(void)
{
    if (!S.shown)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    S.shown = 0;
}

void pl_progress_start(size_t total, int enabled)
{
    flockfile(stderr);
    memset(&S, 0, sizeof S);
    S.pages_on = enabled && terminal();
    S.on = S.pages_on && total > 1;
    S.shared = S.pages_on && isatty(fileno(stdout));
    S.total = total;
    S.start = now();
    funlockfile(stderr);
}

void pl_progress_step(const char *name)
{
    flockfile(stderr);
    char safe[CLI_NAME_MAX];
    cli_name(name ? name : "", safe, sizeof safe);
    if (strcmp(safe, S.ocr) == 0)
        S.ocr[0] = '\0'; /* its OCR is over: the file is written */
    if (S.on) {
        memcpy(S.name, safe, sizeof S.name);
        double t = now();
        /* a line erased for output comes back at once; otherwise redraws
         * are spaced, and a fast run never shows one */
        int due = S.shown ? t - S.last >= PL_PROGRESS_EVERY_MS / 1000.0
                          : t - S.start >= PL_PROGRESS_DELAY_MS / 1000.0;
        if (due && !S.held)
            draw();
    }
    S.done++;
    funlockfile(stderr);
}

/* The OCR of a page starts, on a worker: a page takes seconds, so it is
 * drawn at once (but not while the results are written to the screen). */
void pl_progress_ocr_page(const char *name, size_t done, size_t total)
{
    flockfile(stderr);
    if (S.pages_on) {
        cli_name(name ? name : "", S.ocr, sizeof S.ocr);
        S.ocr_done = done;
        S.ocr_total = total;
        if (!S.held)
            draw();
    }
    funlockfile(stderr);
}

void pl_progress_ocr_page_cb(void *arg, const char *name, size_t done, size_t total)
{
    (void)arg;
    pl_progress_ocr_page(name, done, total);
}

/* Only a line on the screen that standard output writes to needs holding:
 * elsewhere the workers' pages need not wait for the output. */
void pl_progress_hold(void)
{
    if (!S.shared)
        return;
    flockfile(stderr);
    S.held = 1;
    erase();
}

void pl_progress_release(void)
{
    if (!S.shared)
        return;
    S.held = 0;
    int files_due = S.on && S.name[0] && now() - S.start >= PL_PROGRESS_DELAY_MS / 1000.0;
    if (!S.shown && (S.ocr[0] || files_due))
        draw();
    funlockfile(stderr);
}

void pl_progress_clear(void)
{
    flockfile(stderr);
    erase();
    funlockfile(stderr);
}

void pl_progress_done(void)
{
    flockfile(stderr);
    erase();
    S.on = S.pages_on = 0;
    funlockfile(stderr);
}
