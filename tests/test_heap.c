/* test_heap.c - cli/heap.c: the heap the command line prepares.
 *
 *   - cli_heap_bytes: the fixed part before the inputs are known, the part
 *     per byte of the largest input, and never more than the cap (also on
 *     sizes that would overflow);
 *   - cli_heap_prepare: afterwards the prepared memory is handed out
 *     without page faults, freed memory is not handed back to the kernel
 *     (the break stays), memory from it reads as calloc promises, and a
 *     call asking for less, or for more than the cap, does no harm; the
 *     program's .bss and read-only segments are mapped with it.
 * The fault counts (getrusage's minor faults) need glibc and Linux 5.14's
 * MADV_POPULATE_WRITE; elsewhere cli_heap_prepare does nothing and those
 * tests are skipped.  Each Criterion test runs in a process of its own.
 */
#define _DEFAULT_SOURCE /* sbrk */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "heap.h"

/* ---- cli_heap_bytes ------------------------------------------------------ */

Test(heap_bytes, before_the_inputs_the_fixed_part)
{
    cr_assert_eq(cli_heap_bytes(0), CLI_HEAP_BASE);
}

/* Whatever --jobs says: the calling thread of the pool runs jobs too, the
 * largest input among them as often as not. */
Test(heap_bytes, a_run_grows_with_its_largest_input)
{
    cr_assert_eq(cli_heap_bytes(16354), CLI_HEAP_BASE + CLI_HEAP_PER_INPUT_BYTE * 16354);
    cr_assert_eq(cli_heap_bytes(4096), CLI_HEAP_BASE + CLI_HEAP_PER_INPUT_BYTE * 4096);
    cr_assert_eq(cli_heap_bytes(1), CLI_HEAP_BASE + CLI_HEAP_PER_INPUT_BYTE);
}

Test(heap_bytes, never_more_than_the_cap)
{
    size_t edge = (CLI_HEAP_CAP - CLI_HEAP_BASE) / CLI_HEAP_PER_INPUT_BYTE;
    cr_assert_leq(cli_heap_bytes(edge - 1), CLI_HEAP_CAP);
    cr_assert_eq(cli_heap_bytes(edge), CLI_HEAP_CAP);
    cr_assert_eq(cli_heap_bytes(64u << 20), CLI_HEAP_CAP);
    cr_assert_eq(cli_heap_bytes(SIZE_MAX), CLI_HEAP_CAP);
    cr_assert_eq(cli_heap_bytes(SIZE_MAX / CLI_HEAP_PER_INPUT_BYTE + 1), CLI_HEAP_CAP);
}

/* ---- cli_heap_prepare ---------------------------------------------------- */

static long minor_faults(void)
{
    struct rusage ru;
    cr_assert_eq(getrusage(RUSAGE_SELF, &ru), 0);
    return ru.ru_minflt;
}

/* Whether this kernel populates pages on request (Linux 5.14) and the
 * allocator is glibc's (not AddressSanitizer's). */
#if defined(__SANITIZE_ADDRESS__) /* GCC */
#define TEST_ASAN 1
#elif defined(__has_feature) /* Clang, as cli/heap.c asks */
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif

static int can_populate(void)
{
#if defined(TEST_ASAN)
    return 0;
#elif defined(__GLIBC__) && defined(MADV_POPULATE_WRITE)
    long page = sysconf(_SC_PAGESIZE);
    void *p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert_neq(p, MAP_FAILED);
    int ok = madvise(p, (size_t)page, MADV_POPULATE_WRITE) == 0;
    munmap(p, (size_t)page);
    return ok;
#else
    return 0;
#endif
}

/* Writes nblocks fresh blocks of `size` (at most 64); the faults that
 * took.  The blocks are freed after counting. */
static long faults_writing(size_t size, size_t nblocks)
{
    void *blocks[64];
    cr_assert_leq(nblocks, 64);
    long before = minor_faults();
    for (size_t i = 0; i < nblocks; i++) {
        blocks[i] = malloc(size);
        cr_assert_not_null(blocks[i]);
        memset(blocks[i], 0x5a, size);
    }
    long faults = minor_faults() - before;
    for (size_t i = 0; i < nblocks; i++)
        free(blocks[i]);
    return faults;
}

Test(heap_prepare, prepared_memory_is_handed_out_without_faults)
{
    if (!can_populate())
        cr_skip_test("no MADV_POPULATE_WRITE here (glibc and Linux 5.14 needed)");
    cli_heap_prepare(cli_heap_bytes(0));
    /* 256 KB in blocks of 16 KB: 64 pages, each a fault when not prepared */
    long f = faults_writing(16 * 1024, 16);
    cr_assert_lt(f, 8, "%ld faults writing 64 prepared pages", f);
}

/* The program's zero-initialised data is populated with the heap, up to
 * CLI_HEAP_STATIC_CAP: this binary's .bss holds the tables below (one
 * object, so that their order is kept): 32 pages at its start, each a
 * fault when first written in a new process, and 1 MB past the cap that
 * stays unpopulated.  (The stack below the caller is populated too, but
 * the test runner has touched its pages already.) */
static volatile struct {
    unsigned char first[32 * 4096];
    unsigned char beyond[1024 * 1024];
} zero_tables;

Test(heap_prepare, static_data_is_populated_too)
{
    if (!can_populate())
        cr_skip_test("no MADV_POPULATE_WRITE here (glibc and Linux 5.14 needed)");
    cli_heap_prepare(cli_heap_bytes(0));
    long before = minor_faults();
    for (size_t i = 0; i < sizeof zero_tables.first; i += 512)
        zero_tables.first[i] = 1;
    long f = minor_faults() - before;
    cr_assert_lt(f, 4, "%ld faults writing 32 pages of .bss", f);
}

Test(heap_prepare, static_data_is_populated_up_to_its_cap)
{
    if (!can_populate())
        cr_skip_test("no MADV_POPULATE_WRITE here (glibc and Linux 5.14 needed)");
    cli_heap_prepare(cli_heap_bytes(0));
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    uintptr_t lo = ((uintptr_t)&zero_tables + page - 1) & ~(uintptr_t)(page - 1);
    uintptr_t hi = ((uintptr_t)&zero_tables + sizeof zero_tables) & ~(uintptr_t)(page - 1);
    static unsigned char resident[(sizeof zero_tables) / 4096 + 1];
    cr_assert_leq((hi - lo) / page, sizeof resident);
    cr_assert_eq(mincore((void *)lo, hi - lo, resident), 0);
    size_t n = 0;
    for (size_t i = 0; i < (hi - lo) / page; i++)
        n += resident[i] & 1;
    cr_assert_geq(n, 32, "the first pages are populated");
    cr_assert_leq(n * page, CLI_HEAP_STATIC_CAP, "%zu pages of %zu resident", n, (hi - lo) / page);
}

/* And the program's read-only segments are mapped: this binary's .rodata
 * holds the table below, 64 pages of the file, 4 faults or more when first
 * read without it (the kernel maps up to 16 pages around each fault). */
static const unsigned char ro_table[64 * 4096] = {[0] = 1, [64 * 4096 - 1] = 1};

Test(heap_prepare, read_only_data_is_mapped_too)
{
    if (!can_populate())
        cr_skip_test("no MADV_POPULATE_WRITE here (glibc and Linux 5.14 needed)");
    cli_heap_prepare(cli_heap_bytes(0));
    const volatile unsigned char *ro = ro_table;
    unsigned sum = 0;
    long before = minor_faults();
    for (size_t i = 0; i < sizeof ro_table; i += 4096)
        sum += ro[i];
    long f = minor_faults() - before;
    cr_assert_eq(sum, 1);
    cr_assert_lt(f, 2, "%ld faults reading 64 pages of .rodata", f);
}

Test(heap_prepare, a_second_call_adds_what_the_first_did_not_cover)
{
    if (!can_populate())
        cr_skip_test("no MADV_POPULATE_WRITE here (glibc and Linux 5.14 needed)");
    cli_heap_prepare(cli_heap_bytes(0));
    cli_heap_prepare(cli_heap_bytes(0)); /* the same again: nothing to do */
    cli_heap_prepare(CLI_HEAP_BASE / 2);       /* less: nothing to do */
    cli_heap_prepare(cli_heap_bytes(200 * 1024));
    /* the first CLI_HEAP_BASE + 1.5 MB of heap: prepared */
    size_t n = CLI_HEAP_BASE + 1536 * 1024;
    long f = faults_writing(n / 64, 64);
    cr_assert_lt(f, 16, "%ld faults writing %zu prepared pages", f, n / 4096);
}

Test(heap_prepare, freed_memory_stays_with_the_process)
{
    if (!can_populate())
        cr_skip_test("not glibc's allocator on Linux 5.14");
    cli_heap_prepare(cli_heap_bytes(0));
    void *big = malloc(2 * 1024 * 1024); /* above glibc's default trim threshold */
    cr_assert_not_null(big);
    memset(big, 1, 2 * 1024 * 1024);
    void *brk_before = sbrk(0);
    free(big);
    cr_assert_eq(sbrk(0), brk_before, "the heap was trimmed after a free");
}

Test(heap_prepare, memory_reads_as_before)
{
    cli_heap_prepare(CLI_HEAP_CAP * 4); /* more than the cap: the cap */
    unsigned char *z = calloc(300 * 1024, 1);
    cr_assert_not_null(z);
    for (size_t i = 0; i < 300 * 1024; i++)
        cr_assert_eq(z[i], 0);
    unsigned char *m = malloc(64);
    cr_assert_not_null(m);
    memset(m, 7, 64);
    m = realloc(m, 1024 * 1024);
    cr_assert_not_null(m);
    for (size_t i = 0; i < 64; i++)
        cr_assert_eq(m[i], 7);
    free(m);
    free(z);
}

Test(heap_prepare, nothing_asked_nothing_done)
{
    cli_heap_prepare(0);
    void *p = malloc(100);
    cr_assert_not_null(p);
    free(p);
}
