/* test_pool.c - cli/pool.c: `--jobs N` bounded by memory as well as cores.
 *
 * Two bounds keep a batch from needing more memory than there is:
 *   - pl_pool_jobs_for gives no more jobs than the available memory holds
 *     at PL_POOL_BYTES_PER_INPUT_BYTE per byte of the largest input; here
 *     the available memory is set by a resource limit of the test process
 *     (Criterion runs each test in a process of its own), so the result
 *     does not depend on the machine;
 *   - pl_pool_run keeps at most jobs * PL_POOL_WINDOW_PER_JOB results
 *     alive, whatever the number of inputs and however slow the output.
 * The inputs are sparse files: their size is what the bound reads, and
 * they cost no disk.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "pool.h"

#define MIB (1024ULL * 1024ULL)

/* ---- inputs ------------------------------------------------------------- */

static char dir[] = "/tmp/planlint-pool.XXXXXX";
static char *paths[8];
static char names[8][64];

/* n sparse files of `size` bytes each in a fresh directory. */
static void make_inputs(size_t n, unsigned long long size)
{
    cr_assert_not_null(mkdtemp(dir));
    for (size_t i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "%s/plan-%zu.txt", dir, i);
        paths[i] = names[i];
        int fd = open(paths[i], O_WRONLY | O_CREAT | O_TRUNC, 0600);
        cr_assert(fd >= 0);
        cr_assert_eq(ftruncate(fd, (off_t)size), 0);
        close(fd);
    }
}

static void remove_inputs(void)
{
    for (size_t i = 0; i < sizeof paths / sizeof *paths && paths[i]; i++) {
        unlink(paths[i]);
        paths[i] = NULL;
    }
    rmdir(dir);
}

/* What this process uses under `key` of /proc/self/status, in bytes. */
static unsigned long long in_use(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    cr_assert_not_null(f);
    char line[256];
    unsigned long long kb = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, strlen(key)) == 0)
            kb = strtoull(line + strlen(key), NULL, 10);
    fclose(f);
    cr_assert_gt(kb, 0, "no %s in /proc/self/status", key);
    return kb * 1024;
}

/* Leave `room` bytes under the limit `resource` beyond what is in use. */
static void limit_to(int resource, const char *key, unsigned long long room)
{
    struct rlimit rl = {.rlim_cur = in_use(key) + room, .rlim_max = RLIM_INFINITY};
    struct rlimit old;
    cr_assert_eq(getrlimit(resource, &old), 0);
    rl.rlim_max = old.rlim_max;
    cr_assert_eq(setrlimit(resource, &rl), 0);
}

TestSuite(pool_bound, .fini = remove_inputs);

/* ---- pl_pool_jobs_for ----------------------------------------------------- */

/* 1 GiB left under `ulimit -v`, four 16 MiB plans: each job may need
 * 16 MiB x 32 = 512 MiB, so 2 jobs fit and 8 must not be started. */
Test(pool_bound, address_space_limit_lowers_jobs)
{
    make_inputs(4, 16 * MIB);
    limit_to(RLIMIT_AS, "VmSize:", 1024 * MIB);
    unsigned j = pl_pool_jobs_for(paths, 4, 8, 64 * MIB, NULL, NULL, NULL);
    cr_assert_geq(j, 1);
    cr_assert_leq(j, 1024 * MIB / (16 * MIB * PL_POOL_BYTES_PER_INPUT_BYTE),
                  "%u jobs of 16 MiB plans under 1 GiB of address space", j);
}

/* The same under `ulimit -d`, which limits what malloc can take. */
Test(pool_bound, data_limit_lowers_jobs)
{
    make_inputs(4, 16 * MIB);
    limit_to(RLIMIT_DATA, "VmData:", 1024 * MIB);
    unsigned j = pl_pool_jobs_for(paths, 4, 8, 64 * MIB, NULL, NULL, NULL);
    cr_assert_geq(j, 1);
    cr_assert_leq(j, 2, "%u jobs of 16 MiB plans under 1 GiB of data", j);
}

/* The largest input decides, not the first or the average. */
Test(pool_bound, largest_input_decides)
{
    make_inputs(4, 1024);
    cr_assert_eq(truncate(paths[3], (off_t)(48 * MIB)), 0);
    limit_to(RLIMIT_AS, "VmSize:", 1024 * MIB);
    cr_assert_eq(pl_pool_jobs_for(paths, 4, 8, 64 * MIB, NULL, NULL, NULL), 1);
}

/* An input is counted up to --max-size only (what is read of it): the
 * same 48 MiB file read 1 MiB at most leaves the jobs asked for. */
Test(pool_bound, max_size_caps_what_is_counted)
{
    make_inputs(4, 1024);
    cr_assert_eq(truncate(paths[3], (off_t)(48 * MIB)), 0);
    limit_to(RLIMIT_AS, "VmSize:", 1024 * MIB);
    cr_assert_eq(pl_pool_jobs_for(paths, 4, 8, 1 * MIB, NULL, NULL, NULL), 8);
}

/* A limit with room for many small plans keeps every job asked for. */
Test(pool_bound, small_inputs_keep_their_jobs)
{
    make_inputs(4, 64 * 1024);
    limit_to(RLIMIT_AS, "VmSize:", 1024 * MIB);
    cr_assert_eq(pl_pool_jobs_for(paths, 4, 8, 64 * MIB, NULL, NULL, NULL), 8);
}

/* A limit that cannot hold even one job: one job, never none. */
Test(pool_bound, limit_too_low_leaves_one_job)
{
    make_inputs(2, 4 * MIB);
    limit_to(RLIMIT_DATA, "VmData:", 64 * MIB);
    cr_assert_eq(pl_pool_jobs_for(paths, 2, 8, 64 * MIB, NULL, NULL, NULL), 1);
}

/* Standard input named twice is read in order; an unsized input (stdin)
 * counts as --max-size. */
Test(pool_bound, stdin)
{
    char *twice[] = {"-", "-"};
    cr_assert_eq(pl_pool_jobs_for(twice, 2, 8, 64 * MIB, NULL, NULL, NULL), 1);
    limit_to(RLIMIT_AS, "VmSize:", 1024 * MIB);
    char *once[] = {"-", "/dev/null"};
    cr_assert_eq(pl_pool_jobs_for(once, 2, 8, 64 * MIB, NULL, NULL, NULL), 1);
}

/* What the run reads: the total counts unsized inputs as --max-size, the
 * largest (for the heap, cli/heap.h) only the files it could size, up to
 * --max-size. */
Test(pool_bound, total_and_largest_bytes)
{
    make_inputs(3, 1024);
    cr_assert_eq(truncate(paths[1], 5000), 0);
    char *mixed[] = {paths[0], "-", paths[1], "/dev/null", paths[2]};
    size_t total = 0, largest = 0;
    pl_pool_jobs_for(mixed, 5, 1, 64 * MIB, &total, &largest, NULL);
    cr_assert_eq(total, 1024 + 5000 + 1024 + 2 * 64 * MIB);
    cr_assert_eq(largest, 5000);
    pl_pool_jobs_for(mixed, 5, 1, 2048, &total, &largest, NULL);
    cr_assert_eq(largest, 2048);
    char *only_stdin[] = {"-"};
    pl_pool_jobs_for(only_stdin, 1, 1, 64 * MIB, &total, &largest, NULL);
    cr_assert_eq(largest, 0);
    cr_assert_eq(total, 64 * MIB);
}

Test(pool_bound, available_memory_follows_the_limit)
{
    limit_to(RLIMIT_AS, "VmSize:", 256 * MIB);
    unsigned long long a = pl_pool_available_memory();
    cr_assert_gt(a, 0);
    cr_assert_leq(a, 256 * MIB, "%llu bytes available under 256 MiB of room", a);
}

/* ---- pl_pool_run: results alive at once ----------------------------------- */

#define RUN_JOBS 3
#define RUN_N 60

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t more;
    int alive, peak;
    size_t next_emit;
    int out_of_order;
} census;

static void *counted_job(void *ctx, size_t i)
{
    census *c = ctx;
    pthread_mutex_lock(&c->lock);
    c->alive++;
    if (c->alive > c->peak)
        c->peak = c->alive;
    pthread_cond_broadcast(&c->more);
    pthread_mutex_unlock(&c->lock);
    size_t *r = malloc(sizeof *r);
    cr_assert_not_null(r);
    *r = i;
    return r;
}

/* The first emit is slow: it waits until more results than the window
 * are alive (which a pool without the window reaches at once) or, with
 * the window, for a while in which the workers can only wait. */
static void counted_emit(void *ctx, size_t i, void *result)
{
    census *c = ctx;
    size_t *r = result;
    pthread_mutex_lock(&c->lock);
    if (i == 0) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 300 * 1000 * 1000;
        until.tv_sec += until.tv_nsec / 1000000000;
        until.tv_nsec %= 1000000000;
        while (c->alive <= RUN_JOBS * PL_POOL_WINDOW_PER_JOB &&
               pthread_cond_timedwait(&c->more, &c->lock, &until) == 0)
            ;
    }
    c->out_of_order |= *r != i || i != c->next_emit;
    c->next_emit++;
    c->alive--;
    pthread_mutex_unlock(&c->lock);
    free(r);
}

Test(pool_run, results_alive_bounded_by_window)
{
    census c = {.lock = PTHREAD_MUTEX_INITIALIZER, .more = PTHREAD_COND_INITIALIZER};
    pl_pool_run(RUN_N, RUN_JOBS, counted_job, counted_emit, &c);
    cr_assert_eq(c.next_emit, RUN_N);
    cr_assert_eq(c.alive, 0);
    cr_assert_not(c.out_of_order);
    cr_assert_leq(c.peak, RUN_JOBS * PL_POOL_WINDOW_PER_JOB,
                  "%d results alive at once with %d jobs", c.peak, RUN_JOBS);
    cr_assert_gt(c.peak, 1, "the jobs did not run ahead of the output at all");
}

/* The window widens for small inputs, to PL_POOL_WINDOW_MAX_PER_JOB, and
 * keeps the results in it within PL_POOL_WINDOW_BYTES; large inputs keep
 * the least window. */
Test(pool_window, small_inputs_get_a_wider_window)
{
    cr_assert_eq(pl_pool_window_per_job(16 * 1024), PL_POOL_WINDOW_MAX_PER_JOB);
    cr_assert_eq(pl_pool_window_per_job(0), PL_POOL_WINDOW_MAX_PER_JOB);
    cr_assert_eq(pl_pool_window_per_job(64 * MIB), PL_POOL_WINDOW_PER_JOB);
    cr_assert_eq(pl_pool_window_per_job(1 * MIB), PL_POOL_WINDOW_PER_JOB);
    for (unsigned long long b = 1024; b <= 128 * MIB; b *= 2) {
        size_t w = pl_pool_window_per_job(b);
        cr_assert_geq(w, PL_POOL_WINDOW_PER_JOB);
        cr_assert_leq(w, PL_POOL_WINDOW_MAX_PER_JOB);
        cr_assert(w == PL_POOL_WINDOW_PER_JOB ||
                      w * b * PL_POOL_BYTES_PER_INPUT_BYTE <= PL_POOL_WINDOW_BYTES,
                  "%zu results of %llu bytes", w, b);
    }
    char *const small[] = {PL_SOURCE_DIR "/corpus/plans/hoang-duc-commune-2023-pdf.txt"};
    size_t w = 0;
    pl_pool_jobs_for(small, 1, 1, 64 * MIB, NULL, NULL, &w);
    cr_assert_eq(w, PL_POOL_WINDOW_MAX_PER_JOB);
    char *const in[] = {"-"}; /* standard input may be max_bytes */
    pl_pool_jobs_for(in, 1, 1, 64 * MIB, NULL, NULL, &w);
    cr_assert_eq(w, PL_POOL_WINDOW_PER_JOB);
}
