/* pool.h - `--jobs N`: run jobs 0..n-1 on a few threads and hand their
 * results back in order.
 *
 *   void *job(void *ctx, size_t i);                 on one of the threads (the
 *                                                   calling thread is one)
 *   void  emit(void *ctx, size_t i, void *result);  on the calling thread,
 *                                                   i = 0, 1, 2, ... in order
 *
 * emit owns the result (frees it).  A job runs while earlier results are
 * still waiting to be emitted, but at most `window` results (finished or
 * running) exist at once, so memory stays bounded whatever n is: a worker
 * that gets that far ahead of the output waits.  Output that emit writes is
 * therefore in input order and byte for byte what a loop of job-then-emit
 * would write, and it starts streaming once job 0 is done and the calling
 * thread, which runs jobs too, is between two of its own.
 *
 * With jobs <= 1 (or n <= 1, or when no thread can be started) there are
 * no threads at all: job and emit simply alternate on the calling thread.
 *
 * job must be safe to run in several threads at once (it may share
 * read-only data through ctx); emit runs on one thread only and need not
 * be.  A result may be NULL (emit is called for it all the same).
 */
#ifndef PL_CLI_POOL_H
#define PL_CLI_POOL_H

#include <stddef.h>

typedef void *(*pl_pool_job)(void *ctx, size_t i);
typedef void (*pl_pool_emit)(void *ctx, size_t i, void *result);

/* Largest --jobs accepted: more threads than this only add memory (each
 * one holds a document in flight) on any machine planlint runs on. */
#define PL_POOL_MAX_JOBS 256

/* Results in flight per worker: 2 lets a worker start its next document
 * while the main thread writes the previous one out.  The least window;
 * pl_pool_window_per_job widens it for small inputs. */
#define PL_POOL_WINDOW_PER_JOB 2

/* The widest window, per job, and the memory the results in it may take
 * (at PL_POOL_BYTES_PER_INPUT_BYTE of the largest input each): with two
 * results a job, a worker that got a document ahead of a slower one
 * waits for room and is woken again, a futex call or two a file (7 500
 * on the 100 MB corpus of 11 557 files; with 16, 1 200-1 500). */
#define PL_POOL_WINDOW_MAX_PER_JOB 16
#define PL_POOL_WINDOW_BYTES ((unsigned long long)32 * 1024 * 1024)

/* The window per job for inputs of at most `largest` bytes each:
 * PL_POOL_WINDOW_BYTES / (largest x PL_POOL_BYTES_PER_INPUT_BYTE), within
 * PL_POOL_WINDOW_PER_JOB .. PL_POOL_WINDOW_MAX_PER_JOB. */
size_t pl_pool_window_per_job(unsigned long long largest);

/* The default for --jobs: the online processors, at least 1, at most
 * PL_POOL_MAX_JOBS. */
unsigned pl_pool_default_jobs(void);

/* Parse a --jobs value: 1..PL_POOL_MAX_JOBS, or 0 for the default.  0,
 * or -1 when s is not such a number. */
int pl_pool_parse_jobs(const char *s, unsigned *out);

/* Memory one job may need per byte of its input: reading, normalising,
 * the document and its rendering.  Measured: a 9.6 MB plan of target
 * lines peaks at 211 MB in `extract` (22 bytes per byte), and a finished
 * document may wait in the window while the next is read. */
#define PL_POOL_BYTES_PER_INPUT_BYTE 32

/* `jobs` for a run over these inputs, each read up to max_bytes:
 *  - "-" (standard input) named more than once must be read in order,
 *    since the first read takes all of it, so such a run is serial;
 *  - no more jobs than the available memory (pl_pool_available_memory)
 *    holds when each handles the largest input at once:
 *    min(max_bytes, its size; max_bytes for standard input or a file that
 *    cannot be sized) x PL_POOL_BYTES_PER_INPUT_BYTE;
 * *window_per_job (when not NULL): pl_pool_window_per_job of that largest
 * input (max_bytes for standard input or a file that cannot be sized);
 * otherwise `jobs` unchanged (at least 1).  *total_bytes (when not NULL)
 * is what the run may read in all: the sum of those sizes (SIZE_MAX when
 * it does not fit), for pl_run_input_bytes; *largest_bytes (when not NULL)
 * the largest size of a regular file among them (standard input and what
 * cannot be sized do not count), for cli_heap_bytes (heap.h). */
unsigned pl_pool_jobs_for(char *const *paths, size_t n, unsigned jobs, size_t max_bytes,
                          size_t *total_bytes, size_t *largest_bytes, size_t *window_per_job);

/* The memory available to this process in bytes (MemAvailable of
 * /proc/meminfo, or the free pages of sysconf where /proc is missing),
 * lowered to what is left under the cgroup v2 limit and under this
 * process's address-space and data limits (RLIMIT_AS, RLIMIT_DATA: what
 * `ulimit -v` and `ulimit -d` set), or 0 when unknown. */
unsigned long long pl_pool_available_memory(void);

/* Run job(ctx, i) for i in 0..n-1 on min(jobs, n) threads (the calling
 * thread and min(jobs, n) - 1 more), and emit(ctx, i, result) on the
 * calling thread in order of i, between its jobs, with at most
 * jobs * PL_POOL_WINDOW_PER_JOB results alive at once.  Returns when every
 * result is emitted. */
void pl_pool_run(size_t n, unsigned jobs, pl_pool_job job, pl_pool_emit emit, void *ctx);
/* The same with window_per_job results a job (pl_pool_window_per_job;
 * below PL_POOL_WINDOW_PER_JOB, that) instead of PL_POOL_WINDOW_PER_JOB. */
void pl_pool_run_window(size_t n, unsigned jobs, size_t window_per_job, pl_pool_job job,
                        pl_pool_emit emit, void *ctx);

#endif
