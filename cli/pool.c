/* pool.c - the ordered worker pool of pool.h.
 *
 * Results go through a ring of `window` slots: job i writes slot
 * i % window, the calling thread empties the slots in order.  Job i is
 * handed out only once job i - window has been emitted, which is what
 * keeps both the ring from overflowing and memory bounded.  One mutex
 * guards the counters and the slots; the jobs themselves run unlocked.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pool.h"

typedef struct slot {
    void *result;
    int done;
} slot;

typedef struct pool {
    pthread_mutex_t lock;
    pthread_cond_t room;  /* a slot was emptied: a waiting worker may go on */
    pthread_cond_t ready; /* a slot was filled: the emitting thread may go on */
    size_t n, window;
    size_t next;    /* next job to hand out */
    size_t emitted; /* results emitted so far */
    slot *slots;    /* `window` of them */
    int drain_waiting;   /* the draining thread waits on `ready` */
    size_t room_waiters; /* workers waiting on `room` */
    pl_pool_job job;
    void *ctx;
} pool;

unsigned pl_pool_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > PL_POOL_MAX_JOBS ? PL_POOL_MAX_JOBS : (unsigned)n;
}

int pl_pool_parse_jobs(const char *s, unsigned *out)
{
    char *end;
    if (!s || *s < '0' || *s > '9')
        return -1; /* strtoul would take "-1" and " 2" */
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end != '\0' || v > PL_POOL_MAX_JOBS)
        return -1;
    *out = v == 0 ? pl_pool_default_jobs() : (unsigned)v;
    return 0;
}

/* A number from the first line of `path` that starts with `key` (key
 * NULL: the first line), times `unit`; 0 when absent or "max". */
static unsigned long long read_number(const char *path, const char *key, unsigned long long unit)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[256];
    unsigned long long v = 0;
    while (fgets(line, sizeof line, f)) {
        if (key && strncmp(line, key, strlen(key)) != 0)
            continue;
        const char *p = line + (key ? strlen(key) : 0);
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p >= '0' && *p <= '9')
            v = strtoull(p, NULL, 10) * unit;
        break;
    }
    fclose(f);
    return v;
}

/* Room left under a resource limit of this process (ulimit -v for the
 * address space, ulimit -d for the data segment): the limit less what
 * /proc/self/status says is in use under `key`; 0 when there is no limit.
 * A limit already reached leaves 1 byte: known, and too small for a job. */
static unsigned long long rlimit_room(int resource, const char *key)
{
    struct rlimit rl;
    if (getrlimit(resource, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return 0;
    unsigned long long limit = rl.rlim_cur;
    unsigned long long used = read_number("/proc/self/status", key, 1024);
    return limit > used ? limit - used : 1;
}

/* The smaller of two amounts of memory, where 0 means unknown. */
static unsigned long long lower(unsigned long long a, unsigned long long b)
{
    return a == 0 || (b != 0 && b < a) ? b : a;
}

unsigned long long pl_pool_available_memory(void)
{
    unsigned long long avail = read_number("/proc/meminfo", "MemAvailable:", 1024);
    if (avail == 0) {
        long pages = sysconf(_SC_AVPHYS_PAGES), size = sysconf(_SC_PAGESIZE);
        avail = pages > 0 && size > 0 ? (unsigned long long)pages * (unsigned long long)size : 0;
    }
    unsigned long long limit = read_number("/sys/fs/cgroup/memory.max", NULL, 1);
    unsigned long long used = read_number("/sys/fs/cgroup/memory.current", NULL, 1);
    if (limit > 0 && limit > used)
        avail = lower(avail, limit - used);
    /* malloc fails at these limits however much memory the machine has */
    avail = lower(avail, rlimit_room(RLIMIT_AS, "VmSize:"));
    return lower(avail, rlimit_room(RLIMIT_DATA, "VmData:"));
}

/* What reading path may take: its size up to max_bytes (*sized set), or
 * max_bytes when it cannot be sized. */
static unsigned long long input_bytes(const char *path, size_t max_bytes, int *sized)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return max_bytes;
    *sized = 1;
    return (unsigned long long)st.st_size < max_bytes ? (unsigned long long)st.st_size : max_bytes;
}

size_t pl_pool_window_per_job(unsigned long long largest)
{
    unsigned long long per = (largest ? largest : 1) * PL_POOL_BYTES_PER_INPUT_BYTE;
    unsigned long long w = PL_POOL_WINDOW_BYTES / per;
    if (w < PL_POOL_WINDOW_PER_JOB)
        return PL_POOL_WINDOW_PER_JOB;
    return w > PL_POOL_WINDOW_MAX_PER_JOB ? PL_POOL_WINDOW_MAX_PER_JOB : (size_t)w;
}

unsigned pl_pool_jobs_for(char *const *paths, size_t n, unsigned jobs, size_t max_bytes,
                          size_t *total_bytes, size_t *largest_bytes, size_t *window_per_job)
{
    size_t stdin_reads = 0;
    unsigned long long largest = 0, total = 0, known = 0;
    for (size_t i = 0; i < n; i++) {
        stdin_reads += strcmp(paths[i], "-") == 0;
        int sized = 0;
        unsigned long long b = input_bytes(paths[i], max_bytes, &sized);
        largest = b > largest ? b : largest;
        known = sized && b > known ? b : known;
        total += b;
    }
    if (total_bytes)
        *total_bytes = total < SIZE_MAX ? (size_t)total : SIZE_MAX;
    if (largest_bytes)
        *largest_bytes = known < SIZE_MAX ? (size_t)known : SIZE_MAX;
    if (window_per_job)
        *window_per_job = pl_pool_window_per_job(largest);
    if (stdin_reads > 1 || jobs <= 1)
        return 1;
    unsigned long long avail = pl_pool_available_memory();
    unsigned long long per_job = largest * PL_POOL_BYTES_PER_INPUT_BYTE;
    if (avail > 0 && per_job > 0 && avail / per_job < jobs)
        return avail / per_job > 1 ? (unsigned)(avail / per_job) : 1;
    return jobs;
}

/* Take the next job (the lock held), run it unlocked and put its result
 * in its slot; the thread that drains is woken when it waits for a
 * result (it never does while it runs one itself). */
static void take_and_run(pool *p)
{
    size_t i = p->next++;
    pthread_mutex_unlock(&p->lock);
    void *r = p->job(p->ctx, i);
    pthread_mutex_lock(&p->lock);
    p->slots[i % p->window] = (slot){r, 1};
    if (p->drain_waiting)
        pthread_cond_signal(&p->ready); /* only the draining thread waits on it */
}

/* Take jobs in order while the window has room; stop when none is left. */
static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->next < p->n && p->next >= p->emitted + p->window) {
            p->room_waiters++;
            pthread_cond_wait(&p->room, &p->lock);
            p->room_waiters--;
        }
        if (p->next >= p->n)
            break;
        take_and_run(p);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Emit results 0..n-1 in order on the calling thread, which is one of
 * the pool's workers too: while the next result is not ready it takes a
 * job itself when the window has room, and waits only when it has none.
 * So `jobs` threads run jobs, not `jobs` workers beside a thread that
 * sleeps and wakes for every result (a context switch or two a file,
 * 40 000 on the 100 MB corpus).  emit and the jobs run unlocked. */
static void drain(pool *p, pl_pool_emit emit)
{
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < p->n;) {
        slot *s = &p->slots[i % p->window];
        if (s->done) {
            void *r = s->result;
            *s = (slot){NULL, 0};
            pthread_mutex_unlock(&p->lock);
            emit(p->ctx, i, r);
            pthread_mutex_lock(&p->lock);
            p->emitted = ++i; /* counted after emit: its result is alive until then */
            if (p->room_waiters)
                pthread_cond_broadcast(&p->room);
            continue;
        }
        if (p->next < p->n && p->next < p->emitted + p->window) {
            take_and_run(p);
            continue;
        }
        p->drain_waiting = 1;
        pthread_cond_wait(&p->ready, &p->lock);
        p->drain_waiting = 0;
    }
    pthread_mutex_unlock(&p->lock);
}

static void run_serial(size_t n, pl_pool_job job, pl_pool_emit emit, void *ctx)
{
    for (size_t i = 0; i < n; i++)
        emit(ctx, i, job(ctx, i));
}

static int pool_init(pool *p, size_t n, size_t window, pl_pool_job job, void *ctx)
{
    *p = (pool){.n = n, .window = window, .job = job, .ctx = ctx};
    p->slots = calloc(window, sizeof *p->slots);
    if (!p->slots)
        return -1;
    if (pthread_mutex_init(&p->lock, NULL) != 0)
        goto no_lock;
    if (pthread_cond_init(&p->room, NULL) != 0)
        goto no_room;
    if (pthread_cond_init(&p->ready, NULL) != 0)
        goto no_ready;
    return 0;
no_ready:
    pthread_cond_destroy(&p->room);
no_room:
    pthread_mutex_destroy(&p->lock);
no_lock:
    free(p->slots);
    return -1;
}

static void pool_destroy(pool *p)
{
    pthread_cond_destroy(&p->ready);
    pthread_cond_destroy(&p->room);
    pthread_mutex_destroy(&p->lock);
    free(p->slots);
}

void pl_pool_run(size_t n, unsigned jobs, pl_pool_job job, pl_pool_emit emit, void *ctx)
{
    pl_pool_run_window(n, jobs, PL_POOL_WINDOW_PER_JOB, job, emit, ctx);
}

void pl_pool_run_window(size_t n, unsigned jobs, size_t window_per_job, pl_pool_job job,
                        pl_pool_emit emit, void *ctx)
{
    if (window_per_job < PL_POOL_WINDOW_PER_JOB)
        window_per_job = PL_POOL_WINDOW_PER_JOB;
    size_t nthreads = jobs < n ? jobs : n;
    if (nthreads > PL_POOL_MAX_JOBS)
        nthreads = PL_POOL_MAX_JOBS;
    if (nthreads <= 1) {
        run_serial(n, job, emit, ctx);
        return;
    }
    /* Without memory or threads for the pool, the work is still done, one
     * job at a time: --jobs is a speed-up, never a reason to fail. */
    pool p;
    pthread_t *tids = calloc(nthreads, sizeof *tids);
    if (!tids || pool_init(&p, n, nthreads * window_per_job, job, ctx) != 0) {
        free(tids);
        run_serial(n, job, emit, ctx);
        return;
    }
    /* the calling thread is the last of the nthreads */
    size_t started = 0;
    while (started + 1 < nthreads && pthread_create(&tids[started], NULL, worker, &p) == 0)
        started++;
    drain(&p, emit); /* fewer threads than asked for (limits), or none, still do it all */
    for (size_t t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    pool_destroy(&p);
    free(tids);
}
