/* child.c - run work in a forked child under limits (see child.h).
 *
 * The pipe carries records: 'T' and 'L' (a tick, a long tick: one byte) and 'R' followed by an
 * 8-byte length and the result.  The parent polls the pipe with the time
 * left before the nearest deadline and kills the child when it passes.
 */
#define _DEFAULT_SOURCE /* setrlimit, kill with _POSIX_C_SOURCE in C11 */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* AddressSanitizer reserves terabytes of address space for its shadow: a
 * limit on the address space would stop it at once, so those builds run
 * the child without one (the CPU and wall-clock limits still hold). */
#if defined(__SANITIZE_ADDRESS__)
#define PL_CHILD_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PL_CHILD_ASAN 1
#endif
#endif
#ifndef PL_CHILD_ASAN
#define PL_CHILD_ASAN 0
#endif

struct pl_child {
    int fd;
};

/* ---- the child's side ------------------------------------------------------ */

static int write_all(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

void pl_child_tick(pl_child *c)
{
    if (c)
        (void)write_all(c->fd, "T", 1);
}

void pl_child_tick_long(pl_child *c)
{
    if (c)
        (void)write_all(c->fd, "L", 1);
}

/* Address space in use now (the child starts with the parent's: thread
 * stacks, the input, the libraries), from /proc; 0 when unknown. */
static size_t address_space_now(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    if (f) {
        if (fscanf(f, "%lu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    long ps = sysconf(_SC_PAGESIZE);
    return (size_t)pages * (size_t)(ps > 0 ? ps : 4096);
}

static void set_limits(const pl_child_limits *lim)
{
    if (lim->mem_bytes && !PL_CHILD_ASAN) {
        size_t now = address_space_now();
        struct rlimit r = {(rlim_t)(now + lim->mem_bytes), (rlim_t)(now + lim->mem_bytes)};
        (void)setrlimit(RLIMIT_AS, &r);
    }
    if (lim->cpu_seconds) {
        struct rlimit r = {lim->cpu_seconds, lim->cpu_seconds + 1};
        (void)setrlimit(RLIMIT_CPU, &r);
    }
}

static void child_main(int fd, pl_child_fn fn, void *arg, const pl_child_limits *lim)
{
    pl_child c = {fd};
    set_limits(lim);
    pl_buf result = PL_BUF_INIT;
    int rc = fn(arg, &c, &result);
    if (rc != 0 || result.failed)
        _exit(3);
    uint64_t n = result.len;
    if (write_all(fd, "R", 1) != 0 || write_all(fd, &n, sizeof n) != 0 ||
        write_all(fd, result.data ? result.data : "", result.len) != 0)
        _exit(4);
    /* _exit: no atexit handlers, no flushing of the parent's stdio copies */
    _exit(0);
}

/* ---- the parent's side ----------------------------------------------------- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct reader {
    int state;      /* 0: a tag, 1: length bytes, 2: payload, 3: done */
    unsigned char lenbuf[8];
    size_t lenhave;
    uint64_t want, have; /* payload length, bytes of it read */
    int ticked, too_large;
} reader;

/* Consume bytes from the pipe; a payload above `max` is read and dropped. */
static void consume(reader *r, const unsigned char *p, size_t n, pl_buf *out, size_t max)
{
    for (size_t i = 0; i < n;) {
        if (r->state == 0) {
            if (p[i] == 'T' || p[i] == 'L')
                r->ticked = p[i] == 'L' ? 2 : 1;
            else if (p[i] == 'R')
                r->state = 1;
            i++;
        } else if (r->state == 1) {
            r->lenbuf[r->lenhave++] = p[i++];
            if (r->lenhave == sizeof r->lenbuf) {
                memcpy(&r->want, r->lenbuf, sizeof r->want);
                r->too_large = max && r->want > max;
                r->state = r->want ? 2 : 3;
            }
        } else if (r->state == 2) {
            size_t k = n - i;
            if (k > r->want - r->have)
                k = (size_t)(r->want - r->have);
            if (!r->too_large)
                pl_buf_put(out, p + i, k);
            i += k;
            r->have += k;
            if (r->have == r->want)
                r->state = 3;
        } else {
            i = n;
        }
    }
}

pl_child_status pl_child_run(pl_child_fn fn, void *arg, const pl_child_limits *lim,
                             pl_buf *result)
{
    int fds[2];
    if (pipe(fds) != 0)
        return PL_CHILD_FAILED;
    fflush(NULL); /* nothing buffered is written twice */
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return PL_CHILD_FAILED;
    }
    if (pid == 0) {
        close(fds[0]);
        child_main(fds[1], fn, arg, lim);
    }
    close(fds[1]);
    double start = now_seconds(), step_end = start + lim->step_seconds;
    double end = start + lim->total_seconds;
    reader r = {0, {0}, 0, 0, 0, 0, 0};
    int killed = 0;
    unsigned char buf[65536];
    for (;;) {
        double t = now_seconds(), until = step_end < end ? step_end : end;
        if (t >= until) {
            kill(pid, SIGKILL);
            killed = 1;
            break;
        }
        struct pollfd pfd = {fds[0], POLLIN, 0};
        int pr = poll(&pfd, 1, (int)((until - t) * 1000) + 1);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr < 0)
            break;
        if (pr == 0)
            continue; /* the deadline is checked at the top */
        ssize_t got = read(fds[0], buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break; /* EOF: the child is done or dead */
        r.ticked = 0;
        consume(&r, buf, (size_t)got, result, lim->max_result);
        if (r.ticked)
            step_end = now_seconds() + (r.ticked == 2 && lim->long_step_seconds
                                            ? lim->long_step_seconds
                                            : lim->step_seconds);
    }
    close(fds[0]);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (killed)
        return PL_CHILD_TIMEOUT;
    if (WIFSIGNALED(st))
        return WTERMSIG(st) == SIGXCPU ? PL_CHILD_CPU : PL_CHILD_MEMORY;
    if (r.too_large)
        return PL_CHILD_TOO_LARGE;
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || r.state != 3 || result->failed)
        return WIFEXITED(st) && WEXITSTATUS(st) == 3 ? PL_CHILD_MEMORY : PL_CHILD_FAILED;
    return PL_CHILD_OK;
}
