/* heap.c - cli_heap_prepare (heap.h): grow the heap once, map its first
 * pages at once (huge pages where the kernel has them), and keep them.
 *
 * glibc's allocator grows the main heap with brk and, by default, hands
 * the top of the heap back (trims it) whenever more than 128 KB of it is
 * free, and serves any request above 128 KB with its own mmap; both hand
 * out pages the kernel maps only when first written, one fault each.
 * Here, once:
 *  - M_MMAP_THRESHOLD: requests up to CLI_HEAP_MMAP_THRESHOLD come from the
 *    heap (the block that grows it below is one such request);
 *  - M_TRIM_THRESHOLD: up to CLI_HEAP_TRIM_THRESHOLD of free memory stays
 *    with the process, in the main heap and in each worker thread's arena,
 *    so that a run over many files does not give a file's memory back to
 *    the kernel only to fault it in again for the next;
 * then the heap is grown to `bytes` from where it begins by allocating a
 * block from its top, the new pages are populated (MADV_HUGEPAGE and one
 * page's MADV_POPULATE_WRITE per huge page, else MADV_POPULATE_WRITE,
 * Linux 5.14) and the block is freed again: it stays at the top of the
 * heap, touched, for the run's first allocations.
 * Setting either threshold turns glibc's own adjustment of both off (by
 * default the mmap threshold rises to the size of each large block freed,
 * up to 32 MB, and the trim threshold to twice that); the values below
 * keep a large plan's peak memory where it was.
 *
 * The first call also maps the program's .bss, 32 KB of stack and the
 * program's read-only segments at once (populate_static).
 *
 * Only the main thread calls it, before the worker threads start.
 */
#define _GNU_SOURCE /* mallopt, madvise, mincore, sbrk; dl_iterate_phdr */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#if defined(__GLIBC__)
#include <link.h>
#include <malloc.h>
#include <sys/mman.h>
#endif

#include "heap.h"

/* Requests from the heap: up to CLI_HEAP_CAP and two huge pages, so that
 * the block that grows it comes from it.  Free memory kept: twice the cap.  Measured on
 * the 64 MB plan (bench/mem64.sh): these cost 1.5 MB of peak RSS over
 * glibc's defaults; an mmap threshold of 2 x CLI_HEAP_CAP with a trim
 * threshold of 4 x cost 11 MB (blocks of 8 to 16 MB then came from the
 * heap and stayed in it). */
#define CLI_HEAP_MMAP_THRESHOLD (CLI_HEAP_CAP + 4u * 1024u * 1024u)
#define CLI_HEAP_TRIM_THRESHOLD (2u * CLI_HEAP_CAP)

size_t cli_heap_bytes(size_t largest_input)
{
    size_t input_bytes = largest_input;
    size_t room = CLI_HEAP_CAP - CLI_HEAP_BASE;
    if (input_bytes >= room / CLI_HEAP_PER_INPUT_BYTE)
        return CLI_HEAP_CAP;
    return CLI_HEAP_BASE + CLI_HEAP_PER_INPUT_BYTE * input_bytes;
}

/* Not under AddressSanitizer: its allocator is not glibc's (it ignores
 * mallopt, and a freed block waits in its quarantine). */
#if defined(__SANITIZE_ADDRESS__)
#define CLI_HEAP_GLIBC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLI_HEAP_GLIBC 0
#endif
#endif
#ifndef CLI_HEAP_GLIBC
#if defined(__GLIBC__)
#define CLI_HEAP_GLIBC 1
#else
#define CLI_HEAP_GLIBC 0
#endif
#endif

#if CLI_HEAP_GLIBC && defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD) &&                  \
    defined(MADV_POPULATE_WRITE)

/* Huge pages need to know that nothing was allocated yet (mallinfo2,
 * glibc 2.33). */
#if defined(MADV_HUGEPAGE) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#define CLI_HEAP_HUGE_PAGES 1
#else
#define CLI_HEAP_HUGE_PAGES 0
#endif

/* A huge page (x86-64 and arm64 with 4 KB pages: one PMD). */
#define CLI_HEAP_HUGE ((uintptr_t)2 * 1024 * 1024)

/* Where the run's heap begins (the start of the top chunk after the first
 * call), how far from there it is populated, and whether huge pages are
 * worth trying. */
static uintptr_t heap_lo, populated;
static int started, huge_ok;

/* The program's zero-initialised data (.bss, 66 KB: tables the library
 * fills on first use) and the stack the run grows into are anonymous
 * pages too, each a fault when first written: 13 and 5 of a 16 KB plan's
 * check.  They are populated in one call each (a page that is never used
 * costs about a third of a fault), the .bss up to CLI_HEAP_STATIC_CAP.  __bss_start and _end are the GNU
 * linker's; where they are missing, or the range is not mapped as
 * expected, madvise fails and the pages fault in as before. */
extern char __bss_start[] __attribute__((weak));
extern char _end[] __attribute__((weak));

#define CLI_STACK_POPULATE ((uintptr_t)32 * 1024)

/* The program's read-only segments (code, constants, the prebuilt tables:
 * 1.7 MB) are file pages, mapped as they are first read, each fault mapping
 * the 16 pages around it: 17 faults of a 16 KB plan's check.  On the VM
 * measured (docs/PERFORMANCE.md, session 12) a fault costs 12 us and
 * mapping 256 cached pages at once about 30 us, so they are mapped in one
 * MADV_POPULATE_READ per segment (Linux 5.14; before, EINVAL and the pages
 * fault in as before).  The program only: the C library's code is 1.4 MB
 * for 9 faults, no gain. */
#ifdef MADV_POPULATE_READ
static int populate_program(struct dl_phdr_info *info, size_t size, void *data)
{
    uintptr_t page = *(const uintptr_t *)data;
    (void)size;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W) || ph->p_filesz == 0)
            continue;
        uintptr_t lo = (info->dlpi_addr + ph->p_vaddr) & ~(page - 1);
        uintptr_t hi = (info->dlpi_addr + ph->p_vaddr + ph->p_filesz + page - 1) & ~(page - 1);
        madvise((void *)lo, hi - lo, MADV_POPULATE_READ);
    }
    return 1; /* the first object is the program: stop there */
}
#endif

static void populate_static(uintptr_t page)
{
#ifdef MADV_POPULATE_READ
    dl_iterate_phdr(populate_program, &page);
#endif
    uintptr_t lo = (uintptr_t)__bss_start & ~(page - 1);
    uintptr_t hi = ((uintptr_t)_end + page - 1) & ~(page - 1);
    if (hi > lo && hi - lo > CLI_HEAP_STATIC_CAP)
        hi = lo + CLI_HEAP_STATIC_CAP;
    if (__bss_start && _end && hi > lo)
        madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
    /* the pages below this frame, within the stack the kernel mapped */
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0) & ~(page - 1);
    if (sp > CLI_STACK_POPULATE)
        madvise((void *)(sp - CLI_STACK_POPULATE), CLI_STACK_POPULATE, MADV_POPULATE_WRITE);
}

/* The first call: thresholds, and where the heap begins.  When nothing
 * was allocated yet (the command line calls this first thing), the break
 * is moved on to one page short of a huge page boundary, so that the heap
 * glibc then grows from there has its first chunk header in that page and
 * everything after it in aligned huge pages; the pages skipped are never
 * touched and cost nothing.  Otherwise the heap begins where the first
 * prepared block does (cli_heap_prepare) and gets small pages only. */
static void heap_start(uintptr_t page)
{
    mallopt(M_MMAP_THRESHOLD, CLI_HEAP_MMAP_THRESHOLD);
    mallopt(M_TRIM_THRESHOLD, CLI_HEAP_TRIM_THRESHOLD);
#if CLI_HEAP_HUGE_PAGES
    if (page != 4096 || mallinfo2().arena != 0)
        return;
    uintptr_t brk0 = (uintptr_t)sbrk(0);
    uintptr_t aligned = (brk0 + page + CLI_HEAP_HUGE - 1) & ~(CLI_HEAP_HUGE - 1);
    if (brk0 == (uintptr_t)-1 || sbrk((intptr_t)(aligned - page - brk0)) == (void *)-1)
        return;
    heap_lo = aligned - page;
    populated = aligned; /* the header page: glibc writes it */
    huge_ok = 1;
#else
    (void)page;
#endif
}

/* Huge pages for [lo, hi), both aligned, untouched and inside the heap:
 * how far they went (hi, or where the kernel gave small pages instead,
 * which are then not populated further). */
static uintptr_t populate_huge(uintptr_t lo, uintptr_t hi, uintptr_t page)
{
#if CLI_HEAP_HUGE_PAGES
    if (madvise((void *)lo, hi - lo, MADV_HUGEPAGE) != 0)
        return lo;
    for (; lo < hi; lo += CLI_HEAP_HUGE) {
        unsigned char in = 0;
        /* one page's fault maps the whole huge page if the kernel has one */
        if (madvise((void *)lo, page, MADV_POPULATE_WRITE) != 0 ||
            mincore((void *)(lo + CLI_HEAP_HUGE - page), page, &in) != 0 || !(in & 1))
            return lo;
    }
    return hi;
#else
    (void)hi;
    (void)page;
    return lo;
#endif
}

void cli_heap_prepare(size_t bytes)
{
    long pagesize = sysconf(_SC_PAGESIZE);
    if (pagesize <= 0 || bytes == 0)
        return;
    uintptr_t page = (uintptr_t)pagesize;
    if (bytes > CLI_HEAP_CAP)
        bytes = CLI_HEAP_CAP;
    if (!started) {
        started = 1;
        populate_static(page);
        heap_start(page);
    }
    if (!heap_lo) {
        /* no huge pages: the heap begins where this block does */
        void *volatile first = malloc(bytes);
        if (!first)
            return;
        heap_lo = populated = (uintptr_t)first & ~(page - 1);
        free(first);
    }
    uintptr_t want = (heap_lo + bytes) & ~(page - 1);
    if (populated >= want)
        return;
    /* A block from the top of the heap up to past the last huge page to
     * prepare: no free chunk is that large, so the heap grows (brk) to hold
     * it; glibc writes only its header (below `populated`) and the next
     * one's (past it).  Freed, it is where the next blocks come from.
     * volatile, or the compiler drops a malloc whose block is only freed. */
    uintptr_t end = (want + CLI_HEAP_HUGE - 1) & ~(CLI_HEAP_HUGE - 1);
    void *volatile block = malloc(end - heap_lo + page);
    if (!block)
        return;
    uintptr_t start = (uintptr_t)block, block_end = start + (end - heap_lo + page);
    if (huge_ok && start >= heap_lo && start <= populated &&
        (populated & (CLI_HEAP_HUGE - 1)) == 0) {
        populated = populate_huge(populated, end, page);
        if (populated < end)
            huge_ok = 0; /* no huge pages here: small ones from now on */
    }
    /* Small pages, never outside the block: below it the heap is in use
     * (touched already) when the block is its top, and not ours when it is
     * not (another allocator, as under valgrind, puts it elsewhere). */
    uintptr_t lo = (start + page - 1) & ~(page - 1), hi = block_end & ~(page - 1);
    lo = populated > lo ? populated : lo;
    hi = want < hi ? want : hi;
    if (hi > lo && madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE) == 0)
        populated = hi;
    /* else EINVAL before Linux 5.14: the pages fault in as they are used */
    free(block);
}

#else

void cli_heap_prepare(size_t bytes)
{
    (void)bytes;
}

#endif
