/* child.c - run a helper program under limits (see child.h).
 *
 * The records on PL_CHILD_FD: 'T' (a tick: one byte), 'L' followed by two
 * 4-byte numbers (a long tick: step `done` of `total`), and 'R' followed
 * by an 8-byte length and the result; numbers in the byte order of the
 * machine, which both ends share.  The parent polls
 * that pipe, and the socket it writes the input to, with the time left
 * before the nearest deadline, and kills the child when it passes.
 */
#define _GNU_SOURCE /* pipe2, SOCK_CLOEXEC, MSG_NOSIGNAL, F_DUPFD_CLOEXEC */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

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

/* ---- the program's side ---------------------------------------------------- */

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

void pl_child_tick_long(pl_child *c, unsigned done, unsigned total)
{
    unsigned char rec[1 + 2 * sizeof(uint32_t)] = {'L'};
    uint32_t n[2] = {done, total};
    memcpy(rec + 1, n, sizeof n);
    if (c)
        (void)write_all(c->fd, rec, sizeof rec); /* one write: the record stays whole */
}

/* Address space in use now (the libraries, the input), from /proc; 0 when
 * unknown. */
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

pl_child *pl_child_begin(const pl_child_limits *lim)
{
    if (fcntl(PL_CHILD_FD, F_GETFD) < 0)
        return NULL;
    pl_child *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    c->fd = PL_CHILD_FD;
    set_limits(lim);
    return c;
}

int pl_child_finish(pl_child *c, const pl_buf *result)
{
    uint64_t n = result->len;
    int rc = write_all(c->fd, "R", 1) == 0 && write_all(c->fd, &n, sizeof n) == 0 &&
                     write_all(c->fd, result->data ? result->data : "", result->len) == 0
                 ? 0
                 : -1;
    free(c);
    return rc;
}

/* ---- the parent's side ----------------------------------------------------- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct reader {
    int state;      /* 0: a tag, 1: length bytes, 2: payload, 3: done, 4: a step's numbers */
    unsigned char lenbuf[8];
    size_t lenhave;
    uint64_t want, have; /* payload length, bytes of it read */
    int ticked, too_large;
    pl_child_on_step on_step;
    void *arg;
} reader;

/* The two numbers of a long tick are in: pass them on. */
static void long_step(reader *r)
{
    uint32_t n[2];
    memcpy(n, r->lenbuf, sizeof n);
    r->ticked = 2;
    r->state = 0;
    r->lenhave = 0;
    if (r->on_step)
        r->on_step(r->arg, n[0], n[1]);
}

/* Consume bytes from the pipe; a payload above `max` is read and dropped. */
static void consume(reader *r, const unsigned char *p, size_t n, pl_buf *out, size_t max)
{
    for (size_t i = 0; i < n;) {
        if (r->state == 0) {
            if (p[i] == 'T')
                r->ticked = 1; /* the last record says what the child does now */
            else if (p[i] == 'L')
                r->state = 4;
            else if (p[i] == 'R')
                r->state = 1;
            i++;
        } else if (r->state == 4) {
            r->lenbuf[r->lenhave++] = p[i++];
            if (r->lenhave == 2 * sizeof(uint32_t))
                long_step(r);
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

/* A descriptor above the three standard ones and PL_CHILD_FD, close-on-exec,
 * so that the child's dup2s cannot overwrite each other (a parent started
 * with stdin closed gets fd 0 from pipe()). */
static int high_fd(int fd)
{
    if (fd < 0 || fd > PL_CHILD_FD)
        return fd;
    int h = fcntl(fd, F_DUPFD_CLOEXEC, PL_CHILD_FD + 1);
    close(fd);
    return h;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* The child's environment: ours, plus OMP_THREAD_LIMIT=threads when
 * threads > 0 and the user set no limit.  Tesseract runs its networks on
 * OpenMP threads that wait by spinning: beside --jobs workers (or any
 * other work) on a small machine they burn the cores the other threads
 * need (4 pages OCR'd on the loaded 2-core machine: 8.6 s of user and
 * 6.3 s of system time with the default, 2.8 s and 0.5 s with one
 * thread, 3-4x less wall time).  *env is environ or an array the caller
 * frees; -1 on no memory. */
static int child_env(unsigned threads, char *var, size_t cap, char ***env)
{
    *env = environ;
    if (threads == 0 || getenv("OMP_THREAD_LIMIT"))
        return 0;
    size_t n = 0;
    while (environ[n])
        n++;
    char **e = malloc((n + 2) * sizeof *e);
    if (!e)
        return -1;
    memcpy(e, environ, n * sizeof *e);
    snprintf(var, cap, "OMP_THREAD_LIMIT=%u", threads);
    e[n] = var;
    e[n + 1] = NULL;
    *env = e;
    return 0;
}

/* Start the program: its stdin the socket `in`, stdout /dev/null, the
 * record pipe `rec` on PL_CHILD_FD.  All other descriptors of ours are
 * close-on-exec, so a child started by another thread at the same moment
 * holds none of this child's pipes. */
static int start(const char *path, char *const argv[], const pl_child_limits *lim, int in,
                 int rec, pid_t *pid)
{
    char var[40], **env;
    if (child_env(lim->threads, var, sizeof var, &env) != 0)
        return ENOMEM;
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa) != 0) {
        if (env != environ)
            free(env);
        return ENOMEM;
    }
    int rc = posix_spawn_file_actions_adddup2(&fa, in, 0);
    if (rc == 0)
        rc = posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (rc == 0)
        rc = posix_spawn_file_actions_adddup2(&fa, rec, PL_CHILD_FD);
    if (rc == 0)
        rc = posix_spawn(pid, path, &fa, NULL, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    if (env != environ)
        free(env);
    return rc;
}

/* Send what the socket takes now; the socket is closed when all is sent
 * or the child stopped reading. */
static void feed(int *fd, const unsigned char *in, size_t in_len, size_t *sent)
{
    size_t k = in_len - *sent;
    if (k > ((size_t)1 << 20))
        k = (size_t)1 << 20;
    ssize_t w = k ? send(*fd, in + *sent, k, MSG_NOSIGNAL | MSG_DONTWAIT) : 0;
    if (w > 0)
        *sent += (size_t)w;
    else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (*sent == in_len || w <= 0)
        close_fd(fd); /* EOF for the child, or EPIPE: it is gone */
}

pl_child_status pl_child_spawn(const char *path, char *const argv[], const void *in,
                               size_t in_len, const pl_child_limits *lim,
                               pl_child_on_step on_step, void *arg, pl_buf *result)
{
    int rec[2] = {-1, -1}, sv[2] = {-1, -1};
    if (pipe2(rec, O_CLOEXEC) != 0)
        return PL_CHILD_FAILED;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        close_fd(&rec[0]);
        close_fd(&rec[1]);
        return PL_CHILD_FAILED;
    }
    for (int i = 0; i < 2; i++) {
        rec[i] = high_fd(rec[i]);
        sv[i] = high_fd(sv[i]);
    }
    pid_t pid = -1;
    int src = rec[0] < 0 || rec[1] < 0 || sv[0] < 0 || sv[1] < 0
                  ? EMFILE
                  : start(path, argv, lim, sv[1], rec[1], &pid);
    close_fd(&rec[1]);
    close_fd(&sv[1]);
    if (src != 0) {
        close_fd(&rec[0]);
        close_fd(&sv[0]);
        return src == ENOENT || src == EACCES || src == ENOEXEC || src == ENOTDIR
                   ? PL_CHILD_NO_PROGRAM
                   : PL_CHILD_FAILED;
    }
    int wfd = sv[0];
    size_t sent = 0;
    if (in_len == 0)
        close_fd(&wfd);
    double start_t = now_seconds(), step_end = start_t + lim->step_seconds;
    double end = start_t + lim->total_seconds;
    reader r = {.on_step = on_step, .arg = arg};
    int killed = 0;
    unsigned char buf[65536];
    for (;;) {
        double t = now_seconds(), until = step_end < end ? step_end : end;
        if (t >= until) {
            kill(pid, SIGKILL);
            killed = 1;
            break;
        }
        struct pollfd pfd[2] = {{rec[0], POLLIN, 0}, {wfd, POLLOUT, 0}};
        int pr = poll(pfd, wfd >= 0 ? 2 : 1, (int)((until - t) * 1000) + 1);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr < 0)
            break;
        if (wfd >= 0 && pfd[1].revents)
            feed(&wfd, in, in_len, &sent);
        if (!pfd[0].revents)
            continue; /* the deadline is checked at the top */
        ssize_t got = read(rec[0], buf, sizeof buf);
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
    close_fd(&wfd);
    close_fd(&rec[0]);
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
