/* heap.h - the command line prepares its process's heap before the work.
 *
 * On the machines planlint is measured on, the first touch of a fresh
 * page of memory costs 8 to 12 us (a page fault); `check` of one 16 KB
 * plan in its own process took 229 faults, about 100 of them on the heap,
 * one at a time as it grew.  Populating pages in one call (madvise
 * MADV_POPULATE_WRITE) costs about 3.7 us a page there, and one 2 MB huge
 * page (transparent huge pages, madvise mode, the Debian default) about
 * 45 us in all.  So the heap starts on a huge page boundary and its first
 * huge pages are populated at once; where the kernel gives no huge page,
 * small pages are populated instead, as many as the run is expected to
 * use.  130 faults are left, most of them the dynamic loader's and the
 * program's own.  So a
 * command that reads plans calls
 *
 *   cli_heap_prepare(cli_heap_bytes(0));
 *
 * first thing in main, before anything is allocated (only then can the
 * heap be placed for huge pages), and again once the inputs are sized
 * (cli_heap_bytes(largest)): the second call only adds what the
 * first did not cover.  It also keeps the
 * allocator from handing freed memory back to the kernel after every file
 * and taking it back, faulting, for the next.
 *
 * This is the program's business, not the library's: it changes settings
 * of the whole process (mallopt).  It changes no output; where the C
 * library is not glibc or the kernel lacks MADV_POPULATE_WRITE (before
 * Linux 5.14) it does less or nothing, silently.
 */
#ifndef PL_CLI_HEAP_H
#define PL_CLI_HEAP_H

#include <stddef.h>

/* Heap a run needs before its first input: the built-in programmes and
 * rules, the patterns, the output's buffers.  Measured: `check` of a one
 * line plan peaks at 356 KB of heap, of a 16 KB plan at 490 KB; with this
 * much prepared both take the fewest faults. */
#define CLI_HEAP_BASE (512u * 1024u)

/* Heap per byte of input that a run touches: measured on plans of 64 KB to
 * 1 MB, `check` needs 8 and `extract` 12 to take no more faults than on a
 * one line plan. */
#define CLI_HEAP_PER_INPUT_BYTE 10u

/* Most heap prepared at once, whatever the input: past this a run is long
 * enough that its faults no longer show, and a corpus of many files reuses
 * one file's memory for the next. */
#define CLI_HEAP_CAP (8u * 1024u * 1024u)

/* Most of the program's zero-initialised data (.bss) populated at start:
 * its first CLI_HEAP_STATIC_CAP bytes.  planlint's is 66 KB of tables the
 * library fills on first use; a page populated and never used costs about
 * a third of a fault, so a .bss grown by large buffers that a run may not
 * touch (a program linking the library with its own) is not committed
 * whole at every start. */
#define CLI_HEAP_STATIC_CAP (256u * 1024u)

/* The heap to prepare for a run whose largest input is largest_input
 * bytes: CLI_HEAP_BASE plus CLI_HEAP_PER_INPUT_BYTE x largest_input, at
 * most CLI_HEAP_CAP (0 before the inputs are known: CLI_HEAP_BASE).
 * Inputs read one after another go through the same memory, so the
 * largest is what counts; with worker threads too, since the pool's
 * calling thread runs jobs of its own (cli/pool.h), the largest among
 * them as often as not.  Preparing only CLI_HEAP_BASE then, as before,
 * cost a run of six small plans and one of 1 MB at --jobs 2 about 1 400
 * page faults against 160 at --jobs 1 (issue 17). */
size_t cli_heap_bytes(size_t largest_input);

/* Make sure `bytes` of heap (rounded up to whole huge pages where they
 * are used) are mapped and touched, and that freed memory stays with the
 * process up to a bound.  The first call also fixes the
 * allocator's thresholds; later calls only add what earlier ones did not
 * prepare.  Never fails: when it cannot, the run just faults as before. */
void cli_heap_prepare(size_t bytes);

#endif
