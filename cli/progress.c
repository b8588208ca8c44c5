/* progress.c - the progress line of progress.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "progress.h"
#include "say.h"

static struct {
    int on;    /* drawing allowed */
    int shown; /* a line is on the screen */
    size_t total, done;
    double start, last; /* seconds */
} S;

static double now(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int terminal(void)
{
    const char *term = getenv("TERM");
    return isatty(fileno(stderr)) && !(term && strcmp(term, "dumb") == 0);
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

static void draw(const char *raw)
{
    char safe[CLI_NAME_MAX];
    const char *name = cli_name(raw, safe, sizeof safe);
    double t = now(), elapsed = t - S.start;
    char done[24], total[24], rate[32], head[160];
    snprintf(done, sizeof done, "%zu", S.done);
    snprintf(total, sizeof total, "%zu", S.total);
    snprintf(rate, sizeof rate, "%.1f", elapsed > 0 ? (double)S.done / elapsed : 0.0);
    cli_format(head, sizeof head - 2, CLI_MSG_PROGRESS_RATE, done, total, rate);
    strcat(head, "  ");
    size_t room = columns() - 1, used = chars(head);
    size_t keep = room > used + 1 ? room - used - 1 : 0;
    size_t off = tail_offset(name, keep);
    /* \r and erase-to-end: the line is rewritten in place */
    fprintf(stderr, "\r%s%s%s\033[K", head, off ? "…" : "", name + off);
    fflush(stderr);
    S.shown = 1;
    S.last = t;
}

void pl_progress_start(size_t total, int enabled)
{
    memset(&S, 0, sizeof S);
    S.on = enabled && total > 1 && terminal();
    S.total = total;
    S.start = now();
}

void pl_progress_step(const char *name)
{
    if (S.on) {
        double t = now();
        int due = S.shown ? t - S.last >= PL_PROGRESS_EVERY_MS / 1000.0
                          : t - S.start >= PL_PROGRESS_DELAY_MS / 1000.0;
        if (due)
            draw(name ? name : "");
    }
    S.done++;
}

void pl_progress_clear(void)
{
    if (!S.shown)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    S.shown = 0;
}

void pl_progress_done(void)
{
    pl_progress_clear();
    S.on = 0;
}
