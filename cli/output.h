/* output.h - where a command's output goes (`-o FILE` or standard output),
 * written so that nothing the user had is lost:
 *
 *  - `-o` naming one of the inputs (the same file by device and inode,
 *    whatever the path or symbolic link that leads to it) is refused
 *    before anything is read or written;
 *  - a regular file is written as a temporary file beside it and renamed
 *    over it only when every write, the flush and the close succeeded, so
 *    a failure leaves the old file (or none), never half a file;
 *  - anything else (a terminal, a pipe, /dev/null, /dev/full) is written
 *    in place, and its flush and close are checked like any write.
 *
 *   cli_output o;
 *   if (cli_output_open(&o, path, inputs, n) != 0) return EXIT_TROUBLE;
 *   ... write to o.fp ...
 *   if (cli_output_close(&o, ok) != 0) status = EXIT_TROUBLE;
 *
 * Errors are printed here, one line each ("planlint: OUT: reason").
 */
#ifndef PL_CLI_OUTPUT_H
#define PL_CLI_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include "planlint.h"
#include "say.h"

typedef struct cli_output {
    FILE *fp;         /* where to write */
    const char *path; /* `-o` as given; NULL for standard output */
    char *tmp;        /* the temporary file renamed to target, or NULL */
    char *target;     /* the file replaced: path with symbolic links resolved */
} cli_output;

/* Open `path` (NULL or "-": standard output) for the output of a run over
 * `inputs` (n paths as expanded, "-" = standard input).  0, or -1 with the
 * error printed (the output is one of the inputs, cannot be created). */
int cli_output_open(cli_output *o, const char *path, char *const *inputs, size_t n);

/* A write to the output failed (a writer returned -1): report it, once
 * per run, with errno's reason.  Returns -1. */
int cli_output_write_error(cli_output *o);

/* Finish the output: when `keep`, flush and close it and put it in place
 * (rename); otherwise (the run failed before writing all of it) remove
 * the temporary file.  Standard output is only flushed here (main closes
 * it, cli_stdout_close).  0, or -1 with the error printed. */
int cli_output_close(cli_output *o, int keep);

/* At exit: flush and close standard output and report a write error that
 * nothing reported yet ("planlint: standard output: No space left on
 * device").  Returns `status`, or 2 when writing failed. */
int cli_stdout_close(int status);

/* "planlint: NAME: note: NOTE" on stderr for pl_doc_note's note about
 * the input at path, in the chosen language (cli_library_text). */
void cli_report_note(const char *path, const char *note);
/* "planlint: MESSAGE" on stderr for an error the library reported, in the
 * chosen language (cli_library_error). */
void cli_report_error(const pl_error *err);
/* The same for an error already in the chosen language (said by
 * cli_library_error). */
void cli_report_said(const char *said);
/* "planlint: NAME: MESSAGE" on stderr: message id with a1 for {1}, about
 * the file at path (escaped as cli_name does; NULL: no name). */
void cli_report_file(const char *path, cli_msg id, const char *a1);

/* `name` (a path from the command line or a directory walk) as it may be
 * printed on a terminal: control characters and bytes that are not UTF-8
 * as "\xHH", so that a file name cannot start a new line or send an
 * escape sequence.  Written into buf (n bytes, cut on a character
 * boundary when longer); returns buf. */
const char *cli_name(const char *name, char *buf, size_t n);

/* The size of a cli_name buffer: a path and its escapes. */
#define CLI_NAME_MAX 1024

#endif
